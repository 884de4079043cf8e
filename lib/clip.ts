/** `text` cut to `max` characters at most, ending with "…" where it was cut (not with a space). */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

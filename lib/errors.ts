/** What went wrong, as a person reads it: the error's message, or what was thrown. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

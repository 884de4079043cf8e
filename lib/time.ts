/** Dates as the CM lives them: local calendar days. */

/** The local day of a timestamp, YYYY-MM-DD. */
export function localDayOf(t: number | Date): string {
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

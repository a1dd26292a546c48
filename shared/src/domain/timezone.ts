/** True when `tz` is an IANA time zone name the runtime knows (e.g. `Europe/Paris`, `UTC`). */
export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

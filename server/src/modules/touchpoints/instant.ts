import { ValidationError } from '../../errors';

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;

/**
 * An ISO instant from a validated request as a Date; 400 on `path` when it is outside years
 * 1900–9999 (well-formed, but nothing a CRM date can mean, and beyond what Postgres stores).
 */
export function toInstant(value: string, path: string): Date {
  const d = new Date(value);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < MIN_YEAR || year > MAX_YEAR) {
    throw ValidationError.field(path, `Must be a date between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  return d;
}

/** Messages per field, keyed by dot path (`email`, `referred.name`, `tags.3`). */
export type FieldErrors = Record<string, string>;

const isShown = (path: string, shown: readonly string[] | undefined) =>
  !!shown?.some((f) => path === f || path.startsWith(`${f}.`));

/**
 * The toast for a problem, or null when the form already shows every field error beside its
 * input. Field errors the form does not show are appended; a body-level error (path "") that
 * only repeats the detail is said once.
 */
export function problemToast(context: string, detail: string, fields: FieldErrors, shown?: readonly string[]): string | null {
  const paths = Object.keys(fields);
  if (shown !== undefined && paths.length > 0 && paths.every((p) => isShown(p, shown))) return null;
  const unshown = paths.filter((p) => !isShown(p, shown) && !(p === '' && fields[p] === detail));
  const extra = unshown.length ? ` (${unshown.map((p) => (p ? `${p}: ${fields[p]}` : fields[p])).join('; ')})` : '';
  return `${context}: ${detail}${extra}`;
}

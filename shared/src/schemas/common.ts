import { z } from 'zod';

export const Uuid = z.uuid();
/** ISO 8601 instant; responses always carry UTC `…Z` strings. */
export const IsoDateTime = z.iso.datetime({ offset: true });

/** RFC 9457 problem details as every error response carries them. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose();
export type Problem = z.infer<typeof ProblemSchema>;

export const LIMIT_MAX = 200;
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LIMIT_MAX).default(50),
  cursor: z.string().min(1).max(2000).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const IdParams = z.object({ id: Uuid });

/** Query-string booleans: only the literal words count. */
export const QueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Postgres text cannot hold U+0000: such input is a 400 on its field, not a database error. */
export const noNul = (s: string) => !s.includes('\u0000');
export const NO_NUL_MESSAGE = 'Must not contain NUL characters';

/** Optional text: trims, and an empty string clears the field (null). */
export function optionalText(max: number) {
  return z
    .string()
    .max(max)
    .refine(noNul, NO_NUL_MESSAGE)
    .transform((s) => (s.trim() === '' ? null : s.trim()))
    .nullable()
    .optional();
}

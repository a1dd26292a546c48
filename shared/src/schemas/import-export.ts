import { z } from 'zod';
import { Email } from './auth';
import { QueryBool } from './common';
import { Handles, LIMITS, SourceSchema, StageSchema } from './contacts';

/** At most this many planned rows come back with `?preview=`. */
export const IMPORT_PREVIEW_MAX = 50;

/**
 * `POST /import/contacts?dryRun=true|false` (default false). `preview=N` (beyond API.md, opt-in) adds
 * the file's format, its row count and the first N rows as they will be imported.
 */
export const ImportQuery = z.object({
  dryRun: QueryBool.default(false),
  preview: z.coerce.number().int().min(0).max(IMPORT_PREVIEW_MAX).default(0),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportRowErrorSchema = z.object({
  /** 1-based data row (header, preamble and blank rows excluded); for vCard, the card's position. */
  row: z.number().int().min(1),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const IMPORT_FORMATS = ['generic', 'linkedin', 'google', 'vcard'] as const;
export const ImportFormatSchema = z.enum(IMPORT_FORMATS);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** One row as the import writes it: the contact after the row applied (a match: after the merge). */
export const ImportPreviewRowSchema = z.object({
  row: z.number().int().min(1),
  action: z.enum(['create', 'update']),
  contact: z.object({
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    company: z.string().nullable(),
    title: z.string().nullable(),
    stage: StageSchema,
    tags: z.array(z.string()),
    source: SourceSchema,
    sourceDetail: z.string().nullable(),
  }),
});
export type ImportPreviewRow = z.infer<typeof ImportPreviewRowSchema>;

/** Every data row is counted once in `created`, `updated` or `skipped`; rows with errors are skipped. */
export const ImportReportSchema = z.object({
  created: z.number().int().min(0),
  updated: z.number().int().min(0),
  skipped: z.number().int().min(0),
  errors: z.array(ImportRowErrorSchema),
  /** Only with `?preview=N`: the format the file was read as. */
  format: ImportFormatSchema.optional(),
  /** Only with `?preview=N`: data rows (or cards) in the file. */
  rows: z.number().int().min(0).optional(),
  /** Only with `?preview=N`: the first N rows without errors, in file order. */
  preview: z.array(ImportPreviewRowSchema).optional(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

/** `GET /export/contacts.csv|.vcf?archived=true` — archived contacts are exported too only with `archived=true`. */
export const ExportQuery = z.object({ archived: QueryBool.optional() });
export type ExportQuery = z.infer<typeof ExportQuery>;

/** Columns of the generic CSV import; the CSV export writes these, then `id`, `handles`, `createdAt`. */
export const IMPORT_COLUMNS = ['name', 'email', 'phone', 'company', 'title', 'stage', 'tags', 'source', 'notes', 'value'] as const;
export const EXPORT_CSV_COLUMNS = [...IMPORT_COLUMNS, 'id', 'handles', 'createdAt'] as const;

/** Separator of the `tags` cell in the generic CSV (import and export). */
export const CSV_TAG_SEPARATOR = ';';

const optionalLimited = (max: number) => z.string().trim().min(1).max(max, `At most ${max} characters`).optional();

/**
 * One imported row after its format's columns were mapped to contact fields (all optional: an
 * update only overwrites what the file carries). Same limits as contacts (API.md "Limits").
 */
export const ImportedContactSchema = z
  .strictObject({
    name: optionalLimited(LIMITS.name),
    email: Email.optional(),
    phone: optionalLimited(LIMITS.phone),
    company: optionalLimited(LIMITS.company),
    title: optionalLimited(LIMITS.title),
    stage: StageSchema.optional(),
    tags: z
      .array(z.string().trim().min(1, 'Empty tag').max(LIMITS.tag, `A tag has at most ${LIMITS.tag} characters`))
      .max(LIMITS.tags, `At most ${LIMITS.tags} tags`)
      .transform((tags) => [...new Set(tags)])
      .optional(),
    handles: Handles.optional(),
    source: SourceSchema.optional(),
    sourceDetail: optionalLimited(LIMITS.sourceDetail),
    notes: optionalLimited(LIMITS.notes),
    value: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    createdAt: z.date().optional(),
  })
  .refine((c) => c.name !== undefined || c.email !== undefined, { message: 'A contact needs a name or an email' });
export type ImportedContact = z.infer<typeof ImportedContactSchema>;

import { ImportedContactSchema, SOURCES, STAGES, type ImportedContact } from '@rapport/shared';
import type { Source, Stage } from '@rapport/shared/domain/enums';

/**
 * One data row as a format reader (CSV, vCard) saw it: raw strings, not yet validated.
 * `row` is the 1-based data row (header, preamble and blank rows excluded; for vCard the card).
 */
export interface RawContact {
  name?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  company?: string;
  title?: string;
  stage?: string;
  tags?: string[];
  handles?: Record<string, string>;
  source?: string;
  sourceDetail?: string;
  notes?: string;
  value?: string;
  createdAt?: Date;
}

export type SourceRow = { row: number; raw: RawContact; error?: undefined } | { row: number; raw?: undefined; error: string };

/** A validated row: what the file says, plus whether its `source` was an explicit column. */
export interface ImportedRow {
  row: number;
  contact: ImportedContact;
  /** Source / sourceDetail given by the file itself (they overwrite on update), not the format's default. */
  explicit: { source: boolean; sourceDetail: boolean };
}

export type CheckedRow = ImportedRow | { row: number; error: string };

export interface FormatDefaults {
  source: Source;
  sourceDetail?: string;
}

const blank = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

function joinName(...parts: (string | undefined)[]): string | undefined {
  return blank(parts.map(blank).filter(Boolean).join(' '));
}

/** Minor units as a plain non-negative integer ("1250"); anything else is a row error. */
function parseValue(s: string): number | string {
  if (!/^\d+$/.test(s)) return `value: "${s.slice(0, 40)}" is not a whole number of minor units (e.g. 1250 for 12.50)`;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : 'value: too large';
}

/** Postgres text cannot hold U+0000; such a value would fail the whole batch's statement. */
function hasNul(raw: RawContact): boolean {
  const strings = Object.values(raw).flatMap((v): unknown[] =>
    Array.isArray(v) ? v : v && typeof v === 'object' && !(v instanceof Date) ? [...Object.keys(v), ...Object.values(v)] : [v],
  );
  return strings.some((s) => typeof s === 'string' && s.includes('\u0000'));
}

/** Checks one raw row against the contact rules (API.md "Limits"): a row error never throws. */
export function checkRow(input: SourceRow, defaults: FormatDefaults): CheckedRow {
  if (input.error !== undefined) return { row: input.row, error: input.error };
  const raw = input.raw;
  if (hasNul(raw)) return { row: input.row, error: 'The row contains a NUL character (is this a binary file?)' };
  const problems: string[] = [];

  const stageText = blank(raw.stage)?.toLowerCase();
  let stage: Stage | undefined;
  if (stageText !== undefined) {
    if ((STAGES as readonly string[]).includes(stageText)) stage = stageText as Stage;
    else problems.push(`stage: unknown stage "${stageText.slice(0, 40)}" (expected one of ${STAGES.join(', ')})`);
  }
  const sourceText = blank(raw.source)?.toLowerCase();
  let source: Source | undefined;
  if (sourceText !== undefined) {
    if ((SOURCES as readonly string[]).includes(sourceText)) source = sourceText as Source;
    else problems.push(`source: unknown source "${sourceText.slice(0, 40)}" (expected one of ${SOURCES.join(', ')})`);
  }
  let value: number | undefined;
  const valueText = blank(raw.value);
  if (valueText !== undefined) {
    const parsed = parseValue(valueText);
    if (typeof parsed === 'string') problems.push(parsed);
    else value = parsed;
  }
  const sourceDetail = blank(raw.sourceDetail);
  const explicit = { source: source !== undefined, sourceDetail: sourceDetail !== undefined };

  const candidate = {
    name: blank(raw.name) ?? joinName(raw.firstName, raw.middleName, raw.lastName),
    email: blank(raw.email),
    phone: blank(raw.phone),
    company: blank(raw.company),
    title: blank(raw.title),
    stage,
    tags: raw.tags?.map((t) => t.trim()).filter(Boolean),
    handles: raw.handles && Object.keys(raw.handles).length ? raw.handles : undefined,
    source: source ?? defaults.source,
    sourceDetail: sourceDetail ?? (explicit.source ? undefined : defaults.sourceDetail),
    notes: blank(raw.notes),
    value,
    createdAt: raw.createdAt,
  };
  if (candidate.tags?.length === 0) candidate.tags = undefined;
  const parsed = ImportedContactSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      problems.push(path ? `${path}: ${issue.message}` : issue.message);
    }
  }
  if (problems.length || !parsed.success) return { row: input.row, error: problems.join('; ') };
  return { row: input.row, contact: parsed.data, explicit };
}

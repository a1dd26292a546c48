import { parse } from 'csv-parse/sync';
import { parse as parseDate, isValid } from 'date-fns';
import { tz } from '@date-fns/tz';
import { CSV_TAG_SEPARATOR } from '@rapport/shared';
import { ValidationError } from '../../errors';
import type { FormatDefaults, RawContact, SourceRow } from './import-rows';

/**
 * Reads a contacts CSV: the generic format (API.md "Precise rules → Import"), a LinkedIn
 * "Connections" export (a "Notes:" preamble before its header) or a Google Contacts export (the
 * current `First Name,…,E-mail 1 - Value,…,Labels` and the older `Name,Given Name,…,Group
 * Membership` layouts). The format is told from the header; all of them go through one column map.
 */

type Field = keyof RawContact | 'handles.linkedin' | 'handlesJson' | 'ignore';
type TagStyle = 'semicolon' | 'google';

interface Column {
  index: number;
  normalized: string;
  field: Field;
  tagStyle?: TagStyle;
}

/** Header names compare without case, spaces, hyphens, underscores or dots ("E-mail 1 - Value" → "email1value"). */
export function normalizeHeader(h: string): string {
  return h.toLowerCase().replace(/[\s\-_.]+/g, '');
}

const ALIASES: Record<string, Field> = {
  name: 'name', fullname: 'name', displayname: 'name',
  firstname: 'firstName', givenname: 'firstName',
  middlename: 'middleName', additionalname: 'middleName',
  lastname: 'lastName', familyname: 'lastName', surname: 'lastName',
  company: 'company', companyname: 'company', organization: 'company', organisation: 'company',
  organizationname: 'company', organization1name: 'company',
  title: 'title', jobtitle: 'title', position: 'title', organizationtitle: 'title', organization1title: 'title',
  stage: 'stage',
  tags: 'tags', tag: 'tags', labels: 'tags', groupmembership: 'tags', categories: 'tags',
  source: 'source', sourcedetail: 'sourceDetail',
  notes: 'notes', note: 'notes',
  value: 'value',
  handles: 'handlesJson',
  url: 'handles.linkedin', linkedin: 'handles.linkedin', linkedinurl: 'handles.linkedin', profileurl: 'handles.linkedin',
  connectedon: 'createdAt', createdat: 'createdAt',
  id: 'ignore',
};

/** Google numbers repeated columns ("E-mail 2 - Value", "Phone 1 - Value"); their "- Label"/"- Type" siblings are not values. */
function fieldOf(normalized: string): Field | undefined {
  const alias = ALIASES[normalized];
  if (alias) return alias;
  if (/^e?mail(address)?\d*(value)?$/.test(normalized)) return 'email';
  if (/^(phone|mobile|telephone|tel)(number)?\d*(value)?$/.test(normalized) || normalized === 'mobilephone') return 'phone';
  return undefined;
}

const NAME_FIELDS = new Set<Field>(['name', 'firstName', 'lastName', 'email']);
/** A header row is found within this many leading records (LinkedIn's preamble has three). */
const MAX_PREAMBLE = 20;

interface Record_ {
  cells: string[];
  /** Set when csv-parse could not read this record (e.g. a quote never closed). */
  error?: string;
}

function readRecords(text: string, delimiter: string): Record_[] {
  const records: Record_[] = [];
  try {
    parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        records.push({ cells: [], error: `Unreadable CSV: ${err?.message ?? 'malformed record'}` });
      },
      on_record: (record: string[]) => {
        records.push({ cells: record });
        return null;
      },
    });
  } catch (err) {
    // csv-parse gave up on the rest of the file: keep what it read and report the rest as one row.
    records.push({ cells: [], error: `Unreadable CSV, the rest of the file was not read: ${(err as Error).message}` });
  }
  return records;
}

function findHeader(records: Record_[]): { at: number; columns: Column[] } | undefined {
  for (let at = 0; at < Math.min(records.length, MAX_PREAMBLE); at++) {
    const rec = records[at]!;
    if (rec.error) continue;
    const columns: Column[] = [];
    rec.cells.forEach((cell, index) => {
      const normalized = normalizeHeader(cell);
      const field = fieldOf(normalized);
      if (!field) return;
      const tagStyle: TagStyle | undefined =
        field !== 'tags' ? undefined : normalized === 'labels' || normalized === 'groupmembership' ? 'google' : 'semicolon';
      columns.push({ index, normalized, field, tagStyle });
    });
    if (columns.some((c) => NAME_FIELDS.has(c.field))) return { at, columns };
  }
  return undefined;
}

/** Google packs several values into one cell: "a@x.com ::: b@y.com". */
const GOOGLE_SEPARATOR = ':::';

function splitTags(cell: string, style: TagStyle): string[] {
  if (style === 'semicolon') return cell.split(CSV_TAG_SEPARATOR);
  // Google labels: "* myContacts ::: Friends" — "* …" entries are system groups, not the user's labels.
  return cell.split(GOOGLE_SEPARATOR).map((t) => t.trim()).filter((t) => t && !t.startsWith('*'));
}

const UTC = tz('UTC');
const DATE_FORMATS = ['d MMM yyyy', 'd-MMM-yy', 'MM/dd/yy', 'MM/dd/yyyy', 'yyyy-MM-dd'];

/** "Connected On" (`14 Mar 2024`) or an exported ISO `createdAt`; an unreadable or future date is ignored. */
function parseCreatedAt(cell: string, now: Date): Date | undefined {
  const iso = new Date(cell);
  let date: Date | undefined = /^\d{4}-\d{2}-\d{2}T/.test(cell) && isValid(iso) ? iso : undefined;
  for (const format of DATE_FORMATS) {
    if (date) break;
    const d = parseDate(cell, format, new Date(0), { in: UTC });
    if (isValid(d)) date = new Date(d.getTime());
  }
  return date && date.getTime() <= now.getTime() ? date : undefined;
}

function parseHandlesJson(cell: string): Record<string, string> | string {
  try {
    const value: unknown = JSON.parse(cell);
    if (value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')) {
      return value as Record<string, string>;
    }
  } catch {
    // reported below
  }
  return 'handles: expected a JSON object like {"linkedin":"https://…"}';
}

function toRaw(cells: string[], columns: Column[], now: Date): RawContact | string {
  const raw: RawContact = {};
  const handles: Record<string, string> = {};
  const tags: string[] = [];
  let hasTags = false;
  for (const { index, field, tagStyle } of columns) {
    const cell = cells[index]?.trim();
    if (!cell) continue;
    switch (field) {
      case 'ignore':
        break;
      case 'tags':
        hasTags = true;
        tags.push(...splitTags(cell, tagStyle ?? 'semicolon'));
        break;
      case 'handles.linkedin':
        handles.linkedin ??= cell;
        break;
      case 'handlesJson': {
        const parsed = parseHandlesJson(cell);
        if (typeof parsed === 'string') return parsed;
        for (const [k, v] of Object.entries(parsed)) handles[k] ??= v;
        break;
      }
      case 'createdAt':
        raw.createdAt ??= parseCreatedAt(cell, now);
        break;
      case 'email':
      case 'phone': {
        // The first non-empty of several columns, and the first of several values in one cell.
        raw[field] ??= cell.split(GOOGLE_SEPARATOR)[0]!.trim() || undefined;
        break;
      }
      case 'handles':
        break;
      default:
        raw[field] ??= cell;
    }
  }
  if (hasTags) raw.tags = tags;
  if (Object.keys(handles).length) raw.handles = handles;
  return raw;
}

export interface CsvFile {
  rows: SourceRow[];
  defaults: FormatDefaults;
  format: 'generic' | 'linkedin' | 'google';
}

export function readCsv(text: string, now = new Date()): CsvFile {
  let records: Record_[] = [];
  let header: ReturnType<typeof findHeader>;
  // Comma first; spreadsheet exports in some locales use semicolons or tabs.
  for (const delimiter of [',', ';', '\t']) {
    records = readRecords(text, delimiter);
    header = findHeader(records);
    if (header) break;
  }
  if (!header) {
    throw ValidationError.field('body', 'No header row found: expected columns such as name (or first name, last name) and email.');
  }
  const headerCells = records[header.at]!.cells;
  const normalized = new Set(headerCells.map(normalizeHeader));
  const format = normalized.has('connectedon') && normalized.has('url') ? 'linkedin'
    : [...normalized].some((h) => /^e?mail\d+value$/.test(h) || h === 'groupmembership' || h === 'labels') ? 'google'
    : 'generic';
  const defaults: FormatDefaults = format === 'linkedin' ? { source: 'social', sourceDetail: 'linkedin' } : { source: 'import' };
  // A bare "URL" column is the profile link only in LinkedIn's export; elsewhere it is some web page.
  const columns = format === 'linkedin' ? header.columns : header.columns.filter((c) => c.normalized !== 'url');

  const rows: SourceRow[] = [];
  let row = 0;
  for (const rec of records.slice(header.at + 1)) {
    if (rec.error) {
      rows.push({ row: ++row, error: rec.error });
      continue;
    }
    // A row of empty cells (",,,") is a blank line, not a data row.
    if (rec.cells.every((c) => c.trim() === '')) continue;
    row++;
    const extra = rec.cells.slice(headerCells.length);
    if (extra.some((c) => c.trim() !== '')) {
      rows.push({ row, error: `The row has ${rec.cells.length} columns but the header has ${headerCells.length}` });
      continue;
    }
    const raw = toRaw(rec.cells, columns, now);
    rows.push(typeof raw === 'string' ? { row, error: raw } : { row, raw });
  }
  return { rows, defaults, format };
}

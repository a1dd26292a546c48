import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { countsLine, decodeText, errorsCsv, fileProblem, fileSize, mediaTypeOf, newIdempotencyKey } from './import-file';

describe('mediaTypeOf', () => {
  it('tells vCard from the name or the content, CSV otherwise', () => {
    expect(mediaTypeOf('contacts.VCF', 'name\n')).toBe('text/vcard');
    expect(mediaTypeOf('card.vcard', '')).toBe('text/vcard');
    expect(mediaTypeOf('export', '\uFEFF BEGIN:VCARD\n')).toBe('text/vcard');
    expect(mediaTypeOf('contacts.csv', 'name,email\n')).toBe('text/csv');
    expect(mediaTypeOf('Connections.csv', 'Notes:\n"BEGIN:VCARD is not at the start"\n')).toBe('text/csv');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const utf8 = new TextEncoder().encode('name\nZoë Ångström\n');
    expect(decodeText(utf8)).toBe('name\nZoë Ångström\n');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('name\nZoë Ångström\n');
  });
  it('falls back to Windows-1252 for old Excel/Outlook exports that are not UTF-8', () => {
    // "Zoë Müller" in Windows-1252: ë = EB, ü = FC (invalid as UTF-8)
    const bytes = new Uint8Array([0x5a, 0x6f, 0xeb, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]);
    expect(decodeText(bytes)).toBe('Zoë Müller');
  });
  it('reads UTF-16 with a byte-order mark', () => {
    const le = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xeb, 0x00]);
    const be = new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00, 0xeb]);
    expect(decodeText(le)).toBe('Aë');
    expect(decodeText(be)).toBe('Aë');
  });
});

describe('helpers', () => {
  it('formats file sizes', () => {
    expect(fileSize(512)).toBe('512 B');
    expect(fileSize(12_400)).toBe('12.4 KB');
    expect(fileSize(1_250_000)).toBe('1.3 MB');
  });
  it('makes distinct idempotency keys', () => {
    const a = newIdempotencyKey();
    expect(a).not.toBe(newIdempotencyKey());
    expect(a.length).toBeGreaterThanOrEqual(32);
  });
  it('writes the errors as a CSV that reads back the same', () => {
    const errors = [{ row: 3, message: 'email: Invalid email, "x"' }];
    const parsed = Papa.parse<string[]>(errorsCsv(errors)).data;
    expect(parsed).toEqual([['row', 'message'], ['3', 'email: Invalid email, "x"']]);
  });
});

describe('fileProblem', () => {
  it('refuses empty files and files over 10 MB before uploading, and takes the rest', () => {
    expect(fileProblem({ name: 'a.csv', size: 0 })).toBe('a.csv is empty.');
    expect(fileProblem({ name: 'big.csv', size: 10 * 1024 * 1024 + 1 })).toMatch(/^big\.csv is 10\.5 MB; files up to 10 MB/);
    expect(fileProblem({ name: 'ok.csv', size: 10 * 1024 * 1024 })).toBeNull();
  });
});

describe('countsLine', () => {
  it('sums up an import with correct plurals, and names skipped rows only when there are some', () => {
    expect(countsLine({ created: 1, updated: 0, skipped: 0 })).toBe('1 contact created, 0 updated.');
    expect(countsLine({ created: 12000, updated: 3, skipped: 1 })).toBe('12,000 contacts created, 3 updated, 1 row skipped.');
    expect(countsLine({ created: 0, updated: 2, skipped: 5 })).toBe('0 contacts created, 2 updated, 5 rows skipped.');
  });
});

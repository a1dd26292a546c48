import ICAL from 'ical.js';
import { LIMITS } from '@rapport/shared';
import type { RawContact, SourceRow } from './import-rows';

/**
 * Reads vCards (RFC 6350 4.0, RFC 2426 3.0; 2.1 best effort) with ical.js, one card per data row.
 * Cards are parsed one at a time so that a broken card is that row's error, never the file's;
 * within a card, lines ical.js cannot read are dropped rather than failing the card.
 * Mapping (shared/fixtures/README.md): the first FN (else N), the preferred or first EMAIL and
 * TEL, ORG's first component, TITLE, CATEGORIES as tags, the first NOTE, X-SOCIALPROFILE and
 * social-network URLs as handles, and Rapport's own X-RAPPORT-STAGE/-SOURCE/-SOURCE-DETAIL/-VALUE.
 */

type Property = InstanceType<typeof ICAL.Property>;
type Component = InstanceType<typeof ICAL.Component>;

/** True when the body is vCard rather than CSV (it starts with BEGIN:VCARD, after any blank space). */
export function looksLikeVcard(text: string): boolean {
  return text.trimStart().slice(0, 11).toUpperCase() === 'BEGIN:VCARD';
}

/** Physical lines of each card, BEGIN:VCARD … END:VCARD (nested 2.1 AGENT cards stay inside their parent). */
function splitCards(text: string): string[][] {
  const cards: string[][] = [];
  let current: string[] | undefined;
  let depth = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    // A folded continuation starts with white space, so it is never mistaken for a marker line.
    const marker = line.trimEnd().toUpperCase();
    if (marker === 'BEGIN:VCARD') {
      if (depth === 0) current = [];
      depth++;
    }
    if (current) current.push(line);
    if (marker === 'END:VCARD' && depth > 0) {
      depth--;
      if (depth === 0 && current) {
        cards.push(current);
        current = undefined;
      }
    }
  }
  if (current) cards.push([...current, 'END:VCARD']); // an unterminated last card
  return cards;
}

/** RFC 6350 §3.2: a line starting with a space or tab continues the previous one. */
function unfold(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length) out[out.length - 1] += line.slice(1);
    else if (line.trim() !== '') out.push(line);
  }
  return out;
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    const hex = value.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  try {
    return new TextDecoder(charset).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/**
 * vCard 2.1 differs from 3.0 mostly in parameters: bare `TEL;WORK;VOICE:` types, and
 * QUOTED-PRINTABLE values with soft line breaks. Rewrites those into 3.0 so ical.js can read it.
 */
function from21(lines: string[]): string[] {
  const joined: string[] = [];
  for (const line of unfold(lines)) {
    const prev = joined[joined.length - 1];
    // A quoted-printable soft line break: "=" at the end continues onto the next line.
    if (prev !== undefined && prev.endsWith('=') && /QUOTED-PRINTABLE/i.test(prev.slice(0, prev.indexOf(':')))) {
      joined[joined.length - 1] = prev.slice(0, -1) + line;
    } else {
      joined.push(line);
    }
  }
  return joined.map((line) => {
    const colon = line.indexOf(':');
    if (colon < 0) return line;
    const [name, ...params] = line.slice(0, colon).split(';');
    let value = line.slice(colon + 1);
    const types: string[] = [];
    const kept: string[] = [];
    let quotedPrintable = false;
    let charset = 'utf-8';
    for (const param of params) {
      const eq = param.indexOf('=');
      const key = eq < 0 ? 'TYPE' : param.slice(0, eq).toUpperCase();
      const val = eq < 0 ? param : param.slice(eq + 1);
      if (key === 'TYPE') types.push(val);
      else if (key === 'ENCODING' && val.toUpperCase() === 'QUOTED-PRINTABLE') quotedPrintable = true;
      else if (key === 'ENCODING' && val.toUpperCase() === 'BASE64') kept.push('ENCODING=b');
      else if (key === 'CHARSET') charset = val;
      else kept.push(`${key}=${val}`);
    }
    if (quotedPrintable) value = decodeQuotedPrintable(value, charset);
    if (types.length) kept.unshift(`TYPE=${types.join(',')}`);
    return [name, ...kept].join(';') + ':' + value;
  });
}

function parseCard(lines: string[]): Component {
  const version = lines.find((l) => l.toUpperCase().startsWith('VERSION:'))?.slice(8).trim();
  const source = version === '2.1' ? from21(lines) : lines;
  try {
    const parsed = ICAL.parse(source.join('\r\n'));
    const jcard = Array.isArray(parsed[0]) ? parsed[0] : parsed;
    return new ICAL.Component(jcard as never);
  } catch {
    // Lenient pass: keep the properties ical.js can read, drop the lines it cannot.
    const design = ICAL.design.getDesignSet(version === '4.0' ? 'vcard' : 'vcard3');
    const props: unknown[] = [];
    for (const line of unfold(source)) {
      const marker = line.trim().toUpperCase();
      if (marker === 'BEGIN:VCARD' || marker === 'END:VCARD') continue;
      try {
        props.push(ICAL.parse.property(line, design));
      } catch {
        // an unreadable line: skipped
      }
    }
    return new ICAL.Component(['vcard', props, []] as never);
  }
}

function text(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return text(v[0]);
  const s = String(v).trim();
  return s || undefined;
}

function typesOf(p: Property): string[] {
  const t = p.getParameter('type');
  const list = Array.isArray(t) ? t : typeof t === 'string' ? t.split(',') : [];
  return list.map((x) => String(x).toLowerCase());
}

/** The property with the best PREF (4.0: `PREF=1` is the most preferred; 3.0: `TYPE=pref`), else the first. */
function preferred(props: Property[]): Property | undefined {
  let best: Property | undefined;
  let bestRank = Infinity;
  props.forEach((p, i) => {
    const pref = Number(p.getParameter('pref'));
    const rank = Number.isInteger(pref) && pref >= 1 ? pref : typesOf(p).includes('pref') ? 1 : 1000 + i;
    if (text(p.getFirstValue()) !== undefined && rank < bestRank) {
      best = p;
      bestRank = rank;
    }
  });
  return best;
}

function stripScheme(value: string | undefined, scheme: string): string | undefined {
  return value?.toLowerCase().startsWith(scheme) ? value.slice(scheme.length).trim() || undefined : value;
}

const PLATFORM_HOSTS: Record<string, string> = {
  'linkedin.com': 'linkedin', 'x.com': 'x', 'twitter.com': 'x', 'facebook.com': 'facebook',
  'instagram.com': 'instagram', 'youtube.com': 'youtube', 'github.com': 'github', 'tiktok.com': 'tiktok',
};

function platformOfUrl(url: string): string | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/^www\./, '');
    return Object.entries(PLATFORM_HOSTS).find(([h]) => host === h || host.endsWith(`.${h}`))?.[1];
  } catch {
    return undefined;
  }
}

function toRaw(card: Component): RawContact {
  const all = (name: string) => card.getAllProperties(name) as Property[];
  const first = (name: string) => text(all(name)[0]?.getFirstValue());
  const raw: RawContact = {};

  raw.name = first('fn');
  if (!raw.name) {
    // N = family; given; additional; prefix; suffix — a name reads "given additional family".
    const n = all('n')[0]?.getFirstValue();
    const parts = Array.isArray(n) ? n : [n];
    raw.firstName = text(parts[1]);
    raw.middleName = text(parts[2]);
    raw.lastName = text(parts[0]);
  }
  raw.email = stripScheme(text(preferred(all('email'))?.getFirstValue()), 'mailto:');
  raw.phone = stripScheme(text(preferred(all('tel'))?.getFirstValue()), 'tel:');
  raw.company = text(all('org')[0]?.getFirstValue());
  raw.title = first('title');
  raw.notes = first('note');

  const tags = all('categories').flatMap((p) => p.getValues().map((v) => text(v)).filter((v): v is string => !!v));
  if (tags.length) raw.tags = tags;

  const handles: Record<string, string> = {};
  for (const p of all('x-socialprofile')) {
    const value = text(p.getFirstValue());
    const platform = typesOf(p)[0] ?? (value ? platformOfUrl(value) : undefined);
    if (value && platform) handles[platform] ??= value;
  }
  for (const p of all('url')) {
    const value = text(p.getFirstValue());
    const platform = value ? platformOfUrl(value) : undefined;
    if (value && platform) handles[platform] ??= value;
  }
  // Handles are a bonus here: ones over the contact limits are left out rather than failing the card.
  const kept = Object.entries(handles).filter(([k, v]) => k.length <= 50 && v.length <= LIMITS.handle).slice(0, LIMITS.handles);
  if (kept.length) raw.handles = Object.fromEntries(kept);

  raw.stage = first('x-rapport-stage');
  raw.source = first('x-rapport-source');
  raw.sourceDetail = first('x-rapport-source-detail');
  raw.value = first('x-rapport-value');
  return raw;
}

export function readVcards(text: string): SourceRow[] {
  return splitCards(text).map((lines, i): SourceRow => {
    const row = i + 1;
    try {
      return { row, raw: toRaw(parseCard(lines)) };
    } catch (err) {
      return { row, error: `Unreadable vCard: ${(err as Error).message}` };
    }
  });
}

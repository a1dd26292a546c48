import ICAL from 'ical.js';
import type { ExportRow } from './import-export.repo';

type Property = InstanceType<typeof ICAL.Property>;

/** vCard escapes only LF (`\n`) in text: a CR would end the content line, so line breaks become LF. */
const lf = (s: string) => s.replace(/\r\n?/g, '\n');

function textProperty(name: string, value: string, params: Record<string, string> = {}): Property {
  // An explicit `text` type makes ical.js escape commas, semicolons and newlines (RFC 6350 §3.4).
  return new ICAL.Property([name, params, 'text', lf(value)] as never);
}

/**
 * One contact as a vCard 4.0 (RFC 6350), CRLF line ends and folded lines. Rapport's own fields
 * ride in X-RAPPORT-* properties so that importing the export keeps stage, source and value.
 */
export function toVcard(c: ExportRow): string {
  const card = new ICAL.Component('vcard');
  card.addProperty(textProperty('version', '4.0'));
  card.addProperty(textProperty('fn', c.name));
  // N is structured (family; given; …) and a contact has one name: the last word is taken as the family name.
  const words = c.name.trim().split(/\s+/);
  const family = words.length > 1 ? words.pop()! : '';
  const n = new ICAL.Property('n');
  n.setValue([lf(family), lf(words.join(' ')), '', '', ''] as never);
  card.addProperty(n);
  if (c.email) card.addProperty(textProperty('email', c.email));
  if (c.phone) card.addProperty(textProperty('tel', c.phone));
  if (c.company) {
    const org = new ICAL.Property('org');
    org.setValue([lf(c.company)] as never);
    card.addProperty(org);
  }
  if (c.title) card.addProperty(textProperty('title', c.title));
  // One CATEGORIES per tag (RFC 6350 allows several): ical.js splits a multi-value list at "\\," too,
  // so a tag ending in a backslash would run into the next one.
  for (const tag of c.tags) card.addProperty(textProperty('categories', tag));
  if (c.notes) card.addProperty(textProperty('note', c.notes));
  for (const [platform, handle] of Object.entries(c.handles)) {
    card.addProperty(textProperty('x-socialprofile', handle, { type: platform }));
  }
  card.addProperty(textProperty('uid', `urn:uuid:${c.id}`));
  card.addProperty(textProperty('x-rapport-stage', c.stage));
  card.addProperty(textProperty('x-rapport-source', c.source));
  if (c.sourceDetail) card.addProperty(textProperty('x-rapport-source-detail', c.sourceDetail));
  if (c.value !== null) card.addProperty(textProperty('x-rapport-value', String(c.value)));
  return `${card.toString()}\r\n`;
}

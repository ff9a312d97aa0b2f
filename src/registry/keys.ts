// Where each record lives in Sync: which Map, under which key. Pure.
//
// Sync allows about 20 writes per second per Map, so records are spread over SHARDS Maps of each
// kind, chosen by a hash of what is looked up (the SID, the recipient, the tag, the series, the
// idempotency key). Keys are built so that everything one listing needs is one contiguous range
// of keys in one Map, in send-time order: a listing reads only the matching records.
//
//   sched.sid.X     SID                                  the record itself, found by its SID
//   sched.to.X      <recipient>~<sendAt>~<SID>           a copy, listed by recipient
//   sched.tag.X     <tag>~<recipient>~<sendAt>~<SID>     a copy, listed by tag (and tag+recipient)
//   sched.series.X  <series>~<sendAt>~<SID>              a copy, listed by series
//   sched.idem.X    sha256(idempotency key)              a reserved key and its first answer
//   sched.def.X     <series>                             a series: its plan (registry/series.ts)
//   sched.arm.X     <series>~<index>                     an occurrence claimed, then its SID
//   sched.plans.X   to~<recipient>~<series>              the series plans of a recipient, and
//                   tag~<tag>~<series>                   of a tag (STOP and cancel by tag stop them)
//   sched.slot.X    <tag>~<recipient>                    one replace at a time, and its last SID
//   sched.scan.X    <recipient>                          where a STOP left off in Twilio's list
//   sched.appt.X    <tag>                                an appointment (registry/appointments.ts)
//                   to~<recipient>~<at>~<tag>            the appointments of a recipient, by time
//
// `~` appears in no tag, number or SID, and sendAt (`2026-12-01T14:00:00Z`) sorts as time does.
// Keys go into URL paths unencoded (twilio-node refuses `/` and `?`): a recipient is written as
// its channel and digits, `15551234567` or `wa15551234567`.
import { sha256 } from '../core/digest';

export const SHARDS = 16;

export type MapKind =
  | 'sid'
  | 'to'
  | 'tag'
  | 'series'
  | 'idem'
  | 'def'
  | 'arm'
  | 'plans'
  | 'slot'
  | 'scan'
  | 'appt';

/** FNV-1a: a cheap, stable spread of short strings over the shards. */
function shardOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % SHARDS).toString(16);
}

export const mapName = (kind: MapKind, lookedUp: string): string =>
  `sched.${kind}.${shardOf(lookedUp)}`;

/** Every Map of a kind, for reading all of them (the console's lists). */
export const allMapsOf = (kind: MapKind): string[] =>
  Array.from({ length: SHARDS }, (_, i) => `sched.${kind}.${i.toString(16)}`);

/** `15551234567` for `+15551234567`, `wa15551234567` for `whatsapp:+15551234567`. */
export const recipientKey = (to: string): string =>
  `${to.startsWith('whatsapp:') ? 'wa' : ''}${to.replace(/\D/g, '')}`;

const SEP = '~';

export interface Keyed {
  sid: string;
  to: string;
  sendAt: string;
  tag?: string | undefined;
  series?: string | undefined;
}

/** Every (Map, key) a record is written under. */
export function placesOf(record: Keyed): { map: string; key: string }[] {
  const to = recipientKey(record.to);
  const places = [
    { map: mapName('sid', record.sid), key: record.sid },
    { map: mapName('to', to), key: [to, record.sendAt, record.sid].join(SEP) },
  ];
  if (record.tag !== undefined) {
    places.push({
      map: mapName('tag', record.tag),
      key: [record.tag, to, record.sendAt, record.sid].join(SEP),
    });
  }
  if (record.series !== undefined) {
    places.push({
      map: mapName('series', record.series),
      key: [record.series, record.sendAt, record.sid].join(SEP),
    });
  }
  return places;
}

/** A listing: the Map, the prefix of its range, and the first key worth reading. */
export interface Range {
  map: string;
  prefix: string;
  from: string;
}

/** Upcoming records by recipient, tag (optionally for one recipient) or series, from `fromIso`. */
export function rangeOf(
  by: { to: string } | { tag: string; to?: string } | { series: string },
  fromIso: string,
): Range {
  if ('series' in by) {
    const prefix = `${by.series}${SEP}`;
    return { map: mapName('series', by.series), prefix, from: prefix + fromIso };
  }
  if ('tag' in by) {
    const prefix =
      by.to === undefined ? `${by.tag}${SEP}` : `${by.tag}${SEP}${recipientKey(by.to)}${SEP}`;
    // Across recipients the keys are not in time order: read the tag's whole range.
    return {
      map: mapName('tag', by.tag),
      prefix,
      from: by.to === undefined ? prefix : prefix + fromIso,
    };
  }
  const to = recipientKey(by.to);
  const prefix = `${to}${SEP}`;
  return { map: mapName('to', to), prefix, from: prefix + fromIso };
}

/** An idempotency key as stored: its hash (any printable text fits, and none is echoed). */
export function idempotencyPlace(key: string): { map: string; key: string } {
  const hashed = sha256(key, 'hex');
  return { map: mapName('idem', hashed), key: hashed };
}

/** Where the series plans of a recipient or a tag are listed: one place each, one range each. */
export function planIndexOf(by: { to: string } | { tag: string }): { map: string; prefix: string } {
  if ('tag' in by)
    return { map: mapName('plans', `tag${SEP}${by.tag}`), prefix: `tag${SEP}${by.tag}${SEP}` };
  const to = recipientKey(by.to);
  return { map: mapName('plans', `to${SEP}${to}`), prefix: `to${SEP}${to}${SEP}` };
}

/** The replace slot of a recipient and tag. */
export function slotPlace(tag: string, to: string): { map: string; key: string } {
  const key = [tag, recipientKey(to)].join(SEP);
  return { map: mapName('slot', key), key };
}

// /scheduled-messages input: exactly one of a recipient, a tag or a series.
import { ok, type Result, refuse } from '../core/errors';
import { type Event, readText } from './event-fields';
import { type Recipient, readOptionalRecipient } from './recipient';
import { readLabel } from './registry-options';

export type ListTarget = (
  | { kind: 'to'; to: Recipient }
  | { kind: 'tag'; tag: string }
  | { kind: 'series'; series: string }
) & {
  /** Where an earlier answer stopped (its `cursor`): a registry key, decoded. */
  after?: string;
};

const CURSOR = /^[A-Za-z0-9_-]{1,600}$/;

function readCursor(event: Event): Result<string | undefined> {
  const raw = readText(event, ['cursor'], 'INVALID_CURSOR');
  if (!raw.ok || raw.value === undefined) return raw;
  const text = raw.value.trim();
  const key = CURSOR.test(text) ? Buffer.from(text, 'base64url').toString('utf8') : '';
  // A key the registry writes: printable, no separator-free garbage.
  if (!/^[\x21-\x7E]{1,320}$/.test(key)) {
    return refuse('INVALID_CURSOR', 'cursor');
  }
  return ok(key);
}

/** An answer's `cursor`: the registry key to continue from, opaque to the caller. */
export const cursorOf = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

export function parseListTarget(event: Event): Result<ListTarget> {
  const to = readOptionalRecipient(event);
  if (!to.ok) return to;
  const tag = readLabel(event, 'tag');
  if (!tag.ok) return tag;
  const series = readLabel(event, 'series');
  if (!series.ok) return series;
  const given = [to.value, tag.value, series.value].filter((v) => v !== undefined).length;
  if (given > 1) {
    return refuse('CONFLICTING_TARGET', 'to', { variant: 'list' });
  }
  const cursor = readCursor(event);
  if (!cursor.ok) return cursor;
  const after = cursor.value === undefined ? {} : { after: cursor.value };
  if (tag.value !== undefined) return ok({ kind: 'tag', tag: tag.value, ...after });
  if (series.value !== undefined) return ok({ kind: 'series', series: series.value, ...after });
  if (to.value !== undefined) return ok({ kind: 'to', to: to.value, ...after });
  return refuse('MISSING_TO', 'to', { variant: 'list' });
}

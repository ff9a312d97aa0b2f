// /scheduled-messages input: exactly one of a recipient, a tag or a series.
import { fail, ok, type Result } from '../core/errors';
import type { Event } from './event-fields';
import { type Recipient, readOptionalRecipient } from './recipient';
import { readLabel } from './registry-options';

export type ListTarget =
  | { kind: 'to'; to: Recipient }
  | { kind: 'tag'; tag: string }
  | { kind: 'series'; series: string };

export function parseListTarget(event: Event): Result<ListTarget> {
  const to = readOptionalRecipient(event);
  if (!to.ok) return to;
  const tag = readLabel(event, 'tag');
  if (!tag.ok) return tag;
  const series = readLabel(event, 'series');
  if (!series.ok) return series;
  const given = [to.value, tag.value, series.value].filter((v) => v !== undefined).length;
  if (given > 1) {
    return fail(
      'CONFLICTING_TARGET',
      'Sorry, that request could not be handled.',
      'to',
      'Give only one of to, tag and series.',
    );
  }
  if (tag.value !== undefined) return ok({ kind: 'tag', tag: tag.value });
  if (series.value !== undefined) return ok({ kind: 'series', series: series.value });
  if (to.value !== undefined) return ok({ kind: 'to', to: to.value });
  return fail(
    'MISSING_TO',
    'Sorry, that request could not be handled.',
    'to',
    'Give the recipient in "to" (or a tag or series to list by).',
  );
}

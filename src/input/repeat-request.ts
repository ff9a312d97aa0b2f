// `repeat`, `count` and `until` as the request gives them. Read as text here; the rule is parsed
// against the zone and the clock (src/time/repeat-parse.ts) once the send time's zone is known.
import { ok, type Result, refuse } from '../core/errors';
import type { RepeatInput } from '../time/repeat-rule';
import { type Event, readText } from './event-fields';

export function readRepeat(event: Event): Result<RepeatInput | undefined> {
  const repeat = readText(event, ['repeat'], 'INVALID_REPEAT');
  if (!repeat.ok) return repeat;
  const count = readText(event, ['count'], 'INVALID_REPEAT');
  if (!count.ok) return count;
  const until = readText(event, ['until'], 'INVALID_REPEAT');
  if (!until.ok) return until;
  if (repeat.value === undefined) {
    if (count.value === undefined && until.value === undefined) return ok(undefined);
    return refuse('INVALID_REPEAT', count.value !== undefined ? 'count' : 'until');
  }
  return ok({
    repeat: repeat.value.trim(),
    count: count.value?.trim(),
    until: until.value?.trim(),
  });
}

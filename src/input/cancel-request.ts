// /cancel-message input: exactly one target (a message SID, or a recipient; v2 adds a tag and a
// series). Cancelling is the one place "blank counts as absent" does not hold for `sid`: a flow
// that passes `sid={{flow.variables.sid}}` with an unset variable must get MISSING_SID, never a
// fall-through to cancelling everything sent to `to`.
import { type ErrorCode, ok, type Result, refuse } from '../core/errors';
import { isSid, MESSAGE_SID_PREFIXES } from '../core/sid';
import { type Event, readText } from './event-fields';
import { parseRecipient, type Recipient } from './recipient';
import { parseLabel } from './registry-options';

export type CancelTarget =
  | { kind: 'sid'; sid: string }
  | { kind: 'to'; to: Recipient }
  | { kind: 'tag'; tag: string }
  | { kind: 'series'; series: string };

/** One way of naming what to cancel. A new target (tag, series) is one more entry in TARGETS. */
interface TargetReader {
  /** The parameter, then its aliases: the first is the one named in errors. */
  names: readonly [string, ...string[]];
  /** Present-but-blank is this error instead of "absent" (a cancel target that must not fall through). */
  blankIs?: ErrorCode;
  invalid: ErrorCode;
  conflict?: ErrorCode;
  parse(value: string): Result<CancelTarget>;
}

function parseSidTarget(raw: string): Result<CancelTarget> {
  const sid = raw.trim();
  if (isSid(MESSAGE_SID_PREFIXES, sid)) return ok({ kind: 'sid', sid });
  return refuse('INVALID_SID', 'sid');
}

function parseToTarget(raw: string): Result<CancelTarget> {
  const recipient = parseRecipient(raw);
  return recipient.ok ? ok({ kind: 'to', to: recipient.value }) : recipient;
}

const TARGETS: readonly TargetReader[] = [
  { names: ['sid'], blankIs: 'MISSING_SID', invalid: 'INVALID_SID', parse: parseSidTarget },
  {
    names: ['to', 'number'],
    invalid: 'INVALID_TO',
    conflict: 'CONFLICTING_TO',
    parse: parseToTarget,
  },
  // A blank tag or series must not fall through to `to` either: that would cancel everything.
  {
    names: ['tag'],
    blankIs: 'MISSING_TARGET',
    invalid: 'INVALID_TAG',
    parse: (raw) => {
      const tag = parseLabel(raw, 'tag');
      return tag.ok ? ok({ kind: 'tag', tag: tag.value }) : tag;
    },
  },
  {
    names: ['series'],
    blankIs: 'MISSING_TARGET',
    invalid: 'INVALID_SERIES',
    parse: (raw) => {
      const series = parseLabel(raw, 'series');
      return series.ok ? ok({ kind: 'series', series: series.value }) : series;
    },
  },
];

/** True when the event has the key at all, whatever its value (blank, null, an empty list). */
const hasKey = (event: Event, names: readonly string[]): boolean =>
  names.some((name) => Object.hasOwn(event, name));

const targetNames = () => TARGETS.map((t) => `"${t.names[0]}"`).join(', ');

export function parseCancelTarget(event: Event): Result<CancelTarget> {
  const given: { reader: TargetReader; value: string }[] = [];
  for (const reader of TARGETS) {
    const read = readText(
      event,
      reader.names,
      reader.invalid,
      reader.conflict ? { conflict: reader.conflict } : {},
    );
    if (!read.ok) return read;
    if (read.value !== undefined) given.push({ reader, value: read.value });
    else if (reader.blankIs !== undefined && hasKey(event, reader.names)) {
      // Checked before any conflict: whatever else came with it, nothing is canceled.
      return refuse(reader.blankIs, reader.names[0], { variant: 'blank' });
    }
  }
  const [first, second] = given;
  if (second !== undefined && first !== undefined) {
    return refuse('CONFLICTING_TARGET', first.reader.names[0], {
      targets: targetNames(),
      first: first.reader.names[0],
      second: second.reader.names[0],
    });
  }
  if (first === undefined) {
    return refuse('MISSING_TARGET', TARGETS[0]?.names[0], { targets: targetNames() });
  }
  return first.reader.parse(first.value);
}

// Reading raw values out of a Functions `event`. Studio sends form-encoded strings, other callers
// send JSON (numbers, arrays, objects), and a repeated form key arrives as an array.

import type { ParameterDeclaration } from '../contract/declaration';
import { type ErrorCode, ok, type Result, refuse } from '../core/errors';
import { isBlank } from '../core/text';

export type Event = Readonly<Record<string, unknown>>;

export interface ReadTextOptions {
  /** Given when `names` holds aliases: both given with different values is this error. */
  conflict?: ErrorCode;
  /** Only text counts: a JSON number or boolean is an error (a message body is never `42`). */
  textOnly?: boolean;
}

function readOne(
  event: Event,
  name: string,
  code: ErrorCode,
  textOnly: boolean,
): Result<string | undefined> {
  let value = event[name];
  if (Array.isArray(value) && value.length === 1) value = value[0];
  if (value === undefined || value === null) return ok(undefined);
  if (typeof value === 'string') return ok(isBlank(value) ? undefined : value);
  if ((typeof value === 'number' || typeof value === 'boolean') && !textOnly) {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      return refuse(code, name, { variant: 'wrongKind', expected: 'a finite number' });
    }
    return ok(String(value));
  }
  if (Array.isArray(value) && value.length === 0) return ok(undefined);
  const expected = textOnly
    ? 'text (not a number, true/false, list or object)'
    : 'a single text value, not a list or an object';
  return refuse(code, name, { variant: 'wrongKind', expected });
}

/**
 * The first of `names` that holds a non-blank single value, as a string (numbers and booleans
 * are stringified unless `textOnly`). `names` lists the parameter before its alias, so the name
 * wins; with `conflict`, a name and an alias given different values is that error. An empty or
 * white-space-only value counts as absent; an object or a list of several values is an error.
 */
export function readText(
  event: Event,
  names: readonly [string, ...string[]],
  code: ErrorCode,
  options: ReadTextOptions = {},
): Result<string | undefined> {
  let found: { name: string; value: string } | undefined;
  for (const name of names) {
    const read = readOne(event, name, code, options.textOnly ?? false);
    if (!read.ok) return read;
    if (read.value === undefined) continue;
    if (found === undefined) {
      found = { name, value: read.value };
      if (options.conflict === undefined) break;
    } else if (read.value.trim() !== found.value.trim()) {
      // Which one was meant can't be known: a flow that sets both must not get a silent pick.
      return refuse(options.conflict ?? code, found.name, { variant: 'conflict', alias: name });
    }
  }
  return ok(found?.value);
}

/** A declared parameter's value, read as its declaration says (names, aliases, conflict, shape). */
export function readParameter(
  event: Event,
  parameter: ParameterDeclaration,
): Result<string | undefined> {
  const options: ReadTextOptions = { textOnly: parameter.shape === 'textOnly' };
  if (parameter.conflict !== undefined) options.conflict = parameter.conflict;
  return readText(event, parameter.names, parameter.invalid ?? 'NO_FIELDS', options);
}

/**
 * A list parameter: an array (JSON, or a repeated form key), each entry taken whole, or one
 * comma-separated string. Blank entries are dropped.
 */
export function readList(event: Event, parameter: ParameterDeclaration): Result<string[]> {
  const [name] = parameter.names;
  const code = parameter.invalid ?? 'NO_FIELDS';
  const value = event[name];
  if (value === undefined || value === null) return ok([]);
  const items = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(',')
      : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      return refuse(code, name, { variant: 'wrongKindItem' });
    }
    const trimmed = item.trim();
    if (trimmed !== '') out.push(trimmed);
  }
  return ok(out);
}

/**
 * Keys the runtime puts into every `event` (`request`: headers and cookies), and the numeric keys
 * a JSON array body is spread into: none of them is a parameter.
 */
const isParameterKey = (key: string): boolean => key !== 'request' && !/^\d+$/.test(key);

/**
 * NO_FIELDS when the request holds no named field at all: a JSON array, a text/plain or empty
 * body. Said as such, rather than as the first missing parameter (MISSING_TO).
 */
export function requireFields(event: Event): Result<void> {
  if (Object.keys(event).some(isParameterKey)) return ok(undefined);
  return refuse('NO_FIELDS');
}

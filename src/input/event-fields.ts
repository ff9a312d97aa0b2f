// Reading raw values out of a Functions `event`. Studio sends form-encoded strings, other callers
// send JSON (numbers, arrays, objects), and a repeated form key arrives as an array.
import { type ErrorCode, fail, ok, type Result } from '../core/errors';
import { isBlank } from '../core/text';

export type Event = Readonly<Record<string, unknown>>;

/**
 * The first of `names` that holds a non-blank single value, as a string (numbers and booleans
 * are stringified). `names` lists the parameter before its alias, so the name wins. An empty or
 * white-space-only value counts as absent; an object or a list of several values is an error.
 */
export function readText(
  event: Event,
  names: readonly [string, ...string[]],
  code: ErrorCode,
): Result<string | undefined> {
  for (const name of names) {
    let value = event[name];
    if (Array.isArray(value) && value.length === 1) value = value[0];
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' || typeof value === 'boolean') {
      if (typeof value === 'number' && !Number.isFinite(value)) {
        return fail(code, `"${name}" must be a finite number.`, name);
      }
      return ok(String(value));
    }
    if (typeof value === 'string') {
      if (isBlank(value)) continue;
      return ok(value);
    }
    if (Array.isArray(value) && value.length === 0) continue;
    return fail(code, `"${name}" must be a single text value.`, name);
  }
  return ok(undefined);
}

/**
 * A list parameter: an array (JSON, or a repeated form key), each entry taken whole, or one
 * comma-separated string. Blank entries are dropped.
 */
export function readList(event: Event, name: string, code: ErrorCode): Result<string[]> {
  const value = event[name];
  if (value === undefined || value === null) return ok([]);
  const items = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(',')
      : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') return fail(code, `"${name}" must be text.`, name);
    const trimmed = item.trim();
    if (trimmed !== '') out.push(trimmed);
  }
  return ok(out);
}

// What a /schedule-message request asks of the registry: an idempotency key, a tag, and whether
// to replace the recipient's other messages with that tag. Also the label readers that listing
// and cancelling share (`tag`, `series`).
import { ok, type Result, refuse } from '../core/errors';
import { type Event, readText } from './event-fields';

export interface RegistryOptions {
  idempotencyKey?: string;
  tag?: string;
  replace: boolean;
}

/**
 * Any text without control characters, 1 to 128 characters (code points: an emoji is one), and
 * well-formed Unicode: a lone surrogate has no UTF-8 form, so two keys differing only by one
 * would hash alike. A key is compared as it is, and never shown back.
 */
const KEY_MAX = 128;
const CONTROL = /\p{Cc}/u;
const isKeyText = (key: string): boolean => {
  if (!key.isWellFormed() || CONTROL.test(key)) return false;
  const length = [...key].length;
  return length >= 1 && length <= KEY_MAX;
};
/** A tag or series label: short, and safe in a Sync key and a URL. */
const LABEL = /^[A-Za-z0-9_.:-]{1,64}$/;

export function readLabel(event: Event, name: 'tag' | 'series'): Result<string | undefined> {
  const raw = readText(event, [name], name === 'tag' ? 'INVALID_TAG' : 'INVALID_SERIES');
  if (!raw.ok) return raw;
  return raw.value === undefined ? ok(undefined) : parseLabel(raw.value, name);
}

/** A tag or series label, checked. */
export function parseLabel(raw: string, name: 'tag' | 'series'): Result<string> {
  const code = name === 'tag' ? 'INVALID_TAG' : 'INVALID_SERIES';
  const label = raw.trim();
  if (!LABEL.test(label)) {
    return refuse(code, name);
  }
  return ok(label);
}

function readIdempotencyKey(event: Event): Result<string | undefined> {
  const raw = readText(event, ['idempotencyKey'], 'INVALID_IDEMPOTENCY_KEY');
  if (!raw.ok) return raw;
  if (raw.value === undefined) return ok(undefined);
  const key = raw.value.trim();
  if (!isKeyText(key)) {
    return refuse('INVALID_IDEMPOTENCY_KEY', 'idempotencyKey');
  }
  return ok(key);
}

function readReplace(event: Event): Result<boolean> {
  const raw = readText(event, ['replace'], 'INVALID_REPLACE');
  if (!raw.ok) return raw;
  const value = raw.value?.trim().toLowerCase();
  if (value === undefined || value === 'false') return ok(false);
  if (value === 'true') return ok(true);
  return refuse('INVALID_REPLACE', 'replace');
}

export function readRegistryOptions(event: Event): Result<RegistryOptions> {
  const idempotencyKey = readIdempotencyKey(event);
  if (!idempotencyKey.ok) return idempotencyKey;
  const tag = readLabel(event, 'tag');
  if (!tag.ok) return tag;
  const replace = readReplace(event);
  if (!replace.ok) return replace;
  if (replace.value && tag.value === undefined) {
    return refuse('REPLACE_NEEDS_TAG', 'replace');
  }
  const options: RegistryOptions = { replace: replace.value };
  if (idempotencyKey.value !== undefined) options.idempotencyKey = idempotencyKey.value;
  if (tag.value !== undefined) options.tag = tag.value;
  return ok(options);
}

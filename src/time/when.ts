// Reading a time written in words (`when`: "tomorrow at 9am", "in 2 hours", "demain à 9h") in a
// zone and a language, with chrono-node. chrono is required on first use only, so functions that
// never see `when` never pay for loading it (it stays an external runtime dependency).
//
// chrono takes a reference zone only as a fixed minute offset (an IANA name is silently ignored),
// so it is given the zone's offset now, and whatever it reads as a wall-clock time is then placed
// in the real zone again: "tomorrow at 9am" across a DST change is 09:00 on the new offset.
import type { Chrono, Component, ParsedResult } from 'chrono-node';
import { fail, ok, type Result } from '../core/errors';
import type { TimeZone } from './time-zone';
import {
  instantsOf,
  isRealDate,
  offsetMinutesAt,
  type WallTime,
  wallAtOffset,
  wallTimeAt,
} from './wall-clock';

export interface WhenOptions {
  /** The clock, ms since epoch. */
  now: number;
  zone: TimeZone;
  /** BCP 47 (`en-US`, `fr-FR`): picks the language the text is read in. */
  locale: string;
}

export interface WhenReading {
  /** ms since epoch (not yet rounded, windowed or moved out of quiet hours). */
  instant: number;
  /** The part of the text read as the time: "tomorrow at 9am". */
  interpreted: string;
  /**
   * The wall-clock time asked for in the zone, when the text named one ("tomorrow at 9am"),
   * before DST rules: a time in a gap is given as asked, `instant` is already moved forward.
   * Absent for exact durations ("in 2 hours") and for times with their own zone ("9am EST").
   */
  wall?: WallTime;
}

/** A date given without a time ("tomorrow", "Friday", "Dec 24") is read at this local time. */
export const DATE_ONLY_HOUR = 9;
/** "tonight" (chrono says 22:00, later than "tomorrow night", which it reads as 20:00). */
export const TONIGHT_HOUR = 20;
/** An SMS is at most 1600 characters: bounds chrono's work on hostile input. */
const MAX_TEXT_LENGTH = 1600;

type Loader = (region: string | undefined) => Chrono;

// One literal require per language, so a bundler sees each and leaves it external.
const LANGUAGES: Record<string, Loader> = {
  ar: () => (require('chrono-node/ar') as typeof import('chrono-node/ar')).casual,
  de: () => (require('chrono-node/de') as typeof import('chrono-node/de')).casual,
  en: (region) => {
    const en = require('chrono-node/en') as typeof import('chrono-node/en');
    // 12/11 is December 11 in the US (and where its usage rules), November 12 elsewhere.
    return region === undefined || MONTH_FIRST_REGIONS.has(region) ? en.casual : en.GB;
  },
  es: () => (require('chrono-node/es') as typeof import('chrono-node/es')).casual,
  fi: () => (require('chrono-node/fi') as typeof import('chrono-node/fi')).casual,
  fr: () => (require('chrono-node/fr') as typeof import('chrono-node/fr')).casual,
  id: () => (require('chrono-node/id') as typeof import('chrono-node/id')).casual,
  it: () => (require('chrono-node/it') as typeof import('chrono-node/it')).casual,
  ja: () => (require('chrono-node/ja') as typeof import('chrono-node/ja')).casual,
  nl: () => (require('chrono-node/nl') as typeof import('chrono-node/nl')).casual,
  pt: () => (require('chrono-node/pt') as typeof import('chrono-node/pt')).casual,
  ru: () => (require('chrono-node/ru') as typeof import('chrono-node/ru')).casual,
  sv: () => (require('chrono-node/sv') as typeof import('chrono-node/sv')).casual,
  uk: () => (require('chrono-node/uk') as typeof import('chrono-node/uk')).casual,
  vi: () => (require('chrono-node/vi') as typeof import('chrono-node/vi')).casual,
  zh: () => (require('chrono-node/zh') as typeof import('chrono-node/zh')).casual,
};

/** The languages `when` can be written in (chrono-node 2.10's locales). */
export const WHEN_LANGUAGES: readonly string[] = Object.keys(LANGUAGES);

const MONTH_FIRST_REGIONS = new Set(['US', 'CA', 'PH', 'AS', 'GU', 'MP', 'PR', 'UM', 'VI']);

/** Parsers already built, by language (and day order for English). */
const parsers = new Map<string, Chrono>();

function parserFor(locale: string): Result<{ chrono: Chrono; language: string }> {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(locale)[0];
  } catch {
    canonical = undefined;
  }
  const [language = '', ...subtags] = (canonical ?? '').split('-');
  const loader = Object.hasOwn(LANGUAGES, language) ? LANGUAGES[language] : undefined;
  if (loader === undefined) {
    return fail(
      'INVALID_LOCALE',
      "Sorry, I can't read times written in that language yet.",
      'locale',
      `locale must be a BCP 47 tag whose language chrono-node reads: ${WHEN_LANGUAGES.join(', ')} ` +
        '(en-US, fr-FR, es-MX...). Or give the time as sendAt or at instead of when.',
    );
  }
  const region = subtags.find((tag) => /^[A-Z]{2}$|^\d{3}$/.test(tag));
  const key =
    language === 'en'
      ? `en-${region === undefined || MONTH_FIRST_REGIONS.has(region) ? 'US' : 'GB'}`
      : language;
  let chrono = parsers.get(key);
  if (chrono === undefined) {
    // chrono's own forward-leaning step compares the reference clock shifted into the host's
    // zone with true instants, so "Wednesday" said on a Wednesday depended on the host's zone.
    // Ours (in `place`) works in the zone; forwardDate stays on for its other effect, reading
    // "2 hours" as "in 2 hours".
    chrono = loader(region).clone();
    chrono.refiners = chrono.refiners.filter((r) => r.constructor.name !== 'ForwardDateRefiner');
    parsers.set(key, chrono);
  }
  return ok({ chrono, language });
}

const noTime = (detail: string) =>
  fail('INVALID_WHEN', "Tell me a day or a time, like 'tomorrow at 9am'.", 'when', detail);

/**
 * The instant `text` names, read in `options.zone` and `options.locale`'s language, leaning
 * forward ("Friday" is the next one, "9am" the next time the clock shows it).
 */
export function readWhen(text: string, options: WhenOptions): Result<WhenReading> {
  const parser = parserFor(options.locale);
  if (!parser.ok) return parser;
  const { chrono, language } = parser.value;
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT_LENGTH) {
    return noTime(`when is longer than ${MAX_TEXT_LENGTH} characters.`);
  }
  const { now, zone } = options;
  const offset = offsetMinutesAt(now, zone);
  const reference = HOST_CLOCK_LANGUAGES.has(language)
    ? { instant: hostDateShowing(wallTimeAt(now, zone)) }
    : { instant: new Date(now), timezone: offset };
  const [result] = trimmed === '' ? [] : chrono.parse(trimmed, reference, { forwardDate: true });
  if (result === undefined) {
    return noTime(
      `when holds no date or time chrono-node can read in language "${language}"; ` +
        "e.g. 'tomorrow at 9am', 'in 2 hours', 'next Monday 14:00', 'Dec 24 noon'.",
    );
  }
  if (readsOnlyPart(trimmed, result, language)) {
    return fail(
      'INVALID_WHEN',
      "I couldn't tell which time you meant. Tell me a day and a time, like 'tomorrow at 9am'.",
      'when',
      `chrono-node read only a part of the time in when (its "${language}" grammar ` +
        'misses the rest); rather than guess, nothing is scheduled. Use sendAt or at for this one.',
    );
  }
  return ok(place(result, language, now, zone, offset));
}

// chrono's Chinese parsers read the reference instant with the host's clock and ignore its
// zone: "明天" was the host's tomorrow. They are given a reference that the host's clock shows
// as the zone's wall clock now, and what they read is taken as wall-clock fields. The host's
// zone is used only to cancel itself out (a zone wall time in the host's own DST gap aside).
const HOST_CLOCK_LANGUAGES = new Set(['zh']);

const hostDateShowing = (w: WallTime): Date =>
  new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

const fieldsOf = (start: Components): WallTime => ({
  year: start.get('year') ?? 0,
  month: start.get('month') ?? 1,
  day: start.get('day') ?? 1,
  hour: start.get('hour') ?? 0,
  minute: start.get('minute') ?? 0,
  second: start.get('second') ?? 0,
});

const TIME_OF_DAY_TAGS = ['morning', 'afternoon', 'evening', 'tonight', 'noon', 'midnight'].map(
  (part) => `casualReference/${part}`,
);

const DAY = 24 * 3_600_000;
const DATE_COMPONENTS: Component[] = ['weekday', 'day', 'month', 'year'];
type Components = ParsedResult['start'];
const isTimeOnly = (start: Components) => DATE_COMPONENTS.every((c) => !start.isCertain(c));
const isWeekdayOnly = (start: Components) =>
  start.isCertain('weekday') && !start.isCertain('day') && !start.isCertain('month');

function place(
  result: ParsedResult,
  language: string,
  now: number,
  zone: TimeZone,
  offset: number,
): WhenReading {
  const { start, text: interpreted } = result;
  const tags = result.tags();
  // What chrono read, as an instant under the fixed offset (or the text's own zone).
  const read = start.date().getTime();
  // "in 2 hours", "now": an exact span from now, whatever the wall clock does meanwhile.
  if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
    return { instant: read, interpreted };
  }
  // "9am EST", "14:00 UTC", "10:00 +01:00": the text's own zone wins.
  // That zone is a fixed offset, so leaning forward is plain arithmetic.
  if (start.isCertain('timezoneOffset')) {
    let instant = read;
    const step = isTimeOnly(start) ? DAY : isWeekdayOnly(start) ? 7 * DAY : 0;
    while (step > 0 && instant < now) instant += step;
    if (start.isCertain('month') && !start.isCertain('year') && instant < now) {
      const shown = wallAtOffset(instant, start.get('timezoneOffset') ?? 0);
      instant +=
        Date.UTC(shown.year + 1, shown.month - 1, shown.day) -
        Date.UTC(shown.year, shown.month - 1, shown.day);
    }
    return { instant, interpreted };
  }

  let wall = HOST_CLOCK_LANGUAGES.has(language) ? fieldsOf(start) : wallAtOffset(read, offset);
  const hasTimeOfDay =
    start.isCertain('hour') ||
    start.get('meridiem') !== null ||
    TIME_OF_DAY_TAGS.some((tag) => tags.has(tag));
  // "in 3 days", "next week": calendar days, the clock time of now kept (like delay=3d).
  const calendarSpan = tags.has('result/relativeDate');
  if (!hasTimeOfDay && !calendarSpan) {
    wall = { ...wall, hour: DATE_ONLY_HOUR, minute: 0, second: 0 };
  } else if (tags.has('casualReference/tonight') && !start.isCertain('hour')) {
    wall = { ...wall, hour: TONIGHT_HOUR, minute: 0, second: 0 };
  }

  if (isTimeOnly(start)) {
    // A time alone: the next time the clock shows it. chrono chose today or tomorrow with the
    // offset of now, which a DST change between can make wrong, so choose again in the zone.
    const today = wallTimeAt(now, zone);
    const time = { hour: wall.hour, minute: wall.minute, second: wall.second };
    for (const days of [0, 1]) {
      const day = addDays({ ...today, ...time }, days);
      const next = instantsOf(day, zone).find((i) => i >= now);
      if (next !== undefined) return { instant: next, interpreted, wall: day };
    }
  }
  // Leaning forward: a weekday alone is the next one, a date without a year the next one.
  if (isWeekdayOnly(start)) {
    for (let i = 0; i < 2 && instantsOf(wall, zone)[0] < now; i++) wall = addDays(wall, 7);
  } else if (start.isCertain('month') && !start.isCertain('year')) {
    // Up to 8 years on, so that February 29 finds a leap year.
    for (let i = 0; i < 8; i++) {
      if (isRealDate(wall.year, wall.month, wall.day) && instantsOf(wall, zone)[0] >= now) break;
      wall = { ...wall, year: wall.year + 1 };
    }
  }
  const instant = instantsOf(wall, zone)[0];
  // "today" said after 09:00: as soon as allowed, never in the past.
  if (!hasTimeOfDay && !calendarSpan && instant < now) return { instant: now, interpreted };
  return { instant, interpreted, wall };
}

function addDays(wall: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

// chrono sometimes reads a prefix or a fragment of a time and drops the rest: "day after
// tomorrow" as "tomorrow", "après-demain" as "demain", "amanhã às 9h" as "amanhã". Reading
// that as a time would schedule at the wrong one, so such readings are refused.
const MISREAD_BEFORE: Record<string, RegExp> = {
  en: /\bday after\s*$/i,
  es: /\bpasado\s*$/i,
  pt: /\b(?:depois de|daqui|dentro)\s*$/i,
};
/** Readings that are a bare number after a preposition: "daqui a 2 horas" read as "a 2" (2:00). */
const MISREAD_ALONE: Record<string, RegExp> = { pt: /^\p{L}{1,2}\s+\d{1,2}$/u };

function readsOnlyPart(text: string, result: ParsedResult, language: string): boolean {
  const before = text.slice(0, result.index);
  const after = text.slice(result.index + result.text.length);
  // "après-demain" read as "demain"; "15th at 3pm" or "8 tonight" without the number.
  if (/(?:-|\d\p{L}{0,2})\s*$/u.test(before)) return true;
  if (MISREAD_BEFORE[language]?.test(before)) return true;
  if (MISREAD_ALONE[language]?.test(result.text)) return true;
  // A number right after the reading (perhaps after a short word: "às 9h") was a time it missed.
  return /^\s+(?:\p{L}{1,3}\s+)?\d/u.test(after);
}

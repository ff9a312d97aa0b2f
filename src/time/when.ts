// Reading a time written in words (`when`: "tomorrow at 9am", "in 2 hours", "demain à 9h").
// Two steps, so that a recipient with 42 candidate zones costs one reading, not 42:
// - `parseWhen` reads the text once per language tried (chrono-node, extended in
//   when-chrono.ts) into a plan that holds no zone: wall-clock fields and what they are relative
//   to ("2 days after today", "the next Friday", "December 24", "in 2 hours exactly");
// - `resolveWhen` places a plan in one zone, with the project's wall-clock helpers.
// Every time word counts: a reading that leaves one out, a past or vague phrase, or languages
// that disagree are refused, with the reason and the texter's language on the error.
//
// chrono reads some days through the host's clock (its Japanese "今夜", relative days), and takes
// a zone only as a fixed offset. So it is given a reference whose host-local fields are the
// zone's wall clock and no zone, and only the fields it reads are used, never its instants.
import type { ParsedResult } from 'chrono-node';
import { ok, type Result, refuse } from '../core/errors';
import type { TimeZone } from './time-zone';
import { instantsOf, isRealDate, type WallTime, wallAtOffset, wallTimeAt } from './wall-clock';
import { CHRONO_LANGUAGES, chronoFor, hasChronoLanguage, WHEN_TAG } from './when-chrono';
import { MAX_WHEN_LENGTH, refuseWhen, type WhenRefusal } from './when-refusals';
import {
  B,
  E,
  isTexterLanguage,
  type Language,
  LETTER,
  LOCAL_REFUSALS,
  PERIOD_HOUR,
  type Period,
  refusalPatterns,
  spanWordBefore,
  strongSource,
  TEXTER_LANGUAGES,
  timeWordPattern,
  weakSource,
} from './when-words';

export interface WhenOptions {
  /** The clock, ms since epoch. */
  now: number;
  /** The zone the text is read in (the first candidate's, when several). */
  zone: TimeZone;
  /** BCP 47 (`en-US`, `fr-FR`): read in its language only. Absent: every language is tried. */
  locale?: string;
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
  /** The language the text was read in (`en`, `fr`, or the locale's). */
  language: string;
}

/** A date given without a time ("tomorrow", "Friday", "Dec 24") is read at this local time. */
export const DATE_ONLY_HOUR = 9;

export { MAX_WHEN_LENGTH } from './when-refusals';
export { TEXTER_LANGUAGES } from './when-words';

type Ymd = { year: number; month: number; day: number };
type DateSpec =
  | { kind: 'none' }
  /** Days after the zone's today: "tomorrow", "in 3 days" (`keepClock`: the time of now). */
  | { kind: 'relative'; days: number }
  /** A weekday: the date chrono chose, moved a week on while it has passed. */
  | ({ kind: 'weekday' } & Ymd)
  | ({ kind: 'absolute'; yearGiven: boolean } & Ymd)
  /** "the 15th": this month's, or the next month's that has it. */
  | { kind: 'ordinal'; day: number };
type Time = { hour: number; minute: number; second: number };

/** What a text asks for, in no zone. */
export type WhenPlan =
  | { kind: 'exact'; ms: number }
  | { kind: 'fixed'; instant: number; step: 'day' | 'week' | 'year' | null }
  | {
      kind: 'local';
      date: DateSpec;
      /** null: a date alone (09:00); 'clock': the clock time of now ("in 3 days"). */
      time: Time | 'clock' | null;
      /** A time alone: the next time the clock shows it. */
      timeOnly: boolean;
      /** A weekday said with a date ("Friday the 19th"): the date must be one (0 = Sunday). */
      weekday?: number;
    };

export interface WhenParse {
  plan: WhenPlan;
  interpreted: string;
  language: string;
}

// ---------------------------------------------------------------------------------------------
// Languages and locales

const MONTH_FIRST_REGIONS = new Set(['US', 'CA', 'PH', 'AS', 'GU', 'MP', 'PR', 'UM', 'VI']);

type LocaleReading = { language: string; monthFirst: boolean };

function readLocale(locale: string): LocaleReading | null {
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(locale)[0];
  } catch {
    return null;
  }
  const [language = '', ...subtags] = (canonical ?? '').split('-');
  if (!hasChronoLanguage(language)) return null;
  const region = subtags.find((tag) => /^[A-Z]{2}$|^\d{3}$/.test(tag));
  return { language, monthFirst: region === undefined || MONTH_FIRST_REGIONS.has(region) };
}

/** Without a locale, a text is read in at most this many languages (each loads on first use). */
const MAX_LANGUAGES = 4;
const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/u;
const LATIN = TEXTER_LANGUAGES.filter((l) => l !== 'ja');
type LanguagePatterns = { strong: RegExp; whole: RegExp; weak: RegExp };
let languagePatterns: Map<Language, LanguagePatterns> | undefined;

function patternsOf(language: Language): LanguagePatterns {
  languagePatterns ??= new Map(
    LATIN.map((l) => {
      const bounded = (source: string, flags: string) =>
        new RegExp(`(?<![${LETTER}])(?:${source})(?![${LETTER}])`, flags);
      const strong = strongSource(l);
      return [
        l,
        {
          strong: bounded(strong, 'giu'),
          whole: new RegExp(`^(?:${strong})$`, 'iu'),
          weak: bounded(weakSource(l), 'giu'),
        },
      ];
    }),
  );
  const found = languagePatterns.get(language);
  if (found === undefined) throw new Error(`no patterns for ${language}`);
  return found;
}

interface Hits {
  /** Time words of each language found in the text (days, months, parts of the day...). */
  strong: Map<Language, string[]>;
  /** How much of the text is each language's, strong and shared words (characters). */
  weight: Map<Language, number>;
}

/** Which languages' time words `text` uses. */
function languageHits(text: string): Hits {
  const strong = new Map<Language, string[]>();
  const weight = new Map<Language, number>();
  if (CJK.test(text)) {
    strong.set(
      'ja',
      [...text.matchAll(/[\u3040-\u30ff\u4e00-\u9fff]+/gu)].map((m) => m[0]),
    );
    weight.set('ja', text.length);
  }
  for (const language of LATIN) {
    const p = patternsOf(language);
    const words = text.match(p.strong) ?? [];
    const weak = text.match(p.weak) ?? [];
    if (words.length > 0) strong.set(language, words);
    // Longer matches weigh more: "mais tarde" is Portuguese before "tarde" is Spanish.
    const total = [...words, ...weak].reduce((sum, m) => sum + m.length, 0);
    if (total > 0) weight.set(language, total);
  }
  return { strong, weight };
}

function guessLanguage(hits: Hits): Language {
  let best: Language = 'en';
  let weight = 0;
  for (const [language, w] of hits.weight) {
    if (w > weight) [best, weight] = [language, w];
  }
  return best;
}

/**
 * Time words that belong to two languages and no one ("mañana" and "demain"): no reading in
 * one language can hold both, so every reading would leave one out. Found before loading any.
 */
function mixesLanguages(hits: Hits): boolean {
  let languages = 0;
  for (const [language, words] of hits.strong) {
    const own = words.some((word) =>
      LATIN.every((other) => other === language || !patternsOf(other).whole.test(word)),
    );
    if (own) languages++;
  }
  return languages > 1;
}

/**
 * Without a locale, the languages a text is read in: those whose own time words it uses (a
 * language without one can only read the shared parts, and would leave those words out), else
 * those whose shared words it uses ("a las 9"). A text of numbers alone ("21:30", "12/11 9:00")
 * is read in English and French, whose day orders differ, so that "12/11" disagrees.
 */
function languagesFor(hits: Hits): Language[] {
  const strong = TEXTER_LANGUAGES.filter((l) => hits.strong.has(l));
  if (strong.length > 0) return strong;
  const weak = TEXTER_LANGUAGES.filter((l) => hits.weight.has(l));
  return weak.length > 0 ? weak : ['en', 'fr'];
}

// Built once per process, on first use (no chrono needed).
let patterns: { timeWord: RegExp; spanBefore: RegExp } | undefined;
const getPatterns = () => {
  patterns ??= { timeWord: timeWordPattern(), spanBefore: spanWordBefore() };
  return patterns;
};

let everyLanguage: ReturnType<typeof refusalPatterns> | undefined;
const localRefusals = new Map<string, [RegExp, WhenRefusal][]>();

/**
 * Past, vague or recurring by its words: those of every language (a reading in Portuguese must
 * not make "más tarde" a time at 15:00), then those that refuse in `language` only.
 */
function wordRefusal(language: string, text: string): WhenRefusal | null {
  everyLanguage ??= refusalPatterns(null);
  if (everyLanguage.past.test(text)) return 'past';
  if (everyLanguage.vague.test(text)) return 'vague';
  if (everyLanguage.recurring.test(text)) return 'recurring';
  let local = localRefusals.get(language);
  if (local === undefined) {
    const own = isTexterLanguage(language) ? (LOCAL_REFUSALS[language] ?? []) : [];
    local = own.map(([source, reason]) => [new RegExp(`${B}(?:${source})${E}`, 'iu'), reason]);
    localRefusals.set(language, local);
  }
  return local.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Parsing: text -> plan, in no zone

type Refusal = { refused: WhenRefusal };
const refusal = (refused: WhenRefusal): Refusal => ({ refused });

/**
 * A Date whose host-local fields are the wall clock `w` (what chrono reads, whatever the host's
 * zone). If the host's own DST gap swallows that hour, another hour of the same day is used:
 * chrono takes only the date from the reference for the readings kept.
 */
function hostDateShowing(w: WallTime): Date {
  for (const hour of [w.hour, 12]) {
    const d = new Date(w.year, w.month - 1, w.day, hour, w.minute, w.second);
    if (d.getDate() === w.day && d.getHours() === hour) return d;
  }
  return new Date(w.year, w.month - 1, w.day, 12);
}

const DAY_MS = 86_400_000;
const utcDay = (d: Ymd) => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
const fieldsMs = (f: WallTime) => Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);

type Components = ParsedResult['start'];
const fieldsOf = (start: Components): WallTime => ({
  year: start.get('year') ?? 0,
  month: start.get('month') ?? 1,
  day: start.get('day') ?? 1,
  hour: start.get('hour') ?? 0,
  minute: start.get('minute') ?? 0,
  second: start.get('second') ?? 0,
});

interface Piece {
  index: number;
  end: number;
  exactMs?: number;
  spanDays?: number;
  fixed?: WhenPlan & { kind: 'fixed' };
  date?: DateSpec;
  time?: Time & { meridiem: boolean };
  period?: Period;
  midnight?: boolean;
  weekday?: number;
}

const CHRONO_PERIOD: Record<string, Period> = {
  'casualReference/morning': 'morning',
  'casualReference/afternoon': 'afternoon',
  'casualReference/evening': 'evening',
  'casualReference/tonight': 'night',
};
const RELATIVE_TAGS = ['today', 'tomorrow', 'yesterday', 'tonight'].map(
  (t) => `casualReference/${t}`,
);
const ZONE_WRITTEN = /(?<![A-Za-z])(?:[A-Z]{2,5}|GMT|UTC)(?![A-Za-z])|[+-]\d{1,2}:?\d{2}\s*$|\dZ$/u;
/** A year written in the reading: "2027", "12/24/27". */
const WRITTEN_YEAR = /\d{4}|\d+[/.-]\d+[/.-]\d+|'\d{2}/u;

function tagValue(tags: Set<string>, prefix: string): string | undefined {
  for (const t of tags) if (t.startsWith(prefix)) return t.slice(prefix.length);
  return undefined;
}

/** One of chrono's results as what it says about the time. */
function pieceOf(result: ParsedResult, ref: Date, refWall: WallTime): Piece | Refusal {
  // A range ("from 9 to 10"): which end?
  if (result.end !== null) return refusal('ambiguous');
  const { start } = result;
  const tags = result.tags();
  const piece: Piece = { index: result.index, end: result.index + result.text.length };
  const fields = fieldsOf(start);
  const refDay = utcDay(refWall);

  if (tagValue(tags, WHEN_TAG.ambiguous) !== undefined) return refusal('ambiguous');
  const exact = tagValue(tags, WHEN_TAG.exact);
  if (exact !== undefined) return { ...piece, exactMs: Number(exact) };
  if (tags.has('result/relativeDateAndTime')) {
    // chrono added the span on the host's wall clock; across a DST change of the host's own
    // zone that is not the span asked for: refused rather than guessed.
    if (start.date().getTimezoneOffset() !== ref.getTimezoneOffset()) return refusal('ambiguous');
    return { ...piece, exactMs: fieldsMs(fields) - fieldsMs(refWall) };
  }
  if (tags.has('casualReference/now')) return { ...piece, exactMs: 0 };
  const days = tagValue(tags, WHEN_TAG.days);
  if (days !== undefined) piece.spanDays = Number(days);
  else if (tags.has('result/relativeDate')) piece.spanDays = utcDay(fields) - refDay;

  // A zone of its own, written as one ("9am EST", "14:00 UTC", "+01:00"): chrono also takes
  // "et" (French "and") and "est" ("is") for zones.
  if (start.isCertain('timezoneOffset') && ZONE_WRITTEN.test(result.text)) {
    const offset = start.get('timezoneOffset') ?? 0;
    const timeOnly = !['weekday', 'day', 'month', 'year'].some((c) => start.isCertain(c as 'day'));
    const weekdayOnly =
      start.isCertain('weekday') && !start.isCertain('day') && !start.isCertain('month');
    return {
      ...piece,
      fixed: {
        kind: 'fixed',
        instant: fieldsMs(fields) - offset * 60_000,
        step: timeOnly
          ? 'day'
          : weekdayOnly
            ? 'week'
            : start.isCertain('month') && !start.isCertain('year')
              ? 'year'
              : null,
      },
    };
  }

  if (piece.spanDays === undefined) {
    const relative =
      tagValue(tags, WHEN_TAG.relative) !== undefined ||
      RELATIVE_TAGS.some((t) => tags.has(t)) ||
      (start.isCertain('year') && start.isCertain('day') && !WRITTEN_YEAR.test(result.text));
    if (relative) piece.date = { kind: 'relative', days: utcDay(fields) - refDay };
    else if (start.isCertain('month'))
      piece.date = {
        kind: 'absolute',
        yearGiven: start.isCertain('year'),
        year: fields.year,
        month: fields.month,
        day: fields.day,
      };
    else if (start.isCertain('day')) piece.date = { kind: 'ordinal', day: fields.day };
    else if (start.isCertain('weekday'))
      piece.date = { kind: 'weekday', year: fields.year, month: fields.month, day: fields.day };
    if (start.isCertain('weekday') && piece.date?.kind !== 'weekday')
      piece.weekday = start.get('weekday') ?? undefined;
  }
  if (start.isCertain('hour')) {
    piece.time = {
      hour: fields.hour,
      minute: start.isCertain('minute') ? fields.minute : 0,
      second: start.isCertain('second') ? fields.second : 0,
      meridiem: start.isCertain('meridiem'),
    };
    if (tags.has('casualReference/midnight')) piece.midnight = true;
  }
  const period =
    (tagValue(tags, WHEN_TAG.period) as Period | undefined) ??
    Object.entries(CHRONO_PERIOD).find(([t]) => tags.has(t))?.[1];
  if (period !== undefined) piece.period = period;
  return piece;
}

const isRefusal = (x: object): x is Refusal => 'refused' in x;

/** Words that may stand between the parts of one time: "tomorrow at 8 in the evening". */
const CONNECTOR =
  /^(?:[\s,、]|の|に|at|on|the|à|a|al|ao|le|el|la|las|um|am|om|alle|às|as|ás|de|del|den|der|en|em|op|il|y|e|et|und|and|no|na|dia|ce|cette|this)*$/iu;

/** Two numbers of at most 12 as a date ("3/4", "04.03."): which is the day? */
function hasAmbiguousNumericDate(text: string): boolean {
  for (const m of text.matchAll(
    /(?<![\d/.:-])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?(?![\d/:])/gu,
  )) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    // "9.30" is no date (30 > 12); "10.11" may be a time or a date, and is refused either way.
    if (a >= 1 && a <= 12 && b >= 1 && b <= 12 && a !== b) return true;
  }
  return false;
}

const dayOfWeek = (d: Ymd) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();

function combine(pieces: Piece[]): Piece | Refusal {
  const merged: Piece = { index: pieces[0]?.index ?? 0, end: pieces.at(-1)?.end ?? 0 };
  for (const piece of pieces) {
    let p = piece;
    // A weekday beside a date ("mardi" and "16"): the date, which must fall on that weekday.
    const other = merged.date;
    if (
      p.date !== undefined &&
      other !== undefined &&
      (p.date.kind === 'weekday') !== (other.kind === 'weekday')
    ) {
      const [weekday, date] =
        p.date.kind === 'weekday' ? [p.date, other] : [other as DateSpec & Ymd, p.date];
      const { date: _, ...rest } = p;
      p = { ...rest, weekday: dayOfWeek(weekday as Ymd) };
      merged.date = date;
    }
    for (const key of [
      'exactMs',
      'spanDays',
      'fixed',
      'date',
      'time',
      'period',
      'weekday',
    ] as const) {
      if (p[key] === undefined) continue;
      if (merged[key] !== undefined && JSON.stringify(merged[key]) !== JSON.stringify(p[key]))
        return refusal('ambiguous');
      (merged as unknown as Record<string, unknown>)[key] = p[key];
    }
    if (p.midnight) merged.midnight = true;
  }
  return merged;
}

/** An hour and a part of the day: "8" and "in the evening" are 20:00, "12 at night" unclear. */
function withPeriod(time: Time & { meridiem: boolean }, period: Period): Time | null {
  const { hour } = time;
  const pm = period !== 'morning';
  if (time.meridiem || hour >= 13) {
    // Already a 24-hour or am/pm time: it must agree with the part of the day.
    const agrees =
      period === 'morning' ? hour < 12 : period === 'afternoon' ? hour >= 12 : hour >= 17;
    return agrees ? time : null;
  }
  if (hour === 0) return null;
  if (!pm) return hour === 12 ? null : time;
  if (hour === 12) return period === 'afternoon' ? time : null;
  if (period === 'night' && hour < 6) return null;
  return { ...time, hour: hour + 12 };
}

function planOf(p: Piece): WhenPlan | Refusal {
  const others = [p.spanDays, p.fixed, p.date, p.time, p.period].some((x) => x !== undefined);
  if (p.exactMs !== undefined) {
    if (others) return refusal('ambiguous');
    return p.exactMs < 0 ? refusal('past') : { kind: 'exact', ms: p.exactMs };
  }
  if (p.fixed !== undefined) {
    if (p.date !== undefined || p.spanDays !== undefined || p.period !== undefined)
      return refusal('ambiguous');
    return p.fixed;
  }
  if (p.spanDays !== undefined && p.date !== undefined) return refusal('ambiguous');
  const date: DateSpec =
    p.spanDays !== undefined
      ? { kind: 'relative', days: p.spanDays }
      : (p.date ?? { kind: 'none' });
  if (date.kind === 'relative' && date.days < 0) return refusal('past');
  // "tomorrow at midnight": the start of tomorrow or its end?
  if (p.midnight && date.kind !== 'none') return refusal('ambiguous');
  let time: Time | 'clock' | null = null;
  if (p.time !== undefined) {
    const { meridiem: _, ...plain } = p.time;
    time = plain;
    if (p.period !== undefined) {
      const adjusted = withPeriod(p.time, p.period);
      if (adjusted === null) return refusal('ambiguous');
      time = { hour: adjusted.hour, minute: adjusted.minute, second: adjusted.second };
    }
  } else if (p.period !== undefined) {
    time = { hour: PERIOD_HOUR[p.period], minute: 0, second: 0 };
  } else if (p.spanDays !== undefined) {
    time = 'clock';
  }
  if (date.kind === 'none' && time === null) return refusal('unreadable');
  // A part of the day alone ("this evening") is today's, not the next one.
  const timeOnly = date.kind === 'none' && p.time !== undefined;
  const planDate: DateSpec =
    date.kind === 'none' && !timeOnly ? { kind: 'relative', days: 0 } : date;
  const plan: WhenPlan = { kind: 'local', date: planDate, time, timeOnly };
  if (p.weekday !== undefined) plan.weekday = p.weekday;
  return plan;
}

function parseIn(
  text: string,
  language: string,
  monthFirst: boolean,
  now: number,
  zone: TimeZone,
): WhenParse | Refusal {
  const chrono = chronoFor(language, monthFirst);
  const refWall = wallTimeAt(now, zone);
  const ref = hostDateShowing(refWall);
  const shown: WallTime = {
    year: ref.getFullYear(),
    month: ref.getMonth() + 1,
    day: ref.getDate(),
    hour: ref.getHours(),
    minute: ref.getMinutes(),
    second: ref.getSeconds(),
  };
  const results = chrono.parse(text, ref);
  if (results.length === 0) return refusal('unreadable');
  const pieces: Piece[] = [];
  for (const result of results) {
    const piece = pieceOf(result, ref, shown);
    if (isRefusal(piece)) return piece;
    pieces.push(piece);
  }
  pieces.sort((a, b) => a.index - b.index);
  // The parts that follow one another with only connectors between are one time.
  for (let i = 1; i < pieces.length; i++) {
    const between = text.slice(pieces[i - 1]?.end, pieces[i]?.index);
    if (!CONNECTOR.test(between)) return refusal('leftover-time-word');
  }
  const whole = combine(pieces);
  if (isRefusal(whole)) return whole;
  // A bare number against the reading ("quinta 11", "tomorrow 9"): a day or an hour it missed.
  if (/^[\s,]*\d/u.test(text.slice(whole.end)) || /\d[\s,]*$/u.test(text.slice(0, whole.index)))
    return refusal('leftover-time-word');
  const leftover = `${text.slice(0, whole.index)} ${text.slice(whole.end)}`;
  // "in 2h" read as 02:00: the span word before the number was left out.
  const before = text.slice(0, whole.index);
  const clockOnly = whole.date === undefined && whole.time !== undefined;
  if (clockOnly && /^\d/u.test(text.slice(whole.index)) && getPatterns().spanBefore.test(before))
    return refusal('leftover-time-word');
  if (getPatterns().timeWord.test(leftover)) return refusal('leftover-time-word');
  const plan = planOf(whole);
  if (isRefusal(plan)) return plan;
  return { plan, interpreted: text.slice(whole.index, whole.end), language };
}

/**
 * Reads `text` in the locale's language, or in every texter language when there is none, into
 * a plan in no zone. Without a locale the readings that cover the whole phrase must agree.
 */
export function parseWhen(text: string, options: WhenOptions): Result<WhenParse> {
  const trimmed = text.trim().normalize('NFC');
  const locale = options.locale === undefined ? null : readLocale(options.locale);
  if (options.locale !== undefined && locale === null) {
    return refuse('INVALID_LOCALE', 'locale', {
      variant: 'unreadableLanguage',
      languages: CHRONO_LANGUAGES.join(', '),
    });
  }
  const hits = languageHits(trimmed.slice(0, MAX_WHEN_LENGTH));
  const texter: Language =
    locale !== null && isTexterLanguage(locale.language) ? locale.language : guessLanguage(hits);
  if (trimmed.length > MAX_WHEN_LENGTH) return refuseWhen('too-long', texter);
  if (trimmed === '') return refuseWhen('unreadable', texter);
  // Every language's refusing words, whatever languages the text is then read in.
  const refusedByWords = wordRefusal('', trimmed);
  if (refusedByWords !== null) return refuseWhen(refusedByWords, texter);
  if (locale !== null) {
    const refused = wordRefusal(locale.language, trimmed);
    if (refused !== null) return refuseWhen(refused, texter);
  }
  // "3/4" without a locale: March 4 or April 3?
  if (locale === null && hasAmbiguousNumericDate(trimmed)) return refuseWhen('ambiguous', texter);
  if (locale === null && mixesLanguages(hits)) return refuseWhen('leftover-time-word', texter);
  // Time words of more than four languages (each a shared word: "april domingo marzo morgen
  // mai"): no single language is likely, and loading all would cost a fresh instance ~170 ms.
  if (locale === null && hits.strong.size > MAX_LANGUAGES) {
    return refuseWhen('ambiguous', texter, 'Its words belong to too many languages: give locale.');
  }

  const tries: LocaleReading[] =
    locale !== null
      ? [locale]
      : languagesFor(hits).map((language) => ({ language, monthFirst: true }));
  const readings: WhenParse[] = [];
  const refusals: WhenRefusal[] = [];
  for (const { language, monthFirst } of tries) {
    const refused = locale === null ? wordRefusal(language, trimmed) : null;
    if (refused !== null) {
      refusals.push(refused);
      continue;
    }
    const reading = parseIn(trimmed, language, monthFirst, options.now, options.zone);
    if (isRefusal(reading)) refusals.push(reading.refused);
    else readings.push(reading);
  }
  const [first] = readings;
  if (first === undefined) {
    const order: WhenRefusal[] = [
      'past',
      'vague',
      'recurring',
      'ambiguous',
      'leftover-time-word',
      'unreadable',
    ];
    const reason = order.find((r) => refusals.includes(r)) ?? 'unreadable';
    return refuseWhen(reason, texter);
  }
  // Readings in several languages: one instant, or refused.
  const instants = new Set<number>();
  for (const reading of readings) {
    const placed = resolveWhen(reading, options.now, options.zone);
    instants.add(placed.ok ? placed.value.instant : Number.NaN);
  }
  if (instants.size > 1) {
    return refuseWhen(
      'ambiguous',
      texter,
      `Read differently in ${readings.map((r) => r.language).join(', ')}.`,
    );
  }
  const chosen = readings.find((r) => r.language === texter) ?? first;
  return ok(chosen);
}

// ---------------------------------------------------------------------------------------------
// Resolving: plan -> instant, in one zone

function addDays(wall: WallTime, days: number): WallTime {
  const d = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const DAY = DAY_MS;

/** Where `parse` falls in `zone`, leaning forward; a time already gone is refused. */
export function resolveWhen(parse: WhenParse, now: number, zone: TimeZone): Result<WhenReading> {
  const { plan, interpreted, language } = parse;
  const texter: Language = isTexterLanguage(language) ? language : 'en';
  const done = (instant: number, wall?: WallTime): Result<WhenReading> =>
    ok(
      wall === undefined
        ? { instant, interpreted, language }
        : { instant, interpreted, wall, language },
    );
  if (plan.kind === 'exact') return done(now + plan.ms);
  if (plan.kind === 'fixed') {
    // The text's own zone, a fixed offset: leaning forward is plain arithmetic.
    let instant = plan.instant;
    if (plan.step === 'day' || plan.step === 'week') {
      const step = plan.step === 'day' ? DAY : 7 * DAY;
      while (instant < now) instant += step;
    } else if (plan.step === 'year' && instant < now) {
      const shown = wallAtOffset(instant, 0);
      instant +=
        Date.UTC(shown.year + 1, shown.month - 1, shown.day) -
        Date.UTC(shown.year, shown.month - 1, shown.day);
    }
    return instant < now ? refuseWhen('past', texter) : done(instant);
  }

  const today = wallTimeAt(now, zone);
  const time =
    plan.time === 'clock'
      ? { hour: today.hour, minute: today.minute, second: today.second }
      : (plan.time ?? { hour: DATE_ONLY_HOUR, minute: 0, second: 0 });
  const { date } = plan;

  if (plan.timeOnly) {
    // A time alone: the next time the clock shows it (twice on a fall-back night).
    for (const days of [0, 1]) {
      const day = addDays({ ...today, ...time }, days);
      const next = instantsOf(day, zone).find((i) => i >= now);
      if (next !== undefined) return done(next, day);
    }
  }
  let wall: WallTime;
  switch (date.kind) {
    case 'none':
    case 'relative':
      wall = addDays({ ...today, ...time }, date.kind === 'none' ? 0 : date.days);
      break;
    case 'weekday': {
      wall = { ...date, ...time };
      for (let i = 0; i < 2 && instantsOf(wall, zone)[0] < now; i++) wall = addDays(wall, 7);
      break;
    }
    case 'absolute': {
      const { kind: _k, yearGiven, ...ymd } = date;
      wall = { ...ymd, ...time };
      // Up to 8 years on, so that February 29 finds a leap year.
      for (let i = 0; !yearGiven && i < 8; i++) {
        if (isRealDate(wall.year, wall.month, wall.day) && instantsOf(wall, zone)[0] >= now) break;
        wall = { ...wall, year: wall.year + 1 };
      }
      if (!isRealDate(wall.year, wall.month, wall.day)) return refuseWhen('unreadable', texter);
      break;
    }
    case 'ordinal': {
      wall = { ...today, ...time, day: date.day };
      for (let i = 0; i < 13; i++) {
        const ok = isRealDate(wall.year, wall.month, wall.day) && instantsOf(wall, zone)[0] >= now;
        if (ok) break;
        const next =
          wall.month === 12
            ? { year: wall.year + 1, month: 1 }
            : { year: wall.year, month: wall.month + 1 };
        wall = { ...wall, ...next };
      }
      break;
    }
  }
  // "Friday the 20th" when the 20th is a Saturday: which one?
  if (plan.weekday !== undefined && dayOfWeek(wall) !== plan.weekday)
    return refuseWhen('ambiguous', texter);
  const instant = instantsOf(wall, zone)[0];
  if (instant < now) {
    // "today" said after 09:00: as soon as allowed.
    if (plan.time === null && date.kind === 'relative' && date.days === 0) return done(now);
    return refuseWhen('past', texter);
  }
  return done(instant, wall);
}

/** `parseWhen` then `resolveWhen` in the same zone. */
export function readWhen(text: string, options: WhenOptions): Result<WhenReading> {
  const parsed = parseWhen(text, options);
  if (!parsed.ok) return parsed;
  return resolveWhen(parsed.value, options.now, options.zone);
}

// chrono-node, loaded on first use and extended through its own extension points (custom
// parsers and a refiner, on a clone of each language's casual parser): relative days
// ("après-demain", "overmorgen", "明後日"), parts of the day ("de la tarde", "'s avonds", "夜"),
// ordinal days ("the 15th", "el 15", "am 15.", "15日"), clock times ("9h", "um 8", "8時") and
// spans ("em 3 horas", "3時間後") it misses or misreads. What our parsers read carries a `when/`
// tag, which `when.ts` reads; chrono's own results that cut across one of ours are dropped.
import type { Chrono, Parser, ParsingContext, Refiner } from 'chrono-node';
import {
  B,
  E,
  isTexterLanguage,
  type Language,
  type LanguageWords,
  type Period,
  WORDS,
} from './when-words';

type Loader = (monthFirst: boolean) => Chrono;

// One literal require per language, so a bundler sees each and leaves it external.
const LOADERS: Record<string, Loader> = {
  ar: () => (require('chrono-node/ar') as typeof import('chrono-node/ar')).casual,
  de: () => (require('chrono-node/de') as typeof import('chrono-node/de')).casual,
  en: (monthFirst) => {
    const en = require('chrono-node/en') as typeof import('chrono-node/en');
    return monthFirst ? en.casual : en.GB;
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

/** The languages `when` can be written in with a `locale` (chrono-node 2.10's). */
export const CHRONO_LANGUAGES: readonly string[] = Object.keys(LOADERS);

export const hasChronoLanguage = (language: string) => Object.hasOwn(LOADERS, language);

/** Parsers already built, by language and day order ("en-US" reads 12/11 month first). */
const built = new Map<string, Chrono>();

export function chronoFor(language: string, monthFirst = true): Chrono {
  const key = language === 'en' ? `en-${monthFirst}` : language;
  let chrono = built.get(key);
  if (chrono === undefined) {
    const loader = LOADERS[language];
    if (loader === undefined) throw new Error(`no chrono-node language ${language}`);
    chrono = loader(monthFirst).clone();
    // chrono's forward-leaning step compares a host-clock reference with true instants; ours
    // (in when.ts) works in the zone.
    // Its range refiners join two times into one range ("domani a mezzogiorno" as "from
    // tomorrow to noon" in Italian): a range is refused anyway, and two parts are joined in
    // when.ts, where "a", "to" or "-" between two times is a conflict, not a range.
    chrono.refiners = chrono.refiners.filter(
      (r) =>
        r.constructor.name !== 'ForwardDateRefiner' && !/MergeDateRange/.test(r.constructor.name),
    );
    if (isTexterLanguage(language)) extend(chrono, language);
    built.set(key, chrono);
  }
  return chrono;
}

const tag = (prefix: string, value: string | number) => `when/${prefix}/${value}`;

/** The reference's date (its host-local fields show the zone's wall clock), `days` later. */
function dayAfter(context: ParsingContext, days: number) {
  const ref = context.reference.instant;
  const d = new Date(ref.getFullYear(), ref.getMonth(), ref.getDate() + days, 12);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

const bounded = (language: Language, source: string) =>
  language === 'ja' ? source : `${B}(?:${source})${E}`;

function parser(
  pattern: RegExp,
  extract: (context: ParsingContext, match: RegExpMatchArray) => ReturnType<Parser['extract']>,
): Parser {
  return { pattern: () => pattern, extract };
}

function relativeDayParsers(language: Language, words: LanguageWords): Parser[] {
  return words.relativeDays.map(([source, days, period]) =>
    parser(new RegExp(bounded(language, source), 'iu'), (context) => {
      const components = context.createParsingComponents(dayAfter(context, days));
      components.addTag(tag('relative', days));
      if (period !== undefined) components.addTag(tag('period', period));
      return components;
    }),
  );
}

function periodParsers(language: Language, words: LanguageWords): Parser[] {
  return words.periods.map(([source, period, days]) =>
    parser(new RegExp(bounded(language, source), 'iu'), (context) => {
      const components = context.createParsingComponents(
        days === undefined ? {} : dayAfter(context, days),
      );
      if (days !== undefined) components.addTag(tag('relative', days));
      components.addTag(tag('period', period));
      return components;
    }),
  );
}

function ordinalParsers(language: Language, words: LanguageWords): Parser[] {
  // Not before a month name ("el 15 de marzo": chrono's own date) nor a clock ("el 15:00").
  const notDate = `(?!\\s*(?:de\\s+|of\\s+|\\.\\s*)?(?:${words.months}))(?![:.h]\\d)`;
  return words.ordinals.map((source) =>
    parser(
      new RegExp(
        language === 'ja' ? `${source}(?!後|間)` : `${B}(?:${source})${E}${notDate}`,
        'iu',
      ),
      (context, match) => {
        const day = Number(match[1]);
        if (!(day >= 1 && day <= 31)) return null;
        const components = context.createParsingComponents({ day });
        components.addTag(tag('ordinal', day));
        return components;
      },
    ),
  );
}

const CLOCK_UNIT = /^(?:h|uhr|uur|u|o'?clock)$/iu;
const MERIDIEM = '(am|pm|a\\.m\\.|p\\.m\\.)';
/** German "am" is "on" ("um 21:30 am Freitag"), never a.m. */
const MERIDIEM_DE = '(pm|a\\.m\\.|p\\.m\\.)';

function timeParsers(language: Language, words: LanguageWords): Parser[] {
  if (language === 'ja') {
    return [
      parser(/(午前|午後)?(\d{1,2})時(?:(\d{1,2})分|(半))?/u, (context, match) => {
        let hour = Number(match[2]);
        const minute = match[4] ? 30 : Number(match[3] ?? 0);
        if (hour > 23 || minute > 59 || (match[1] && hour > 12)) return null;
        if (match[1] === '午後' && hour < 12) hour += 12;
        if (match[1] === '午前' && hour === 12) hour = 0;
        const components = context.createParsingComponents({ hour, minute });
        if (match[1]) components.assign('meridiem', match[1] === '午後' ? 1 : 0);
        components.addTag(tag('time', 'ja'));
        return components;
      }),
    ];
  }
  const periods = words.periods.map(([p]) => p).join('|');
  const before = words.timeBefore === '' ? '' : `(?:(${words.timeBefore})\\s*)?`;
  const after = words.timeAfter === '' ? '' : `(?:\\s*(${words.timeAfter}))?`;
  const pattern = new RegExp(
    `${B}${before}(\\d{1,2})(?:([:h.])(\\d{2}))?(?:\\s*${language === 'de' ? MERIDIEM_DE : MERIDIEM})?${after}${E}` +
      `(\\s+(?:${periods})${E})?`,
    'iu',
  );
  const hasBefore = before !== '';
  return [
    parser(pattern, (context, match) => {
      const offset = hasBefore ? 1 : 0;
      const connector = hasBefore ? match[1] : undefined;
      const hourText = match[1 + offset];
      const separator = match[2 + offset];
      const minuteText = match[3 + offset];
      const meridiem = match[4 + offset]?.toLowerCase();
      const unit = words.timeAfter === '' ? undefined : match[5 + offset];
      const periodFollows = match[words.timeAfter === '' ? 5 + offset : 6 + offset];
      // A bare number is a time only with a word that makes it one.
      const isTime =
        connector !== undefined ||
        meridiem !== undefined ||
        unit !== undefined ||
        separator === ':' ||
        separator === 'h' ||
        periodFollows !== undefined;
      if (!isTime || (separator === '.' && connector === undefined && unit === undefined))
        return null;
      // "3 horas", "2 heures" without "a las", "à": a span, not a clock time.
      if (unit !== undefined && !CLOCK_UNIT.test(unit) && connector === undefined) return null;
      let hour = Number(hourText);
      const minute = minuteText === undefined ? 0 : Number(minuteText);
      if (hour > 23 || minute > 59) return null;
      const components = context.createParsingComponents({ minute });
      if (meridiem !== undefined) {
        if (hour < 1 || hour > 12) return null;
        const pm = meridiem.startsWith('p');
        hour = (hour % 12) + (pm ? 12 : 0);
        components.assign('meridiem', pm ? 1 : 0);
      }
      components.assign('hour', hour);
      components.addTag(tag('time', language));
      // The part of the day after it is read by its own parser: this reading stops before it.
      const text = periodFollows ? match[0].slice(0, -periodFollows.length) : match[0];
      const result = context.createParsingResult(match.index ?? 0, text);
      result.start = components;
      return result;
    }),
  ];
}

function fractionParsers(language: Language, words: LanguageWords): Parser[] {
  // "a las 7 y media" as one reading, longer than "a las 7" alone.
  const before = words.timeBefore === '' ? '' : `(?:(?:${words.timeBefore})\\s+)?`;
  return words.fractions.map(([source, minutes]) =>
    parser(new RegExp(`${B}${before}(?:${source})${E}`, 'iu'), (context, match) => {
      const hour = Number(match[1]);
      if (!(hour >= 0 && hour <= 24)) return null;
      const total = (hour * 60 + minutes + 1440) % 1440;
      const components = context.createParsingComponents({
        hour: Math.floor(total / 60),
        minute: total % 60,
      });
      components.addTag(tag('time', language));
      return components;
    }),
  );
}

/**
 * A weekday and a bare number: "jeudi 11", "Donnerstag, 11." are Thursday the 11th (chrono
 * reads 11:00), which must be a Thursday; English "Thursday 11" may be 11:00 as well, and is
 * marked and refused in when.ts. Not before a month name (chrono reads "jeudi 11 mars") nor a
 * clock word ("Donnerstag 11 Uhr").
 */
function weekdayNumberParsers(language: Language, words: LanguageWords): Parser[] {
  const clock = ['h', 'uhr', 'uur', 'u', 'heures?', 'horas?', 'ore', "o'?clock", 'am', 'pm'];
  const notAfter = `(?![0-9:])(?!\\s*(?:[:h]\\d|(?:${clock.join('|')})${E}|a\\.m|p\\.m))(?!\\.?\\s*(?:de\\s+)?(?:${words.months}))`;
  return words.weekdays.map((names, weekday) =>
    parser(
      new RegExp(`${B}(?:${names}),?\\s+(\\d{1,2})\\.?${notAfter}`, 'iu'),
      (context, match) => {
        const day = Number(match[1]);
        if (!(day >= 1 && day <= 31)) return null;
        const components = context.createParsingComponents({});
        if (language === 'en') {
          components.addTag(tag('ambiguous', 'weekday-number'));
          return components;
        }
        components.assign('day', day);
        components.assign('weekday', weekday);
        components.addTag(tag('ordinal', day));
        return components;
      },
    ),
  );
}

function clockWordParsers(language: Language, words: LanguageWords): Parser[] {
  return words.clockWords.map(([source, hour]) =>
    parser(new RegExp(bounded(language, source), 'iu'), (context) => {
      const components = context.createParsingComponents({ hour, minute: 0 });
      components.addTag(tag('clock', hour));
      if (hour === 0) components.addTag('casualReference/midnight');
      return components;
    }),
  );
}

function spanParsers(language: Language, words: LanguageWords): Parser[] {
  const half =
    words.halfHour === '' || words.spanBefore === ''
      ? []
      : [
          parser(
            new RegExp(`${B}(?:${words.spanBefore})\\s+(?:${words.halfHour})${E}`, 'iu'),
            (context) => {
              const components = context.createParsingComponents({});
              components.addTag(tag('exact', 30 * 60_000));
              return components;
            },
          ),
        ];
  return half.concat(
    words.units.map(([unit, size]) => {
      const amount = words.one === '' ? '(\\d{1,4})' : `(\\d{1,4}|${words.one})`;
      const source =
        language === 'ja'
          ? `(\\d{1,4})(?:${unit})`
          : `${B}(?:${words.spanBefore})\\s+${amount}\\s*(?:${unit})${E}`;
      return parser(new RegExp(source, 'iu'), (context, match) => {
        const n = /^\d+$/.test(match[1] ?? '') ? Number(match[1]) : 1;
        const components = context.createParsingComponents({});
        components.addTag('ms' in size ? tag('exact', n * size.ms) : tag('days', n * size.days));
        return components;
      });
    }),
  );
}

/**
 * chrono's own results give way to ours when they cut across one of ours, are a range over one
 * ("15 alle 12:00" read by chrono's Italian as 15:00 to 12:00), hold two or more of ours (which
 * combine in when.ts: chrono read "12 at night" as noon), or are the same text. One that holds
 * a single one of ours and more ("24 December at 5pm" over our "at 5pm") is kept instead.
 */
const oursFirst: Refiner = {
  refine: (_context, results) => {
    const isOurs = (r: (typeof results)[number]) =>
      [...r.tags()].some((t) => t.startsWith('when/'));
    const ours = results.filter(isOurs);
    const end = (r: (typeof results)[number]) => r.index + r.text.length;
    const holds = (a: (typeof results)[number], b: (typeof results)[number]) =>
      a.index <= b.index && end(a) >= end(b);
    const overlaps = (a: (typeof results)[number], b: (typeof results)[number]) =>
      a.index < end(b) && b.index < end(a);
    const kept = results.filter((r) => {
      if (isOurs(r)) return true;
      const touching = ours.filter((o) => overlaps(r, o));
      if (touching.length === 0) return true;
      if (r.end !== null || touching.length > 1) return false;
      const [o] = touching;
      return o !== undefined && holds(r, o) && r.text.length > o.text.length;
    });
    return kept.filter(
      (r) =>
        !isOurs(r) || !kept.some((c) => !isOurs(c) && holds(c, r) && c.text.length > r.text.length),
    );
  },
};

function extend(chrono: Chrono, language: Language): void {
  const words = WORDS[language];
  chrono.parsers.unshift(
    ...relativeDayParsers(language, words),
    ...periodParsers(language, words),
    ...ordinalParsers(language, words),
    ...timeParsers(language, words),
    ...fractionParsers(language, words),
    ...weekdayNumberParsers(language, words),
    ...clockWordParsers(language, words),
    ...spanParsers(language, words),
  );
  chrono.refiners.unshift(oursFirst);
}

/** The tags `when.ts` reads off a result. */
export const WHEN_TAG = {
  relative: 'when/relative/',
  period: 'when/period/',
  ordinal: 'when/ordinal/',
  exact: 'when/exact/',
  days: 'when/days/',
  ambiguous: 'when/ambiguous/',
} as const;

export type { Period };

// The texter's message in every language: each table has every code and variant the English one
// has, words the same facts the same way (a number, a zone, an example it names), says nothing
// a texter should not read, and is not English left in place. Then, through the built function,
// the language is the one the request or DEFAULT_LOCALE asks for, and English otherwise.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AppError, ErrorCode, Facts } from '../src/core/errors';
import { LANGUAGES, type Language } from '../src/core/language';
import { maskDigitRuns } from '../src/core/mask';
import { tableFor } from '../src/edge/error-words';
import { EN } from '../src/edge/messages/en';
import { type MessageTable, messageFor, momentIn, spanIn } from '../src/edge/messages/table';
import { readWhen } from '../src/time/when';
import { invoke, loadFunction, makeContext } from './support/functions';
import { unfit } from './support/texter-text';

const OTHERS = LANGUAGES.filter((language) => language !== 'en');
const LATEST = Date.UTC(2027, 0, 5, 14, 0);
const ZONE = 'America/New_York';

/** Facts every text may be built from: the ones the lower layers always give with their code. */
// Leads no example names ("2 hours" is one), so that finding one means the fact was worded.
const BASE: Facts = { max: 1600, minLead: 17, latest: LATEST, retryAfterSeconds: 600 };
/** One fact changed at a time: a text must react to the ones English reacts to. */
const SAMPLES: Facts[] = [
  {},
  { max: 10 },
  { minLead: 180 },
  { minLead: 4320 },
  { zone: ZONE },
  { status: 'delivered' },
  { status: 'failed' },
  { status: 'sending' },
  { operation: 'create' },
  { operation: 'cancel' },
  { operation: 'read' },
  ...[21211, 21610, 21612, 21614, 35125, 30007].map((twilioCode) => ({
    twilioCode,
    operation: 'create',
  })),
  { field: 'to' },
  { field: 'body' },
  { field: 'sendAt' },
  { field: 'timeZone' },
  { field: 'quietHours' },
  { field: 'mediaUrl' },
  { field: 'someOtherName' },
].map((sample) => ({ ...BASE, ...sample }));

/** What a text carries over unchanged when English carries it: examples and fact values. */
const KEPT: readonly (string | RegExp)[] = [
  '+1 415 555 0100',
  '09:30',
  '21:00-08:00',
  'America/New_York',
  'en-US',
  'fr-FR',
  'es-MX',
  'STOP',
  '1600',
  /\b10\b/,
  /\bsun\b/,
  /\bsat,sun\b/,
  /\boff\b/,
  /\b30\b/,
];
const carries = (text: string, kept: string | RegExp) =>
  typeof kept === 'string' ? text.includes(kept) : kept.test(text);

/** "tomorrow at 9am", as each language's INVALID_WHEN example says it. */
const WHEN_EXAMPLES: Record<Language, string> = {
  en: 'tomorrow at 9am',
  es: 'mañana a las 9',
  fr: 'demain à 9h',
  de: 'morgen um 9 Uhr',
  pt: 'amanhã às 9',
  it: 'domani alle 9',
  nl: 'morgen om 9 uur',
  ja: '明日の9時',
};
const WHEN_LOCALES: Record<Language, string> = {
  en: 'en-US',
  es: 'es-MX',
  fr: 'fr-FR',
  de: 'de-DE',
  pt: 'pt-BR',
  it: 'it-IT',
  nl: 'nl-NL',
  ja: 'ja-JP',
};

/** Every (code, variant) English has, plus the two shared variants. */
function englishEntries(): { code: ErrorCode; variant: string }[] {
  const entries: { code: ErrorCode; variant: string }[] = [];
  for (const [code, entry] of Object.entries(EN.messages) as [ErrorCode, unknown][]) {
    const variants = typeof entry === 'object' && entry !== null ? Object.keys(entry) : ['default'];
    for (const variant of variants) entries.push({ code, variant });
  }
  entries.push({ code: 'INVALID_BODY', variant: 'wrongKind' });
  entries.push({ code: 'CONFLICTING_TO', variant: 'conflict' });
  return entries;
}

function textOf(table: MessageTable, code: ErrorCode, variant: string, sample: Facts): string {
  const { field, ...facts } = sample;
  const error: AppError = { code, facts: { ...facts, variant } };
  if (field !== undefined) error.field = String(field);
  return messageFor(error, table);
}

/** A code's variant names, or "text" for a single text (a string or one built from facts). */
const shapeOf = (entry: unknown) =>
  typeof entry === 'object' && entry !== null ? Object.keys(entry).sort() : 'text';

/** What is wrong with a table, measured against English; empty when nothing is. */
function problemsOf(table: MessageTable): string[] {
  const problems: string[] = [];
  const language = table.language;
  const codes = (t: MessageTable) => Object.keys(t.messages).sort();
  if (codes(table).join() !== codes(EN).join()) problems.push('codes differ from English');
  for (const code of Object.keys(EN.messages) as ErrorCode[]) {
    const [own, en] = [shapeOf(table.messages[code]), shapeOf(EN.messages[code])];
    if (JSON.stringify(own) !== JSON.stringify(en))
      problems.push(`${code}: variants ${own} ≠ ${en}`);
  }
  if (Object.keys(table.nouns).sort().join() !== Object.keys(EN.nouns).sort().join()) {
    problems.push('nouns differ from English');
  }
  for (const { code, variant } of englishEntries()) {
    const english = SAMPLES.map((sample) => textOf(EN, code, variant, sample));
    const own = SAMPLES.map((sample) => textOf(table, code, variant, sample));
    if (own[0] === english[0]) problems.push(`${code}/${variant}: English left in place`);
    own.forEach((text, i) => {
      const sample = SAMPLES[i] ?? {};
      const where = `${code}/${variant} ${JSON.stringify(sample)}`;
      if (text.trim().length === 0) problems.push(`${where}: empty`);
      if (/\[object|\bundefined\b|\bNaN\b|\$\{/.test(text)) problems.push(`${where}: ${text}`);
      for (const found of unfit(text)) problems.push(`${where}: says ${found}`);
      // The edge masks digit runs that look like numbers: no text of ours may be one.
      if (maskDigitRuns(text) !== text) problems.push(`${where}: masked as ${maskDigitRuns(text)}`);
      const en = english[i] ?? '';
      for (const kept of KEPT) {
        if (carries(en, kept) && !carries(text, kept)) problems.push(`${where}: lacks ${kept}`);
      }
      const minLead = Number(sample.minLead);
      if (en.includes(spanIn('en', minLead)) && !text.includes(spanIn(language, minLead))) {
        problems.push(`${where}: lacks ${spanIn(language, minLead)}`);
      }
      const zone = sample.zone === undefined ? undefined : String(sample.zone);
      const moment = momentIn(language, LATEST, zone);
      if (en.includes(momentIn('en', LATEST, zone)) && !text.includes(moment)) {
        problems.push(`${where}: lacks ${moment}`);
      }
      // Where English says two things differently (sent or not, which number), so must it.
      for (let j = 0; j < i; j++) {
        if (en !== english[j] && text === own[j]) {
          problems.push(`${where}: the same as for ${JSON.stringify(SAMPLES[j])}`);
        }
      }
    });
  }
  return problems;
}

describe('every language has every message', () => {
  it('a table for each language, named for it', () => {
    for (const language of LANGUAGES) assert.equal(tableFor(language).language, language);
  });

  it('English passes its own measure', () => {
    // Only "English left in place" can apply to English itself.
    assert.ok(problemsOf(EN).every((problem) => problem.endsWith('English left in place')));
  });

  for (const language of OTHERS) {
    it(`${language}: every code and variant, fit for a texter, the facts worded, not English`, () => {
      assert.deepEqual(problemsOf(tableFor(language)), []);
    });

    it(`${language}: its example of a time in words is read, whole, in its own locale`, () => {
      const example = WHEN_EXAMPLES[language];
      for (const variant of ['default', 'partial']) {
        assert.ok(
          textOf(tableFor(language), 'INVALID_WHEN', variant, {}).includes(example),
          variant,
        );
      }
      const read = readWhen(example, {
        now: Date.UTC(2026, 5, 10, 12),
        zone: 'UTC',
        locale: WHEN_LOCALES[language],
      });
      assert.ok(read.ok, example);
      assert.equal(read.value.interpreted, example);
      assert.equal(new Date(read.value.instant).toISOString(), '2026-06-11T09:00:00.000Z');
    });
  }

  it('the measure catches a copy, a dropped fact, a leaked name, a missing variant, a lost case', () => {
    const { withoutTemplate: _, ...variables } = tableFor('fr').messages
      .INVALID_CONTENT_VARIABLES as {
      default: string;
      withoutTemplate: string;
    };
    const broken: MessageTable = {
      ...tableFor('fr'),
      messages: {
        ...tableFor('fr').messages,
        BODY_TOO_LONG: 'Désolé, ce message est trop long.',
        INVALID_TO: EN.messages.INVALID_TO,
        INVALID_AT: 'Désolé, « at » doit ressembler à 09:30.',
        INVALID_CONTENT_VARIABLES: variables,
        TWILIO_UNAVAILABLE: 'Désolé, le service de messagerie a rencontré un problème.',
      },
    };
    const problems = problemsOf(broken);
    const expect = (pattern: RegExp) =>
      assert.ok(
        problems.some((problem) => pattern.test(problem)),
        `${pattern} not in ${problems.join('\n')}`,
      );
    expect(/^BODY_TOO_LONG\/default \{"max":1600,[^}]*\}: lacks 1600$/);
    expect(/^INVALID_TO\/default: English left in place/);
    expect(/^INVALID_AT\/default \{[^}]*\}: says at$/);
    expect(/^INVALID_CONTENT_VARIABLES: variants/);
    expect(/^TWILIO_UNAVAILABLE\/default \{[^}]*"operation":"cancel"\}: the same as/);
  });
});

describe('the texter is answered in their language, through the built function', () => {
  const SERVICE = `MG${'a'.repeat(32)}`;
  const send = async (event: Record<string, unknown>, env: Record<string, string> = {}) => {
    const quiet = console.log;
    console.log = () => {};
    try {
      const answer = await invoke(
        loadFunction('schedule-message'),
        makeContext({ env: { MESSAGING_SERVICE_SID: SERVICE, ...env } }),
        { to: '555-1234', body: 'See you', minutes: '30', ...event },
      );
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.error?.code, 'INVALID_TO');
      return answer.body.error ?? {};
    } finally {
      console.log = quiet;
    }
  };
  const invalidTo = (language: Language) => tableFor(language).messages.INVALID_TO;

  it('locale=fr-FR: the message is French, the detail the same English as without it', async () => {
    const english = await send({});
    const french = await send({ locale: 'fr-FR' });
    assert.equal(english.message, invalidTo('en'));
    assert.equal(french.message, invalidTo('fr'));
    assert.notEqual(french.message, english.message);
    assert.equal(typeof english.detail, 'string');
    assert.match(String(english.detail), /E\.164/);
    assert.equal(french.detail, english.detail);
  });

  it('DEFAULT_LOCALE=es-MX and no locale: Spanish; a locale given wins over it', async () => {
    assert.equal((await send({}, { DEFAULT_LOCALE: 'es-MX' })).message, invalidTo('es'));
    assert.equal(
      (await send({ locale: 'de-DE' }, { DEFAULT_LOCALE: 'es-MX' })).message,
      invalidTo('de'),
    );
  });

  it('any region of a language is that language', async () => {
    for (const [locale, language] of [
      ['fr-CA', 'fr'],
      ['pt-PT', 'pt'],
      ['ja', 'ja'],
      ['NL_be', 'nl'],
      [' it-IT ', 'it'],
      ['en-GB', 'en'],
    ] as const) {
      assert.equal((await send({ locale })).message, invalidTo(language), locale);
    }
  });

  it('a language without a table, or no language at all, is answered in English', async () => {
    // sv-SE is a language times in words are read in, but not one messages are written in.
    for (const locale of ['sv-SE', 'zz-ZZ', '', 'not a locale!']) {
      assert.equal((await send({ locale })).message, invalidTo('en'), locale);
    }
    assert.equal((await send({ locale: ['fr-FR'] })).message, invalidTo('en'));
    assert.equal((await send({}, { DEFAULT_LOCALE: 'sv-SE' })).message, invalidTo('en'));
  });

  it('a language without a table falls to DEFAULT_LOCALE, the builder’s choice, before English', async () => {
    assert.equal(
      (await send({ locale: 'sv-SE' }, { DEFAULT_LOCALE: 'fr-FR' })).message,
      invalidTo('fr'),
    );
  });
});

// What a reply to an appointment reminder says: confirm, decline, reschedule, opt out, or none
// of these, in the eight languages the service writes (en, es, fr, de, pt, it, nl, ja).
//
// Twilio's opt-out words (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, and the newer REVOKE,
// OPTOUT) are always an opt-out, never a decline: Twilio itself opts the sender out of every
// message on them, whatever this service does. YES is both Twilio's opt-in word and a confirm
// here: a person who replies YES is opted back in and confirms, which is what they mean.
import type { Language } from '../core/language';

export type ReplyIntent = 'confirm' | 'decline' | 'reschedule' | 'opt-out' | 'none';

export interface ReplyReading {
  intent: ReplyIntent;
  /** The language of the word, when only one language has it (`OUI`, not `NO` or `C`). */
  language?: Language;
}

/** Twilio's default opt-out keywords, and the two the shipped flow's STOP path adds. */
export const OPT_OUT_WORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
] as const;

type Words = Readonly<Record<Exclude<ReplyIntent, 'opt-out' | 'none'>, readonly string[]>>;

/** Neutral words (letters and digits a reminder may list): no language of their own. */
const NEUTRAL: Words = {
  confirm: ['C', 'Y', '1', 'OK', 'OKAY', '👍'],
  decline: ['N', 'X', '2'],
  reschedule: ['R', '3'],
};

/** Each language's words, written upper-case; accents are also matched without them. */
const WORDS: Readonly<Record<Language, Words>> = {
  en: {
    confirm: ['YES', 'YEP', 'YEAH', 'CONFIRM', 'CONFIRMED', 'SURE'],
    decline: ['NO', 'NOPE', 'DECLINE', 'CANT', "CAN'T"],
    reschedule: ['RESCHEDULE', 'CHANGE', 'MOVE'],
  },
  es: {
    confirm: ['SÍ', 'CONFIRMO', 'CONFIRMAR', 'CONFIRMADO', 'VALE', 'CLARO'],
    decline: ['NO', 'RECHAZAR', 'ANULAR'],
    reschedule: ['CAMBIAR', 'REPROGRAMAR'],
  },
  fr: {
    confirm: ['OUI', 'CONFIRME', 'CONFIRMER', "D'ACCORD"],
    decline: ['NON', 'ANNULER'],
    reschedule: ['CHANGER', 'REPORTER', 'DÉPLACER'],
  },
  de: {
    confirm: ['JA', 'BESTÄTIGEN', 'BESTÄTIGT', 'JAWOHL'],
    decline: ['NEIN', 'ABSAGEN', 'STORNIEREN'],
    reschedule: ['VERSCHIEBEN', 'ÄNDERN'],
  },
  pt: {
    confirm: ['SIM', 'CONFIRMO', 'CONFIRMAR', 'CONFIRMADO'],
    decline: ['NÃO', 'DESMARCAR'],
    reschedule: ['REMARCAR', 'MUDAR'],
  },
  it: {
    confirm: ['SÌ', 'CONFERMO', 'CONFERMA', 'CONFERMATO'],
    decline: ['NO', 'ANNULLA', 'DISDICO'],
    reschedule: ['SPOSTARE', 'CAMBIARE', 'RIPROGRAMMARE'],
  },
  nl: {
    confirm: ['JA', 'BEVESTIG', 'BEVESTIGEN', 'OKÉ'],
    decline: ['NEE', 'AFZEGGEN', 'ANNULEREN'],
    reschedule: ['VERZETTEN', 'WIJZIGEN', 'VERPLAATSEN'],
  },
  ja: {
    confirm: ['はい', 'ハイ', '確認', '了解', '承知しました'],
    decline: ['いいえ', 'イイエ', 'キャンセル', '行けません'],
    reschedule: ['変更', '日程変更', '予約変更'],
  },
};

/** Upper case, and accents kept (`SÍ`) beside a copy without them (`SI`). */
const plain = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '');

type Entry = { intent: ReplyIntent; languages: Set<Language> | null };

/** Every word once: its intent, and the languages that have it (null: neutral). */
const LEXICON: ReadonlyMap<string, Entry> = (() => {
  const lexicon = new Map<string, Entry>();
  const add = (word: string, intent: ReplyIntent, language: Language | null) => {
    for (const form of new Set([word, plain(word)])) {
      const entry = lexicon.get(form) ?? { intent, languages: language ? new Set() : null };
      // A word in two intents would be a guess: the table is written so that none is.
      if (entry.intent !== intent) throw new Error(`reply word ${form} in two intents`);
      if (language && entry.languages) entry.languages.add(language);
      lexicon.set(form, entry);
    }
  };
  for (const [intent, words] of Object.entries(NEUTRAL))
    for (const word of words) add(word, intent as ReplyIntent, null);
  for (const [language, table] of Object.entries(WORDS) as [Language, Words][])
    for (const [intent, words] of Object.entries(table))
      for (const word of words) add(word, intent as ReplyIntent, language);
  for (const word of OPT_OUT_WORDS) add(word, 'opt-out', null);
  return lexicon;
})();

/** Trimmed, upper-cased, and without the punctuation people end a reply with. */
const normalise = (text: string): string =>
  text
    .normalize('NFC')
    .trim()
    .replace(/^[\s"'«“¿¡]+|[\s"'»”.!?。！？、,]+$/gu, '')
    .toUpperCase();

function lookUp(word: string): ReplyReading | undefined {
  const entry = LEXICON.get(word) ?? LEXICON.get(plain(word));
  if (entry === undefined) return undefined;
  const reading: ReplyReading = { intent: entry.intent };
  const [only, ...others] = entry.languages ?? [];
  if (only !== undefined && others.length === 0) reading.language = only;
  return reading;
}

/**
 * Reads a reply: the whole text first (`C`, `Sí`, `いいえ`), then its first word (`Yes, see you
 * then`, `No puedo`). An opt-out word counts only as the whole text, as Twilio counts it; as the
 * first word of a longer text it is neither an opt-out nor a decline (none: the help is sent).
 */
export function readReply(text: string): ReplyReading {
  const whole = normalise(text);
  if (whole === '') return { intent: 'none' };
  const exact = lookUp(whole);
  if (exact !== undefined) return exact;
  const first = normalise(whole.split(/[\s,.;:!?、。，]+/u)[0] ?? '');
  const byFirst = first === whole ? undefined : lookUp(first);
  if (byFirst === undefined || byFirst.intent === 'opt-out') return { intent: 'none' };
  return byFirst;
}

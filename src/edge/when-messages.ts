// What the texter reads when their `when` is refused, in their own language: one text per
// language and reason (the error's `language` and `reason`), each with a phrase that works.
// Pure data; `detail` stays in English, for the builder.
import { MAX_WHEN_LENGTH, type WhenRefusal } from '../time/when-refusals';
import type { Language } from '../time/when-words';

export type { WhenRefusal } from '../time/when-refusals';
export type { Language } from '../time/when-words';

/** For the texter, in English (the catalog has the other languages). */
const WHEN_MESSAGE_EN: Record<WhenRefusal, string> = {
  unreadable: "I couldn't find a day or a time in that. Try 'tomorrow at 9am'.",
  past: "That time has already passed. Try a time to come, like 'tomorrow at 9am'.",
  vague: "Tell me a day or a time, like 'tomorrow at 9am'.",
  ambiguous: "I couldn't tell which time you meant. Try 'tomorrow at 9am'.",
  'too-long': "That's too long for me to read as a time. Try 'tomorrow at 9am'.",
  'leftover-time-word':
    "I couldn't read all of the time you wrote. Tell me a day and a time, like 'tomorrow at 9am'.",
  recurring: "I can set one time here. Tell me one day and time, like 'tomorrow at 9am'.",
};

/** For the builder, in English. */
const WHEN_DETAIL: Record<WhenRefusal, string> = {
  unreadable:
    'when holds no date or time that can be read; e.g. "tomorrow at 9am", "in 2 hours", "next Monday 14:00", "Dec 24 noon". Or give sendAt or at instead.',
  past: 'when names a time in the past ("yesterday", "last Monday", "2 hours ago", or a time today already gone); nothing is scheduled.',
  vague:
    'when names no day or time ("soon", "later", "más tarde"); nothing is scheduled. Ask for a day or a time.',
  ambiguous:
    'when can be read as more than one time (in different languages, or with parts that disagree, e.g. "12 at night", "midnight" with a date, a range); give locale, or sendAt or at.',
  'too-long': `when is longer than ${MAX_WHEN_LENGTH} characters.`,
  'leftover-time-word':
    'when holds a time word outside the part that was read (a date, weekday, number or part of the day that would be ignored); rather than guess, nothing is scheduled. Use sendAt or at for this one.',
  recurring:
    'when asks for more than one time ("every Monday", "daily", "todos los lunes"); one message is scheduled per request. For a series, give repeat (with sendAt, at or a when naming the first one).',
};

/** A phrase that reads right in each language, without a locale: the suggestion in each text. */
export const WHEN_EXAMPLE: Record<Language, string> = {
  en: 'tomorrow at 9am',
  es: 'mañana a las 9',
  fr: 'demain à 9h',
  de: 'morgen um 9 Uhr',
  pt: 'amanhã às 9h',
  it: 'domani alle 9',
  nl: 'morgen om 9 uur',
  ja: '明日の9時',
};

export const WHEN_MESSAGES: Record<Language, Record<WhenRefusal, string>> = {
  en: WHEN_MESSAGE_EN,
  es: {
    unreadable: 'No encontré un día ni una hora. Prueba con «mañana a las 9».',
    past: 'Esa hora ya pasó. Prueba con una hora futura, como «mañana a las 9».',
    vague: 'Dime un día o una hora, como «mañana a las 9».',
    ambiguous: 'No supe qué hora querías decir. Prueba con «mañana a las 9».',
    'too-long': 'Es demasiado largo para leerlo como una hora. Prueba con «mañana a las 9».',
    'leftover-time-word':
      'No pude leer toda la hora que escribiste. Dime un día y una hora, como «mañana a las 9».',
    recurring: 'Aquí puedo poner una sola hora. Dime un día y una hora, como «mañana a las 9».',
  },
  fr: {
    unreadable: "Je n'ai trouvé ni jour ni heure. Essayez « demain à 9h ».",
    past: 'Cette heure est déjà passée. Essayez une heure à venir, comme « demain à 9h ».',
    vague: 'Donnez-moi un jour ou une heure, comme « demain à 9h ».',
    ambiguous: "Je n'ai pas compris quelle heure vous vouliez dire. Essayez « demain à 9h ».",
    'too-long': "C'est trop long pour que je le lise comme une heure. Essayez « demain à 9h ».",
    'leftover-time-word':
      "Je n'ai pas pu lire toute l'heure indiquée. Donnez un jour et une heure, comme « demain à 9h ».",
    recurring:
      'Je ne peux noter qu’une seule heure ici. Donnez un jour et une heure, comme « demain à 9h ».',
  },
  de: {
    unreadable: 'Ich habe keinen Tag und keine Uhrzeit gefunden. Versuchen Sie „morgen um 9 Uhr“.',
    past: 'Diese Zeit ist schon vorbei. Versuchen Sie eine kommende Zeit, z. B. „morgen um 9 Uhr“.',
    vague: 'Nennen Sie mir einen Tag oder eine Uhrzeit, z. B. „morgen um 9 Uhr“.',
    ambiguous:
      'Ich konnte nicht erkennen, welche Zeit Sie meinen. Versuchen Sie „morgen um 9 Uhr“.',
    'too-long': 'Das ist zu lang, um es als Zeit zu lesen. Versuchen Sie „morgen um 9 Uhr“.',
    'leftover-time-word':
      'Ich konnte nicht die ganze Zeitangabe lesen. Nennen Sie Tag und Uhrzeit, z. B. „morgen um 9 Uhr“.',
    recurring:
      'Hier kann ich nur eine Zeit eintragen. Nennen Sie einen Tag und eine Uhrzeit, z. B. „morgen um 9 Uhr“.',
  },
  pt: {
    unreadable: 'Não encontrei um dia nem um horário. Tente “amanhã às 9h”.',
    past: 'Esse horário já passou. Tente um horário futuro, como “amanhã às 9h”.',
    vague: 'Diga um dia ou um horário, como “amanhã às 9h”.',
    ambiguous: 'Não entendi qual horário você quis dizer. Tente “amanhã às 9h”.',
    'too-long': 'É longo demais para eu ler como um horário. Tente “amanhã às 9h”.',
    'leftover-time-word':
      'Não consegui ler todo o horário que você escreveu. Diga um dia e um horário, como “amanhã às 9h”.',
    recurring: 'Aqui só posso marcar um horário. Diga um dia e um horário, como “amanhã às 9h”.',
  },
  it: {
    unreadable: "Non ho trovato né un giorno né un'ora. Prova con «domani alle 9».",
    past: "Quell'ora è già passata. Prova con un'ora futura, come «domani alle 9».",
    vague: "Dimmi un giorno o un'ora, come «domani alle 9».",
    ambiguous: 'Non ho capito quale ora intendevi. Prova con «domani alle 9».',
    'too-long': "È troppo lungo per leggerlo come un'ora. Prova con «domani alle 9».",
    'leftover-time-word':
      "Non sono riuscito a leggere tutta l'ora che hai scritto. Dimmi un giorno e un'ora, come «domani alle 9».",
    recurring: "Qui posso fissare un'ora sola. Dimmi un giorno e un'ora, come «domani alle 9».",
  },
  nl: {
    unreadable: 'Ik vond geen dag of tijd. Probeer ‘morgen om 9 uur’.',
    past: 'Dat tijdstip is al voorbij. Probeer een tijd die nog komt, zoals ‘morgen om 9 uur’.',
    vague: 'Noem een dag of een tijd, zoals ‘morgen om 9 uur’.',
    ambiguous: 'Ik begreep niet welke tijd je bedoelde. Probeer ‘morgen om 9 uur’.',
    'too-long': 'Dat is te lang om als tijd te lezen. Probeer ‘morgen om 9 uur’.',
    'leftover-time-word':
      'Ik kon niet de hele tijd lezen die je schreef. Noem een dag en een tijd, zoals ‘morgen om 9 uur’.',
    recurring: 'Ik kan hier één tijd instellen. Noem een dag en een tijd, zoals ‘morgen om 9 uur’.',
  },
  ja: {
    unreadable: '日時が見つかりませんでした。「明日の9時」のように書いてください。',
    past: 'その時刻はもう過ぎています。「明日の9時」のように、これからの時刻を書いてください。',
    vague: '日にちか時刻を教えてください。例：「明日の9時」',
    ambiguous: 'どの時刻のことか分かりませんでした。「明日の9時」のように書いてください。',
    'too-long': '長すぎて時刻として読めません。「明日の9時」のように書いてください。',
    'leftover-time-word':
      '書かれた時刻をすべて読み取れませんでした。「明日の9時」のように日にちと時刻を書いてください。',
    recurring: 'ここでは1つの日時だけ設定できます。「明日の9時」のように書いてください。',
  },
};

/** For the builder, in English, per reason (the same `detail` the error carries). */
export const WHEN_DETAILS: Record<WhenRefusal, string> = WHEN_DETAIL;

// The words of time in the eight languages `when` is read in without a `locale`: what our own
// chrono-node parsers look for (relative days, parts of the day, ordinal days, clock times,
// spans chrono misses), what makes a phrase past or vague, and every word that names a time, so
// that one left outside the part read is noticed. Pure data and regular expressions: no chrono.

import { LANGUAGES, type Language } from '../core/language';

export type { Language } from '../core/language';

/** The languages a `when` is tried in when the flow names none, in the order ties are broken. */
export const TEXTER_LANGUAGES: readonly Language[] = LANGUAGES;

export const isTexterLanguage = (language: string): language is Language =>
  (TEXTER_LANGUAGES as readonly string[]).includes(language);

/** A part of the day, which turns "8" into 08:00 or 20:00 and names a time when alone. */
export type Period = 'morning' | 'afternoon' | 'evening' | 'night';

/** The time a part of the day alone stands for ("tomorrow morning" is 09:00). */
export const PERIOD_HOUR: Record<Period, number> = {
  morning: 9,
  afternoon: 15,
  evening: 19,
  night: 20,
};

export interface LanguageWords {
  /** [pattern, days from today, part of the day it also names] */
  relativeDays: [string, number, Period?][];
  /** [pattern, part of the day, days from today when it names the day too ("tonight")] */
  periods: [string, Period, number?][];
  /** Patterns whose first group is a day of the month: "the 15th", "el 15". */
  ordinals: string[];
  /** Words before a bare hour that make it a clock time: "at 8", "um 8". */
  timeBefore: string;
  /** Words after an hour that make it one: "8 o'clock", "8 Uhr", "9h". */
  timeAfter: string;
  /**
   * [pattern whose first group is an hour, minutes from that hour]: "half past 9" (+30),
   * "quarter to 10" (-15), German and Dutch "halb 10" (-30, that is 09:30).
   */
  fractions: [string, number][];
  /** [pattern, hour]: "noon" (12), "midnight" (0). */
  clockWords: [string, 12 | 0][];
  /** Words before a span ("in", "dans", "em"): "in 2 hours". Japanese puts 後 after instead. */
  spanBefore: string;
  /** Words for one ("an hour", "une heure"). */
  one: string;
  /** [unit pattern, ms (exact) or days (calendar: the clock time of now kept)] */
  units: [string, { ms: number } | { days: number }][];
  /** Words that put the time in the past. */
  past: string;
  /** Words that name no time one can schedule at: "soon", "before 5pm", "after 5pm". */
  vague: string;
  /** Words that ask for more than one time: "every Monday". */
  recurring: string;
  /** Half an hour, after a span word: "in half an hour", "en media hora". */
  halfHour: string;
  /** Weekday names, Sunday first: "jeudi 11" is Thursday the 11th (chrono reads 11:00). */
  weekdays: string[];
  /** Full month names (an ordinal before one is a date chrono reads itself). */
  months: string;
  /** Every other word that names a time: weekdays, units, "today"... (leftover check). */
  words: string;
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

// Letters on neither side: a word, not part of one.
/**
 * Letters of the Latin scripts. Not `\p{L}`: with the `i` flag V8 builds a case-folded class of
 * every letter for each pattern (~0.6 ms each, hundreds of patterns on a fresh instance).
 */
export const LETTER = 'A-Za-z\\u00C0-\\u024F';
export const B = `(?<![${LETTER}0-9])`;
export const E = `(?![${LETTER}0-9])`;

const EN_MONTHS =
  'january|february|march|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec';
const ES_MONTHS =
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
const FR_MONTHS =
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';
const DE_MONTHS =
  'januar|jänner|februar|märz|maerz|april|mai|juni|juli|august|september|oktober|november|dezember';
const PT_MONTHS =
  'janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|novembro|dezembro';
const IT_MONTHS =
  'gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre';
const NL_MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december';
const JA_MONTHS = '\\d{1,2}月';

export const WORDS: Record<Language, LanguageWords> = {
  en: {
    relativeDays: [
      ['(?:the\\s+)?day\\s+after\\s+tomorrow', 2],
      ['tomorrow|tmrw|tmr|tmw|2moro', 1],
      ['today', 0],
      ['tonight', 0, 'night'],
    ],
    periods: [
      ['in\\s+the\\s+morning', 'morning'],
      ['in\\s+the\\s+afternoon', 'afternoon'],
      ['in\\s+the\\s+evening', 'evening'],
      ['this\\s+morning', 'morning', 0],
      ['this\\s+afternoon', 'afternoon', 0],
      ['this\\s+evening', 'evening', 0],
      ['at\\s+night', 'night'],
      ['tonight', 'night', 0],
      ['morning', 'morning'],
      ['afternoon', 'afternoon'],
      ['evening', 'evening'],
      ['night', 'night'],
    ],
    ordinals: ['(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)'],
    timeBefore: 'at|@|by',
    timeAfter: "o'?clock",
    fractions: [
      ['half\\s+past\\s+(\\d{1,2})', 30],
      ['(?:a\\s+)?quarter\\s+past\\s+(\\d{1,2})', 15],
      ['(?:a\\s+)?quarter\\s+(?:to|before|of)\\s+(\\d{1,2})', -15],
    ],
    clockWords: [
      ['noon|midday', 12],
      ['midnight', 0],
    ],
    spanBefore: 'in|within',
    one: 'an?|one',
    units: [
      ['hours?|hrs?|h', { ms: HOUR }],
      ['minutes?|mins?', { ms: MINUTE }],
      ['days?', { days: 1 }],
      ['weeks?', { days: 7 }],
    ],
    past: 'last|yesterday|ago|previous|earlier|this\\s+past|before\\s+now',
    vague:
      'soon|later|asap|sometime|someday|whenever|eventually|in\\s+a\\s+(?:bit|while)|shortly|before|(?<!day\\s)after|until|till|no\\s+later\\s+than',
    recurring: 'every|each|daily|weekly|monthly|everyday|weekdays',
    halfHour: 'half\\s+an\\s+hour',
    weekdays: [
      'sunday|sun',
      'monday|mon',
      'tuesday|tue|tues',
      'wednesday|wed',
      'thursday|thu|thur|thurs',
      'friday|fri',
      'saturday|sat',
    ],
    months: EN_MONTHS,
    words:
      'today|tomorrow|tonight|yesterday|morning|afternoon|evening|night|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|thurs|fri|weekend|week|weeks|month|months|year|hours?|minutes?|mins?|days|half|quarter',
  },
  es: {
    relativeDays: [
      ['pasado\\s+mañana|pasado\\s+manana', 2],
      ['mañana|manana', 1],
      ['hoy', 0],
      ['esta\\s+noche', 0, 'night'],
      ['esta\\s+tarde', 0, 'afternoon'],
    ],
    periods: [
      ['de\\s+la\\s+mañana|por\\s+la\\s+mañana|en\\s+la\\s+mañana|de\\s+la\\s+manana', 'morning'],
      ['de\\s+la\\s+tarde|por\\s+la\\s+tarde|en\\s+la\\s+tarde', 'afternoon'],
      ['de\\s+la\\s+noche|por\\s+la\\s+noche|en\\s+la\\s+noche', 'night'],
      // Small hours: "a las 3 de la madrugada" is 03:00, read as a morning hour.
      ['de\\s+la\\s+madrugada|en\\s+la\\s+madrugada', 'morning'],
      ['esta\\s+noche', 'night', 0],
      ['esta\\s+tarde', 'afternoon', 0],
      ['tarde', 'afternoon'],
      ['noche', 'night'],
    ],
    ordinals: ['(?:el\\s+(?:día\\s+|dia\\s+)?|día\\s+|dia\\s+)(\\d{1,2})'],
    timeBefore: 'a\\s+las|a\\s+la|sobre\\s+las',
    timeAfter: 'h|hs|horas',
    fractions: [
      ['(\\d{1,2})\\s+y\\s+media', 30],
      ['(\\d{1,2})\\s+y\\s+cuarto', 15],
      ['(\\d{1,2})\\s+menos\\s+cuarto', -15],
    ],
    clockWords: [
      ['mediodía|mediodia', 12],
      ['medianoche', 0],
    ],
    spanBefore: 'en|dentro\\s+de',
    one: 'una?|uno',
    units: [
      ['horas?|h', { ms: HOUR }],
      ['minutos?|min', { ms: MINUTE }],
      ['días?|dias?', { days: 1 }],
      ['semanas?', { days: 7 }],
    ],
    past: 'ayer|anoche|anteayer|hace|pasado(?!\\s+mañana|\\s+manana)|pasada|anterior',
    vague:
      'más\\s+tarde|mas\\s+tarde|pronto|luego|después|despues|algún\\s+día|cuanto\\s+antes|antes|hasta',
    recurring: 'todos\\s+los|todas\\s+las|cada|diario|diariamente|semanalmente',
    halfHour: 'media\\s+hora',
    weekdays: [
      'domingo',
      'lunes',
      'martes',
      'miércoles|miercoles',
      'jueves',
      'viernes',
      'sábado|sabado',
    ],
    months: ES_MONTHS,
    words:
      'hoy|mañana|manana|noche|tarde|mediodía|mediodia|medianoche|madrugada|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|semanas?|mes|meses|años?|horas?|minutos?|días|dias|media|cuarto|menos',
  },
  fr: {
    relativeDays: [
      ['après-demain|apres-demain|après\\s+demain|apres\\s+demain', 2],
      ['demain', 1],
      ["aujourd'hui|aujourd’hui", 0],
      ['ce\\s+soir', 0, 'evening'],
      ['cette\\s+nuit', 0, 'night'],
    ],
    periods: [
      ['du\\s+matin|le\\s+matin|au\\s+matin', 'morning'],
      [
        "de\\s+l'après-midi|de\\s+l’après-midi|l'après-midi|l’après-midi|dans\\s+l'après-midi",
        'afternoon',
      ],
      ['du\\s+soir|le\\s+soir|au\\s+soir', 'evening'],
      ['ce\\s+soir', 'evening', 0],
      ['ce\\s+matin', 'morning', 0],
      ['cet\\s+après-midi|cet\\s+apres-midi', 'afternoon', 0],
      ['de\\s+la\\s+nuit', 'night'],
      ['matin', 'morning'],
      ['soir', 'evening'],
    ],
    ordinals: ['(?:le\\s+)(\\d{1,2})(?:er|e|ème)?'],
    timeBefore: 'à|a|vers',
    timeAfter: 'h|heures?',
    fractions: [
      ['(\\d{1,2})\\s*(?:h|heures?)\\s+et\\s+demie', 30],
      ['(\\d{1,2})\\s*(?:h|heures?)\\s+et\\s+quart', 15],
      ['(\\d{1,2})\\s*(?:h|heures?)\\s+moins\\s+(?:le\\s+)?quart', -15],
    ],
    clockWords: [
      ['midi', 12],
      ['minuit', 0],
    ],
    spanBefore: "dans|d'ici|d’ici",
    one: 'une?',
    units: [
      ['heures?|h', { ms: HOUR }],
      ['minutes?|min', { ms: MINUTE }],
      ['jours?', { days: 1 }],
      ['semaines?', { days: 7 }],
    ],
    past: 'hier|avant-hier|dernier|dernière|derniere|il\\s+y\\s+a|passé|passée',
    vague:
      "bientôt|bientot|plus\\s+tard|tout\\s+à\\s+l’heure|tout\\s+à\\s+l'heure|un\\s+de\\s+ces\\s+jours|dès\\s+que\\s+possible|avant|après(?![-\\s]?(?:demain|midi))|jusqu",
    recurring: 'tous\\s+les|toutes\\s+les|chaque|quotidien|quotidiennement',
    halfHour: 'une\\s+demi-heure|une\\s+demi\\s+heure',
    weekdays: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    months: FR_MONTHS,
    words:
      "aujourd'hui|demain|soir|matin|midi|minuit|nuit|lundis?|mardis?|mercredis?|jeudis?|vendredis?|samedis?|dimanches?|semaines?|mois|années?|heures?|minutes?|jours|demie|quart",
  },
  de: {
    relativeDays: [
      ['übermorgen|uebermorgen', 2],
      ['morgen(?!\\s+früh|\\s+frueh|\\s+abend|\\s+nachmittag|\\s+vormittag)', 1],
      ['heute', 0],
      ['heute\\s+abend', 0, 'evening'],
      ['heute\\s+nacht', 0, 'night'],
      ['morgen\\s+früh|morgen\\s+frueh', 1, 'morning'],
      ['morgen\\s+abend', 1, 'evening'],
      ['morgen\\s+nachmittag', 1, 'afternoon'],
    ],
    periods: [
      ['morgens|früh|frueh|am\\s+morgen|vormittags|am\\s+vormittag', 'morning'],
      ['nachmittags|am\\s+nachmittag', 'afternoon'],
      ['abends|am\\s+abend', 'evening'],
      ['nachts|in\\s+der\\s+nacht', 'night'],
    ],
    ordinals: ['(?:am\\s+|den\\s+)(\\d{1,2})\\.'],
    timeBefore: 'um|gegen',
    timeAfter: 'uhr|h',
    fractions: [
      ['halb\\s+(\\d{1,2})', -30],
      ['viertel\\s+nach\\s+(\\d{1,2})', 15],
      ['(?:viertel\\s+vor|dreiviertel)\\s+(\\d{1,2})', -15],
    ],
    clockWords: [
      ['mittag', 12],
      ['mitternacht', 0],
    ],
    spanBefore: 'in',
    one: 'einer|einem|eine|ein',
    units: [
      ['stunden?|std|h', { ms: HOUR }],
      ['minuten?|min', { ms: MINUTE }],
      ['tagen?|tag', { days: 1 }],
      ['wochen?', { days: 7 }],
    ],
    past: 'gestern|vorgestern|letzten|letzte|letztes|vor(?=\\s+(?:\\d+|einer|einem|zwei|drei)\\s+(?:stunden?|minuten?|tagen?|wochen?|monaten?))|vergangenen|vorigen',
    vague: 'später|spaeter|bald|demnächst|irgendwann|gleich|nachher|vor|(?<!viertel\\s)nach|bis',
    recurring:
      'jeden|jede|jeder|täglich|wöchentlich|monatlich|immer|montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonntags',
    halfHour: 'einer\\s+halben\\s+stunde',
    weekdays: ['sonntag', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag'],
    months: DE_MONTHS,
    words:
      'heute|morgen|übermorgen|abend|abends|nacht|mittag|mitternacht|vormittag|nachmittag|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|wochen?|monat|monate|jahr|jahre|stunden?|minuten?|tagen?|uhr|halb|viertel|dreiviertel',
  },
  pt: {
    relativeDays: [
      ['depois\\s+de\\s+amanhã|depois\\s+de\\s+amanha', 2],
      ['amanhã|amanha', 1],
      ['hoje', 0],
      ['hoje\\s+à\\s+noite|hoje\\s+a\\s+noite|esta\\s+noite', 0, 'night'],
    ],
    periods: [
      ['da\\s+manhã|de\\s+manhã|pela\\s+manhã|da\\s+manha|de\\s+manha', 'morning'],
      ['da\\s+tarde|à\\s+tarde|de\\s+tarde|pela\\s+tarde|a\\s+tarde', 'afternoon'],
      ['da\\s+noite|à\\s+noite|de\\s+noite|a\\s+noite', 'night'],
      ['da\\s+madrugada|de\\s+madrugada', 'morning'],
      ['esta\\s+noite|hoje\\s+à\\s+noite', 'night', 0],
    ],
    ordinals: ['(?:no\\s+)?dia\\s+(\\d{1,2})'],
    timeBefore: 'às|as|ás|a\\s+partir\\s+das|pelas',
    timeAfter: 'h|horas',
    fractions: [
      ['(\\d{1,2})\\s*(?:h|horas?)?\\s+e\\s+meia', 30],
      ['(\\d{1,2})\\s*(?:h|horas?)?\\s+e\\s+(?:um\\s+)?quarto', 15],
    ],
    clockWords: [
      ['meio-dia|meio\\s+dia', 12],
      ['meia-noite|meia\\s+noite', 0],
    ],
    spanBefore: 'em|daqui\\s+a|dentro\\s+de',
    one: 'uma?|um',
    units: [
      ['horas?|h', { ms: HOUR }],
      ['minutos?|min', { ms: MINUTE }],
      ['dias?', { days: 1 }],
      ['semanas?', { days: 7 }],
    ],
    past: 'ontem|anteontem|passada|passado|atrás|atras|há(?=\\s+\\d)|ha(?=\\s+\\d)|anterior',
    vague:
      'mais\\s+tarde|logo|em\\s+breve|depois(?!\\s+de\\s+amanh)|daqui\\s+a\\s+pouco|algum\\s+dia|antes|até',
    recurring: 'cada|diariamente|semanalmente',
    halfHour: 'meia\\s+hora',
    weekdays: [
      'domingo',
      'segunda(?:-feira)?',
      'terça(?:-feira)?|terca(?:-feira)?',
      'quarta(?:-feira)?',
      'quinta(?:-feira)?',
      'sexta(?:-feira)?',
      'sábado|sabado',
    ],
    months: PT_MONTHS,
    words:
      'hoje|amanhã|amanha|noite|tarde|manhã|manha|meio-dia|meia-noite|segunda|terça|terca|quarta|quinta|sexta|sábado|sabado|domingo|semanas?|mês|mes|meses|anos?|horas?|minutos?|dias|meia|quarto',
  },
  it: {
    relativeDays: [
      ['dopodomani|dopo\\s+domani', 2],
      ['domani', 1],
      ['oggi', 0],
      ['stasera', 0, 'evening'],
      ['stanotte', 0, 'night'],
      ['stamattina|stamani', 0, 'morning'],
      ['oggi\\s+pomeriggio', 0, 'afternoon'],
    ],
    periods: [
      ['di\\s+mattina|della\\s+mattina|del\\s+mattino|di\\s+mattino|la\\s+mattina', 'morning'],
      ['di\\s+pomeriggio|del\\s+pomeriggio|nel\\s+pomeriggio', 'afternoon'],
      ['di\\s+sera|della\\s+sera|la\\s+sera|in\\s+serata', 'evening'],
      ['di\\s+notte|della\\s+notte', 'night'],
      ['mattina', 'morning'],
      ['pomeriggio', 'afternoon'],
      ['sera', 'evening'],
    ],
    ordinals: ["(?:il\\s+|l'|l’)(\\d{1,2})"],
    timeBefore: "alle\\s+ore|alle|all'|all’|verso\\s+le|per\\s+le|ore",
    timeAfter: '',
    fractions: [
      ['(\\d{1,2})\\s+e\\s+mezz[ao]', 30],
      ['(\\d{1,2})\\s+e\\s+un\\s+quarto', 15],
      ['(\\d{1,2})\\s+meno\\s+un\\s+quarto', -15],
    ],
    clockWords: [
      ['mezzogiorno', 12],
      ['mezzanotte', 0],
    ],
    spanBefore: 'tra|fra|entro',
    one: 'una?|uno',
    units: [
      ['ore|ora|h', { ms: HOUR }],
      ['minuti|minuto', { ms: MINUTE }],
      ['giorni|giorno', { days: 1 }],
      ['settimane|settimana', { days: 7 }],
    ],
    past: 'ieri|l’altro\\s+ieri|scorso|scorsa|fa|passato|passata',
    vague:
      'più\\s+tardi|piu\\s+tardi|presto|dopo|fra\\s+poco|tra\\s+poco|prima\\s+o\\s+poi|prima\\s+(?:delle|della|del|di)|fino',
    recurring: 'ogni|tutti\\s+i|tutte\\s+le|quotidianamente|settimanalmente',
    halfHour: "mezz'ora|mezz’ora|mezza\\s+ora",
    weekdays: [
      'domenica',
      'lunedì|lunedi',
      'martedì|martedi',
      'mercoledì|mercoledi',
      'giovedì|giovedi',
      'venerdì|venerdi',
      'sabato',
    ],
    months: IT_MONTHS,
    words:
      'oggi|domani|dopodomani|stasera|stanotte|sera|notte|mattina|pomeriggio|mezzogiorno|mezzanotte|lunedì|lunedi|martedì|martedi|mercoledì|mercoledi|giovedì|giovedi|venerdì|venerdi|sabato|domenica|settimane?|mesi?|anni?|ore|ora|minuti?|giorni|mezza|mezzo|quarto',
  },
  nl: {
    relativeDays: [
      ['overmorgen', 2],
      ['morgen(?!\\s*ochtend|\\s*middag|\\s*avond|\\s*vroeg)', 1],
      ['vandaag', 0],
      ['vanavond', 0, 'evening'],
      ['vannacht', 0, 'night'],
      ['vanochtend|vanmorgen', 0, 'morning'],
      ['vanmiddag', 0, 'afternoon'],
      ['morgen\\s*ochtend|morgen\\s*vroeg', 1, 'morning'],
      ['morgen\\s*middag', 1, 'afternoon'],
      ['morgen\\s*avond', 1, 'evening'],
    ],
    periods: [
      ["'s\\s*ochtends|'s\\s*morgens|’s\\s*ochtends|’s\\s*morgens", 'morning'],
      ["'s\\s*middags|’s\\s*middags", 'afternoon'],
      ["'s\\s*avonds|’s\\s*avonds", 'evening'],
      ["'s\\s*nachts|’s\\s*nachts", 'night'],
    ],
    ordinals: ['(?:op\\s+)?de\\s+(\\d{1,2})(?:e|ste|de)'],
    timeBefore: 'om|rond',
    timeAfter: 'uur|u',
    fractions: [
      ['half\\s+(\\d{1,2})', -30],
      ['kwart\\s+over\\s+(\\d{1,2})', 15],
      ['kwart\\s+voor\\s+(\\d{1,2})', -15],
    ],
    clockWords: [['middernacht', 0]],
    spanBefore: 'over|binnen',
    one: 'een',
    units: [
      ['uur|uren', { ms: HOUR }],
      ['minuten|minuut', { ms: MINUTE }],
      ['dagen|dag', { days: 1 }],
      ['weken|week', { days: 7 }],
    ],
    past: 'gisteren|eergisteren|vorige|afgelopen|geleden|vorig',
    vague: 'straks|binnenkort|later|zo\\s+snel\\s+mogelijk|ooit|zometeen|(?<!kwart\\s)voor|tot',
    recurring: 'elke|iedere|elk|dagelijks|wekelijks',
    halfHour: 'een\\s+half\\s+uur|een\\s+halfuur|half\\s+uur',
    weekdays: ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'],
    months: NL_MONTHS,
    words:
      'vandaag|morgen|overmorgen|vanavond|vannacht|avond|nacht|ochtend|middag|middernacht|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|weken|week|maand|maanden|jaar|uur|minuten?|dagen|half|kwart',
  },
  ja: {
    relativeDays: [
      ['明後日|あさって', 2],
      ['明日|あした|あす', 1],
      ['今日|きょう', 0],
      ['今夜|今晩|こんや|こんばん', 0, 'night'],
      ['今朝', 0, 'morning'],
    ],
    periods: [
      ['朝', 'morning'],
      ['昼', 'afternoon'],
      ['夕方', 'evening'],
      ['夜|晩', 'night'],
    ],
    ordinals: ['(?<!月)(\\d{1,2})日'],
    timeBefore: '',
    timeAfter: '',
    fractions: [],
    clockWords: [
      ['正午', 12],
      ['真夜中', 0],
    ],
    spanBefore: '',
    one: '',
    units: [
      ['時間後', { ms: HOUR }],
      ['分後', { ms: MINUTE }],
      ['日後', { days: 1 }],
      ['週間後', { days: 7 }],
    ],
    past: '昨日|きのう|一昨日|おととい|(?<!午)前(?!に)|先週|先月|去年|昨夜|昨晩',
    vague: '後で|あとで|後ほど|のちほど|そのうち|すぐ|今度|いつか|まで|以降|以前|過ぎ',
    recurring: '毎週|毎日|毎月|毎朝|毎晩|毎年|毎',
    halfHour: '',
    weekdays: [],
    months: JA_MONTHS,
    words:
      '今日|明日|明後日|今夜|今晩|夜|朝|昼|夕方|午前|午後|正午|深夜|曜日|月曜|火曜|水曜|木曜|金曜|土曜|日曜|時|分|週間|週|ヶ月|か月|年|半',
  },
};

/**
 * A number that is a time or date by its look, in any language: "9h", "9:30", "9am", "8 Uhr",
 * "15th", "15.", "3 hours", "9時", "15日".
 */
const NUMERIC_TIME =
  `\\d{1,2}\\s*(?:[:h.]\\d{2}|h|uhr|uur|am|pm|a\\.m\\.|p\\.m\\.|st|nd|rd|th|er|ème|e)(?![${LETTER}])|` +
  `\\d+\\s*(?:hours?|hrs?|minutes?|mins?|days|weeks?|months?|horas?|minutos?|días|dias|semanas?|meses|heures?|jours|semaines?|mois|stunden?|minuten?|tagen?|wochen?|monate?n?|uur|ore|minuti|giorni|settimane|mesi|dagen|weken|maanden)(?![${LETTER}])|` +
  '\\d+\\s*(?:時|分|日|週|ヶ月|か月)|\\d{1,4}[/-]\\d{1,2}';

const LATIN = TEXTER_LANGUAGES.filter((l) => l !== 'ja');

/** The patterns of every language but Japanese, as one alternation. */
function union(pick: (w: LanguageWords) => string): string {
  return LATIN.map((l) => pick(WORDS[l]))
    .filter((s) => s !== '')
    .map((s) => `(?:${s})`)
    .join('|');
}

function wordsOf(w: LanguageWords): string {
  return [
    w.words,
    w.months,
    w.past,
    w.vague,
    ...w.relativeDays.map(([p]) => p),
    ...w.periods.map(([p]) => p),
    ...w.clockWords.map(([p]) => p),
  ]
    .filter((s) => s !== '')
    .map((s) => `(?:${s})`)
    .join('|');
}

/** Every word that names a time in any of the eight languages, as one pattern. */
export function timeWordPattern(): RegExp {
  // A number after "at", "um", "el"...: a clock time or a day of the month in some language.
  const numbered = [
    `(?:${union((w) => w.timeBefore)})\\s*\\d`,
    union((w) => w.ordinals.join('|')),
  ].join('|');
  return new RegExp(
    `${B}(?:${union(wordsOf)})${E}|${wordsOf(WORDS.ja)}|${NUMERIC_TIME}|${B}(?:${numbered})`,
    'iu',
  );
}

/** The words that name a time in `language` alone or in a few: days, months, parts of the day. */
export function strongSource(language: Language): string {
  const w = WORDS[language];
  return [wordsOf(w), ...w.fractions.map(([f]) => f)]
    .filter((s) => s !== '')
    .map((s) => `(?:${s})`)
    .join('|');
}

/** Words many languages share around a time: "at", "in", "h", "the 15th". */
export function weakSource(language: Language): string {
  const w = WORDS[language];
  return [w.timeBefore, w.spanBefore, ...w.units.map(([u]) => u), ...w.ordinals]
    .filter((s) => s !== '')
    .map((s) => `(?:${s})`)
    .join('|');
}

/** A span word just before a reading that starts with a number: "in" before "2h" (02:00). */
export const spanWordBefore = () => new RegExp(`${B}(?:${union((w) => w.spanBefore)})\\s*$`, 'iu');

/** The words that refuse a phrase before it is read, in one language (or in all eight). */
export function refusalPatterns(language: Language | null): {
  past: RegExp;
  vague: RegExp;
  recurring: RegExp;
} {
  const one = (pick: (w: LanguageWords) => string) => {
    if (language === 'ja') return new RegExp(`(?:${pick(WORDS.ja)})`, 'u');
    const latin = language === null ? union(pick) : pick(WORDS[language]);
    const ja = language === null ? `|${pick(WORDS.ja)}` : '';
    return new RegExp(`${B}(?:${latin})${E}${ja}`, 'iu');
  };
  return {
    past: one((w) => w.past),
    vague: one((w) => w.vague),
    recurring: one((w) => w.recurring),
  };
}

/**
 * Refusing words that are plain words in another of the eight languages: they refuse a reading
 * in their own language only (Dutch "na", after, is Portuguese "na", on the; Portuguese "ate",
 * until, is English "ate"; "todo", every, is Spanish "todo", all).
 */
export const LOCAL_REFUSALS: Partial<Record<Language, [string, 'past' | 'vague' | 'recurring'][]>> =
  {
    nl: [['na', 'vague']],
    pt: [
      ['ate', 'vague'],
      ['toda|todo|todas|todos', 'recurring'],
    ],
  };

// German (Sie): what the person who texted is told. Same codes and variants as en.ts; names no
// parameter, variable or code. Examples stay what the service reads (+1 415 555 0100, 09:30,
// 90m, America/New_York, the English day names sun and sat).
import { WHEN_MESSAGES } from '../when-messages';
import { type MessageTable, momentIn, nounIn, operationOf as op, spanIn } from './table';

const NOTHING_DONE: Record<string, string> = {
  create: ' Es wurde nichts gesendet.',
  cancel: ' Es wurde nichts storniert.',
};
const MAYBE_DONE: Record<string, string> = {
  create:
    ' Die Nachricht wurde möglicherweise trotzdem geplant: Bitte prüfen Sie das, bevor Sie es erneut versuchen.',
  cancel:
    ' Die Nachricht wurde möglicherweise trotzdem storniert: Bitte prüfen Sie das, bevor Sie es erneut versuchen.',
};
const CANNOT: Record<string, string> = {
  create: 'Leider können gerade keine Nachrichten geplant werden.',
  cancel: 'Leider können gerade keine Nachrichten storniert werden.',
  read: 'Leider können Nachrichten gerade nicht abgerufen werden.',
};
const REFUSED: Record<string, string> = {
  create: 'Leider konnte diese Nachricht nicht geplant werden.',
  cancel: 'Leider konnte diese Nachricht nicht storniert werden.',
  read: 'Leider konnten diese Nachrichten nicht abgerufen werden.',
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const TWILIO_REFUSALS: Record<string, string> = {
  21211: 'Leider ist diese Telefonnummer ungültig.',
  21610: 'Leider hat sich diese Nummer von diesen Nachrichten abgemeldet (mit der Antwort STOP).',
  21612: 'Leider können an diese Nummer keine Nachrichten gesendet werden.',
  21614: 'Leider kann diese Nummer keine SMS empfangen.',
  35125:
    'Leider können gerade keine weiteren Nachrichten geplant werden: Das Limit des Kontos ist erreicht.',
};
const HANDLED = 'Leider konnte diese Anfrage nicht bearbeitet werden.';
const NO_CANCEL_NAMED =
  'Leider wurde keine Nachricht zum Stornieren angegeben, daher wurde nichts storniert.';

export const DE: MessageTable = {
  language: 'de',
  // In the accusative: the sentences that use them need that case.
  nouns: {
    request: 'die Anfrage',
    to: 'die Nummer des Empfängers',
    number: 'die Nummer des Empfängers',
    body: 'den Nachrichtentext',
    message: 'den Nachrichtentext',
    mediaUrl: 'den Link zum Anhang',
    contentSid: 'die Nachrichtenvorlage',
    contentVariables: 'die Nachrichtenvorlage',
    minutes: 'die Sendezeit',
    delay: 'die Sendezeit',
    sendAt: 'die Sendezeit',
    at: 'die Sendezeit',
    when: 'die Sendezeit',
    ifTooSoon: 'die Sendezeit',
    timeZone: 'die Zeitzone',
    quietHours: 'die Ruhezeiten',
    sid: 'die zu stornierende Nachricht',
  },
  unreadable: (f, w) => `Leider konnten wir ${nounIn(w, f.field)} nicht lesen.`,
  conflicting: (f, w) =>
    `Leider enthielt die Anfrage zwei verschiedene Werte für ${nounIn(w, f.field)}.`,
  messages: {
    NO_FIELDS: 'Leider war die Anfrage leer, daher wurde nichts getan.',
    MISSING_TO: {
      default: 'Leider wurde keine Telefonnummer angegeben, an die gesendet werden soll.',
      list: HANDLED,
    },
    INVALID_TO:
      'Leider scheint diese Telefonnummer nicht zu stimmen: Schreiben Sie sie mit + und der Ländervorwahl, zum Beispiel +1 415 555 0100.',
    CONFLICTING_TO:
      'Leider enthielt die Anfrage zwei verschiedene Werte für die Nummer des Empfängers.',
    MISSING_CONTENT: 'Leider gab es keine Nachricht zum Senden.',
    BODY_TOO_LONG: (f) =>
      `Leider ist diese Nachricht zu lang: Erlaubt sind höchstens ${f.max} Zeichen.`,
    INVALID_BODY: 'Leider konnten wir den Nachrichtentext nicht lesen.',
    CONFLICTING_BODY:
      'Leider enthielt die Anfrage zwei verschiedene Werte für den Nachrichtentext.',
    INVALID_MEDIA_URL:
      'Leider ist ein Link zu einem Anhang keine Webadresse, die gesendet werden kann.',
    TOO_MANY_MEDIA: (f) => `Leider kann eine Nachricht höchstens ${f.max} Anhänge enthalten.`,
    INVALID_CONTENT_SID:
      'Leider ist die Nachrichtenvorlage nicht richtig eingerichtet, daher wurde nichts gesendet.',
    INVALID_CONTENT_VARIABLES: {
      default:
        'Leider konnten die Werte der Nachrichtenvorlage nicht gelesen werden, daher wurde nichts gesendet.',
      withoutTemplate:
        'Leider kamen die Werte der Nachrichtenvorlage ohne Vorlage an, daher wurde nichts gesendet.',
    },
    CONFLICTING_CONTENT:
      'Leider wurde die Nachricht sowohl als Vorlage als auch als Text angegeben, daher wurde nichts gesendet.',
    MISSING_SEND_TIME: 'Leider wurde keine Zeit für das Senden der Nachricht angegeben.',
    CONFLICTING_SEND_TIME:
      'Leider wurde mehr als eine Sendezeit angegeben, daher wurde nichts geplant.',
    INVALID_MINUTES: {
      default: 'Leider muss die Wartezeit eine Anzahl Minuten über 0 sein, zum Beispiel 30.',
      zero: 'Leider muss die Wartezeit länger als 0 Minuten sein.',
    },
    INVALID_DELAY: {
      default:
        'Leider konnte diese Zeitspanne nicht gelesen werden. Versuchen Sie zum Beispiel 90m oder 2h.',
      tooLong: 'Leider liegt das zu weit in der Zukunft, um es zu planen.',
      zero: 'Leider muss die Wartezeit länger als 0 sein.',
    },
    INVALID_SEND_AT: {
      default: 'Leider konnten Datum und Uhrzeit nicht gelesen werden.',
      noSuchDate: 'Leider gibt es dieses Datum nicht.',
      noSuchTime: 'Leider gibt es diese Uhrzeit an dem Tag nicht.',
    },
    INVALID_AT:
      'Leider konnte diese Uhrzeit nicht gelesen werden: Verwenden Sie das 24-Stunden-Format, zum Beispiel 09:30.',
    INVALID_WHEN: { default: WHEN_MESSAGES.de.unreadable, ...WHEN_MESSAGES.de },
    MISSING_TIME_ZONE:
      'Leider ist die Zeitzone für diese Uhrzeit nicht bekannt, daher wurde nichts geplant.',
    INVALID_TIME_ZONE:
      'Leider ist diese Zeitzone nicht bekannt: Verwenden Sie einen Namen wie America/New_York.',
    UNKNOWN_RECIPIENT_TIME_ZONE:
      'Leider ist die Zeitzone dieser Nummer nicht bekannt, daher wurde nichts geplant.',
    INVALID_QUIET_HOURS:
      'Leider konnten die Ruhezeiten nicht gelesen werden. So sehen sie aus: 21:00-08:00.',
    INVALID_QUIET_DAYS: {
      default:
        'Ruhetage müssen englische Wochentagsnamen sein, zum Beispiel sun oder sat,sun, oder „off“.',
      everyDay:
        'Ruhetage können nicht alle Wochentage sein: Dann könnte nie etwas gesendet werden.',
    },
    INVALID_LOCALE: {
      default: 'Die Sprache muss ein Kürzel wie en-US, fr-FR oder es-MX sein.',
      unreadableLanguage: 'Leider kann ich Zeitangaben in dieser Sprache noch nicht lesen.',
    },
    INVALID_IF_TOO_SOON: 'Leider können Nachrichten gerade nicht auf diese Weise geplant werden.',
    SEND_AT_TOO_SOON: {
      default: (f) =>
        `Leider ist diese Zeit zu früh: Eine Nachricht kann frühestens ${spanIn('de', Number(f.minLead))} im Voraus geplant werden.`,
      now: 'Leider ist diese Zeit zu früh: Eine Nachricht kann nicht für sofort geplant werden.',
      past: 'Leider liegt diese Zeit in der Vergangenheit.',
    },
    SEND_AT_TOO_LATE: (f) =>
      `Leider liegt das zu weit in der Zukunft: Eine Nachricht kann spätestens für den ${momentIn('de', Number(f.latest), f.zone === undefined ? undefined : String(f.zone))} geplant werden.`,
    NO_ALLOWED_TIME:
      'Leider gibt es in den kommenden Wochen keine Zeit, zu der eine Nachricht gesendet werden darf.',
    INVALID_SID: {
      default:
        'Leider sieht das nicht nach einer unserer Nachrichten aus, daher wurde nichts storniert.',
      callback: HANDLED,
    },
    MISSING_SID: NO_CANCEL_NAMED,
    MISSING_TARGET: {
      default: 'Leider wurde nichts zum Stornieren angegeben, daher wurde nichts storniert.',
      blank: NO_CANCEL_NAMED,
    },
    CONFLICTING_TARGET: {
      default: 'Leider war unklar, was storniert werden soll, daher wurde nichts storniert.',
      list: HANDLED,
    },
    INVALID_MESSAGING_SERVICE_SID: 'Leider können gerade keine Nachrichten geplant werden.',
    INVALID_REPEAT: {
      default: 'Leider konnte diese wiederkehrende Nachricht nicht eingerichtet werden.',
      unsupported:
        'Dieser Rhythmus wird nicht unterstützt: Nachrichten können täglich, werktags, wöchentlich oder monatlich wiederholt werden.',
      noEnd: 'Eine wiederkehrende Nachricht braucht ein Ende: eine Anzahl oder ein letztes Datum.',
      bothEnds:
        'Eine wiederkehrende Nachricht kann nach einer Anzahl oder an einem Datum enden, nicht beides.',
      count: (f) => `Eine Nachricht kann 1 bis ${f.max} Mal wiederholt werden.`,
      until: 'Das letzte Datum der Serie konnte nicht gelesen werden.',
      untilPast: 'Das letzte Datum der Serie ist bereits vorbei.',
      tooLong: 'Eine wiederkehrende Nachricht kann höchstens ein Jahr laufen.',
      endTwice: 'Das Ende der Serie wurde zweimal unterschiedlich angegeben.',
      empty: 'Diese Serie hat kein Datum zwischen Anfang und Ende.',
      tooMany: (f) => `Eine Nachricht kann höchstens ${f.max} Mal wiederholt werden.`,
      untilTooFar: 'Eine wiederkehrende Nachricht kann höchstens ein Jahr laufen.',
      countTooLong: 'Eine wiederkehrende Nachricht kann höchstens ein Jahr laufen.',
      ruleTooLong:
        'Dieser Rhythmus wird nicht unterstützt: Nachrichten können täglich, werktags, wöchentlich oder monatlich wiederholt werden.',
      allQuiet: 'Alle Termine dieser Serie fallen auf einen Ruhetag, daher wurde nichts geplant.',
    },
    INVALID_CURSOR: HANDLED,
    INVALID_IDEMPOTENCY_KEY: HANDLED,
    INVALID_TAG: 'Diese Bezeichnung kann nicht verwendet werden.',
    INVALID_SERIES: 'Diese Bezeichnung kann nicht verwendet werden.',
    INVALID_REPLACE: HANDLED,
    REPLACE_NEEDS_TAG: HANDLED,
    REGISTRY_DISABLED: HANDLED,
    INVALID_APPOINTMENT_AT: {
      default: 'Entschuldigung, die Uhrzeit des Termins konnte nicht gelesen werden.',
      past: 'Entschuldigung, dieser Termin ist bereits vorbei.',
    },
    INVALID_REMIND: 'Entschuldigung, die Erinnerungszeiten konnten nicht gelesen werden.',
    APPOINTMENT_NEEDS_TAG: HANDLED,
    INVALID_MAX_PER_DAY: HANDLED,
    MISSING_FROM: HANDLED,
    INVALID_FROM: HANDLED,
    APPOINTMENT_EXISTS: 'Dieser Termin ist bereits gebucht. Es wurde nichts geändert.',
    APPOINTMENT_TOO_FAR:
      'Entschuldigung, dieser Termin liegt zu weit in der Zukunft, um seine Erinnerungen schon zu planen. Es wurde nichts gesendet.',
    FREQUENCY_CAP: (f) =>
      `Entschuldigung, an diesem Tag können keine weiteren Nachrichten an diese Nummer geplant werden (höchstens ${f.max}). Es wurde nichts gesendet.`,
    IDEMPOTENCY_KEY_REUSED: HANDLED,
    IDEMPOTENCY_KEY_IN_USE: 'Diese Anfrage wird bereits bearbeitet.',
    REGISTRY_UNAVAILABLE: {
      default: 'Leider können gerade keine Nachrichten geplant werden. Es wurde nichts gesendet.',
      list: 'Leider können die geplanten Nachrichten gerade nicht abgerufen werden.',
      cancel: 'Leider können die geplanten Nachrichten gerade nicht storniert werden.',
      status: 'Leider konnte das gerade nicht gespeichert werden.',
      reply:
        'Entschuldigung, Ihre Antwort konnte gerade nicht gespeichert werden. Bitte senden Sie sie gleich noch einmal.',
      signIn: 'Entschuldigung, die Anmeldung ist gerade nicht möglich.',
      remindersLeft:
        'Entschuldigung, Nachrichten können gerade nicht geplant werden. Einige Erinnerungen sind eventuell noch geplant: Bitte prüfen Sie das, bevor Sie es erneut versuchen.',
    },
    REPLACE_IN_PROGRESS:
      'Diese Änderung wird bereits vorgenommen. Bitte versuchen Sie es gleich noch einmal.',
    TIME_BUDGET_SPENT: (f) =>
      `Entschuldigung, der Nachrichtendienst ist gerade zu langsam.${NOTHING_DONE[op(f)] ?? ''}`,
    NOT_FOUND: 'Leider wurde diese Nachricht nicht gefunden, daher wurde nichts storniert.',
    NOT_CANCELABLE: (f) => {
      const status = String(f.status);
      if (status === 'sent' || status === 'delivered' || status === 'read')
        return 'Leider wurde diese Nachricht bereits gesendet, daher kann sie nicht storniert werden.';
      if (status === 'failed' || status === 'undelivered')
        return 'Diese Nachricht konnte ohnehin nicht gesendet werden, daher gibt es nichts zu stornieren.';
      return 'Leider ist diese Nachricht bereits unterwegs, daher kann sie nicht storniert werden.';
    },
    TWILIO_REJECTED: (f) => TWILIO_REFUSALS[String(f.twilioCode)] ?? REFUSED[op(f)] ?? HANDLED,
    CONFIG_MESSAGING_SERVICE_MISSING:
      'Leider können gerade keine Nachrichten geplant werden. Es wurde nichts gesendet.',
    CONFIG_INVALID:
      'Leider ist das gerade nicht möglich: Der Dienst ist nicht richtig eingerichtet. Es wurde nichts gesendet oder storniert.',
    CONFIG_TWILIO_AUTH: {
      default: (f) => `${CANNOT[op(f)]}${NOTHING_DONE[op(f)] ?? ''}`,
      client: 'Leider können Nachrichten gerade nicht bearbeitet werden. Es wurde nichts gesendet.',
    },
    INTERNAL_ERROR: {
      default:
        'Leider ist bei uns etwas schiefgelaufen. Bitte prüfen Sie, ob es erledigt wurde, bevor Sie es erneut versuchen.',
      beforeTwilio: (f) => `Leider ist bei uns etwas schiefgelaufen.${NOTHING_DONE[op(f)] ?? ''}`,
    },
    TWILIO_UNAVAILABLE: {
      default: (f) => `Leider hatte der Nachrichtendienst ein Problem.${MAYBE_DONE[op(f)] ?? ''}`,
      unreachable: (f) =>
        `Leider war der Nachrichtendienst nicht erreichbar.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    TWILIO_RATE_LIMITED:
      'Leider ist der Nachrichtendienst ausgelastet: Bitte versuchen Sie es in einer Minute erneut.',
    TWILIO_TIMEOUT: {
      default:
        'Leider hat das zu lange gedauert. Eine Nachricht wurde möglicherweise trotzdem geplant oder storniert: Bitte prüfen Sie das, bevor Sie es erneut versuchen.',
      twilio: (f) =>
        `Leider hat der Nachrichtendienst nicht rechtzeitig geantwortet.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    CONSOLE_OFF: 'Unter dieser Adresse gibt es nichts.',
    CONSOLE_SIGN_IN_FAILED: 'Dieses Passwort ist nicht richtig.',
    CONSOLE_SIGN_IN_LOCKED: (f) =>
      `Zu viele falsche Passwörter: Versuchen Sie es in ${spanIn('de', Math.max(1, Math.ceil(Number(f.retryAfterSeconds) / 60)))} erneut.`,
    CONSOLE_SIGNED_OUT: 'Bitte melden Sie sich an.',
    CONSOLE_SESSION_EXPIRED: 'Ihre Sitzung ist abgelaufen: Bitte melden Sie sich erneut an.',
    CONSOLE_UNKNOWN_ACTION: HANDLED,
  },
};

// Italian (Lei): what the person who texted is told. Same codes and variants as en.ts; names no
// parameter, variable or code. Examples stay what the service reads (+1 415 555 0100, 09:30,
// 90m, America/New_York, the English day names sun and sat).
import { WHEN_MESSAGES } from '../when-messages';
import { type MessageTable, momentIn, nounIn, operationOf as op, spanIn } from './table';

const NOTHING_DONE: Record<string, string> = {
  create: ' Non è stato inviato nulla.',
  cancel: ' Non è stato annullato nulla.',
};
const MAYBE_DONE: Record<string, string> = {
  create: ' Il messaggio potrebbe essere stato programmato comunque: controlli prima di riprovare.',
  cancel: ' Il messaggio potrebbe essere stato annullato comunque: controlli prima di riprovare.',
};
const CANNOT: Record<string, string> = {
  create: 'Spiacenti, al momento non è possibile programmare messaggi.',
  cancel: 'Spiacenti, al momento non è possibile annullare messaggi.',
  read: 'Spiacenti, al momento non è possibile consultare i messaggi.',
};
const REFUSED: Record<string, string> = {
  create: 'Spiacenti, non è stato possibile programmare quel messaggio.',
  cancel: 'Spiacenti, non è stato possibile annullare quel messaggio.',
  read: 'Spiacenti, non è stato possibile consultare quei messaggi.',
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const TWILIO_REFUSALS: Record<string, string> = {
  21211: 'Spiacenti, quel numero di telefono non è valido.',
  21610: 'Spiacenti, quel numero si è disiscritto da questi messaggi (ha risposto STOP).',
  21612: 'Spiacenti, non è possibile inviare messaggi a quel numero.',
  21614: 'Spiacenti, quel numero non può ricevere SMS.',
  35125:
    "Spiacenti, al momento non è possibile programmare altri messaggi: è stato raggiunto il limite dell'account.",
};
const HANDLED = 'Spiacenti, non è stato possibile gestire quella richiesta.';
const NO_CANCEL_NAMED =
  'Spiacenti, non è stato indicato nessun messaggio da annullare, quindi non è stato annullato nulla.';

export const IT: MessageTable = {
  language: 'it',
  nouns: {
    request: 'la richiesta',
    to: 'il numero del destinatario',
    number: 'il numero del destinatario',
    body: 'il testo del messaggio',
    message: 'il testo del messaggio',
    mediaUrl: "il link dell'allegato",
    contentSid: 'il modello del messaggio',
    contentVariables: 'il modello del messaggio',
    minutes: "l'orario di invio",
    delay: "l'orario di invio",
    sendAt: "l'orario di invio",
    at: "l'orario di invio",
    when: "l'orario di invio",
    ifTooSoon: "l'orario di invio",
    timeZone: 'il fuso orario',
    quietHours: 'le fasce di silenzio',
    sid: 'il messaggio da annullare',
  },
  unreadable: (f, w) => `Spiacenti, non è stato possibile leggere ${nounIn(w, f.field)}.`,
  conflicting: (f, w) =>
    `Spiacenti, la richiesta conteneva due valori diversi per ${nounIn(w, f.field)}.`,
  messages: {
    NO_FIELDS: 'Spiacenti, la richiesta era vuota, quindi non è stato fatto nulla.',
    MISSING_TO: {
      default: 'Spiacenti, non è stato indicato nessun numero di telefono a cui inviare.',
      list: HANDLED,
    },
    INVALID_TO:
      'Spiacenti, quel numero di telefono non sembra corretto: lo scriva con + e il prefisso internazionale, ad esempio +1 415 555 0100.',
    CONFLICTING_TO:
      'Spiacenti, la richiesta conteneva due valori diversi per il numero del destinatario.',
    MISSING_CONTENT: "Spiacenti, non c'era nessun messaggio da inviare.",
    BODY_TOO_LONG: (f) =>
      `Spiacenti, quel messaggio è troppo lungo: può avere al massimo ${f.max} caratteri.`,
    INVALID_BODY: 'Spiacenti, non è stato possibile leggere il testo del messaggio.',
    CONFLICTING_BODY:
      'Spiacenti, la richiesta conteneva due valori diversi per il testo del messaggio.',
    INVALID_MEDIA_URL:
      'Spiacenti, un link di allegato non è un indirizzo web che si possa inviare.',
    TOO_MANY_MEDIA: (f) => `Spiacenti, un messaggio può contenere al massimo ${f.max} allegati.`,
    INVALID_CONTENT_SID:
      'Spiacenti, il modello del messaggio non è configurato correttamente, quindi non è stato inviato nulla.',
    INVALID_CONTENT_VARIABLES: {
      default:
        'Spiacenti, non è stato possibile leggere i valori del modello del messaggio, quindi non è stato inviato nulla.',
      withoutTemplate:
        'Spiacenti, i valori del modello del messaggio sono arrivati senza un modello, quindi non è stato inviato nulla.',
    },
    CONFLICTING_CONTENT:
      'Spiacenti, il messaggio è stato indicato sia come modello sia come testo, quindi non è stato inviato nulla.',
    MISSING_SEND_TIME: "Spiacenti, non è stato indicato l'orario di invio del messaggio.",
    CONFLICTING_SEND_TIME:
      'Spiacenti, è stato indicato più di un orario di invio, quindi non è stato programmato nulla.',
    INVALID_MINUTES: {
      default:
        "Spiacenti, l'attesa deve essere un numero di minuti maggiore di zero, ad esempio 30.",
      zero: "Spiacenti, l'attesa deve essere più lunga di zero minuti.",
    },
    INVALID_DELAY: {
      default:
        'Spiacenti, non è stato possibile leggere quella durata. Provi con qualcosa come 90m o 2h.',
      tooLong: 'Spiacenti, è troppo avanti nel tempo per programmarlo.',
      zero: "Spiacenti, l'attesa deve essere maggiore di zero.",
    },
    INVALID_SEND_AT: {
      default: "Spiacenti, non è stato possibile leggere quella data e quell'ora.",
      noSuchDate: 'Spiacenti, quella data non esiste.',
      noSuchTime: "Spiacenti, quell'ora non esiste in quel giorno.",
    },
    INVALID_AT:
      "Spiacenti, non è stato possibile leggere quell'ora: usi il formato 24 ore, ad esempio 09:30.",
    INVALID_WHEN: { default: WHEN_MESSAGES.it.unreadable, ...WHEN_MESSAGES.it },
    MISSING_TIME_ZONE:
      "Spiacenti, il fuso orario di quell'ora non è noto, quindi non è stato programmato nulla.",
    INVALID_TIME_ZONE: 'Spiacenti, quel fuso orario non è noto: usi un nome come America/New_York.',
    UNKNOWN_RECIPIENT_TIME_ZONE:
      'Spiacenti, il fuso orario di quel numero non è noto, quindi non è stato programmato nulla.',
    INVALID_QUIET_HOURS:
      'Spiacenti, non è stato possibile leggere le fasce di silenzio: si scrivono così: 21:00-08:00.',
    INVALID_QUIET_DAYS: {
      default:
        'I giorni di silenzio devono essere nomi dei giorni in inglese, come sun o sat,sun, oppure "off".',
      everyDay:
        'I giorni di silenzio non possono essere tutti i giorni della settimana: non si potrebbe mai inviare nulla.',
    },
    INVALID_LOCALE: {
      default: 'La lingua deve essere un codice come en-US, fr-FR o es-MX.',
      unreadableLanguage: 'Spiacenti, non riesco ancora a leggere orari scritti in quella lingua.',
    },
    INVALID_IF_TOO_SOON:
      'Spiacenti, al momento non è possibile programmare messaggi in questo modo.',
    SEND_AT_TOO_SOON: {
      default: (f) =>
        `Spiacenti, quell'orario è troppo vicino: un messaggio si può programmare con almeno ${spanIn('it', Number(f.minLead))} di anticipo.`,
      now: "Spiacenti, quell'orario è troppo vicino: non si può programmare un messaggio per adesso.",
      past: "Spiacenti, quell'orario è già passato.",
    },
    SEND_AT_TOO_LATE: (f) =>
      `Spiacenti, è troppo avanti nel tempo: un messaggio si può programmare al più tardi per il ${momentIn('it', Number(f.latest), f.zone === undefined ? undefined : String(f.zone))}.`,
    NO_ALLOWED_TIME:
      "Spiacenti, nelle prossime settimane non c'è nessun momento in cui si possa inviare un messaggio.",
    INVALID_SID: {
      default: 'Spiacenti, non sembra uno dei nostri messaggi, quindi non è stato annullato nulla.',
      callback: HANDLED,
    },
    MISSING_SID: NO_CANCEL_NAMED,
    MISSING_TARGET: {
      default:
        'Spiacenti, non è stato indicato nulla da annullare, quindi non è stato annullato nulla.',
      blank: NO_CANCEL_NAMED,
    },
    CONFLICTING_TARGET: {
      default: 'Spiacenti, non era chiaro cosa annullare, quindi non è stato annullato nulla.',
      list: HANDLED,
    },
    INVALID_MESSAGING_SERVICE_SID: 'Spiacenti, al momento non è possibile programmare messaggi.',
    INVALID_REPEAT: {
      default: 'Spiacenti, non è stato possibile impostare quel messaggio ricorrente.',
      unsupported:
        'Quella frequenza non è supportata: i messaggi si possono ripetere ogni giorno, nei giorni feriali, ogni settimana o ogni mese.',
      noEnd:
        'Un messaggio ricorrente ha bisogno di una fine: un numero di volte o una data finale.',
      bothEnds:
        'Un messaggio ricorrente può finire dopo un numero di volte o in una data, non entrambe le cose.',
      count: (f) => `Un messaggio si può ripetere da 1 a ${f.max} volte.`,
      until: "Non è stato possibile leggere l'ultima data della serie.",
      untilPast: "L'ultima data della serie è già passata.",
      tooLong: 'Un messaggio ricorrente può durare al massimo un anno.',
      endTwice: 'La fine della serie è stata indicata due volte, in modo diverso.',
      empty: "Quella serie non ha nessuna data tra l'inizio e la fine.",
      tooMany: (f) => `Un messaggio si può ripetere al massimo ${f.max} volte.`,
      untilTooFar: 'Un messaggio ricorrente può durare al massimo un anno.',
      countTooLong: 'Un messaggio ricorrente può durare al massimo un anno.',
      ruleTooLong:
        'Quella frequenza non è supportata: i messaggi si possono ripetere ogni giorno, nei giorni feriali, ogni settimana o ogni mese.',
      allQuiet:
        'Tutte le date di questa serie cadono in un giorno di silenzio, quindi non è stato programmato nulla.',
    },
    INVALID_CURSOR: HANDLED,
    INVALID_IDEMPOTENCY_KEY: HANDLED,
    INVALID_TAG: 'Quella etichetta non si può usare.',
    INVALID_SERIES: 'Quella etichetta non si può usare.',
    INVALID_REPLACE: HANDLED,
    REPLACE_NEEDS_TAG: HANDLED,
    REGISTRY_DISABLED: HANDLED,
    INVALID_APPOINTMENT_AT: {
      default: "Ci scusi, non è stato possibile leggere l'orario dell'appuntamento.",
      past: "Ci scusi, l'orario di quell'appuntamento è già passato.",
    },
    INVALID_REMIND: 'Ci scusi, non è stato possibile leggere gli orari dei promemoria.',
    APPOINTMENT_NEEDS_TAG: HANDLED,
    INVALID_MAX_PER_DAY: HANDLED,
    MISSING_FROM: HANDLED,
    INVALID_FROM: HANDLED,
    APPOINTMENT_EXISTS: "Quell'appuntamento è già prenotato. Non è stato cambiato nulla.",
    APPOINTMENT_TOO_FAR:
      "Ci scusi, quell'appuntamento è troppo lontano per programmare già i promemoria. Non è stato inviato nulla.",
    FREQUENCY_CAP: (f) =>
      `Ci scusi, non si possono programmare altri messaggi a quel numero in quel giorno (al massimo ${f.max}). Non è stato inviato nulla.`,
    IDEMPOTENCY_KEY_REUSED: HANDLED,
    IDEMPOTENCY_KEY_IN_USE: 'Quella richiesta è già in corso di gestione.',
    REGISTRY_UNAVAILABLE: {
      default:
        'Spiacenti, al momento non è possibile programmare messaggi. Non è stato inviato nulla.',
      list: 'Spiacenti, al momento non è possibile consultare i messaggi programmati.',
      cancel: 'Spiacenti, al momento non è possibile annullare i messaggi programmati.',
      status: 'Spiacenti, al momento non è stato possibile registrarlo.',
      reply: 'Ci scusi, la sua risposta non è stata registrata. La invii di nuovo tra un momento.',
      signIn: 'Ci scusi, al momento non è possibile accedere.',
      remindersLeft:
        'Ci scusi, al momento non è possibile programmare messaggi. Alcuni promemoria potrebbero essere ancora programmati: controlli prima di riprovare.',
    },
    REPLACE_IN_PROGRESS: 'Questa modifica è già in corso. Riprovi tra un momento.',
    TIME_BUDGET_SPENT: (f) =>
      `Ci scusi, il servizio di messaggistica è troppo lento in questo momento.${NOTHING_DONE[op(f)] ?? ''}`,
    NOT_FOUND: 'Spiacenti, quel messaggio non è stato trovato, quindi non è stato annullato nulla.',
    NOT_CANCELABLE: (f) => {
      const status = String(f.status);
      if (status === 'sent' || status === 'delivered' || status === 'read')
        return 'Spiacenti, quel messaggio è già stato inviato, quindi non si può annullare.';
      if (status === 'failed' || status === 'undelivered')
        return "L'invio di quel messaggio non è comunque riuscito, quindi non c'è nulla da annullare.";
      return 'Spiacenti, quel messaggio è già in partenza, quindi non si può annullare.';
    },
    TWILIO_REJECTED: (f) => TWILIO_REFUSALS[String(f.twilioCode)] ?? REFUSED[op(f)] ?? HANDLED,
    CONFIG_MESSAGING_SERVICE_MISSING:
      'Spiacenti, al momento non è possibile programmare messaggi. Non è stato inviato nulla.',
    CONFIG_INVALID:
      'Spiacenti, al momento non è possibile: il servizio non è configurato correttamente. Non è stato inviato né annullato nulla.',
    CONFIG_TWILIO_AUTH: {
      default: (f) => `${CANNOT[op(f)]}${NOTHING_DONE[op(f)] ?? ''}`,
      client:
        'Spiacenti, al momento non è possibile gestire i messaggi. Non è stato inviato nulla.',
    },
    INTERNAL_ERROR: {
      default:
        "Spiacenti, qualcosa non ha funzionato da parte nostra. Controlli se l'operazione è stata eseguita prima di riprovare.",
      beforeTwilio: (f) =>
        `Spiacenti, qualcosa non ha funzionato da parte nostra.${NOTHING_DONE[op(f)] ?? ''}`,
    },
    TWILIO_UNAVAILABLE: {
      default: (f) =>
        `Spiacenti, il servizio di messaggistica ha avuto un problema.${MAYBE_DONE[op(f)] ?? ''}`,
      unreachable: (f) =>
        `Spiacenti, non è stato possibile raggiungere il servizio di messaggistica.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    TWILIO_RATE_LIMITED:
      'Spiacenti, il servizio di messaggistica è occupato: riprovi tra un minuto.',
    TWILIO_TIMEOUT: {
      default:
        'Spiacenti, ci è voluto troppo tempo. Un messaggio potrebbe essere stato programmato o annullato comunque: controlli prima di riprovare.',
      twilio: (f) =>
        `Spiacenti, il servizio di messaggistica non ha risposto in tempo.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    CONSOLE_OFF: "Non c'è niente a questo indirizzo.",
    CONSOLE_SIGN_IN_FAILED: 'Quella password non è corretta.',
    CONSOLE_SIGN_IN_LOCKED: (f) =>
      `Troppe password sbagliate: riprovi tra ${spanIn('it', Math.max(1, Math.ceil(Number(f.retryAfterSeconds) / 60)))}.`,
    CONSOLE_SIGNED_OUT: 'Acceda, per favore.',
    CONSOLE_SESSION_EXPIRED: 'La sessione è scaduta: acceda di nuovo.',
    CONSOLE_UNKNOWN_ACTION: HANDLED,
  },
};

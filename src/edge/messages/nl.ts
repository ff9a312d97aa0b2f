// Dutch (u): what the person who texted is told. Same codes and variants as en.ts; names no
// parameter, variable or code. Examples stay what the service reads (+1 415 555 0100, 09:30,
// 90m, America/New_York, the English day names sun and sat).
import { WHEN_MESSAGES } from '../when-messages';
import { type MessageTable, momentIn, nounIn, operationOf as op, spanIn } from './table';

const NOTHING_DONE: Record<string, string> = {
  create: ' Er is niets verzonden.',
  cancel: ' Er is niets geannuleerd.',
};
const MAYBE_DONE: Record<string, string> = {
  create: ' Het bericht is mogelijk toch ingepland: controleer dit voordat u het opnieuw probeert.',
  cancel:
    ' Het bericht is mogelijk toch geannuleerd: controleer dit voordat u het opnieuw probeert.',
};
const CANNOT: Record<string, string> = {
  create: 'Sorry, er kunnen nu geen berichten worden ingepland.',
  cancel: 'Sorry, er kunnen nu geen berichten worden geannuleerd.',
  read: 'Sorry, berichten kunnen nu niet worden opgevraagd.',
};
const REFUSED: Record<string, string> = {
  create: 'Sorry, dat bericht kon niet worden ingepland.',
  cancel: 'Sorry, dat bericht kon niet worden geannuleerd.',
  read: 'Sorry, die berichten konden niet worden opgevraagd.',
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const TWILIO_REFUSALS: Record<string, string> = {
  21211: 'Sorry, dat telefoonnummer is niet geldig.',
  21610: 'Sorry, dat nummer heeft zich afgemeld voor deze berichten (met het antwoord STOP).',
  21612: 'Sorry, naar dat nummer kunnen geen berichten worden verzonden.',
  21614: "Sorry, dat nummer kan geen sms'jes ontvangen.",
  35125:
    'Sorry, er kunnen nu geen berichten meer worden ingepland: de limiet van het account is bereikt.',
};
const HANDLED = 'Sorry, dat verzoek kon niet worden afgehandeld.';
const NO_CANCEL_NAMED =
  'Sorry, er is geen bericht opgegeven om te annuleren, dus er is niets geannuleerd.';

export const NL: MessageTable = {
  language: 'nl',
  nouns: {
    request: 'het verzoek',
    to: 'het nummer van de ontvanger',
    number: 'het nummer van de ontvanger',
    body: 'de tekst van het bericht',
    message: 'de tekst van het bericht',
    mediaUrl: 'de link naar de bijlage',
    contentSid: 'het berichtsjabloon',
    contentVariables: 'het berichtsjabloon',
    minutes: 'het verzendtijdstip',
    delay: 'het verzendtijdstip',
    sendAt: 'het verzendtijdstip',
    at: 'het verzendtijdstip',
    when: 'het verzendtijdstip',
    ifTooSoon: 'het verzendtijdstip',
    timeZone: 'de tijdzone',
    quietHours: 'de stille uren',
    sid: 'het bericht dat geannuleerd moet worden',
  },
  unreadable: (f, w) => `Sorry, we konden ${nounIn(w, f.field)} niet lezen.`,
  conflicting: (f, w) =>
    `Sorry, het verzoek gaf twee verschillende waarden voor ${nounIn(w, f.field)}.`,
  messages: {
    NO_FIELDS: 'Sorry, het verzoek was leeg, dus er is niets gedaan.',
    MISSING_TO: {
      default: 'Sorry, er is geen telefoonnummer opgegeven om naar te verzenden.',
      list: HANDLED,
    },
    INVALID_TO:
      'Sorry, dat telefoonnummer lijkt niet te kloppen: schrijf het met + en de landcode, bijvoorbeeld +1 415 555 0100.',
    CONFLICTING_TO:
      'Sorry, het verzoek gaf twee verschillende waarden voor het nummer van de ontvanger.',
    MISSING_CONTENT: 'Sorry, er was geen bericht om te verzenden.',
    BODY_TOO_LONG: (f) =>
      `Sorry, dat bericht is te lang: het mag hoogstens ${f.max} tekens bevatten.`,
    INVALID_BODY: 'Sorry, we konden de tekst van het bericht niet lezen.',
    CONFLICTING_BODY:
      'Sorry, het verzoek gaf twee verschillende waarden voor de tekst van het bericht.',
    INVALID_MEDIA_URL:
      'Sorry, een link naar een bijlage is geen webadres dat verzonden kan worden.',
    TOO_MANY_MEDIA: (f) => `Sorry, een bericht kan hoogstens ${f.max} bijlagen bevatten.`,
    INVALID_CONTENT_SID:
      'Sorry, het berichtsjabloon is niet goed ingesteld, dus er is niets verzonden.',
    INVALID_CONTENT_VARIABLES: {
      default:
        'Sorry, de waarden voor het berichtsjabloon konden niet worden gelezen, dus er is niets verzonden.',
      withoutTemplate:
        'Sorry, de waarden voor het berichtsjabloon kwamen zonder sjabloon, dus er is niets verzonden.',
    },
    CONFLICTING_CONTENT:
      'Sorry, het bericht is tegelijk als sjabloon en als tekst opgegeven, dus er is niets verzonden.',
    MISSING_SEND_TIME: 'Sorry, er is geen tijdstip opgegeven om het bericht te verzenden.',
    CONFLICTING_SEND_TIME:
      'Sorry, er is meer dan één verzendtijdstip opgegeven, dus er is niets ingepland.',
    INVALID_MINUTES: {
      default: 'Sorry, de wachttijd moet een aantal minuten boven nul zijn, bijvoorbeeld 30.',
      zero: 'Sorry, de wachttijd moet langer zijn dan nul minuten.',
    },
    INVALID_DELAY: {
      default: 'Sorry, die tijdsduur kon niet worden gelezen. Probeer bijvoorbeeld 90m of 2h.',
      tooLong: 'Sorry, dat is te ver vooruit om in te plannen.',
      zero: 'Sorry, de wachttijd moet langer zijn dan nul.',
    },
    INVALID_SEND_AT: {
      default: 'Sorry, die datum en tijd konden niet worden gelezen.',
      noSuchDate: 'Sorry, die datum bestaat niet.',
      noSuchTime: 'Sorry, dat tijdstip bestaat niet op die dag.',
    },
    INVALID_AT:
      'Sorry, dat tijdstip kon niet worden gelezen: gebruik de 24-uursnotatie, bijvoorbeeld 09:30.',
    INVALID_WHEN: { default: WHEN_MESSAGES.nl.unreadable, ...WHEN_MESSAGES.nl },
    MISSING_TIME_ZONE:
      'Sorry, de tijdzone voor dat tijdstip is niet bekend, dus er is niets ingepland.',
    INVALID_TIME_ZONE:
      'Sorry, die tijdzone is niet bekend: gebruik een naam zoals America/New_York.',
    UNKNOWN_RECIPIENT_TIME_ZONE:
      'Sorry, de tijdzone van dat nummer is niet bekend, dus er is niets ingepland.',
    INVALID_QUIET_HOURS:
      'Sorry, de stille uren konden niet worden gelezen: ze zien er zo uit: 21:00-08:00.',
    INVALID_QUIET_DAYS: {
      default:
        'Stille dagen moeten Engelse namen van weekdagen zijn, zoals sun of sat,sun, of "off".',
      everyDay:
        'Stille dagen kunnen niet alle dagen van de week zijn: dan kan er nooit iets worden verzonden.',
    },
    INVALID_LOCALE: {
      default: 'De taal moet een code zijn zoals en-US, fr-FR of es-MX.',
      unreadableLanguage: 'Sorry, ik kan tijden in die taal nog niet lezen.',
    },
    INVALID_IF_TOO_SOON: 'Sorry, berichten kunnen nu niet op deze manier worden ingepland.',
    SEND_AT_TOO_SOON: {
      default: (f) =>
        `Sorry, dat tijdstip is te vroeg: een bericht kan ten minste ${spanIn('nl', Number(f.minLead))} vooruit worden ingepland.`,
      now: 'Sorry, dat tijdstip is te vroeg: een bericht kan niet voor direct worden ingepland.',
      past: 'Sorry, dat tijdstip ligt in het verleden.',
    },
    SEND_AT_TOO_LATE: (f) =>
      `Sorry, dat is te ver vooruit: een bericht kan uiterlijk worden ingepland voor ${momentIn('nl', Number(f.latest), f.zone === undefined ? undefined : String(f.zone))}.`,
    NO_ALLOWED_TIME:
      'Sorry, er is de komende weken geen tijdstip waarop een bericht mag worden verzonden.',
    INVALID_SID: {
      default: 'Sorry, dat lijkt niet op een van onze berichten, dus er is niets geannuleerd.',
      callback: HANDLED,
    },
    MISSING_SID: NO_CANCEL_NAMED,
    MISSING_TARGET: {
      default: 'Sorry, er is niets opgegeven om te annuleren, dus er is niets geannuleerd.',
      blank: NO_CANCEL_NAMED,
    },
    CONFLICTING_TARGET: {
      default:
        'Sorry, het was niet duidelijk wat er geannuleerd moest worden, dus er is niets geannuleerd.',
      list: HANDLED,
    },
    INVALID_MESSAGING_SERVICE_SID: 'Sorry, er kunnen nu geen berichten worden ingepland.',
    INVALID_REPEAT: {
      default: 'Sorry, dat terugkerende bericht kon niet worden ingesteld.',
      unsupported:
        'Dat schema wordt niet ondersteund: berichten kunnen dagelijks, op werkdagen, wekelijks of maandelijks worden herhaald.',
      noEnd:
        'Een terugkerend bericht heeft een einde nodig: een aantal keren of een laatste datum.',
      bothEnds:
        'Een terugkerend bericht kan eindigen na een aantal keren of op een datum, niet allebei.',
      count: (f) => `Een bericht kan 1 tot ${f.max} keer worden herhaald.`,
      until: 'De laatste datum van de reeks kon niet worden gelezen.',
      untilPast: 'De laatste datum van de reeks is al voorbij.',
      tooLong: 'Een terugkerend bericht kan hoogstens een jaar lopen.',
      endTwice: 'Het einde van de reeks is twee keer opgegeven, verschillend.',
      empty: 'Die reeks heeft geen datum tussen het begin en het einde.',
      tooMany: (f) => `Een bericht kan hoogstens ${f.max} keer worden herhaald.`,
      untilTooFar: 'Een terugkerend bericht kan hoogstens een jaar lopen.',
      countTooLong: 'Een terugkerend bericht kan hoogstens een jaar lopen.',
      ruleTooLong:
        'Dat schema wordt niet ondersteund: berichten kunnen dagelijks, op werkdagen, wekelijks of maandelijks worden herhaald.',
      allQuiet: 'Alle data van die reeks vallen op een rustdag, dus er is niets ingepland.',
    },
    INVALID_CURSOR: HANDLED,
    INVALID_IDEMPOTENCY_KEY: HANDLED,
    INVALID_TAG: 'Dat label kan niet worden gebruikt.',
    INVALID_SERIES: 'Dat label kan niet worden gebruikt.',
    INVALID_REPLACE: HANDLED,
    REPLACE_NEEDS_TAG: HANDLED,
    REGISTRY_DISABLED: HANDLED,
    IDEMPOTENCY_KEY_IN_USE: 'Dat verzoek wordt al afgehandeld.',
    INVALID_APPOINTMENT_AT: {
      default: 'Sorry, de tijd van de afspraak kon niet worden gelezen.',
      past: 'Sorry, de tijd van die afspraak is al voorbij.',
    },
    INVALID_REMIND: 'Sorry, de tijden van de herinneringen konden niet worden gelezen.',
    APPOINTMENT_NEEDS_TAG: HANDLED,
    INVALID_MAX_PER_DAY: HANDLED,
    MISSING_FROM: HANDLED,
    INVALID_FROM: HANDLED,
    APPOINTMENT_EXISTS: 'Die afspraak is al geboekt. Er is niets gewijzigd.',
    APPOINTMENT_TOO_FAR:
      'Sorry, die afspraak ligt te ver vooruit om de herinneringen nu al in te plannen. Er is niets verstuurd.',
    FREQUENCY_CAP: (f) =>
      `Sorry, er kunnen die dag geen berichten meer naar dat nummer worden ingepland (hoogstens ${f.max}). Er is niets verstuurd.`,
    IDEMPOTENCY_KEY_REUSED: HANDLED,
    REGISTRY_UNAVAILABLE: {
      default: 'Sorry, er kunnen nu geen berichten worden ingepland. Er is niets verzonden.',
      list: 'Sorry, de ingeplande berichten kunnen nu niet worden opgevraagd.',
      cancel: 'Sorry, de ingeplande berichten kunnen nu niet worden geannuleerd.',
      status: 'Sorry, dat kon nu niet worden vastgelegd.',
      reply: 'Sorry, uw antwoord kon nu niet worden vastgelegd. Stuur het zo meteen opnieuw.',
      signIn: 'Sorry, aanmelden is nu niet mogelijk.',
      remindersLeft:
        'Sorry, er kunnen nu geen berichten worden ingepland. Sommige herinneringen staan mogelijk nog ingepland: controleer dat voordat u het opnieuw probeert.',
    },
    REPLACE_IN_PROGRESS: 'Die wijziging wordt al doorgevoerd. Probeer het zo meteen opnieuw.',
    TIME_BUDGET_SPENT: (f) =>
      `Sorry, de berichtendienst is op dit moment te traag.${NOTHING_DONE[op(f)] ?? ''}`,
    NOT_FOUND: 'Sorry, dat bericht is niet gevonden, dus er is niets geannuleerd.',
    NOT_CANCELABLE: (f) => {
      const status = String(f.status);
      if (status === 'sent' || status === 'delivered' || status === 'read')
        return 'Sorry, dat bericht is al verzonden, dus het kan niet meer worden geannuleerd.';
      if (status === 'failed' || status === 'undelivered')
        return 'Dat bericht kon sowieso niet worden verzonden, dus er is niets te annuleren.';
      return 'Sorry, dat bericht is al onderweg, dus het kan niet meer worden geannuleerd.';
    },
    TWILIO_REJECTED: (f) => TWILIO_REFUSALS[String(f.twilioCode)] ?? REFUSED[op(f)] ?? HANDLED,
    CONFIG_MESSAGING_SERVICE_MISSING:
      'Sorry, er kunnen nu geen berichten worden ingepland. Er is niets verzonden.',
    CONFIG_INVALID:
      'Sorry, dit kan nu niet: de dienst is niet goed ingesteld. Er is niets verzonden of geannuleerd.',
    CONFIG_TWILIO_AUTH: {
      default: (f) => `${CANNOT[op(f)]}${NOTHING_DONE[op(f)] ?? ''}`,
      client: 'Sorry, berichten kunnen nu niet worden verwerkt. Er is niets verzonden.',
    },
    INTERNAL_ERROR: {
      default:
        'Sorry, er ging aan onze kant iets mis. Controleer of het is gelukt voordat u het opnieuw probeert.',
      beforeTwilio: (f) => `Sorry, er ging aan onze kant iets mis.${NOTHING_DONE[op(f)] ?? ''}`,
    },
    TWILIO_UNAVAILABLE: {
      default: (f) => `Sorry, de berichtendienst had een probleem.${MAYBE_DONE[op(f)] ?? ''}`,
      unreachable: (f) =>
        `Sorry, de berichtendienst was niet bereikbaar.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    TWILIO_RATE_LIMITED: 'Sorry, de berichtendienst is druk: probeer het over een minuut opnieuw.',
    TWILIO_TIMEOUT: {
      default:
        'Sorry, dat duurde te lang. Een bericht is mogelijk toch ingepland of geannuleerd: controleer dit voordat u het opnieuw probeert.',
      twilio: (f) => `Sorry, de berichtendienst antwoordde niet op tijd.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    CONSOLE_OFF: 'Op dit adres staat niets.',
    CONSOLE_SIGN_IN_FAILED: 'Dat wachtwoord klopt niet.',
    CONSOLE_SIGN_IN_LOCKED: (f) =>
      `Te veel verkeerde wachtwoorden: probeer het opnieuw over ${spanIn('nl', Math.max(1, Math.ceil(Number(f.retryAfterSeconds) / 60)))}.`,
    CONSOLE_SIGNED_OUT: 'Meld u aan.',
    CONSOLE_SESSION_EXPIRED: 'Uw sessie is verlopen: meld u opnieuw aan.',
    CONSOLE_UNKNOWN_ACTION: HANDLED,
  },
};

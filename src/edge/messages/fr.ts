// French (vous): what the person who texted is told. Same codes and variants as en.ts; names no
// parameter, variable or code. Examples stay what the service reads (+1 415 555 0100, 09:30,
// 90m, America/New_York, the English day names sun and sat).
import { WHEN_MESSAGES } from '../when-messages';
import { type MessageTable, momentIn, nounIn, operationOf as op, spanIn } from './table';

const NOTHING_DONE: Record<string, string> = {
  create: " Rien n'a été envoyé.",
  cancel: " Rien n'a été annulé.",
};
const MAYBE_DONE: Record<string, string> = {
  create: ' Le message a peut-être été programmé quand même : vérifiez avant de réessayer.',
  cancel: ' Le message a peut-être été annulé quand même : vérifiez avant de réessayer.',
};
const CANNOT: Record<string, string> = {
  create: 'Désolé, les messages ne peuvent pas être programmés pour le moment.',
  cancel: 'Désolé, les messages ne peuvent pas être annulés pour le moment.',
  read: 'Désolé, les messages ne peuvent pas être consultés pour le moment.',
};
const REFUSED: Record<string, string> = {
  create: "Désolé, ce message n'a pas pu être programmé.",
  cancel: "Désolé, ce message n'a pas pu être annulé.",
  read: "Désolé, ces messages n'ont pas pu être consultés.",
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const TWILIO_REFUSALS: Record<string, string> = {
  21211: "Désolé, ce numéro de téléphone n'est pas valide.",
  21610: "Désolé, ce numéro s'est désabonné de ces messages (il a répondu STOP).",
  21612: "Désolé, impossible d'envoyer des messages à ce numéro.",
  21614: 'Désolé, ce numéro ne peut pas recevoir de SMS.',
  35125:
    'Désolé, plus aucun message ne peut être programmé pour le moment : la limite du compte est atteinte.',
};
const HANDLED = "Désolé, cette demande n'a pas pu être traitée.";
const NO_CANCEL_NAMED =
  "Désolé, aucun message à annuler n'a été indiqué, donc rien n'a été annulé.";

export const FR: MessageTable = {
  language: 'fr',
  nouns: {
    request: 'la demande',
    to: 'le numéro du destinataire',
    number: 'le numéro du destinataire',
    body: 'le texte du message',
    message: 'le texte du message',
    mediaUrl: 'le lien de la pièce jointe',
    contentSid: 'le modèle de message',
    contentVariables: 'le modèle de message',
    minutes: "l'heure d'envoi",
    delay: "l'heure d'envoi",
    sendAt: "l'heure d'envoi",
    at: "l'heure d'envoi",
    when: "l'heure d'envoi",
    ifTooSoon: "l'heure d'envoi",
    timeZone: 'le fuseau horaire',
    quietHours: 'les heures de silence',
    sid: 'le message à annuler',
  },
  unreadable: (f, w) => `Désolé, impossible de lire ${nounIn(w, f.field)}.`,
  conflicting: (f, w) =>
    `Désolé, la demande donnait deux valeurs différentes pour ${nounIn(w, f.field)}.`,
  messages: {
    NO_FIELDS: "Désolé, la demande était vide, donc rien n'a été fait.",
    MISSING_TO: {
      default: "Désolé, aucun numéro de téléphone n'a été indiqué pour l'envoi.",
      list: HANDLED,
    },
    INVALID_TO:
      "Désolé, ce numéro de téléphone ne semble pas correct : écrivez-le avec + et l'indicatif du pays, par exemple +1 415 555 0100.",
    CONFLICTING_TO:
      'Désolé, la demande donnait deux valeurs différentes pour le numéro du destinataire.',
    MISSING_CONTENT: "Désolé, il n'y avait aucun message à envoyer.",
    BODY_TOO_LONG: (f) =>
      `Désolé, ce message est trop long : il peut compter au plus ${f.max} caractères.`,
    INVALID_BODY: 'Désolé, impossible de lire le texte du message.',
    CONFLICTING_BODY:
      'Désolé, la demande donnait deux valeurs différentes pour le texte du message.',
    INVALID_MEDIA_URL:
      "Désolé, un lien de pièce jointe n'est pas une adresse web qui peut être envoyée.",
    TOO_MANY_MEDIA: (f) => `Désolé, un message peut contenir au plus ${f.max} pièces jointes.`,
    INVALID_CONTENT_SID:
      "Désolé, le modèle de message n'est pas bien configuré, donc rien n'a été envoyé.",
    INVALID_CONTENT_VARIABLES: {
      default:
        "Désolé, les valeurs du modèle de message n'ont pas pu être lues, donc rien n'a été envoyé.",
      withoutTemplate:
        "Désolé, les valeurs du modèle de message sont arrivées sans modèle, donc rien n'a été envoyé.",
    },
    CONFLICTING_CONTENT:
      "Désolé, le message a été donné à la fois comme modèle et comme texte, donc rien n'a été envoyé.",
    MISSING_SEND_TIME: "Désolé, aucune heure d'envoi n'a été indiquée pour le message.",
    CONFLICTING_SEND_TIME:
      "Désolé, plusieurs heures d'envoi ont été indiquées, donc rien n'a été programmé.",
    INVALID_MINUTES: {
      default: "Désolé, l'attente doit être un nombre de minutes supérieur à zéro, par exemple 30.",
      zero: "Désolé, l'attente doit durer plus de zéro minute.",
    },
    INVALID_DELAY: {
      default: 'Désolé, cette durée est illisible. Essayez par exemple 90m ou 2h.',
      tooLong: "Désolé, c'est trop loin pour être programmé.",
      zero: "Désolé, l'attente doit être supérieure à zéro.",
    },
    INVALID_SEND_AT: {
      default: 'Désolé, impossible de lire cette date et cette heure.',
      noSuchDate: "Désolé, cette date n'existe pas.",
      noSuchTime: "Désolé, cette heure n'existe pas ce jour-là.",
    },
    INVALID_AT:
      'Désolé, impossible de lire cette heure : utilisez le format 24 heures, par exemple 09:30.',
    INVALID_WHEN: { default: WHEN_MESSAGES.fr.unreadable, ...WHEN_MESSAGES.fr },
    MISSING_TIME_ZONE:
      "Désolé, le fuseau horaire de cette heure n'est pas connu, donc rien n'a été programmé.",
    INVALID_TIME_ZONE:
      "Désolé, ce fuseau horaire n'est pas connu : utilisez un nom comme America/New_York.",
    UNKNOWN_RECIPIENT_TIME_ZONE:
      "Désolé, le fuseau horaire de ce numéro n'est pas connu, donc rien n'a été programmé.",
    INVALID_QUIET_HOURS:
      "Désolé, impossible de lire les heures de silence : elles s'écrivent comme 21:00-08:00.",
    INVALID_QUIET_DAYS: {
      default:
        'Les jours de silence doivent être des noms de jours en anglais, comme sun ou sat,sun, ou « off ».',
      everyDay:
        'Les jours de silence ne peuvent pas être tous les jours de la semaine : rien ne pourrait jamais être envoyé.',
    },
    INVALID_LOCALE: {
      default: 'La langue doit être un code comme en-US, fr-FR ou es-MX.',
      unreadableLanguage:
        'Désolé, je ne sais pas encore lire les heures écrites dans cette langue.',
    },
    INVALID_IF_TOO_SOON:
      'Désolé, les messages ne peuvent pas être programmés de cette façon pour le moment.',
    SEND_AT_TOO_SOON: {
      default: (f) =>
        `Désolé, cette heure est trop proche : un message peut être programmé au plus tôt ${spanIn('fr', Number(f.minLead))} à l'avance.`,
      now: 'Désolé, cette heure est trop proche : un message ne peut pas être programmé pour tout de suite.',
      past: 'Désolé, cette heure est déjà passée.',
    },
    SEND_AT_TOO_LATE: (f) =>
      `Désolé, c'est trop loin : un message peut être programmé au plus tard pour le ${momentIn('fr', Number(f.latest), f.zone === undefined ? undefined : String(f.zone))}.`,
    NO_ALLOWED_TIME:
      "Désolé, il n'y a aucun moment dans les semaines à venir où un message peut être envoyé.",
    INVALID_SID: {
      default: "Désolé, cela ne ressemble pas à l'un de nos messages, donc rien n'a été annulé.",
      callback: HANDLED,
    },
    MISSING_SID: NO_CANCEL_NAMED,
    MISSING_TARGET: {
      default: "Désolé, rien à annuler n'a été indiqué, donc rien n'a été annulé.",
      blank: NO_CANCEL_NAMED,
    },
    CONFLICTING_TARGET: {
      default: "Désolé, on ne savait pas quoi annuler, donc rien n'a été annulé.",
      list: HANDLED,
    },
    INVALID_MESSAGING_SERVICE_SID:
      'Désolé, les messages ne peuvent pas être programmés pour le moment.',
    INVALID_REPEAT: {
      default: "Désolé, ce message récurrent n'a pas pu être mis en place.",
      unsupported:
        "Ce rythme n'est pas pris en charge : un message peut être répété chaque jour, chaque jour ouvré, chaque semaine ou chaque mois.",
      noEnd: "Un message récurrent a besoin d'une fin : un nombre de fois ou une dernière date.",
      bothEnds:
        'Un message récurrent peut se terminer après un nombre de fois ou à une date, mais pas les deux.',
      count: (f) => `Un message peut être répété de 1 à ${f.max} fois.`,
      until: "La dernière date de la série n'a pas pu être lue.",
      untilPast: 'La dernière date de la série est déjà passée.',
      tooLong: 'Un message récurrent peut durer au plus un an.',
      endTwice: 'La fin de la série a été indiquée deux fois, différemment.',
      empty: "Cette série n'a aucune date entre son début et sa fin.",
      tooMany: (f) => `Un message peut être répété au plus ${f.max} fois.`,
      untilTooFar: 'Un message récurrent peut durer au plus un an.',
      countTooLong: 'Un message récurrent peut durer au plus un an.',
      ruleTooLong:
        "Ce rythme n'est pas pris en charge : un message peut être répété chaque jour, chaque jour ouvré, chaque semaine ou chaque mois.",
      allQuiet:
        "Toutes les dates de cette série tombent un jour sans envoi : rien n'a été programmé.",
    },
    INVALID_CURSOR: HANDLED,
    INVALID_IDEMPOTENCY_KEY: HANDLED,
    INVALID_TAG: 'Cette étiquette ne peut pas être utilisée.',
    INVALID_SERIES: 'Cette étiquette ne peut pas être utilisée.',
    INVALID_REPLACE: HANDLED,
    REPLACE_NEEDS_TAG: HANDLED,
    REGISTRY_DISABLED: HANDLED,
    INVALID_APPOINTMENT_AT: {
      default: "Désolé, l'heure du rendez-vous n'a pas pu être lue.",
      past: "Désolé, l'heure de ce rendez-vous est déjà passée.",
    },
    INVALID_REMIND: "Désolé, les heures des rappels n'ont pas pu être lues.",
    APPOINTMENT_NEEDS_TAG: HANDLED,
    INVALID_MAX_PER_DAY: HANDLED,
    MISSING_FROM: HANDLED,
    INVALID_FROM: HANDLED,
    APPOINTMENT_EXISTS: "Ce rendez-vous est déjà réservé. Rien n'a été modifié.",
    APPOINTMENT_TOO_FAR:
      "Désolé, ce rendez-vous est trop lointain pour programmer ses rappels dès maintenant. Rien n'a été envoyé.",
    FREQUENCY_CAP: (f) =>
      `Désolé, plus aucun message ne peut être programmé vers ce numéro ce jour-là (au plus ${f.max}). Rien n'a été envoyé.`,
    IDEMPOTENCY_KEY_REUSED: HANDLED,
    IDEMPOTENCY_KEY_IN_USE: 'Cette demande est déjà en cours de traitement.',
    REGISTRY_UNAVAILABLE: {
      default:
        "Désolé, les messages ne peuvent pas être programmés pour le moment. Rien n'a été envoyé.",
      list: 'Désolé, les messages programmés ne peuvent pas être consultés pour le moment.',
      cancel: 'Désolé, les messages programmés ne peuvent pas être annulés pour le moment.',
      status: "Désolé, cela n'a pas pu être enregistré pour le moment.",
      reply:
        "Désolé, votre réponse n'a pas pu être enregistrée pour le moment. Renvoyez-la dans un instant.",
      signIn: "Désolé, la connexion n'est pas possible pour le moment.",
      remindersLeft:
        'Désolé, les messages ne peuvent pas être programmés pour le moment. Certains rappels sont peut-être encore programmés : vérifiez avant de réessayer.',
    },
    REPLACE_IN_PROGRESS:
      'Cette modification est déjà en cours. Veuillez réessayer dans un instant.',
    TIME_BUDGET_SPENT: (f) =>
      `Désolé, le service de messagerie est trop lent en ce moment.${NOTHING_DONE[op(f)] ?? ''}`,
    NOT_FOUND: "Désolé, ce message est introuvable, donc rien n'a été annulé.",
    NOT_CANCELABLE: (f) => {
      const status = String(f.status);
      if (status === 'sent' || status === 'delivered' || status === 'read')
        return 'Désolé, ce message a déjà été envoyé, il ne peut donc pas être annulé.';
      if (status === 'failed' || status === 'undelivered')
        return "Ce message n'a de toute façon pas pu être envoyé, il n'y a donc rien à annuler.";
      return "Désolé, ce message est déjà en cours d'envoi, il ne peut donc pas être annulé.";
    },
    TWILIO_REJECTED: (f) => TWILIO_REFUSALS[String(f.twilioCode)] ?? REFUSED[op(f)] ?? HANDLED,
    CONFIG_MESSAGING_SERVICE_MISSING:
      "Désolé, les messages ne peuvent pas être programmés pour le moment. Rien n'a été envoyé.",
    CONFIG_INVALID:
      "Désolé, ce n'est pas possible pour le moment : le service n'est pas bien configuré. Rien n'a été envoyé ni annulé.",
    CONFIG_TWILIO_AUTH: {
      default: (f) => `${CANNOT[op(f)]}${NOTHING_DONE[op(f)] ?? ''}`,
      client:
        "Désolé, les messages ne peuvent pas être traités pour le moment. Rien n'a été envoyé.",
    },
    INTERNAL_ERROR: {
      default:
        "Désolé, un problème est survenu de notre côté. Vérifiez si l'opération a été faite avant de réessayer.",
      beforeTwilio: (f) =>
        `Désolé, un problème est survenu de notre côté.${NOTHING_DONE[op(f)] ?? ''}`,
    },
    TWILIO_UNAVAILABLE: {
      default: (f) =>
        `Désolé, le service de messagerie a rencontré un problème.${MAYBE_DONE[op(f)] ?? ''}`,
      unreachable: (f) =>
        `Désolé, le service de messagerie est injoignable.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    TWILIO_RATE_LIMITED:
      'Désolé, le service de messagerie est surchargé : réessayez dans une minute.',
    TWILIO_TIMEOUT: {
      default:
        'Désolé, cela a pris trop de temps. Un message a peut-être été programmé ou annulé quand même : vérifiez avant de réessayer.',
      twilio: (f) =>
        `Désolé, le service de messagerie n'a pas répondu à temps.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    CONSOLE_OFF: "Il n'y a rien à cette adresse.",
    CONSOLE_SIGN_IN_FAILED: "Ce mot de passe n'est pas le bon.",
    CONSOLE_SIGN_IN_LOCKED: (f) =>
      `Trop de mots de passe erronés : réessayez dans ${spanIn('fr', Math.max(1, Math.ceil(Number(f.retryAfterSeconds) / 60)))}.`,
    CONSOLE_SIGNED_OUT: 'Veuillez vous connecter.',
    CONSOLE_SESSION_EXPIRED: 'Votre session a expiré : veuillez vous reconnecter.',
    CONSOLE_UNKNOWN_ACTION: HANDLED,
  },
};

// Spanish (neutral, usted): what the person who texted is told. Same codes and variants as en.ts;
// names no parameter, variable or code. Examples stay what the service reads (+1 415 555 0100,
// 09:30, 90m, America/New_York, the English day names sun and sat).
import { WHEN_MESSAGES } from '../when-messages';
import { type MessageTable, momentIn, nounIn, operationOf as op, spanIn } from './table';

const NOTHING_DONE: Record<string, string> = {
  create: ' No se envió nada.',
  cancel: ' No se canceló nada.',
};
const MAYBE_DONE: Record<string, string> = {
  create:
    ' Es posible que el mensaje se haya programado de todos modos: verifíquelo antes de volver a intentarlo.',
  cancel:
    ' Es posible que el mensaje se haya cancelado de todos modos: verifíquelo antes de volver a intentarlo.',
};
const CANNOT: Record<string, string> = {
  create: 'Lo sentimos, ahora mismo no se pueden programar mensajes.',
  cancel: 'Lo sentimos, ahora mismo no se pueden cancelar mensajes.',
  read: 'Lo sentimos, ahora mismo no se pueden consultar mensajes.',
};
const REFUSED: Record<string, string> = {
  create: 'Lo sentimos, no se pudo programar ese mensaje.',
  cancel: 'Lo sentimos, no se pudo cancelar ese mensaje.',
  read: 'Lo sentimos, no se pudieron consultar esos mensajes.',
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const TWILIO_REFUSALS: Record<string, string> = {
  21211: 'Lo sentimos, ese número de teléfono no es válido.',
  21610: 'Lo sentimos, ese número se dio de baja de estos mensajes (respondió STOP).',
  21612: 'Lo sentimos, no se pueden enviar mensajes a ese número.',
  21614: 'Lo sentimos, ese número no puede recibir mensajes de texto.',
  35125:
    'Lo sentimos, ahora mismo no se pueden programar más mensajes: se alcanzó el límite de la cuenta.',
};
const HANDLED = 'Lo sentimos, no se pudo atender esa solicitud.';
const NO_CANCEL_NAMED =
  'Lo sentimos, no se indicó qué mensaje cancelar, así que no se canceló nada.';

export const ES: MessageTable = {
  language: 'es',
  nouns: {
    request: 'la solicitud',
    to: 'el número del destinatario',
    number: 'el número del destinatario',
    body: 'el texto del mensaje',
    message: 'el texto del mensaje',
    mediaUrl: 'el enlace del archivo adjunto',
    contentSid: 'la plantilla del mensaje',
    contentVariables: 'la plantilla del mensaje',
    minutes: 'la hora de envío',
    delay: 'la hora de envío',
    sendAt: 'la hora de envío',
    at: 'la hora de envío',
    when: 'la hora de envío',
    ifTooSoon: 'la hora de envío',
    timeZone: 'la zona horaria',
    quietHours: 'el horario de silencio',
    sid: 'el mensaje que se quiere cancelar',
  },
  unreadable: (f, w) => `Lo sentimos, no se pudo leer ${nounIn(w, f.field)}.`,
  conflicting: (f, w) =>
    `Lo sentimos, la solicitud indicó dos valores distintos para ${nounIn(w, f.field)}.`,
  messages: {
    NO_FIELDS: 'Lo sentimos, la solicitud llegó vacía, así que no se hizo nada.',
    MISSING_TO: {
      default: 'Lo sentimos, no se indicó ningún número de teléfono al que enviar.',
      list: HANDLED,
    },
    INVALID_TO:
      'Lo sentimos, ese número de teléfono no parece correcto: escríbalo con + y el código de país, por ejemplo +1 415 555 0100.',
    CONFLICTING_TO:
      'Lo sentimos, la solicitud indicó dos valores distintos para el número del destinatario.',
    MISSING_CONTENT: 'Lo sentimos, no había ningún mensaje que enviar.',
    BODY_TOO_LONG: (f) =>
      `Lo sentimos, ese mensaje es demasiado largo: puede tener como máximo ${f.max} caracteres.`,
    INVALID_BODY: 'Lo sentimos, no se pudo leer el texto del mensaje.',
    CONFLICTING_BODY:
      'Lo sentimos, la solicitud indicó dos valores distintos para el texto del mensaje.',
    INVALID_MEDIA_URL:
      'Lo sentimos, un enlace de archivo adjunto no es una dirección web que se pueda enviar.',
    TOO_MANY_MEDIA: (f) =>
      `Lo sentimos, un mensaje puede llevar como máximo ${f.max} archivos adjuntos.`,
    INVALID_CONTENT_SID:
      'Lo sentimos, la plantilla del mensaje no está bien configurada, así que no se envió nada.',
    INVALID_CONTENT_VARIABLES: {
      default:
        'Lo sentimos, no se pudieron leer los valores de la plantilla del mensaje, así que no se envió nada.',
      withoutTemplate:
        'Lo sentimos, los valores de la plantilla del mensaje llegaron sin plantilla, así que no se envió nada.',
    },
    CONFLICTING_CONTENT:
      'Lo sentimos, el mensaje se indicó a la vez como plantilla y como texto, así que no se envió nada.',
    MISSING_SEND_TIME: 'Lo sentimos, no se indicó a qué hora enviar el mensaje.',
    CONFLICTING_SEND_TIME:
      'Lo sentimos, se indicó más de una hora de envío, así que no se programó nada.',
    INVALID_MINUTES: {
      default:
        'Lo sentimos, la espera debe ser un número de minutos mayor que cero, por ejemplo 30.',
      zero: 'Lo sentimos, la espera debe ser de más de cero minutos.',
    },
    INVALID_DELAY: {
      default: 'Lo sentimos, no se pudo leer ese plazo. Pruebe con algo como 90m o 2h.',
      tooLong: 'Lo sentimos, eso queda demasiado lejos para programarlo.',
      zero: 'Lo sentimos, la espera debe ser mayor que cero.',
    },
    INVALID_SEND_AT: {
      default: 'Lo sentimos, no se pudo leer esa fecha y hora.',
      noSuchDate: 'Lo sentimos, esa fecha no existe.',
      noSuchTime: 'Lo sentimos, esa hora del día no existe.',
    },
    INVALID_AT:
      'Lo sentimos, no se pudo leer esa hora: use el formato de 24 horas, por ejemplo 09:30.',
    INVALID_WHEN: { default: WHEN_MESSAGES.es.unreadable, ...WHEN_MESSAGES.es },
    MISSING_TIME_ZONE:
      'Lo sentimos, no se conoce la zona horaria de esa hora, así que no se programó nada.',
    INVALID_TIME_ZONE:
      'Lo sentimos, no se reconoce esa zona horaria: use un nombre como America/New_York.',
    UNKNOWN_RECIPIENT_TIME_ZONE:
      'Lo sentimos, no se conoce la zona horaria de ese número, así que no se programó nada.',
    INVALID_QUIET_HOURS:
      'Lo sentimos, no se pudo leer el horario de silencio: debe tener esta forma: 21:00-08:00.',
    INVALID_QUIET_DAYS: {
      default:
        'Los días de silencio deben ser nombres de días en inglés, como sun o sat,sun, o bien "off".',
      everyDay:
        'Los días de silencio no pueden ser todos los días de la semana: nunca se podría enviar nada.',
    },
    INVALID_LOCALE: {
      default: 'El idioma debe indicarse con un código como en-US, fr-FR o es-MX.',
      unreadableLanguage: 'Lo sentimos, todavía no puedo leer horas escritas en ese idioma.',
    },
    INVALID_IF_TOO_SOON: 'Lo sentimos, ahora mismo no se pueden programar mensajes de esta forma.',
    SEND_AT_TOO_SOON: {
      default: (f) =>
        `Lo sentimos, esa hora es demasiado pronto: un mensaje se puede programar con al menos ${spanIn('es', Number(f.minLead))} de antelación.`,
      now: 'Lo sentimos, esa hora es demasiado pronto: no se puede programar un mensaje para este mismo momento.',
      past: 'Lo sentimos, esa hora ya pasó.',
    },
    SEND_AT_TOO_LATE: (f) =>
      `Lo sentimos, eso queda demasiado lejos: un mensaje se puede programar como máximo para el ${momentIn('es', Number(f.latest), f.zone === undefined ? undefined : String(f.zone))}.`,
    NO_ALLOWED_TIME:
      'Lo sentimos, en las próximas semanas no hay ningún momento en que se pueda enviar un mensaje.',
    INVALID_SID: {
      default: 'Lo sentimos, eso no parece uno de nuestros mensajes, así que no se canceló nada.',
      callback: HANDLED,
    },
    MISSING_SID: NO_CANCEL_NAMED,
    MISSING_TARGET: {
      default: 'Lo sentimos, no se indicó nada que cancelar, así que no se canceló nada.',
      blank: NO_CANCEL_NAMED,
    },
    CONFLICTING_TARGET: {
      default: 'Lo sentimos, no quedó claro qué cancelar, así que no se canceló nada.',
      list: HANDLED,
    },
    INVALID_MESSAGING_SERVICE_SID: 'Lo sentimos, ahora mismo no se pueden programar mensajes.',
    INVALID_REPEAT: {
      default: 'Lo sentimos, no se pudo configurar ese mensaje periódico.',
      unsupported:
        'Esa frecuencia no está disponible: los mensajes se pueden repetir a diario, en días laborables, cada semana o cada mes.',
      noEnd: 'Un mensaje periódico necesita un final: un número de veces o una última fecha.',
      bothEnds:
        'Un mensaje periódico puede terminar tras un número de veces o en una fecha, pero no ambas cosas.',
      count: (f) => `Un mensaje se puede repetir de 1 a ${f.max} veces.`,
      until: 'No se pudo leer la última fecha de la serie.',
      untilPast: 'La última fecha de la serie ya pasó.',
      tooLong: 'Un mensaje periódico puede durar como máximo un año.',
      endTwice: 'El final de la serie se indicó dos veces, de forma distinta.',
      empty: 'Esa serie no tiene ninguna fecha entre su inicio y su final.',
      tooMany: (f) => `Un mensaje se puede repetir como máximo ${f.max} veces.`,
      untilTooFar: 'Un mensaje periódico puede durar como máximo un año.',
      countTooLong: 'Un mensaje periódico puede durar como máximo un año.',
      ruleTooLong:
        'Esa frecuencia no está disponible: los mensajes se pueden repetir a diario, en días laborables, cada semana o cada mes.',
      allQuiet:
        'Todas las fechas de esa serie caen en un día sin envíos, así que no se programó nada.',
    },
    INVALID_CURSOR: HANDLED,
    INVALID_IDEMPOTENCY_KEY: HANDLED,
    INVALID_TAG: 'Esa etiqueta no se puede usar.',
    INVALID_SERIES: 'Esa etiqueta no se puede usar.',
    INVALID_REPLACE: HANDLED,
    REPLACE_NEEDS_TAG: HANDLED,
    REGISTRY_DISABLED: HANDLED,
    INVALID_APPOINTMENT_AT: {
      default: 'Lo sentimos, no se pudo leer la hora de la cita.',
      past: 'Lo sentimos, la hora de esa cita ya pasó.',
    },
    INVALID_REMIND: 'Lo sentimos, no se pudieron leer las horas de los recordatorios.',
    APPOINTMENT_NEEDS_TAG: HANDLED,
    INVALID_MAX_PER_DAY: HANDLED,
    MISSING_FROM: HANDLED,
    INVALID_FROM: HANDLED,
    APPOINTMENT_EXISTS: 'Esa cita ya está reservada. No se cambió nada.',
    APPOINTMENT_TOO_FAR:
      'Lo sentimos, esa cita está demasiado lejos para programar sus recordatorios todavía. No se envió nada.',
    FREQUENCY_CAP: (f) =>
      `Lo sentimos, no se pueden programar más mensajes a ese número ese día (como máximo ${f.max}). No se envió nada.`,
    IDEMPOTENCY_KEY_REUSED: HANDLED,
    IDEMPOTENCY_KEY_IN_USE: 'Esa solicitud ya se está atendiendo.',
    REGISTRY_UNAVAILABLE: {
      default: 'Lo sentimos, ahora mismo no se pueden programar mensajes. No se envió nada.',
      list: 'Lo sentimos, ahora mismo no se pueden consultar los mensajes programados.',
      cancel: 'Lo sentimos, ahora mismo no se pueden cancelar los mensajes programados.',
      status: 'Lo sentimos, ahora mismo no se pudo registrar eso.',
      reply:
        'Lo sentimos, su respuesta no se pudo registrar ahora. Envíela de nuevo en un momento.',
      signIn: 'Lo sentimos, ahora no es posible iniciar sesión.',
      remindersLeft:
        'Lo sentimos, ahora no se pueden programar mensajes. Puede que algunos recordatorios sigan programados: compruébelo antes de volver a intentarlo.',
    },
    REPLACE_IN_PROGRESS: 'Ese cambio ya se está haciendo. Inténtelo de nuevo en un momento.',
    TIME_BUDGET_SPENT: (f) =>
      `Lo sentimos, el servicio de mensajería va demasiado lento ahora mismo.${NOTHING_DONE[op(f)] ?? ''}`,
    NOT_FOUND: 'Lo sentimos, no se encontró ese mensaje, así que no se canceló nada.',
    NOT_CANCELABLE: (f) => {
      const status = String(f.status);
      if (status === 'sent' || status === 'delivered' || status === 'read')
        return 'Lo sentimos, ese mensaje ya se envió, así que no se puede cancelar.';
      if (status === 'failed' || status === 'undelivered')
        return 'Ese mensaje no se pudo enviar de todos modos, así que no hay nada que cancelar.';
      return 'Lo sentimos, ese mensaje ya está en camino, así que no se puede cancelar.';
    },
    TWILIO_REJECTED: (f) => TWILIO_REFUSALS[String(f.twilioCode)] ?? REFUSED[op(f)] ?? HANDLED,
    CONFIG_MESSAGING_SERVICE_MISSING:
      'Lo sentimos, ahora mismo no se pueden programar mensajes. No se envió nada.',
    CONFIG_INVALID:
      'Lo sentimos, ahora mismo no es posible: el servicio no está bien configurado. No se envió ni se canceló nada.',
    CONFIG_TWILIO_AUTH: {
      default: (f) => `${CANNOT[op(f)]}${NOTHING_DONE[op(f)] ?? ''}`,
      client: 'Lo sentimos, ahora mismo no se pueden gestionar mensajes. No se envió nada.',
    },
    INTERNAL_ERROR: {
      default:
        'Lo sentimos, algo falló por nuestra parte. Verifique si se hizo antes de volver a intentarlo.',
      beforeTwilio: (f) => `Lo sentimos, algo falló por nuestra parte.${NOTHING_DONE[op(f)] ?? ''}`,
    },
    TWILIO_UNAVAILABLE: {
      default: (f) =>
        `Lo sentimos, el servicio de mensajería tuvo un problema.${MAYBE_DONE[op(f)] ?? ''}`,
      unreachable: (f) =>
        `Lo sentimos, no se pudo contactar con el servicio de mensajería.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    TWILIO_RATE_LIMITED:
      'Lo sentimos, el servicio de mensajería está ocupado: vuelva a intentarlo en un minuto.',
    TWILIO_TIMEOUT: {
      default:
        'Lo sentimos, tardó demasiado. Es posible que un mensaje se haya programado o cancelado de todos modos: verifíquelo antes de volver a intentarlo.',
      twilio: (f) =>
        `Lo sentimos, el servicio de mensajería no respondió a tiempo.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    CONSOLE_OFF: 'No hay nada en esta dirección.',
    CONSOLE_SIGN_IN_FAILED: 'Esa contraseña no es correcta.',
    CONSOLE_SIGN_IN_LOCKED: (f) =>
      `Demasiadas contraseñas incorrectas: inténtelo de nuevo en ${spanIn('es', Math.max(1, Math.ceil(Number(f.retryAfterSeconds) / 60)))}.`,
    CONSOLE_SIGNED_OUT: 'Inicie sesión, por favor.',
    CONSOLE_SESSION_EXPIRED: 'Su sesión ha terminado: inicie sesión de nuevo.',
    CONSOLE_UNKNOWN_ACTION: HANDLED,
  },
};

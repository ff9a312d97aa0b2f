// Portuguese (Brazilian usage, você): what the person who texted is told. Same codes and variants
// as en.ts; names no parameter, variable or code. Examples stay what the service reads
// (+1 415 555 0100, 09:30, 90m, America/New_York, the English day names sun and sat).
import { WHEN_MESSAGES } from '../when-messages';
import { type MessageTable, momentIn, nounIn, operationOf as op, spanIn } from './table';

const NOTHING_DONE: Record<string, string> = {
  create: ' Nada foi enviado.',
  cancel: ' Nada foi cancelado.',
};
const MAYBE_DONE: Record<string, string> = {
  create: ' A mensagem pode ter sido agendada mesmo assim: confira antes de tentar de novo.',
  cancel: ' A mensagem pode ter sido cancelada mesmo assim: confira antes de tentar de novo.',
};
const CANNOT: Record<string, string> = {
  create: 'Desculpe, não é possível agendar mensagens agora.',
  cancel: 'Desculpe, não é possível cancelar mensagens agora.',
  read: 'Desculpe, não é possível consultar mensagens agora.',
};
const REFUSED: Record<string, string> = {
  create: 'Desculpe, não foi possível agendar essa mensagem.',
  cancel: 'Desculpe, não foi possível cancelar essa mensagem.',
  read: 'Desculpe, não foi possível consultar essas mensagens.',
};
/** Twilio refusals a person can understand and act on, by Twilio error code. */
const TWILIO_REFUSALS: Record<string, string> = {
  21211: 'Desculpe, esse número de telefone não é válido.',
  21610: 'Desculpe, esse número cancelou o recebimento destas mensagens (respondeu STOP).',
  21612: 'Desculpe, não é possível enviar mensagens para esse número.',
  21614: 'Desculpe, esse número não pode receber mensagens de texto.',
  35125: 'Desculpe, não é possível agendar mais mensagens agora: o limite da conta foi atingido.',
};
const HANDLED = 'Desculpe, não foi possível atender essa solicitação.';
const NO_CANCEL_NAMED =
  'Desculpe, nenhuma mensagem foi indicada para cancelar, então nada foi cancelado.';

export const PT: MessageTable = {
  language: 'pt',
  nouns: {
    request: 'a solicitação',
    to: 'o número do destinatário',
    number: 'o número do destinatário',
    body: 'o texto da mensagem',
    message: 'o texto da mensagem',
    mediaUrl: 'o link do anexo',
    contentSid: 'o modelo da mensagem',
    contentVariables: 'o modelo da mensagem',
    minutes: 'o horário de envio',
    delay: 'o horário de envio',
    sendAt: 'o horário de envio',
    at: 'o horário de envio',
    when: 'o horário de envio',
    ifTooSoon: 'o horário de envio',
    timeZone: 'o fuso horário',
    quietHours: 'o horário de silêncio',
    sid: 'a mensagem a cancelar',
  },
  unreadable: (f, w) => `Desculpe, não foi possível ler ${nounIn(w, f.field)}.`,
  conflicting: (f, w) =>
    `Desculpe, a solicitação trouxe dois valores diferentes para ${nounIn(w, f.field)}.`,
  messages: {
    NO_FIELDS: 'Desculpe, a solicitação veio vazia, então nada foi feito.',
    MISSING_TO: {
      default: 'Desculpe, nenhum número de telefone foi informado para o envio.',
      list: HANDLED,
    },
    INVALID_TO:
      'Desculpe, esse número de telefone não parece correto: escreva-o com + e o código do país, por exemplo +1 415 555 0100.',
    CONFLICTING_TO:
      'Desculpe, a solicitação trouxe dois valores diferentes para o número do destinatário.',
    MISSING_CONTENT: 'Desculpe, não havia nenhuma mensagem para enviar.',
    BODY_TOO_LONG: (f) =>
      `Desculpe, essa mensagem é longa demais: ela pode ter no máximo ${f.max} caracteres.`,
    INVALID_BODY: 'Desculpe, não foi possível ler o texto da mensagem.',
    CONFLICTING_BODY:
      'Desculpe, a solicitação trouxe dois valores diferentes para o texto da mensagem.',
    INVALID_MEDIA_URL: 'Desculpe, um link de anexo não é um endereço da web que possa ser enviado.',
    TOO_MANY_MEDIA: (f) => `Desculpe, uma mensagem pode levar no máximo ${f.max} anexos.`,
    INVALID_CONTENT_SID:
      'Desculpe, o modelo da mensagem não está configurado corretamente, então nada foi enviado.',
    INVALID_CONTENT_VARIABLES: {
      default:
        'Desculpe, não foi possível ler os valores do modelo da mensagem, então nada foi enviado.',
      withoutTemplate:
        'Desculpe, os valores do modelo da mensagem vieram sem um modelo, então nada foi enviado.',
    },
    CONFLICTING_CONTENT:
      'Desculpe, a mensagem foi informada como modelo e como texto ao mesmo tempo, então nada foi enviado.',
    MISSING_SEND_TIME: 'Desculpe, não foi informado um horário para enviar a mensagem.',
    CONFLICTING_SEND_TIME:
      'Desculpe, foi informado mais de um horário de envio, então nada foi agendado.',
    INVALID_MINUTES: {
      default: 'Desculpe, a espera deve ser um número de minutos maior que zero, por exemplo 30.',
      zero: 'Desculpe, a espera deve ser maior que zero minutos.',
    },
    INVALID_DELAY: {
      default:
        'Desculpe, não foi possível entender esse intervalo de tempo. Tente algo como 90m ou 2h.',
      tooLong: 'Desculpe, isso está longe demais para agendar.',
      zero: 'Desculpe, a espera deve ser maior que zero.',
    },
    INVALID_SEND_AT: {
      default: 'Desculpe, não foi possível ler essa data e hora.',
      noSuchDate: 'Desculpe, essa data não existe.',
      noSuchTime: 'Desculpe, esse horário não existe nesse dia.',
    },
    INVALID_AT:
      'Desculpe, não foi possível ler esse horário: use o formato de 24 horas, por exemplo 09:30.',
    INVALID_WHEN: { default: WHEN_MESSAGES.pt.unreadable, ...WHEN_MESSAGES.pt },
    MISSING_TIME_ZONE:
      'Desculpe, o fuso horário desse horário não é conhecido, então nada foi agendado.',
    INVALID_TIME_ZONE:
      'Desculpe, esse fuso horário não é conhecido: use um nome como America/New_York.',
    UNKNOWN_RECIPIENT_TIME_ZONE:
      'Desculpe, o fuso horário desse número não é conhecido, então nada foi agendado.',
    INVALID_QUIET_HOURS:
      'Desculpe, não foi possível ler o horário de silêncio: ele tem este formato: 21:00-08:00.',
    INVALID_QUIET_DAYS: {
      default:
        'Os dias de silêncio devem ser nomes de dias da semana em inglês, como sun ou sat,sun, ou "off".',
      everyDay:
        'Os dias de silêncio não podem ser todos os dias da semana: nada poderia ser enviado.',
    },
    INVALID_LOCALE: {
      default: 'O idioma deve ser um código como en-US, fr-FR ou es-MX.',
      unreadableLanguage: 'Desculpe, ainda não consigo ler horários escritos nesse idioma.',
    },
    INVALID_IF_TOO_SOON: 'Desculpe, não é possível agendar mensagens dessa forma agora.',
    SEND_AT_TOO_SOON: {
      default: (f) =>
        `Desculpe, esse horário está próximo demais: uma mensagem pode ser agendada com pelo menos ${spanIn('pt', Number(f.minLead))} de antecedência.`,
      now: 'Desculpe, esse horário está próximo demais: não é possível agendar uma mensagem para agora.',
      past: 'Desculpe, esse horário já passou.',
    },
    SEND_AT_TOO_LATE: (f) =>
      `Desculpe, isso está longe demais: uma mensagem pode ser agendada no máximo para ${momentIn('pt', Number(f.latest), f.zone === undefined ? undefined : String(f.zone))}.`,
    NO_ALLOWED_TIME:
      'Desculpe, não há nenhum horário nas próximas semanas em que uma mensagem possa ser enviada.',
    INVALID_SID: {
      default: 'Desculpe, isso não parece ser uma das nossas mensagens, então nada foi cancelado.',
      callback: HANDLED,
    },
    MISSING_SID: NO_CANCEL_NAMED,
    MISSING_TARGET: {
      default: 'Desculpe, nada foi indicado para cancelar, então nada foi cancelado.',
      blank: NO_CANCEL_NAMED,
    },
    CONFLICTING_TARGET: {
      default: 'Desculpe, não ficou claro o que cancelar, então nada foi cancelado.',
      list: HANDLED,
    },
    INVALID_MESSAGING_SERVICE_SID: 'Desculpe, não é possível agendar mensagens agora.',
    INVALID_REPEAT: {
      default: 'Desculpe, não foi possível configurar essa mensagem recorrente.',
      unsupported:
        'Essa frequência não é aceita: as mensagens podem se repetir todo dia, em dias úteis, toda semana ou todo mês.',
      noEnd: 'Uma mensagem recorrente precisa de um fim: um número de vezes ou uma data final.',
      bothEnds:
        'Uma mensagem recorrente pode terminar depois de um número de vezes ou em uma data, não as duas coisas.',
      count: (f) => `Uma mensagem pode se repetir de 1 a ${f.max} vezes.`,
      until: 'Não foi possível ler a data final da série.',
      untilPast: 'A data final da série já passou.',
      tooLong: 'Uma mensagem recorrente pode durar no máximo um ano.',
      endTwice: 'O fim da série foi informado duas vezes, de formas diferentes.',
      empty: 'Essa série não tem nenhuma data entre o início e o fim.',
      tooMany: (f) => `Uma mensagem pode se repetir no máximo ${f.max} vezes.`,
      untilTooFar: 'Uma mensagem recorrente pode durar no máximo um ano.',
      countTooLong: 'Uma mensagem recorrente pode durar no máximo um ano.',
      ruleTooLong:
        'Essa frequência não é aceita: as mensagens podem se repetir todo dia, em dias úteis, toda semana ou todo mês.',
      allQuiet: 'Todas as datas dessa série caem em um dia sem envios, então nada foi agendado.',
    },
    INVALID_CURSOR: HANDLED,
    INVALID_IDEMPOTENCY_KEY: HANDLED,
    INVALID_TAG: 'Esse rótulo não pode ser usado.',
    INVALID_SERIES: 'Esse rótulo não pode ser usado.',
    INVALID_REPLACE: HANDLED,
    REPLACE_NEEDS_TAG: HANDLED,
    REGISTRY_DISABLED: HANDLED,
    INVALID_APPOINTMENT_AT: {
      default: 'Desculpe, não foi possível ler o horário da consulta.',
      past: 'Desculpe, o horário dessa consulta já passou.',
    },
    INVALID_REMIND: 'Desculpe, não foi possível ler os horários dos lembretes.',
    APPOINTMENT_NEEDS_TAG: HANDLED,
    INVALID_MAX_PER_DAY: HANDLED,
    MISSING_FROM: HANDLED,
    INVALID_FROM: HANDLED,
    APPOINTMENT_EXISTS: 'Essa consulta já está marcada. Nada foi alterado.',
    APPOINTMENT_TOO_FAR:
      'Desculpe, essa consulta está longe demais para agendar os lembretes agora. Nada foi enviado.',
    FREQUENCY_CAP: (f) =>
      `Desculpe, não é possível agendar mais mensagens para esse número nesse dia (no máximo ${f.max}). Nada foi enviado.`,
    IDEMPOTENCY_KEY_REUSED: HANDLED,
    IDEMPOTENCY_KEY_IN_USE: 'Essa solicitação já está sendo atendida.',
    REGISTRY_UNAVAILABLE: {
      default: 'Desculpe, não é possível agendar mensagens agora. Nada foi enviado.',
      list: 'Desculpe, não é possível consultar as mensagens agendadas agora.',
      cancel: 'Desculpe, não é possível cancelar as mensagens agendadas agora.',
      status: 'Desculpe, não foi possível registrar isso agora.',
      reply:
        'Desculpe, sua resposta não pôde ser registrada agora. Envie-a novamente em instantes.',
      signIn: 'Desculpe, não é possível entrar agora.',
      remindersLeft:
        'Desculpe, não é possível agendar mensagens agora. Alguns lembretes ainda podem estar agendados: verifique antes de tentar de novo.',
    },
    REPLACE_IN_PROGRESS: 'Essa alteração já está sendo feita. Tente novamente em instantes.',
    TIME_BUDGET_SPENT: (f) =>
      `Desculpe, o serviço de mensagens está lento demais agora.${NOTHING_DONE[op(f)] ?? ''}`,
    NOT_FOUND: 'Desculpe, essa mensagem não foi encontrada, então nada foi cancelado.',
    NOT_CANCELABLE: (f) => {
      const status = String(f.status);
      if (status === 'sent' || status === 'delivered' || status === 'read')
        return 'Desculpe, essa mensagem já foi enviada, então não pode ser cancelada.';
      if (status === 'failed' || status === 'undelivered')
        return 'Essa mensagem não pôde ser enviada de qualquer forma, então não há nada para cancelar.';
      return 'Desculpe, essa mensagem já está a caminho, então não pode ser cancelada.';
    },
    TWILIO_REJECTED: (f) => TWILIO_REFUSALS[String(f.twilioCode)] ?? REFUSED[op(f)] ?? HANDLED,
    CONFIG_MESSAGING_SERVICE_MISSING:
      'Desculpe, não é possível agendar mensagens agora. Nada foi enviado.',
    CONFIG_INVALID:
      'Desculpe, isso não é possível agora: o serviço não está configurado corretamente. Nada foi enviado nem cancelado.',
    CONFIG_TWILIO_AUTH: {
      default: (f) => `${CANNOT[op(f)]}${NOTHING_DONE[op(f)] ?? ''}`,
      client: 'Desculpe, não é possível processar mensagens agora. Nada foi enviado.',
    },
    INTERNAL_ERROR: {
      default:
        'Desculpe, algo deu errado do nosso lado. Confira se foi feito antes de tentar de novo.',
      beforeTwilio: (f) => `Desculpe, algo deu errado do nosso lado.${NOTHING_DONE[op(f)] ?? ''}`,
    },
    TWILIO_UNAVAILABLE: {
      default: (f) =>
        `Desculpe, o serviço de mensagens teve um problema.${MAYBE_DONE[op(f)] ?? ''}`,
      unreachable: (f) =>
        `Desculpe, não foi possível contatar o serviço de mensagens.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    TWILIO_RATE_LIMITED:
      'Desculpe, o serviço de mensagens está ocupado: tente de novo em um minuto.',
    TWILIO_TIMEOUT: {
      default:
        'Desculpe, isso demorou demais. Uma mensagem pode ter sido agendada ou cancelada mesmo assim: confira antes de tentar de novo.',
      twilio: (f) =>
        `Desculpe, o serviço de mensagens não respondeu a tempo.${MAYBE_DONE[op(f)] ?? ''}`,
    },
    CONSOLE_OFF: 'Não há nada neste endereço.',
    CONSOLE_SIGN_IN_FAILED: 'Essa senha não está correta.',
    CONSOLE_SIGN_IN_LOCKED: (f) =>
      `Muitas senhas erradas: tente novamente em ${spanIn('pt', Math.max(1, Math.ceil(Number(f.retryAfterSeconds) / 60)))}.`,
    CONSOLE_SIGNED_OUT: 'Entre, por favor.',
    CONSOLE_SESSION_EXPIRED: 'Sua sessão terminou: entre novamente.',
    CONSOLE_UNKNOWN_ACTION: HANDLED,
  },
};

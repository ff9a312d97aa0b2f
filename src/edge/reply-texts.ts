// The text /reply gives the flow to send back, in the texter's language: one table per language
// the service writes, exhaustive by type. Each names the appointment as the texter reads it
// (`atText`), and the help lists the replies a reminder may ask for (C, N, R).
import { ok } from '../core/errors';
import type { Language } from '../core/language';
import type { Endpoint } from '../endpoints/invocation';
import { type ReplyFacts, reply } from '../endpoints/reply';

type Say = (at: string) => string;

interface ReplyTexts {
  confirmed: Say;
  /** A confirm after a decline: the appointment stays canceled. */
  afterDecline: Say;
  declined: Say;
  reschedule: Say;
  help: Say;
  /** No upcoming appointment: the flow goes on with its other paths (rarely sent). */
  none: string;
}

const TEXTS: Readonly<Record<Language, ReplyTexts>> = {
  en: {
    confirmed: (at) => `Thanks, your appointment on ${at} is confirmed.`,
    afterDecline: (at) =>
      `Your appointment on ${at} was canceled. To book again, please contact us.`,
    declined: (at) => `Your appointment on ${at} is canceled. You won't get more reminders for it.`,
    reschedule: (at) => `We'll get in touch to find a new time for your appointment on ${at}.`,
    help: (at) =>
      `Reply C to confirm your appointment on ${at}, N to cancel it, or R to change it.`,
    none: 'No upcoming appointment was found for this number.',
  },
  es: {
    confirmed: (at) => `Gracias, su cita del ${at} está confirmada.`,
    afterDecline: (at) => `Su cita del ${at} fue cancelada. Para reservar de nuevo, contáctenos.`,
    declined: (at) => `Su cita del ${at} está cancelada. No recibirá más recordatorios.`,
    reschedule: (at) =>
      `Nos pondremos en contacto para buscar una nueva hora para su cita del ${at}.`,
    help: (at) =>
      `Responda C para confirmar su cita del ${at}, N para cancelarla o R para cambiarla.`,
    none: 'No se encontró ninguna cita próxima para este número.',
  },
  fr: {
    confirmed: (at) => `Merci, votre rendez-vous du ${at} est confirmé.`,
    afterDecline: (at) =>
      `Votre rendez-vous du ${at} a été annulé. Pour en prendre un autre, contactez-nous.`,
    declined: (at) => `Votre rendez-vous du ${at} est annulé. Vous ne recevrez plus de rappels.`,
    reschedule: (at) =>
      `Nous vous contacterons pour trouver un nouvel horaire pour votre rendez-vous du ${at}.`,
    help: (at) =>
      `Répondez C pour confirmer votre rendez-vous du ${at}, N pour l'annuler ou R pour le déplacer.`,
    none: "Aucun rendez-vous à venir n'a été trouvé pour ce numéro.",
  },
  de: {
    confirmed: (at) => `Danke, Ihr Termin am ${at} ist bestätigt.`,
    afterDecline: (at) =>
      `Ihr Termin am ${at} wurde abgesagt. Für einen neuen Termin kontaktieren Sie uns bitte.`,
    declined: (at) => `Ihr Termin am ${at} ist abgesagt. Sie erhalten keine weiteren Erinnerungen.`,
    reschedule: (at) =>
      `Wir melden uns, um einen neuen Zeitpunkt für Ihren Termin am ${at} zu finden.`,
    help: (at) =>
      `Antworten Sie C, um Ihren Termin am ${at} zu bestätigen, N, um ihn abzusagen, oder R, um ihn zu verschieben.`,
    none: 'Für diese Nummer wurde kein anstehender Termin gefunden.',
  },
  pt: {
    confirmed: (at) => `Obrigado, o seu agendamento de ${at} está confirmado.`,
    afterDecline: (at) =>
      `O seu agendamento de ${at} foi cancelado. Para marcar novamente, contacte-nos.`,
    declined: (at) => `O seu agendamento de ${at} está cancelado. Não receberá mais lembretes.`,
    reschedule: (at) =>
      `Entraremos em contacto para encontrar um novo horário para o seu agendamento de ${at}.`,
    help: (at) =>
      `Responda C para confirmar o seu agendamento de ${at}, N para cancelar ou R para remarcar.`,
    none: 'Não foi encontrado nenhum agendamento próximo para este número.',
  },
  it: {
    confirmed: (at) => `Grazie, il suo appuntamento del ${at} è confermato.`,
    afterDecline: (at) =>
      `Il suo appuntamento del ${at} è stato annullato. Per prenotarne un altro, ci contatti.`,
    declined: (at) => `Il suo appuntamento del ${at} è annullato. Non riceverà altri promemoria.`,
    reschedule: (at) =>
      `La contatteremo per trovare un nuovo orario per il suo appuntamento del ${at}.`,
    help: (at) =>
      `Risponda C per confermare l'appuntamento del ${at}, N per annullarlo o R per spostarlo.`,
    none: 'Nessun appuntamento in programma trovato per questo numero.',
  },
  nl: {
    confirmed: (at) => `Bedankt, uw afspraak op ${at} is bevestigd.`,
    afterDecline: (at) =>
      `Uw afspraak op ${at} is geannuleerd. Neem contact met ons op voor een nieuwe afspraak.`,
    declined: (at) => `Uw afspraak op ${at} is geannuleerd. U krijgt geen herinneringen meer.`,
    reschedule: (at) =>
      `We nemen contact op om een nieuwe tijd te vinden voor uw afspraak op ${at}.`,
    help: (at) =>
      `Antwoord C om uw afspraak op ${at} te bevestigen, N om te annuleren of R om te verzetten.`,
    none: 'Er is geen komende afspraak gevonden voor dit nummer.',
  },
  ja: {
    confirmed: (at) => `ありがとうございます。${at}のご予約を確認しました。`,
    afterDecline: (at) =>
      `${at}のご予約はキャンセルされています。再度のご予約はお問い合わせください。`,
    declined: (at) => `${at}のご予約をキャンセルしました。今後リマインダーは送信されません。`,
    reschedule: (at) => `${at}のご予約の変更について、こちらからご連絡いたします。`,
    help: (at) =>
      `${at}のご予約を確認する場合はC、キャンセルする場合はN、変更する場合はRと返信してください。`,
    none: 'この番号の今後のご予約は見つかりませんでした。',
  },
};

/** The text to send back for what a reply did; empty after an opt-out (Twilio answers it). */
export function replyText(facts: ReplyFacts): string {
  const texts = TEXTS[facts.language];
  const at = facts.atText ?? '';
  switch (facts.action) {
    case 'opt-out':
      return '';
    case 'none':
      return texts.none;
    case 'confirm':
      return facts.afterDecline ? texts.afterDecline(at) : texts.confirmed(at);
    case 'decline':
      return texts.declined(at);
    case 'reschedule':
      return texts.reschedule(at);
    case 'help':
      return texts.help(at);
  }
}

/** /reply with its text: the endpoint's facts, and the words for them. */
export const replyWithText: Endpoint = async (invocation) => {
  const result = await reply(invocation);
  if (!result.ok) return result;
  const { afterDecline: _, ...facts } = result.value;
  return ok({ ...facts, message: replyText(result.value) });
};

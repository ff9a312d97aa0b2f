// /scheduled-messages?tag=: the tag's messages, and, when the tag names an appointment, the
// appointment with its state (booked, confirmed, declined) beside them.
import { ok, type Result } from '../core/errors';
import { parseListTarget } from '../input/list-request';
import { type AppointmentView, appointmentBookOf, viewOf } from './appointment';
import { type Invocation, registryUnavailable } from './invocation';
import { type ListAnswer, listScheduledMessages } from './scheduled-messages';

export async function listWithAppointment(
  invocation: Invocation,
): Promise<Result<ListAnswer & { appointment?: AppointmentView }>> {
  const target = parseListTarget(invocation.event);
  const book = appointmentBookOf(invocation);
  const tag = target.ok && target.value.kind === 'tag' ? target.value.tag : undefined;
  const [listed, loaded] = await Promise.all([
    listScheduledMessages(invocation),
    tag !== undefined && book !== undefined ? book.load(tag) : undefined,
  ]);
  if (!listed.ok || loaded === undefined) return listed;
  // A state that could not be read is never shown as none.
  if (loaded === 'unavailable') return registryUnavailable('appointmentNotRead');
  const locale = loaded.record.locale ?? invocation.config.defaults.locale;
  return ok({ ...listed.value, appointment: viewOf(loaded.record, locale) });
}

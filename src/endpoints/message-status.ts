// /message-status: Twilio's status callback. Moves the message's record forward to its new
// status; when a series message has left the schedule (sent, delivered, failed…), arms the
// series' pending occurrences that now fall inside Twilio's window. It answers 2xx to every
// status Twilio sends, known or new, and ignores (200) a message it does not know and a callback
// of another account. When Sync fails it answers 503, so that Twilio retries the callback (the
// StatusCallback URL asks it to: src/twilio/callback-url.ts). It never sends a message itself
// but a series' next occurrences.
import { ok, type Result } from '../core/errors';
import { hasLeftSchedule } from '../core/message-status';
import { readStatusReport } from '../input/status-callback';
import { type Invocation, registryOf, registryUnavailable } from './invocation';
import { armSeries } from './series';

export interface StatusAnswer {
  /** True when the record now holds the status (or a later one). */
  recorded: boolean;
  /** Occurrences of the message's series scheduled by this callback. */
  armed?: number;
  /** Why nothing was recorded, when nothing was. */
  ignored?: 'registry-off' | 'unknown-sid' | 'not-a-message' | 'other-account' | 'unknown-status';
}

const unavailable = () => registryUnavailable('statusNotRecorded');

export async function messageStatus(invocation: Invocation): Promise<Result<StatusAnswer>> {
  const report = readStatusReport(invocation.event);
  if (report === 'not-a-message') return ok({ recorded: false, ignored: 'not-a-message' });
  const account = invocation.config.accountSid;
  if (account !== undefined && report.accountSid !== undefined && report.accountSid !== account)
    return ok({ recorded: false, ignored: 'other-account' });
  const registry = registryOf(invocation);
  if (registry === undefined) return ok({ recorded: false, ignored: 'registry-off' });
  const { status } = report;
  if (status === undefined) return ok({ recorded: false, ignored: 'unknown-status' });
  const update = await registry.records.setStatus(report.sid, status);
  if (update.kind === 'failed') return unavailable();
  // The series comes with the callback URL, so that an occurrence whose record could not be
  // written still moves its series on.
  const series = report.series ?? ('record' in update ? update.record.series : undefined);
  const answer: StatusAnswer = { recorded: update.kind !== 'unknown' };
  if (update.kind === 'unknown') answer.ignored = 'unknown-sid';
  if (series === undefined || !hasLeftSchedule(status)) return ok(answer);
  const armed = await armSeries(invocation, registry.records, series);
  if (!armed.complete) return unavailable();
  answer.armed = armed.armed;
  if (armed.armed > 0) delete answer.ignored;
  return ok(answer);
}

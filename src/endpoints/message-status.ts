// /message-status: Twilio's status callback. Moves the message's record to its new status
// (sent, delivered, failed, undelivered, canceled); when a series message has gone out (or
// failed), arms the series' pending occurrences that now fall inside Twilio's window. A SID the
// registry does not know (a message this service did not schedule) is ignored. It never sends a
// message itself but a series' next occurrences.
import { ok, type Result } from '../core/errors';
import { parseStatusReport } from '../input/status-callback';
import { type Invocation, registryOf, registryUnavailable } from './invocation';
import { armSeries } from './series';

/** A series moves on when one of its messages has gone out, or could not. */
const ARMING: ReadonlySet<string> = new Set(['sent', 'delivered', 'failed', 'undelivered']);

export interface StatusAnswer {
  /** True when the record now holds the status (or a later one). */
  recorded: boolean;
  /** Occurrences of the message's series scheduled by this callback. */
  armed?: number;
  /** Why nothing was recorded, when nothing was. */
  ignored?: 'registry-off' | 'unknown-sid';
}

export async function messageStatus(invocation: Invocation): Promise<Result<StatusAnswer>> {
  const report = parseStatusReport(invocation.event);
  if (!report.ok) return report;
  const registry = registryOf(invocation);
  if (registry === undefined) return ok({ recorded: false, ignored: 'registry-off' });
  const update = await registry.records.setStatus(report.value.sid, report.value.status);
  switch (update.kind) {
    case 'updated':
    case 'unchanged': {
      const series = update.record.series;
      if (series === undefined || !ARMING.has(report.value.status)) return ok({ recorded: true });
      const { armed } = await armSeries(invocation, registry.records, series);
      return ok({ recorded: true, armed });
    }
    case 'unknown':
      return ok({ recorded: false, ignored: 'unknown-sid' });
    case 'failed':
      return registryUnavailable(
        'Sorry, that could not be recorded right now.',
        'could not be updated with this status',
      );
  }
}

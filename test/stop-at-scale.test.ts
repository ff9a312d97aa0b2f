// STOP at scale: /cancel-message by `to` clears 1,000 scheduled messages in one invocation when
// every Twilio call takes 100 ms (a latency proxy in front of the emulator), with a bounded
// number of calls in flight, and honours 429s through the transport's retries. No timing is
// asserted: what must hold is the count, `complete`, and the bound.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runStopAtScale } from '../emulator/stop-at-scale';
import { CONCURRENCY } from '../src/endpoints/cancel-message';

describe('STOP at scale (built function, emulator behind a 100 ms proxy)', () => {
  it('cancels all 1,000 scheduled messages among 1,300, complete, in one invocation', async () => {
    const run = await runStopAtScale({ scheduled: 1000, history: 300, delayMs: 100 });
    assert.equal(run.status, 200, JSON.stringify(run.body).slice(0, 500));
    assert.equal(run.canceled, 1000);
    assert.equal(run.complete, true, JSON.stringify({ ...run.body, canceled: undefined }));
    assert.deepEqual(run.body.failed, []);
    assert.equal(run.far.scheduledLeft, 0);
    assert.equal(run.far.canceled, 1000);
    assert.equal(run.body.scanned, 1300);
    // More than the old 4 in flight, but bounded: the cancels and one page read ahead.
    assert.ok(run.far.maxInFlight > 4, `at most ${run.far.maxInFlight} in flight`);
    assert.ok(run.far.maxInFlight <= CONCURRENCY + 1, `${run.far.maxInFlight} in flight`);
  });

  it('retries cancels answered 429 (Retry-After) and still cancels every one', async () => {
    const run = await runStopAtScale({
      scheduled: 200,
      delayMs: 100,
      cancelFaults: [{ kind: 'status', status: 429, code: 20429, retryAfter: '0.2' }, 40],
    });
    assert.equal(run.status, 200, JSON.stringify(run.body).slice(0, 500));
    assert.equal(run.canceled, 200);
    assert.equal(run.complete, true);
    assert.deepEqual(run.body.failed, []);
    assert.equal(run.far.scheduledLeft, 0);
    // Every 429 was retried: 200 cancels plus the 40 refused attempts.
    assert.equal(run.far.byMethod.POST, 240);
  });
});

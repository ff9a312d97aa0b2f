// Appointments end to end, only through the built functions and the emulator (its clock moved,
// its status callbacks posted to the built /message-status): the walk-through of
// docs/appointments.md, with each request made as the shipped flow's widgets make it; then book,
// move, confirm, decline, opt-out and the frequency cap in two languages and two zones; then the
// races and Sync faults a reply must survive without a wrong state or a reminder left behind.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type RecordedRequest, TwilioEmulator } from '../emulator';
import type { FlowDefinition, State } from '../scripts/flow/definition';
import { followClock } from './support/clock';
import { invoke, loadFunction, makeContext } from './support/functions';
import { type CallbackServer, serveStatusCallbacks } from './support/status-callbacks';

const SERVICE = `MG${'a'.repeat(32)}`;
const NY = 'America/New_York';
const MADRID = 'Europe/Madrid';
const DAY = 86_400_000;
/** The real clock, captured before the functions' clock follows the emulator's. */
const realNow = Date.now.bind(Date);
let unfollow: () => void = () => {};
const FLOW: FlowDefinition = JSON.parse(
  readFileSync(join(import.meta.dirname, '../flows/scheduler.json'), 'utf8'),
);

type Handler = Parameters<typeof invoke>[0];
type Body = Record<string, unknown>;

const widget = (name: string): State => {
  const state = FLOW.states.find((candidate) => candidate.name === name);
  assert.ok(state, `the flow has ${name}`);
  return state;
};

/**
 * A Run Function widget's parameters as Studio renders them: each `{{path}}` replaced by its
 * value in `scope` (empty when absent, as Liquid does). Anything else in braces is a mistake here.
 */
function render(state: State, scope: Record<string, string>): Record<string, string> {
  const parameters = state.properties.parameters as { key: string; value: string }[];
  return Object.fromEntries(
    parameters.map(({ key, value }) => [
      key,
      value.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, path: string) => scope[path] ?? ''),
    ]),
  );
}

/** The request the flow's REST API path sends for an Execution with `To` and `Parameters`. */
function bookingRequest(to: string, parameters: Record<string, string>): Record<string, string> {
  const trigger = widget('Trigger');
  const next = trigger.transitions.find((t) => t.event === 'incomingRequest')?.next;
  const book = widget(String(next));
  assert.match(String(book.properties.url), /\/schedule-message$/);
  const scope: Record<string, string> = { 'contact.channel.address': to };
  for (const [key, value] of Object.entries(parameters)) scope[`flow.data.${key}`] = value;
  return render(book, scope);
}

/** The request the flow's reply path sends for an incoming message. */
function replyRequest(from: string, text: string): Record<string, string> {
  const reply = widget('reply_to_appointment');
  assert.match(String(reply.properties.url), /\/reply$/);
  return render(reply, { 'trigger.message.From': from, 'trigger.message.Body': text });
}

const isCreate = (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith('/Messages.json');

/** `YYYY-MM-DD`, `days` after the emulator's today in `zone`. */
const dateAhead = (now: number, days: number, zone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now + days * DAY);

interface Reminder {
  sid: string;
  sendAt: string;
  sendAtText?: string;
  offset: string;
}

describe('appointments through the built functions and the emulator', () => {
  let emulator: TwilioEmulator;
  let callbacks: CallbackServer;
  let env: Record<string, string>;
  const schedule = loadFunction('schedule-message');
  const list = loadFunction('scheduled-messages');
  const reply = loadFunction('reply');
  const status = loadFunction('message-status');
  let numbers = 0;
  const newNumber = () => `+1212555${String(1000 + numbers++).padStart(4, '0')}`;
  const call = (handler: Handler, event: Body, extra: Record<string, string> = {}) =>
    invoke(handler, makeContext({ env: { ...env, ...extra } }), event);
  const scheduledTo = (to: string) =>
    [...emulator.messages.values()].filter((m) => m.to === to && m.status === 'scheduled');
  const statusOf = (sid: string) => emulator.messages.get(sid)?.status;
  const book = async (to: string, parameters: Record<string, string>, extra = {}) => {
    const answer = await call(schedule, bookingRequest(to, parameters), extra);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    return answer.body as unknown as Body & {
      appointment: Body;
      reminders: Reminder[];
      skipped: { offset: string; reason: string }[];
      pending: number;
    };
  };
  const replyWith = (from: string, text: string, extra = {}) =>
    call(reply, replyRequest(from, text), extra);
  const stateOf = async (tag: string) => {
    const listed = await call(list, { tag });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    return (listed.body.appointment as Body | undefined)?.state;
  };

  before(async () => {
    emulator = new TwilioEmulator({
      clock: realNow,
      sendIntervalMs: 0,
      maxRecordedRequests: 50_000,
      syncWritesPerSecond: 1_000,
      syncReadsPerSecond: 0,
    });
    const base = await emulator.start();
    unfollow = followClock(emulator.clock);
    // Twilio's status callbacks, posted by the emulator, reach the built /message-status here.
    callbacks = await serveStatusCallbacks((event) => call(status, event));
    env = {
      MESSAGING_SERVICE_SID: SERVICE,
      TWILIO_API_BASE_URL: base,
      DOMAIN_NAME: callbacks.domain,
    };
  });
  after(async () => {
    unfollow();
    await callbacks.close();
    await emulator.stop();
  });
  beforeEach(() => emulator.clearFaults());

  it('the walk-through: book 3 days out, the first reminder goes, C confirms; N cancels the rest; STOP cancels everything', async () => {
    const day = dateAhead(Date.now(), 3, NY);
    const body = 'Reminder: your appointment is {{appointment}}. Reply C to confirm, N to cancel.';

    // 1. Booked through the flow's REST API path.
    const first = newNumber();
    const booked = await book(first, {
      appointmentAt: `${day}T14:00`,
      timeZone: NY,
      tag: 'walk-1',
      body,
    });
    assert.equal(booked.appointment.state, 'booked');
    assert.equal(booked.appointment.atLocal, `${day}T14:00:00-05:00`);
    assert.deepEqual(
      booked.reminders.map((r) => r.offset),
      ['24h', '2h'],
    );
    const [dayBefore, twoHours] = booked.reminders;
    assert.ok(dayBefore && twoHours);
    assert.equal(Date.parse(booked.appointment.at as string) - Date.parse(dayBefore.sendAt), DAY);
    const text = emulator.messages.get(dayBefore.sid)?.body ?? '';
    assert.equal(
      text,
      `Reminder: your appointment is ${booked.appointment.atText}. Reply C to confirm, N to cancel.`,
    );

    // 2. The clock moves to the first reminder: it is sent.
    assert.deepEqual(emulator.advanceToNextSend(), [dayBefore.sid]);
    await emulator.callbacksSettled();
    assert.equal(statusOf(dayBefore.sid), 'sent');

    // 3. C: confirmed, and the listing by tag says so.
    const confirmed = await replyWith(first, 'C');
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.equal(confirmed.body.action, 'confirm');
    assert.equal(confirmed.body.state, 'confirmed');
    assert.equal(
      confirmed.body.message,
      `Thanks, your appointment on ${booked.appointment.atText} is confirmed.`,
    );
    assert.equal(await stateOf('walk-1'), 'confirmed');
    assert.equal(statusOf(twoHours.sid), 'scheduled', 'a confirm leaves the next reminder');

    // 4. Another appointment: its first reminder goes, N cancels the second.
    const second = newNumber();
    const other = await book(second, {
      appointmentAt: `${day}T15:00`,
      timeZone: NY,
      tag: 'walk-2',
      body,
    });
    const [otherFirst, otherSecond] = other.reminders;
    assert.ok(otherFirst && otherSecond);
    assert.deepEqual(emulator.advanceToNextSend(), [otherFirst.sid]);
    await emulator.callbacksSettled();
    const declined = await replyWith(second, 'N');
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    assert.equal(declined.body.action, 'decline');
    assert.equal(declined.body.state, 'declined');
    assert.equal(declined.body.complete, true);
    assert.equal(statusOf(otherSecond.sid), 'canceled');
    assert.equal(await stateOf('walk-2'), 'declined');
    assert.deepEqual(scheduledTo(second), []);

    // 5. A third, and another message to the same number: STOP cancels both.
    const third = newNumber();
    await book(third, { appointmentAt: `${day}T16:00`, timeZone: NY, tag: 'walk-3', body });
    const single = await call(schedule, { to: third, body: 'Bring your card', delay: '2d' });
    assert.equal(single.status, 200, JSON.stringify(single.body));
    assert.equal(scheduledTo(third).length, 3);
    const stopped = await replyWith(third, 'STOP');
    assert.equal(stopped.status, 200, JSON.stringify(stopped.body));
    assert.equal(stopped.body.action, 'opt-out');
    assert.equal(stopped.body.message, '', 'Twilio answers STOP itself');
    assert.equal(stopped.body.complete, true);
    assert.deepEqual(scheduledTo(third), []);
    // An opt-out is no decline: the appointment's state is left as it was.
    assert.equal(await stateOf('walk-3'), 'booked');
    // The first appointment is untouched by all of this.
    assert.equal(statusOf(twoHours.sid), 'scheduled');
  });

  for (const { language, zone, locale, confirm, decline, confirmed, declinedText } of [
    {
      language: 'en',
      zone: NY,
      locale: 'en-US',
      confirm: 'yes',
      decline: 'no',
      confirmed: /^Thanks, your appointment on .+ is confirmed\.$/,
      declinedText: /^Your appointment on .+ is canceled\./,
    },
    {
      language: 'es',
      zone: MADRID,
      locale: 'es-ES',
      confirm: 'Sí',
      decline: 'No',
      confirmed: /^Gracias, su cita del .+ está confirmada\.$/,
      declinedText: /^Su cita del .+ está cancelada\./,
    },
  ]) {
    describe(`${language}, ${zone}`, () => {
      it('book, then move: the new reminders are scheduled, the old ones canceled, the state booked again', async () => {
        const to = newNumber();
        const tag = `move-${language}`;
        const first = await book(to, {
          appointmentAt: `${dateAhead(Date.now(), 4, zone)}T10:00`,
          timeZone: zone,
          locale,
          tag,
          body: '{{appointment}}',
          remind: 'P1D,3h',
        });
        const firstText = String(first.appointment.atText);
        assert.equal(emulator.messages.get(first.reminders[0]?.sid ?? '')?.body, firstText);
        if (language === 'es') assert.match(firstText, /^[a-záéíóú]+, \d+ de [a-z]+/);
        assert.equal((await replyWith(to, confirm)).body.state, 'confirmed');

        const moved = await book(to, {
          appointmentAt: `${dateAhead(Date.now(), 6, zone)}T16:30`,
          timeZone: zone,
          locale,
          tag,
          body: '{{appointment}}',
          remind: 'P1D,3h',
          replace: 'true',
        });
        assert.equal(moved.appointment.state, 'booked', 'a move needs a new confirmation');
        assert.deepEqual(
          [...(moved.replaced as string[])].sort(),
          first.reminders.map((r) => r.sid).sort(),
        );
        assert.equal(moved.complete, true);
        for (const old of first.reminders) assert.equal(statusOf(old.sid), 'canceled');
        assert.deepEqual(
          scheduledTo(to)
            .map((m) => m.sid)
            .sort(),
          moved.reminders.map((r) => r.sid).sort(),
        );
        const local = new Intl.DateTimeFormat('en-GB', {
          timeZone: zone,
          hour: '2-digit',
          minute: '2-digit',
        });
        assert.deepEqual(
          moved.reminders.map((r) => local.format(Date.parse(r.sendAt))),
          ['16:30', '13:30'],
        );
        // A reply now reads the moved appointment.
        const confirmedAgain = await replyWith(to, confirm);
        assert.equal(confirmedAgain.body.at, moved.appointment.at);
        assert.match(String(confirmedAgain.body.message), confirmed);
      });

      it('decline: the state, the reminders canceled, the answer in the language', async () => {
        const to = newNumber();
        const tag = `decline-${language}`;
        const booked = await book(to, {
          appointmentAt: `${dateAhead(Date.now(), 3, zone)}T12:00`,
          timeZone: zone,
          locale,
          tag,
          body: '{{appointment}}',
        });
        assert.equal(booked.reminders.length, 2);
        const declined = await replyWith(to, decline);
        assert.equal(declined.status, 200, JSON.stringify(declined.body));
        assert.equal(declined.body.language, language);
        assert.match(String(declined.body.message), declinedText);
        assert.deepEqual(scheduledTo(to), []);
        assert.equal(await stateOf(tag), 'declined');
        // A later confirm is not recorded: the appointment stays declined.
        const late = await replyWith(to, confirm);
        assert.equal(late.body.state, 'declined');
        assert.equal(await stateOf(tag), 'declined');
      });

      it('the language of the reply word, when the booking named none; the help for any other text', async () => {
        const to = newNumber();
        await book(to, {
          appointmentAt: `${dateAhead(Date.now(), 3, zone)}T12:00`,
          timeZone: zone,
          tag: `words-${language}`,
          body: 'x',
        });
        const help = await replyWith(to, 'what?');
        assert.equal(help.body.action, 'help');
        assert.match(String(help.body.message), /\bC\b.*\bN\b.*\bR\b/);
        const word = language === 'es' ? 'Sí' : 'Yes';
        const answer = await replyWith(to, word);
        assert.equal(answer.body.language, language);
        assert.match(String(answer.body.message), confirmed);
      });

      it('opt-out: every message to the sender canceled, never read as a decline', async () => {
        const to = newNumber();
        const tag = `optout-${language}`;
        await book(to, {
          appointmentAt: `${dateAhead(Date.now(), 3, zone)}T12:00`,
          timeZone: zone,
          locale,
          tag,
          body: 'x',
        });
        const stopped = await replyWith(to, 'cancel');
        assert.equal(stopped.body.action, 'opt-out');
        assert.deepEqual(scheduledTo(to), []);
        assert.equal(await stateOf(tag), 'booked');
      });

      it('the cap: a reminder over it is skipped and listed, a single message over it is 409', async () => {
        const to = newNumber();
        const day = dateAhead(Date.now(), 3, zone);
        const booked = await book(to, {
          appointmentAt: `${day}T18:00`,
          timeZone: zone,
          locale,
          tag: `cap-${language}`,
          body: 'x',
          remind: '8h,2h,P1D',
          maxPerDay: '1',
        });
        assert.deepEqual(
          booked.reminders.map((r) => r.offset),
          ['P1D', '8h'],
        );
        assert.deepEqual(booked.skipped, [{ offset: '2h', reason: 'frequency-cap' }]);
        const over = await call(schedule, {
          to,
          body: 'One more that day',
          sendAt: `${day}T20:00`,
          timeZone: zone,
          locale,
          maxPerDay: '1',
        });
        assert.equal(over.status, 409, JSON.stringify(over.body));
        assert.equal((over.body.error as Body).code, 'FREQUENCY_CAP');
        // From the environment as well, and a day with room is fine.
        const fine = await call(
          schedule,
          {
            to,
            body: 'The day after',
            sendAt: `${dateAhead(Date.now(), 4, zone)}T20:00`,
            timeZone: zone,
          },
          { MAX_PER_DAY: '1' },
        );
        assert.equal(fine.status, 200, JSON.stringify(fine.body));
        const refused = await call(
          schedule,
          { to, body: 'Again', sendAt: `${day}T09:00`, timeZone: zone },
          { MAX_PER_DAY: '1' },
        );
        assert.equal(refused.status, 409);
      });
    });
  }

  it('the cap on a series: an occurrence on a full day is skipped and listed, the others scheduled', async () => {
    const to = newNumber();
    const existing = await call(schedule, {
      to,
      body: 'Already that day',
      delay: '2d',
      timeZone: NY,
    });
    assert.equal(existing.status, 200, JSON.stringify(existing.body));
    const series = await call(schedule, {
      to,
      body: 'Daily',
      when: 'tomorrow at 10am',
      timeZone: NY,
      repeat: 'daily',
      count: '3',
      maxPerDay: '1',
    });
    assert.equal(series.status, 200, JSON.stringify(series.body));
    const day = (iso: string) => dateAhead(Date.parse(iso), 0, NY);
    const skipped = series.body.capped as { at: string; reason: string }[];
    assert.deepEqual(
      skipped.map((s) => [day(s.at), s.reason]),
      [[day(String(existing.body.sendAt)), 'frequency-cap']],
    );
    assert.equal((series.body.occurrences as unknown[]).length, 2);
    assert.equal(scheduledTo(to).length, 3);
  });

  it('reminders past the 35-day window are armed when an earlier one is sent', async () => {
    const to = newNumber();
    const booked = await book(to, {
      appointmentAt: `${dateAhead(Date.now(), 50, NY)}T11:00`,
      timeZone: NY,
      tag: 'far-1',
      body: '{{appointment}}',
      remind: 'P30D,P1D',
    });
    assert.deepEqual(
      booked.reminders.map((r) => r.offset),
      ['P30D'],
    );
    assert.equal(booked.pending, 1);
    const [early] = booked.reminders;
    assert.ok(early);
    // The clock moves to the first reminder (the other tests' messages due by then go too).
    assert.ok(emulator.advanceClock(Date.parse(early.sendAt) - Date.now()).includes(early.sid));
    await emulator.callbacksSettled();
    const armed = scheduledTo(to);
    assert.equal(armed.length, 1, 'the day-before reminder is scheduled now');
    assert.equal(Date.parse(booked.appointment.at as string) - Number(armed[0]?.sendAt), DAY);
    // No reminder inside the window at all: refused, with nothing sent.
    const before = emulator.requests.filter(isCreate).length;
    const far = await call(
      schedule,
      bookingRequest(newNumber(), {
        appointmentAt: `${dateAhead(Date.now(), 60, NY)}T11:00`,
        timeZone: NY,
        tag: 'far-2',
        body: 'x',
      }),
    );
    assert.equal(far.status, 400);
    assert.equal((far.body.error as Body).code, 'APPOINTMENT_TOO_FAR');
    assert.equal(emulator.requests.filter(isCreate).length, before);
  });

  it('a tag books once: the same booking again is 409 and sends nothing; no tag is a clear 400', async () => {
    const to = newNumber();
    const request = {
      appointmentAt: `${dateAhead(Date.now(), 3, NY)}T12:00`,
      timeZone: NY,
      tag: 'once-1',
      body: 'x',
    };
    await book(to, request);
    const again = await call(schedule, bookingRequest(to, request));
    assert.equal(again.status, 409);
    assert.equal((again.body.error as Body).code, 'APPOINTMENT_EXISTS');
    assert.equal(scheduledTo(to).length, 2);
    const untagged = await call(schedule, bookingRequest(to, { ...request, tag: '' }));
    assert.equal(untagged.status, 400);
    assert.equal((untagged.body.error as Body).code, 'APPOINTMENT_NEEDS_TAG');
  });

  it('no upcoming appointment: action none, so the flow goes on', async () => {
    const answer = await replyWith(newNumber(), 'C');
    assert.equal(answer.status, 200);
    assert.equal(answer.body.action, 'none');
  });

  describe('races and faults', () => {
    const bookFar = async (to: string, tag: string) =>
      book(
        to,
        {
          appointmentAt: `${dateAhead(Date.now(), 40, NY)}T11:00`,
          timeZone: NY,
          tag,
          body: 'x',
          remind: 'P20D,P1D',
        },
        // Callbacks are made by the test itself here, at the moment it chooses.
        { DOMAIN_NAME: '' },
      );

    it('a decline racing the arming of the next reminder leaves nothing scheduled', async () => {
      for (let round = 0; round < 4; round++) {
        const to = newNumber();
        const booked = await bookFar(to, `race-${round}`);
        const [early] = booked.reminders;
        assert.ok(early);
        assert.equal(booked.pending, 1);
        emulator.advanceClock(Date.parse(early.sendAt) - Date.now() + 1000);
        assert.equal(statusOf(early.sid), 'sent');
        const [armed, declined] = await Promise.all([
          call(status, { MessageSid: early.sid, MessageStatus: 'sent' }, { DOMAIN_NAME: '' }),
          replyWith(to, 'N', { DOMAIN_NAME: '' }),
        ]);
        assert.equal(armed.status, 200, JSON.stringify(armed.body));
        assert.equal(declined.status, 200, JSON.stringify(declined.body));
        assert.equal(declined.body.state, 'declined');
        assert.deepEqual(scheduledTo(to), [], `round ${round}: nothing left scheduled`);
      }
    });

    it('two replies at once record one state, forward only', async () => {
      const to = newNumber();
      await bookFar(to, 'twice-1');
      const both = await Promise.all([replyWith(to, 'C'), replyWith(to, 'Y')]);
      for (const answer of both) assert.equal(answer.body.state, 'confirmed');
      const other = newNumber();
      await bookFar(other, 'twice-2');
      const mixed = await Promise.all([replyWith(other, 'C'), replyWith(other, 'N')]);
      for (const answer of mixed) assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(await stateOf('twice-2'), 'declined');
      assert.deepEqual(scheduledTo(other), []);
    });

    it('two moves at once: one at a time per tag, and the reminders left are those of the time recorded', async () => {
      const to = newNumber();
      const tag = 'moves-1';
      await bookFar(to, tag);
      const move = (day: number) =>
        call(
          schedule,
          bookingRequest(to, {
            appointmentAt: `${dateAhead(Date.now(), day, NY)}T11:00`,
            timeZone: NY,
            tag,
            body: 'x',
            remind: 'P1D,2h',
            replace: 'true',
          }),
          { DOMAIN_NAME: '' },
        );
      const answers = await Promise.all([move(5), move(6)]);
      const moved = answers.filter((a) => a.status === 200);
      assert.ok(moved.length >= 1, JSON.stringify(answers.map((a) => a.body)));
      for (const answer of answers)
        assert.ok(
          answer.status === 200 ||
            (answer.status === 409 && (answer.body.error as Body).code === 'REPLACE_IN_PROGRESS'),
          JSON.stringify(answer.body),
        );
      const listed = await call(list, { tag });
      const recorded = (listed.body.appointment as Body).at;
      const winner = moved.find((a) => (a.body.appointment as Body).at === recorded);
      assert.ok(winner, 'the time recorded is one a move answered');
      assert.deepEqual(
        scheduledTo(to)
          .map((m) => m.sid)
          .sort(),
        (winner.body.reminders as Reminder[]).map((r) => r.sid).sort(),
      );
    });

    it('Sync down: 503, and the state is not changed behind the answer', async () => {
      const to = newNumber();
      await bookFar(to, 'down-1');
      emulator.inject({ kind: 'status', status: 500, code: 20500 }, 200, (r) => r.host === 'sync');
      const answer = await replyWith(to, 'C');
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal((answer.body.error as Body).code, 'REGISTRY_UNAVAILABLE');
      emulator.clearFaults();
      assert.equal(await stateOf('down-1'), 'booked');
      // Only the state's write fails: still 503, still booked.
      emulator.inject(
        { kind: 'status', status: 500, code: 20500 },
        200,
        (r) => r.host === 'sync' && r.method === 'POST' && r.path.includes('/Items/down-1'),
      );
      const write = await replyWith(to, 'C');
      assert.equal(write.status, 503, JSON.stringify(write.body));
      emulator.clearFaults();
      assert.equal(await stateOf('down-1'), 'booked');
    });

    it('a decline whose cancel fails answers 503; sent again, it finishes', async () => {
      const to = newNumber();
      const booked = await bookFar(to, 'cancel-fault');
      const [early] = booked.reminders;
      assert.ok(early);
      emulator.inject(
        { kind: 'status', status: 500, code: 20500 },
        1,
        (r) => r.method === 'POST' && r.path.endsWith(`/Messages/${early.sid}.json`),
      );
      const first = await replyWith(to, 'N');
      assert.equal(first.status, 503, JSON.stringify(first.body));
      assert.equal(await stateOf('cancel-fault'), 'declined');
      const again = await replyWith(to, 'N');
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.complete, true);
      assert.deepEqual(scheduledTo(to), []);
    });
  });
});

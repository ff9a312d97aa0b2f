// The local outbox page's script (plain browser JavaScript, no build step): polls
// /_outbox/state every second and shows the emulator's clock, outbox and status callbacks;
// schedules and cancels through the functions, as Studio would; moves the emulator's clock.
// Every piece of data goes into the page as text (textContent), never as markup.
const POLL_MS = 1000;
const MINUTE = 60 * 1000;

const byId = (id) => document.getElementById(id);
const notice = byId('notice');
const app = byId('outbox-app');
const rows = byId('outbox-rows');

let previousStatus = null;
let pollTimer;
let polling = false;

// --- Formatting -------------------------------------------------------------------------------

function formatIn(iso, timeZone) {
  if (!iso) return '';
  const options = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  };
  if (timeZone) options.timeZone = timeZone;
  try {
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
  } catch {
    // An unknown zone: the browser's own.
    delete options.timeZone;
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
  }
}

const formatUtc = (iso) => (iso ? formatIn(iso, 'UTC') : 'sent at once');

function formatDuration(ms) {
  if (ms < MINUTE) return 'not moved';
  const minutes = Math.round(ms / MINUTE);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const parts = [];
  if (days) parts.push(`${days} d`);
  if (hours) parts.push(`${hours} h`);
  if (minutes % 60) parts.push(`${minutes % 60} min`);
  return `${parts.join(' ')} ahead of real time`;
}

const shortSid = (sid) => `${sid.slice(0, 2)}…${sid.slice(-6)}`;

function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

function showResult(element, text, isError) {
  element.classList.toggle('error', Boolean(isError));
  element.textContent = text;
}

// --- Talking to the local server ---------------------------------------------------------------

async function postForm(path, fields) {
  const response = await fetch(path, {
    method: 'POST',
    body: new URLSearchParams(fields),
  });
  let answer;
  try {
    answer = await response.json();
  } catch {
    answer = { ok: false, error: { message: `The server answered HTTP ${response.status}.` } };
  }
  return { status: response.status, answer };
}

/** `message (detail)` for our error shape; the emulator's own errors are `{error: text}`. */
function errorText(answer) {
  const error = answer?.error;
  if (typeof error === 'string') return error;
  if (!error) return 'Something went wrong.';
  return error.detail ? `${error.message} ${error.detail}` : String(error.message);
}

// --- The outbox --------------------------------------------------------------------------------

function cell(row, className) {
  const td = document.createElement('td');
  td.className = className;
  row.append(td);
  return td;
}

function newRow(sid) {
  const row = document.createElement('tr');
  row.dataset.sid = sid;
  for (const name of ['to', 'body', 'local', 'utc', 'status', 'tag', 'series', 'action']) {
    cell(row, name);
  }
  return row;
}

function updateAction(td, message) {
  const button = td.querySelector('button');
  if (message.status !== 'scheduled') {
    if (button) button.remove();
    return;
  }
  if (button) return;
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'secondary';
  cancel.textContent = 'Cancel';
  cancel.setAttribute(
    'aria-label',
    `Cancel the message to ${message.toMasked} (${shortSid(message.sid)})`,
  );
  cancel.addEventListener('click', () => cancelMessage(message, cancel));
  td.append(cancel);
}

function updateRow(row, message) {
  const q = (name) => row.querySelector(`td.${name}`);
  setText(q('to'), message.toMasked);
  setText(q('body'), message.body);
  const zone = message.timeZone ? `${formatIn(message.sendAt, message.timeZone)}` : '';
  setText(q('local'), message.sendAt ? zone || formatIn(message.sendAt) : '');
  q('local').title = message.timeZone ? message.timeZone : 'in this browser’s time zone';
  setText(q('utc'), formatUtc(message.sendAt));
  const status = q('status');
  setText(status, message.status);
  status.dataset.status = message.status;
  setText(q('tag'), message.tag ?? '');
  setText(q('series'), message.series ? shortSid(message.series) : '');
  q('series').title = message.series ?? '';
  updateAction(q('action'), message);
}

function renderMessages(messages) {
  const existing = new Map([...rows.children].map((row) => [row.dataset.sid, row]));
  const wanted = messages.map((message) => {
    const row = existing.get(message.sid) ?? newRow(message.sid);
    updateRow(row, message);
    existing.delete(message.sid);
    return row;
  });
  for (const row of existing.values()) row.remove();
  // Re-insert only when the order changed, so that a focused Cancel button keeps its focus.
  const inOrder = wanted.every((row, i) => rows.children[i] === row);
  if (!inOrder) rows.replaceChildren(...wanted);
  byId('outbox-empty').hidden = messages.length > 0;
}

/** Announces status changes since the last refresh (not the first load). */
function announceChanges(messages) {
  const now = new Map(messages.map((m) => [m.sid, m.status]));
  if (previousStatus) {
    const lines = [];
    for (const m of messages) {
      const before = previousStatus.get(m.sid);
      if (before !== undefined && before !== m.status) {
        lines.push(`Message to ${m.toMasked} (${shortSid(m.sid)}): ${before} → ${m.status}.`);
      }
    }
    if (lines.length > 0) setText(byId('changes'), lines.join(' '));
  }
  previousStatus = now;
}

function renderCallbacks(callbacks) {
  const list = byId('callbacks');
  const items = callbacks
    .slice()
    .reverse()
    .slice(0, 20)
    .map((c) => {
      const li = document.createElement('li');
      const outcome =
        c.outcome === 'posted'
          ? `posted (HTTP ${c.httpStatus})`
          : `${c.outcome}${c.reason ? ` (${c.reason})` : ''}`;
      li.textContent = `${formatUtc(c.at)} · ${c.toMasked} · ${shortSid(c.sid)} · ${c.status} · ${outcome}`;
      return li;
    });
  const same =
    items.length === list.children.length &&
    items.every((li, i) => li.textContent === list.children[i].textContent);
  if (!same) list.replaceChildren(...items);
  list.start = callbacks.length;
  byId('callbacks-empty').hidden = callbacks.length > 0;
}

function renderAppointments(appointments) {
  const body = byId('appointment-rows');
  const items = appointments.map((a) => {
    const row = document.createElement('tr');
    row.dataset.tag = a.tag;
    setText(cell(row, 'tag'), a.tag);
    setText(cell(row, 'to'), a.toMasked);
    setText(cell(row, 'local'), formatIn(a.at, a.timeZone));
    const state = cell(row, 'state');
    setText(state, a.state);
    state.dataset.state = a.state;
    return row;
  });
  const same =
    items.length === body.children.length &&
    items.every((row, i) => row.textContent === body.children[i].textContent);
  if (!same) body.replaceChildren(...items);
  byId('appointments-empty').hidden = appointments.length > 0;
}

function renderClock(clock) {
  setText(byId('clock-now'), `${formatIn(clock.now)} (this browser’s time zone)`);
  setText(byId('clock-utc'), formatUtc(clock.now));
  setText(byId('clock-ahead'), formatDuration(clock.offsetMs));
  setText(byId('clock-next'), clock.nextSendAt ? formatUtc(clock.nextSendAt) : 'nothing scheduled');
  byId('advance-next').disabled = !clock.nextSendAt;
}

// --- Polling -----------------------------------------------------------------------------------

async function refresh() {
  if (polling) return;
  polling = true;
  try {
    const response = await fetch('/_outbox/state', { cache: 'no-store' });
    const state = await response.json();
    if (state.emulator === false) {
      notice.hidden = false;
      notice.textContent =
        'npm start is using a real Twilio account: messages go to real phones, and there is no local outbox to show here. Remove ACCOUNT_SID and AUTH_TOKEN from .env (or run npm start -- --no-env-file) to try things with the local emulator.';
      app.hidden = true;
      return 'stop';
    }
    if (!response.ok) throw new Error(errorText(state));
    notice.hidden = true;
    notice.textContent = '';
    app.hidden = false;
    renderClock(state.clock);
    renderMessages(state.messages);
    announceChanges(state.messages);
    renderCallbacks(state.callbacks);
    renderAppointments(state.appointments ?? []);
  } catch (error) {
    notice.hidden = false;
    setText(notice, `The outbox could not be read: ${error.message} Is npm start still running?`);
  } finally {
    polling = false;
  }
}

function schedulePoll() {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(async () => {
    if ((await refresh()) !== 'stop') schedulePoll();
  }, POLL_MS);
}

async function refreshNow() {
  if ((await refresh()) !== 'stop') schedulePoll();
}

// --- Actions -----------------------------------------------------------------------------------

async function cancelMessage(message, button) {
  const result = byId('changes');
  button.disabled = true;
  try {
    const { answer } = await postForm('/cancel-message', { sid: message.sid });
    if (answer.ok) {
      showResult(result, `Canceled the message to ${message.toMasked} (${shortSid(message.sid)}).`);
    } else {
      showResult(result, `Not canceled: ${errorText(answer)}`, true);
      button.disabled = false;
    }
  } catch (error) {
    showResult(result, `Not canceled: ${error.message}`, true);
    button.disabled = false;
  }
  await refreshNow();
}

function scheduledText(answer) {
  if (Array.isArray(answer.occurrences)) {
    const first = answer.occurrences[0];
    const more = answer.pending ? `, ${answer.pending} more to come` : '';
    return `Scheduled a series of ${answer.occurrences.length}${more}; the first for ${first?.sendAtText ?? '…'}.`;
  }
  const read = answer.interpreted ? ` (read “${answer.interpreted}”)` : '';
  return `Scheduled for ${answer.sendAtText}${read}.`;
}

byId('schedule-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const result = byId('schedule-result');
  const button = byId('schedule-button');
  const fields = {};
  for (const input of form.querySelectorAll('[name]')) {
    const value = input.value.trim();
    if (value !== '') fields[input.name] = value;
  }
  const time = byId('time-value').value.trim();
  if (time !== '') fields[byId('time-kind').value] = time;
  button.disabled = true;
  showResult(result, 'Scheduling…');
  try {
    const { answer } = await postForm('/schedule-message', fields);
    if (answer.ok) showResult(result, scheduledText(answer));
    else showResult(result, `Not scheduled: ${errorText(answer)}`, true);
  } catch (error) {
    showResult(result, `Not scheduled: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
  await refreshNow();
});

async function moveClock(fields, button) {
  const result = byId('clock-result');
  button.disabled = true;
  try {
    const { status, answer } = await postForm('/_emulator/clock', fields);
    if (status !== 200) {
      showResult(result, `The clock did not move: ${errorText(answer)}`, true);
    } else {
      const sent = answer.sent?.length ?? 0;
      const what = sent === 0 ? 'nothing was due' : `${sent} message${sent === 1 ? '' : 's'} sent`;
      showResult(result, `Clock moved to ${formatUtc(answer.now)}: ${what}.`);
    }
  } catch (error) {
    showResult(result, `The clock did not move: ${error.message}`, true);
  } finally {
    button.disabled = false;
  }
  await refreshNow();
}

for (const button of document.querySelectorAll('[data-advance-ms]')) {
  button.addEventListener('click', () =>
    moveClock({ advanceMs: button.dataset.advanceMs }, button),
  );
}
byId('advance-next').addEventListener('click', (event) =>
  moveClock({ to: 'next-send' }, event.currentTarget),
);

refreshNow();

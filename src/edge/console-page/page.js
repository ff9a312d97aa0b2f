// The console page's script (plain browser JavaScript, served by /console?file=script, no build
// step). It talks to /console-api with the session token as an `Authorization: Bearer` header
// (kept in this tab's sessionStorage: never in a URL or a cookie). Every piece of data goes into
// the page as text (textContent), never as markup.
const TOKEN_KEY = 'console-session';
const byId = (id) => document.getElementById(id);

let pending = null;

function show(id, visible) {
  byId(id).hidden = !visible;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function formatIn(iso, timeZone) {
  if (!iso) return '';
  const options = {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  };
  try {
    // `local`: the browser's own zone.
    if (timeZone !== 'local') options.timeZone = timeZone || 'UTC';
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(iso));
  } catch {
    return iso;
  }
}

// --- Errors and notices: the texter's message and the builder's detail, apart ----------------

function showError(error) {
  const message = byId('error-message');
  const detail = byId('error-detail');
  message.textContent = error?.message ?? 'Something went wrong.';
  detail.textContent = error?.detail ?? '';
  detail.hidden = !error?.detail;
  byId('error').dataset.code = error?.code ?? '';
  show('error', true);
}

function clearMessages() {
  show('error', false);
  byId('notice').textContent = '';
}

// --- The API ------------------------------------------------------------------------------------

async function api(action, fields = {}) {
  const headers = { 'Content-Type': 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch('console-api', {
      method: 'POST',
      headers,
      body: JSON.stringify({ action, ...fields }),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    return { status: 0, answer: { ok: false, error: { message: 'The service does not answer.' } } };
  }
  let answer;
  try {
    answer = await response.json();
  } catch {
    answer = { ok: false, error: { message: `The service answered HTTP ${response.status}.` } };
  }
  return { status: response.status, answer };
}

/** Signed out by the service (no token, a bad one, an expired one): back to the sign-in form. */
function isSignedOut(status) {
  return status === 401;
}

function signedOut(error) {
  sessionStorage.removeItem(TOKEN_KEY);
  show('console', false);
  show('sign-out', false);
  byId('who').textContent = '';
  show('sign-in', true);
  if (error) showError(error);
  byId('password').focus();
}

// --- Rows ----------------------------------------------------------------------------------------

function cancelButton(label, question, target) {
  const button = element('button', label);
  button.type = 'button';
  button.addEventListener('click', () => askToCancel(question, target));
  return button;
}

function messageRow(message) {
  const row = document.createElement('tr');
  row.dataset.sid = message.sid;
  row.append(
    element('td', formatIn(message.sendAt, 'UTC'), 'utc'),
    element('td', message.timeZone ? formatIn(message.sendAt, message.timeZone) : '', 'local'),
    element('td', message.to, 'to'),
    element('td', message.body ?? '', 'body'),
    element('td', message.tag ?? '', 'tag'),
    element('td', message.series ?? '', 'series'),
  );
  const actions = element('td', undefined, 'actions');
  const when = formatIn(message.sendAt, 'UTC');
  actions.append(
    cancelButton('This one', `Cancel the message to ${message.to} at ${when}?`, {
      sid: message.sid,
    }),
  );
  if (message.tag) {
    actions.append(
      cancelButton('Tag', `Cancel every scheduled message tagged "${message.tag}"?`, {
        tag: message.tag,
      }),
    );
  }
  if (message.series) {
    actions.append(
      cancelButton(
        'Series',
        `Cancel the series ${message.series}, and every message still to come in it?`,
        {
          series: message.series,
        },
      ),
    );
  }
  row.append(actions);
  return row;
}

function planRow(plan) {
  const row = document.createElement('tr');
  row.dataset.series = plan.series;
  row.append(
    element('td', plan.series, 'sid'),
    element('td', plan.to, 'to'),
    element('td', plan.body ?? '', 'body'),
    element('td', plan.tag ?? '', 'tag'),
    element('td', plan.canceled ? 'canceled' : formatIn(plan.next, plan.timeZone), 'next'),
    element('td', `${plan.scheduled} / ${plan.planned}`, 'created'),
    element('td', String(plan.pending), 'pending'),
  );
  const actions = element('td', undefined, 'actions');
  if (!plan.canceled) {
    actions.append(
      cancelButton(
        'Series',
        `Cancel the series ${plan.series}, and every message still to come in it?`,
        {
          series: plan.series,
        },
      ),
    );
  }
  row.append(actions);
  return row;
}

function emptyRow(columns, text) {
  const row = document.createElement('tr');
  const cell = element('td', text, 'empty');
  cell.colSpan = columns;
  row.append(cell);
  return row;
}

// --- Loading ---------------------------------------------------------------------------------------

function searchFields() {
  const by = byId('search-by').value;
  const value = byId('search-value').value.trim();
  return by && value ? { [by]: value } : {};
}

async function load() {
  const fields = searchFields();
  const [list, series] = await Promise.all([api('upcoming', fields), api('series')]);
  for (const { status, answer } of [list, series]) {
    if (isSignedOut(status)) return signedOut(answer.error);
  }
  const rows = byId('rows');
  if (list.answer.ok) {
    const messages = list.answer.messages;
    rows.replaceChildren(
      ...(messages.length > 0
        ? messages.map(messageRow)
        : [emptyRow(7, 'Nothing is scheduled here.')]),
    );
    byId('rows-note').textContent = list.answer.complete
      ? messages.length === 0
        ? ''
        : `${messages.length} upcoming, soonest first.`
      : `The first ${messages.length} only: the list was cut short (${list.answer.stoppedBy}). Search to narrow it.`;
  } else {
    rows.replaceChildren();
    showError(list.answer.error);
  }
  // Searched by a tag that names an appointment: its time and state (booked, confirmed, declined).
  const appointment = list.answer.ok ? list.answer.appointment : undefined;
  byId('appointment').textContent = appointment
    ? `Appointment ${appointment.tag}: ${appointment.atText ?? appointment.at}, ${appointment.state}.`
    : '';
  const plans = byId('plans');
  if (series.answer.ok) {
    const found = series.answer.plans;
    plans.replaceChildren(...(found.length > 0 ? found.map(planRow) : [emptyRow(8, 'No series.')]));
    byId('plans-note').textContent = series.answer.complete ? '' : 'Some series are not shown.';
  } else if (list.answer.ok) {
    showError(series.answer.error);
  }
}

function signedIn(session) {
  show('sign-in', false);
  show('console', true);
  if (session.local) {
    byId('who').textContent = 'On this machine (npm start): no password needed.';
    show('sign-out', false);
  } else {
    byId('who').textContent = `Signed in until ${formatIn(session.expiresAt, 'local')}.`;
    show('sign-out', true);
  }
  return load();
}

// --- Cancelling, with a confirmation --------------------------------------------------------------

function askToCancel(question, target) {
  pending = target;
  byId('confirm-text').textContent = question;
  show('confirm', true);
  byId('confirm-no').focus();
}

async function confirmCancel() {
  const target = pending;
  pending = null;
  show('confirm', false);
  if (!target) return;
  clearMessages();
  const { status, answer } = await api('cancel', target);
  if (isSignedOut(status)) return signedOut(answer.error);
  if (!answer.ok) return showError(answer.error);
  const canceled = answer.canceled.length;
  const already = answer.alreadyCanceled?.length ?? 0;
  const failed = answer.failed?.length ?? 0;
  const parts = [`Canceled ${canceled} message${canceled === 1 ? '' : 's'}.`];
  if (already) parts.push(`${already} had been canceled already.`);
  if (failed) parts.push(`${failed} could not be canceled: try again.`);
  if (answer.seriesStopped) parts.push('The series will schedule nothing more.');
  if (answer.complete === false) parts.push('Not everything was reached in time: cancel again.');
  byId('notice').textContent = parts.join(' ');
  await load();
}

// --- Start ---------------------------------------------------------------------------------------

async function start() {
  byId('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    clearMessages();
    const password = byId('password');
    const { answer } = await api('sign-in', { password: password.value });
    password.value = '';
    if (!answer.ok) return signedOut(answer.error);
    if (answer.session.token) sessionStorage.setItem(TOKEN_KEY, answer.session.token);
    await signedIn(answer.session);
  });
  byId('sign-out').addEventListener('click', () => {
    clearMessages();
    signedOut();
    byId('notice').textContent = 'Signed out.';
  });
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    clearMessages();
    load();
  });
  byId('refresh').addEventListener('click', () => {
    clearMessages();
    load();
  });
  byId('confirm-yes').addEventListener('click', confirmCancel);
  byId('confirm-no').addEventListener('click', () => {
    pending = null;
    show('confirm', false);
  });

  const { status, answer } = await api('session');
  show('loading', false);
  if (answer.ok) return signedIn(answer.session);
  if (status === 401)
    return signedOut(sessionStorage.getItem(TOKEN_KEY) ? answer.error : undefined);
  showError(answer.error);
}

start();

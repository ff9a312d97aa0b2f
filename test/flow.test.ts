// flows/scheduler.json: a sound Studio definition, calling only endpoints this project deploys
// with only parameters the endpoints accept, and doing what docs/flow.md says. The flow is
// run by a small interpreter of its widgets (trigger, set-variables, split-based-on, run-function,
// send-message) and of the Liquid it uses; each Run Function widget's parameters are given to the
// built functions (against the emulator), or to a stub where a test needs an answer the emulator
// cannot be made to give, and the reply the texter would get is read off the send-message widget.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TwilioEmulator } from '../emulator';
import {
  checkFlowDefinition,
  type FlowDefinition,
  parametersOf,
  placeholder,
  runFunctionWidgets,
  SERVICE_URL_PREFIX,
  type State,
} from '../scripts/flow/definition';
import { ENDPOINT_PARAMETERS } from '../scripts/flow/endpoint-parameters';
import { invoke, loadFunction, makeContext } from './support/functions';

const ROOT = join(import.meta.dirname, '..');
const FLOW_FILE = join(ROOT, 'flows/scheduler.json');
const loadFlow = (): FlowDefinition => JSON.parse(readFileSync(FLOW_FILE, 'utf8'));

/** What twilio-run deploys from src/functions: x.protected.ts → /x (protected), and so on. */
function deploySet(): Map<string, 'public' | 'protected' | 'private'> {
  const set = new Map<string, 'public' | 'protected' | 'private'>();
  for (const file of readdirSync(join(ROOT, 'src/functions'))) {
    const match = /^(.+?)(?:\.(protected|private))?\.ts$/.exec(file);
    if (!match || file.endsWith('.d.ts')) continue;
    set.set(`/${match[1]}`, (match[2] as 'protected' | 'private' | undefined) ?? 'public');
  }
  return set;
}

function endpointOf(state: State): string {
  const url = state.properties.url;
  assert.equal(typeof url, 'string', `${state.name} has a url`);
  assert.ok(
    (url as string).startsWith(SERVICE_URL_PREFIX),
    `${state.name} calls this service (${url})`,
  );
  return `/${(url as string).slice(SERVICE_URL_PREFIX.length)}`;
}

/**
 * The condition types of a Split Based On widget in Studio's flow JSON, as the Console offers
 * them ("Equal To" … "Is After Date"; the same list RJPearson94/terraform-provider-twilio
 * validates a split-based-on widget against).
 */
const STUDIO_SPLIT_TYPES = [
  'equal_to',
  'not_equal_to',
  'matches_any_of',
  'does_not_match_any_of',
  'is_blank',
  'is_not_blank',
  'regex',
  'contains',
  'does_not_contain',
  'starts_with',
  'does_not_start_with',
  'less_than',
  'greater_than',
  'is_before_time',
  'is_after_time',
  'is_before_date',
  'is_after_date',
];

// --- A small Studio interpreter ----------------------------------------------------------------

type Scope = Record<string, unknown>;

function lookup(path: string, scope: Scope): unknown {
  let value: unknown = scope;
  for (const key of path.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Scope)[key] : undefined;
  }
  return value;
}

/** A filter argument: a quoted string, a number, or a variable. */
function argumentValue(text: string, scope: Scope): unknown {
  const quoted = /^(["'])(.*)\1$/.exec(text);
  if (quoted) return quoted[2];
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return lookup(text, scope);
}

/** Liquid's number coercion: nil and '' are 0. */
function liquidNumber(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const number = Number(value);
  assert.ok(Number.isFinite(number), `Liquid reads ${JSON.stringify(value)} as a number`);
  return number;
}

const asText = (value: unknown): string =>
  value === undefined || value === null ? '' : String(value);

/** The Liquid standard filters the flow uses, as Liquid defines them. */
const FILTERS: Record<string, (input: unknown, args: unknown[]) => unknown> = {
  strip: (input) => asText(input).trim(),
  upcase: (input) => asText(input).toUpperCase(),
  downcase: (input) => asText(input).toLowerCase(),
  plus: (input, [operand]) => liquidNumber(input) + liquidNumber(operand),
  size: (input) => (Array.isArray(input) || typeof input === 'string' ? input.length : 0),
  map: (input, [property]) => {
    assert.ok(Array.isArray(input), 'map is given an array');
    return input.map((item) =>
      typeof item === 'object' && item !== null ? (item as Scope)[String(property)] : undefined,
    );
  },
  join: (input, [glue = ' ']) => {
    assert.ok(Array.isArray(input), 'join is given an array');
    return input.map(asText).join(String(glue));
  },
};

/** One filter argument, quoted or not, up to the next comma outside quotes. */
const ARGUMENT = /\s*("[^"]*"|'[^']*'|[^,\s]+)\s*(?:,|$)/g;

/** `{{ a.b.c | filter: arg }}` as Liquid renders it: a missing value is the empty string. */
function renderLiquid(template: string, scope: Scope): string {
  assert.ok(!template.includes('{%'), `no Liquid tags expected in ${template}`);
  return template.replace(/\{\{([^}]*)\}\}/g, (_, inner: string) => {
    const [path, ...filters] = inner.split('|').map((part) => part.trim());
    let value = argumentValue(path ?? '', scope);
    for (const filter of filters) {
      const [name = '', rest] = filter.split(/:(.*)/s).map((part) => part.trim());
      const apply = FILTERS[name];
      assert.ok(apply, `Liquid filter "${name}" is one the interpreter knows`);
      const args = [...(rest ?? '').matchAll(ARGUMENT)].map(([, arg = '']) =>
        argumentValue(arg, scope),
      );
      value = apply(value, args);
    }
    return Array.isArray(value) ? value.map(asText).join('') : asText(value);
  });
}

interface Condition {
  arguments: string[];
  type: string;
  value: string;
}

function conditionHolds(condition: Condition, scope: Scope): boolean {
  const argument = renderLiquid(condition.arguments[0] ?? '', scope);
  switch (condition.type) {
    case 'matches_any_of':
      return condition.value.split(',').some((option) => option.trim() === argument);
    case 'equal_to':
      return argument === condition.value;
    case 'starts_with':
      return argument.startsWith(condition.value);
    case 'contains':
      return argument.includes(condition.value);
    case 'less_than':
      return liquidNumber(argument) < liquidNumber(condition.value);
    default:
      assert.fail(`condition type ${condition.type} is not interpreted`);
  }
}

function stateNamed(flow: FlowDefinition, name: string | undefined): State {
  const state = flow.states.find((candidate) => candidate.name === name);
  assert.ok(state, `widget ${name} exists`);
  return state;
}

function nextOf(state: State, event: string): string | undefined {
  const transition = state.transitions.find((candidate) => candidate.event === event);
  assert.ok(transition, `${state.name} has a "${event}" transition`);
  return transition.next || undefined;
}

interface FunctionAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** Answers a Run Function widget's call: the built function, or a stub. */
type CallFunction = (
  endpoint: string,
  parameters: Record<string, string>,
  widget: string,
) => Promise<FunctionAnswer>;

interface Call {
  widget: string;
  endpoint: string;
  parameters: Record<string, string>;
  answer: FunctionAnswer;
}

interface Run {
  calls: Call[];
  /** The send-message widget the run ended on, its recipient and its text. */
  reply: { widget: string; to: string; body: string; template: string };
  variables: Scope;
}

interface IncomingMessage {
  From: string;
  Body: string;
  MessageSid?: string;
}

/** The error of a failed answer (a test mistake if there is none). */
function errorOf(answer: FunctionAnswer | undefined): { code: string; message: string } {
  const error = answer?.body.error as { code: string; message: string } | undefined;
  assert.ok(error, `an error answer: ${JSON.stringify(answer?.body)}`);
  return error;
}

const messageSid = () => `SM${randomBytes(16).toString('hex')}`;

/**
 * Runs an incoming message through the flow to the reply it sends, calling `call` for each
 * Run Function widget reached. Studio takes `success` on a 2xx or 3xx and `fail` otherwise.
 */
async function runFlow(
  flow: FlowDefinition,
  message: IncomingMessage,
  call: CallFunction,
): Promise<Run> {
  const variables: Scope = {};
  const widgets: Scope = {};
  const scope: Scope = {
    trigger: {
      message: { MessageSid: messageSid(), ...message, To: '+15550001111' },
    },
    flow: { variables, channel: { address: '+15550001111' } },
    contact: { channel: { address: message.From } },
    widgets,
  };
  const calls: Call[] = [];
  let next = nextOf(stateNamed(flow, flow.initial_state), 'incomingMessage');
  for (let steps = 0; steps < 200; steps++) {
    const state = stateNamed(flow, next);
    switch (state.type) {
      case 'set-variables': {
        // Each value is rendered against the variables as they were before this widget.
        const assigned = (state.properties.variables as { key: string; value: string }[]).map(
          ({ key, value }) => [key, renderLiquid(value, scope)] as const,
        );
        for (const [key, value] of assigned) variables[key] = value;
        next = nextOf(state, 'next');
        break;
      }
      case 'split-based-on': {
        const matched = state.transitions.find(
          (transition) =>
            transition.event === 'match' &&
            (transition.conditions as Condition[]).every((condition) =>
              conditionHolds(condition, scope),
            ),
        );
        next = matched ? matched.next : nextOf(state, 'noMatch');
        break;
      }
      case 'run-function': {
        const endpoint = endpointOf(state);
        const parameters = Object.fromEntries(
          parametersOf(state).map(({ key, value }) => [key, renderLiquid(value, scope)]),
        );
        const answer = await call(endpoint, parameters, state.name);
        calls.push({ widget: state.name, endpoint, parameters, answer });
        widgets[state.name] = {
          parsed: answer.body,
          body: JSON.stringify(answer.body),
          status_code: answer.status,
          content_type: 'application/json',
        };
        next = nextOf(state, answer.status < 400 ? 'success' : 'fail');
        break;
      }
      case 'send-message': {
        assert.ok(
          state.transitions.every((transition) => !transition.next),
          `${state.name} ends the flow`,
        );
        const template = String(state.properties.body);
        return {
          calls,
          reply: {
            widget: state.name,
            to: renderLiquid(String(state.properties.to), scope),
            body: renderLiquid(template, scope),
            template,
          },
          variables,
        };
      }
      default:
        assert.fail(`widget type ${state.type} is not interpreted`);
    }
  }
  assert.fail('the flow does not reach a reply within 200 steps');
}

/**
 * The calls after /reply: an incoming message is first read as a reply to an appointment, and
 * goes on to the schedule path when /reply answers `action: none`.
 */
function pastReply(run: Run): Call[] {
  const [first, ...rest] = run.calls;
  if (first?.widget !== 'reply_to_appointment') return run.calls;
  assert.equal(first.answer.body.action, 'none', JSON.stringify(first.answer.body));
  return rest;
}

/** Calls the built functions (functions/*.protected.js) with these environment variables. */
function builtFunctions(env: Record<string, string>): CallFunction {
  return async (endpoint, parameters) => {
    const answer = await invoke(loadFunction(endpoint.slice(1)), makeContext({ env }), parameters);
    return { status: answer.status, body: answer.body };
  };
}

/** /cancel-message answers these, in turn; anything else is a mistake in the test. */
function stubbedCancel(...answers: FunctionAnswer[]): CallFunction & { left: () => number } {
  const queue = [...answers];
  const call: CallFunction = async (endpoint) => {
    assert.equal(endpoint, '/cancel-message');
    const answer = queue.shift();
    assert.ok(answer, 'the flow calls /cancel-message no more often than the test expects');
    return answer;
  };
  return Object.assign(call, { left: () => queue.length });
}

const cancelAnswer = (fields: {
  canceled?: number;
  failed?: { code: string; maybeCanceled?: true }[];
  complete: boolean;
}): FunctionAnswer => ({
  status: 200,
  body: {
    ok: true,
    canceled: Array.from({ length: fields.canceled ?? 0 }, messageSid),
    failed: (fields.failed ?? []).map((failure) => ({ sid: messageSid(), ...failure })),
    scanned: 2000,
    complete: fields.complete,
    ...(fields.complete ? {} : { stoppedBy: 'time-budget' }),
  },
});

/** The calendar date in `zone` of an instant, `YYYY-MM-DD`. */
const dateIn = (zone: string, instant: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(instant);
const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

// --- Tests -------------------------------------------------------------------------------------

describe('the interpreter reads Liquid as Liquid does', () => {
  const scope = { a: { list: [{ x: true }, {}, { x: true }], n: '2' }, flow: { variables: {} } };

  it('plus treats a missing value as 0; size counts an array; map and join pick a field', () => {
    assert.equal(renderLiquid('{{flow.variables.nothing | plus: 1}}', scope), '1');
    assert.equal(renderLiquid('{{a.list | size | plus: a.n}}', scope), '5');
    assert.equal(renderLiquid('{{a.list | map: "x" | join: ","}}', scope), 'true,,true');
    assert.equal(renderLiquid('{{ a.missing.deeper }}!', scope), '!');
    assert.equal(renderLiquid('{{ " Stop " | strip | upcase }}', scope), 'STOP');
  });
});

describe('flows/scheduler.json: structure', () => {
  const flow = loadFlow();

  it('passes every structural check: names, Trigger, transitions, events, flags', () => {
    assert.deepEqual(checkFlowDefinition(flow), []);
  });

  it('has unique widget names, one Trigger as initial state, and allow_concurrent_calls', () => {
    const names = flow.states.map((state) => state.name);
    assert.equal(new Set(names).size, names.length);
    assert.equal(flow.initial_state, 'Trigger');
    assert.deepEqual(
      flow.states.filter((state) => state.type === 'trigger').map((state) => state.name),
      ['Trigger'],
    );
    assert.equal(flow.flags.allow_concurrent_calls, true);
    for (const state of flow.states) {
      for (const transition of state.transitions) {
        if (transition.next) assert.ok(names.includes(transition.next), transition.next);
      }
    }
  });

  it('starts on an incoming message and on a REST API Execution (an appointment booked), nothing else', () => {
    const trigger = stateNamed(flow, 'Trigger');
    const started = trigger.transitions.filter((transition) => transition.next);
    assert.deepEqual(
      started.map((transition) => transition.event),
      ['incomingMessage', 'incomingRequest'],
    );
    assert.equal(nextOf(trigger, 'incomingRequest'), 'book_appointment');
  });

  it('every widget can be reached from the trigger', () => {
    const seen = new Set<string>(['Trigger']);
    const queue = ['Trigger'];
    while (queue.length > 0) {
      for (const transition of stateNamed(flow, queue.shift()).transitions) {
        if (transition.next && !seen.has(transition.next)) {
          seen.add(transition.next);
          queue.push(transition.next);
        }
      }
    }
    assert.deepEqual(
      flow.states.map((state) => state.name).filter((name) => !seen.has(name)),
      [],
    );
  });

  it('every Split tests one variable, as the Console builds it, with a condition type Studio has', () => {
    const splits = flow.states.filter((state) => state.type === 'split-based-on');
    assert.ok(splits.length >= 2);
    for (const split of splits) {
      const input = split.properties.input;
      assert.equal(typeof input, 'string', `${split.name} has a variable to test`);
      for (const transition of split.transitions.filter((t) => t.event === 'match')) {
        const conditions = transition.conditions as (Condition & { friendly_name: string })[];
        assert.ok(conditions.length > 0, `${split.name}: a match has a condition`);
        for (const condition of conditions) {
          assert.deepEqual(condition.arguments, [input], `${split.name} tests its input`);
          assert.ok(STUDIO_SPLIT_TYPES.includes(condition.type), condition.type);
          assert.ok(condition.value !== '', `${split.name}: a condition has a value`);
          assert.ok(condition.friendly_name, `${split.name}: a condition says what it means`);
        }
      }
    }
  });

  it('every widget a reply reads from is on the path to that reply (no stale widgets.* reads)', () => {
    // A reply reading widgets.X must only be reachable through X.
    for (const reply of flow.states.filter((state) => state.type === 'send-message')) {
      for (const [, widget] of String(reply.properties.body).matchAll(/widgets\.([a-z_]+)\./g)) {
        const into = flow.states.filter((state) =>
          state.transitions.some((transition) => transition.next === reply.name),
        );
        assert.ok(into.length > 0);
        for (const state of into) {
          assert.ok(
            state.name === widget || state.type === 'split-based-on',
            `${reply.name} reads widgets.${widget} and follows ${state.name}`,
          );
        }
      }
    }
  });
});

describe('checkFlowDefinition finds what Studio would reject', () => {
  const broken = (change: (flow: FlowDefinition) => void) => {
    const flow = loadFlow();
    change(flow);
    return checkFlowDefinition(flow).join('\n');
  };

  it('a duplicate widget name', () => {
    assert.match(
      broken((flow) => {
        (flow.states[2] as State).name = 'schedule_settings';
      }),
      /Two widgets are named "schedule_settings"/,
    );
  });

  it('a transition to a widget that does not exist', () => {
    assert.match(
      broken((flow) => {
        const transitions = stateNamed(flow, 'schedule_message').transitions;
        (transitions[0] as { next: string }).next = 'nowhere';
      }),
      /"success" goes to "nowhere", no such widget/,
    );
  });

  it('no Trigger, a missing fail transition, a repeated parameter, no flags', () => {
    const problems = broken((flow) => {
      flow.states = flow.states.filter((state) => state.type !== 'trigger');
      const schedule = stateNamed(flow, 'schedule_message');
      schedule.transitions = schedule.transitions.filter((t) => t.event !== 'fail');
      parametersOf(schedule).push({ key: 'to', value: 'again' });
      (flow as Partial<FlowDefinition>).flags = undefined;
    });
    assert.match(problems, /exactly one widget of type "trigger"/);
    assert.match(problems, /"initial_state" \(Trigger\) is not a widget/);
    assert.match(problems, /Widget "schedule_message" lacks its "fail" transition/);
    assert.match(problems, /Widget "schedule_message" passes "to" twice/);
    assert.match(problems, /flags\.allow_concurrent_calls/);
  });
});

describe('flows/scheduler.json: calls into this project', () => {
  const flow = loadFlow();
  const functions = runFunctionWidgets(flow);
  const settings = stateNamed(flow, 'schedule_settings');
  const settingKeys = (settings.properties.variables as { key: string }[]).map(({ key }) => key);
  const passed = (name: string) =>
    new Map(parametersOf(stateNamed(flow, name)).map(({ key, value }) => [key, value]));

  it('every run-function widget calls an endpoint of the deploy set that Studio may call', () => {
    const deployed = deploySet();
    for (const state of functions) {
      const endpoint = endpointOf(state);
      assert.ok(deployed.has(endpoint), `${state.name}: ${endpoint} is in src/functions`);
      assert.notEqual(deployed.get(endpoint), 'private', `${state.name}: ${endpoint} is callable`);
    }
    assert.deepEqual(functions.map((state) => `${state.name} ${endpointOf(state)}`).sort(), [
      'book_appointment /schedule-message',
      'cancel_scheduled /cancel-message',
      'reply_to_appointment /reply',
      'schedule_message /schedule-message',
      'schedule_reminder /schedule-message',
    ]);
  });

  it('every parameter passed is one that endpoint accepts', () => {
    for (const state of functions) {
      const accepted = ENDPOINT_PARAMETERS[endpointOf(state)];
      assert.ok(accepted, `the parameters of ${endpointOf(state)} are listed`);
      for (const { key } of parametersOf(state)) {
        assert.ok(
          accepted.includes(key),
          `${state.name} passes "${key}", which the endpoint accepts`,
        );
      }
    }
  });

  it('leaves the service, environment, function and domain as placeholders deploy:flow fills', () => {
    for (const state of functions) {
      assert.equal(state.properties.service_sid, placeholder('SERVICE_SID'));
      assert.equal(state.properties.environment_sid, placeholder('ENVIRONMENT_SID'));
      assert.equal(state.properties.function_sid, placeholder('FUNCTION_SID'));
    }
  });

  it('the builder edits one place: the first widget, whose settings are passed by name', () => {
    assert.equal(nextOf(stateNamed(flow, 'Trigger'), 'incomingMessage'), 'schedule_settings');
    assert.equal(settings.type, 'set-variables');
    // schedule_message: every setting but the reminder's, under its own name; nothing else.
    const schedule = passed('schedule_message');
    for (const key of settingKeys.filter((key) => !key.startsWith('reminder'))) {
      assert.equal(schedule.get(key), `{{flow.variables.${key}}}`, `setting "${key}" is passed`);
    }
    for (const [key, value] of schedule) {
      if (key === 'to') assert.equal(value, '{{trigger.message.From}}');
      else assert.equal(value, `{{flow.variables.${key}}}`, `"${key}" comes from the settings`);
    }
    // schedule_reminder: the time and the text from the message, the rest from the settings.
    const reminder = passed('schedule_reminder');
    assert.equal(reminder.get('to'), '{{trigger.message.From}}');
    assert.equal(reminder.get('when'), '{{trigger.message.Body}}');
    assert.equal(reminder.get('body'), '{{flow.variables.reminderBody}}');
    assert.equal(reminder.get('tag'), '{{flow.variables.reminderTag}}');
    for (const key of ['timeZone', 'quietHours', 'quietDays', 'locale', 'idempotencyKey']) {
      assert.equal(reminder.get(key), `{{flow.variables.${key}}}`, `reminder shares "${key}"`);
    }
    // Exactly the reminder's own settings are prefixed, and each is used.
    assert.deepEqual(
      settingKeys.filter((key) => key.startsWith('reminder')),
      ['reminderBody', 'reminderTag'],
    );
  });

  it("the cancel loop's bookkeeping never touches a setting", () => {
    const bookkeeping = flow.states
      .filter((state) => state.type === 'set-variables' && state.name !== 'schedule_settings')
      .flatMap((state) => (state.properties.variables as { key: string }[]).map(({ key }) => key));
    assert.ok(bookkeeping.length > 0);
    for (const key of bookkeeping) assert.ok(!settingKeys.includes(key), key);
  });
});

describe('flows/scheduler.json: what a texter gets (interpreted, against the built functions)', () => {
  const flow = loadFlow();
  const emulator = new TwilioEmulator({ sendIntervalMs: 0 });
  let env: Record<string, string>;
  let functions: CallFunction;
  let senders = 0;
  /** A recipient of its own for each test: the emulator is shared. */
  const newSender = () => `+1555765${String(1000 + senders++).padStart(4, '0')}`;
  const scheduledTo = (to: string) =>
    [...emulator.messages.values()].filter((m) => m.to === to && m.status === 'scheduled');

  before(async () => {
    const url = await emulator.start();
    env = { MESSAGING_SERVICE_SID: `MG${'b'.repeat(32)}`, TWILIO_API_BASE_URL: url };
    functions = builtFunctions(env);
  });
  after(() => emulator.stop());

  describe('anything else: the schedule path', () => {
    it('schedules the settings for the sender, with a tag and the message as idempotency key', async () => {
      const sender = newSender();
      const sid = messageSid();
      const run = await runFlow(
        flow,
        { From: sender, Body: 'Call the dentist', MessageSid: sid },
        functions,
      );
      assert.equal(pastReply(run).length, 1);
      const [call] = pastReply(run);
      assert.equal(call?.widget, 'schedule_message');
      const parameters = call?.parameters ?? {};
      assert.equal(parameters.to, sender);
      assert.equal(parameters.body, 'Reminder: Call the dentist');
      assert.equal(parameters.delay, '1d');
      assert.equal(parameters.timeZone, 'America/New_York');
      assert.equal(parameters.quietHours, '21:00-08:00');
      assert.equal(parameters.tag, 'scheduled');
      assert.equal(parameters.idempotencyKey, sid);
      // Exactly one send time is set; the others render empty, which counts as absent.
      const times = ['minutes', 'delay', 'sendAt', 'at', 'when'].filter(
        (key) => parameters[key] !== '',
      );
      assert.deepEqual(times, ['delay']);
      assert.equal(call?.answer.status, 200, JSON.stringify(call?.answer.body));
      assert.equal(call?.answer.body.tag, 'scheduled');
      assert.equal(scheduledTo(sender).length, 1);
    });

    it('the reply quotes sendAtText as /schedule-message returns it, not an ISO timestamp', async () => {
      const sender = newSender();
      const run = await runFlow(flow, { From: sender, Body: 'Call the dentist' }, functions);
      const answer = pastReply(run)[0]?.answer.body ?? {};
      const sendAtText = answer.sendAtText as string;
      assert.match(
        sendAtText,
        /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2} at \d{1,2}:\d\d [AP]M E[SD]T$/,
      );
      assert.equal(run.reply.widget, 'reply_scheduled');
      assert.equal(run.reply.to, sender);
      assert.equal(run.reply.body, `Scheduled: your message will be sent ${sendAtText}.`);
      assert.ok(!run.reply.body.includes(String(answer.sendAt)));
      assert.ok(!run.reply.body.includes(String(answer.sendAtLocal)));
      assert.ok(run.reply.template.includes('{{widgets.schedule_message.parsed.sendAtText}}'));
    });

    it('the Fail path replies with the error message /schedule-message returns', async () => {
      const run = await runFlow(flow, { From: 'not a number', Body: 'hello' }, functions);
      const answer = pastReply(run)[0]?.answer;
      assert.equal(answer?.status, 400);
      const { message } = errorOf(answer);
      assert.ok(message);
      assert.equal(run.reply.widget, 'reply_schedule_failed');
      assert.equal(run.reply.body, `Sorry, your message could not be scheduled: ${message}`);
    });

    for (const body of ['Call the dentist', 'remind me tomorrow at 9am to call mom']) {
      it(`the same incoming message run twice ("${body}") schedules one message`, async () => {
        const sender = newSender();
        const incoming = { From: sender, Body: body, MessageSid: messageSid() };
        const first = await runFlow(flow, incoming, functions);
        const again = await runFlow(flow, incoming, functions);
        const [one, two] = [pastReply(first)[0]?.answer, pastReply(again)[0]?.answer];
        assert.equal(one?.status, 200, JSON.stringify(one?.body));
        assert.equal(two?.status, 200, JSON.stringify(two?.body));
        assert.equal(two?.body.replayed, true);
        assert.equal(two?.body.sid, one?.body.sid);
        assert.equal(scheduledTo(sender).length, 1);
        assert.equal(again.reply.body, first.reply.body, 'the texter is told the same time');
        // Another message with the same text is another request: the key is the message.
        await runFlow(flow, { From: sender, Body: body }, functions);
        assert.equal(scheduledTo(sender).length, 2);
      });
    }
  });

  it('with REGISTRY=off, blanking tag, reminderTag and idempotencyKey in the settings is the whole edit', async () => {
    const off = builtFunctions({ ...env, REGISTRY: 'off' });
    for (const body of ['Call the dentist', 'remind me tomorrow at 9am to call mom']) {
      const refused = await runFlow(flow, { From: newSender(), Body: body }, off);
      assert.equal(errorOf(pastReply(refused)[0]?.answer).code, 'REGISTRY_DISABLED');
      const edited = loadFlow();
      for (const variable of stateNamed(edited, 'schedule_settings').properties.variables as {
        key: string;
        value: string;
      }[]) {
        if (['tag', 'reminderTag', 'idempotencyKey'].includes(variable.key)) variable.value = '';
      }
      const run = await runFlow(edited, { From: newSender(), Body: body }, off);
      const answer = pastReply(run)[0]?.answer;
      assert.equal(answer?.status, 200, JSON.stringify(answer?.body));
      assert.ok(['reply_scheduled', 'reply_reminder_set'].includes(run.reply.widget));
    }
  });

  describe('a reply to an appointment: the reply path', () => {
    const bookFor = async (sender: string, tag: string) => {
      const booked = await functions(
        '/schedule-message',
        {
          to: sender,
          appointmentAt: 'in 3 days',
          timeZone: 'America/New_York',
          tag,
          body: 'Reminder: {{appointment}}. Reply C to confirm, N to cancel.',
        },
        'book_appointment',
      );
      assert.equal(booked.status, 200, JSON.stringify(booked.body));
      return booked.body;
    };

    it('"C" from a sender with an appointment confirms it, and the texter gets /reply\'s message', async () => {
      const sender = newSender();
      await bookFor(sender, `flow-c-${senders}`);
      const run = await runFlow(flow, { From: sender, Body: 'C' }, functions);
      assert.deepEqual(
        run.calls.map((call) => [call.widget, call.parameters.from, call.parameters.text]),
        [['reply_to_appointment', sender, 'C']],
      );
      const answer = run.calls[0]?.answer.body ?? {};
      assert.equal(answer.state, 'confirmed');
      assert.equal(run.reply.widget, 'reply_appointment');
      assert.equal(run.reply.to, sender);
      assert.equal(run.reply.body, answer.message);
      assert.match(run.reply.body, /^Thanks, your appointment on .+ is confirmed\.$/);
      // Nothing was scheduled from the reply's text.
      assert.equal(scheduledTo(sender).length, 2, 'the two reminders only');
    });

    it('"non" declines in French and cancels the reminders; STOP keeps its own path', async () => {
      const sender = newSender();
      await bookFor(sender, `flow-n-${senders}`);
      const run = await runFlow(flow, { From: sender, Body: 'non' }, functions);
      assert.equal(run.reply.widget, 'reply_appointment');
      assert.match(run.reply.body, /^Votre rendez-vous du .+ est annulé\./);
      assert.deepEqual(scheduledTo(sender), []);
      const other = newSender();
      await bookFor(other, `flow-stop-${senders}`);
      const stop = await runFlow(flow, { From: other, Body: 'STOP' }, functions);
      assert.ok(stop.calls.every((call) => call.widget === 'cancel_scheduled'));
      assert.deepEqual(scheduledTo(other), []);
    });

    it('/reply failing: the texter is told, nothing is scheduled from the text', async () => {
      const sender = newSender();
      emulator.inject({ kind: 'status', status: 500, code: 20500 }, 200, (r) => r.host === 'sync');
      try {
        const run = await runFlow(flow, { From: sender, Body: 'C' }, functions);
        assert.equal(run.reply.widget, 'reply_appointment_failed');
        assert.match(run.reply.body, /^Sorry, your reply could not be recorded: /);
      } finally {
        emulator.clearFaults();
      }
      assert.deepEqual(scheduledTo(sender), []);
    });
  });

  describe('"remind me …": the reminder path', () => {
    it('"remind me tomorrow at 9am to call mom" schedules that text for 09:00 tomorrow, New York time', async () => {
      const sender = newSender();
      const sid = messageSid();
      const text = 'remind me tomorrow at 9am to call mom';
      const before = Date.now();
      const run = await runFlow(flow, { From: sender, Body: text, MessageSid: sid }, functions);
      const after = Date.now();
      assert.equal(run.calls.length, 1);
      const [call] = run.calls;
      assert.equal(call?.widget, 'schedule_reminder');
      assert.deepEqual(call?.parameters, {
        to: sender,
        body: `Reminder: ${text}`,
        when: text,
        timeZone: 'America/New_York',
        quietHours: '21:00-08:00',
        quietDays: '',
        locale: '',
        tag: 'reminder',
        idempotencyKey: sid,
      });
      const answer = call?.answer;
      assert.equal(answer?.status, 200, JSON.stringify(answer?.body));
      assert.equal(answer?.body.interpreted, 'tomorrow at 9am');
      assert.equal(answer?.body.timeZone, 'America/New_York');
      assert.equal(answer?.body.tag, 'reminder');
      // Tomorrow as New York's calendar has it when the function ran (between before and after).
      const tomorrow = new Set([before, after].map((t) => nextDay(dateIn('America/New_York', t))));
      const [date, time] = String(answer?.body.sendAtLocal).split('T');
      assert.ok(tomorrow.has(date ?? ''), `${answer?.body.sendAtLocal} is tomorrow in New York`);
      assert.match(time ?? '', /^09:00:00-0[45]:00$/);
      const sendAtText = String(answer?.body.sendAtText);
      assert.match(sendAtText, / at 9:00 AM E[SD]T$/);
      // What Twilio holds: that text, to the sender, at that instant.
      const [held] = scheduledTo(sender);
      assert.equal(held?.sid, answer?.body.sid);
      assert.equal(held?.body, `Reminder: ${text}`);
      assert.equal(held?.sendAt, Date.parse(String(answer?.body.sendAt)));
      assert.equal(run.reply.widget, 'reply_reminder_set');
      assert.equal(run.reply.to, sender);
      assert.equal(run.reply.body, `OK, I'll remind you ${sendAtText}.`);
    });

    for (const text of ['Remind me in 3 hours to stretch', '  REMIND ME next Monday 14:00: rent']) {
      it(`"${text.trim()}" takes the reminder path too (case and spaces do not matter)`, async () => {
        const run = await runFlow(flow, { From: newSender(), Body: text }, functions);
        assert.equal(run.calls[0]?.widget, 'schedule_reminder');
        assert.equal(run.calls[0]?.answer.status, 200, JSON.stringify(run.calls[0]?.answer.body));
        assert.equal(run.reply.widget, 'reply_reminder_set');
      });
    }

    it('"please remind me tomorrow" does not start with "remind me": the schedule path', async () => {
      const run = await runFlow(
        flow,
        { From: newSender(), Body: 'please remind me tomorrow' },
        functions,
      );
      assert.equal(pastReply(run)[0]?.widget, 'schedule_message');
    });

    it('"remind me to call mom" names no time: the reply says how to say one, nothing is scheduled', async () => {
      const sender = newSender();
      const run = await runFlow(flow, { From: sender, Body: 'remind me to call mom' }, functions);
      const answer = run.calls[0]?.answer;
      assert.equal(answer?.status, 400);
      const { code, message } = errorOf(answer);
      assert.equal(code, 'INVALID_WHEN');
      assert.equal(run.reply.widget, 'reply_reminder_failed');
      assert.equal(run.reply.body, `Sorry, I couldn't set that reminder: ${message}`);
      assert.match(run.reply.body, /tomorrow at 9am/);
      assert.equal(scheduledTo(sender).length, 0);
    });
  });

  describe('STOP, CANCEL and the other opt-out words: the cancel path', () => {
    it('STOP cancels every scheduled message to the sender, and only theirs, and says so', async () => {
      const sender = newSender();
      const other = newSender();
      for (const body of ['one', 'two', 'remind me tomorrow at 9am to call mom']) {
        await runFlow(flow, { From: sender, Body: body }, functions);
      }
      await runFlow(flow, { From: other, Body: 'not mine' }, functions);
      assert.equal(scheduledTo(sender).length, 3);

      const run = await runFlow(flow, { From: sender, Body: 'STOP' }, functions);
      assert.deepEqual(
        run.calls.map((call) => [call.widget, call.parameters]),
        [['cancel_scheduled', { to: sender }]],
      );
      assert.equal(run.calls[0]?.answer.body.complete, true);
      assert.equal(scheduledTo(sender).length, 0);
      assert.equal(scheduledTo(other).length, 1);
      assert.equal(run.reply.widget, 'reply_canceled');
      assert.equal(run.reply.to, sender);
      assert.equal(run.reply.body, 'All your scheduled messages have been canceled (3).');
    });

    for (const body of ['stop', ' Cancel ', 'UNSUBSCRIBE', 'quit', 'StopAll']) {
      it(`"${body}" takes the cancel path, with nothing scheduled`, async () => {
        const sender = newSender();
        const run = await runFlow(flow, { From: sender, Body: body }, functions);
        assert.equal(run.calls[0]?.endpoint, '/cancel-message');
        assert.equal(run.calls[0]?.answer.status, 200);
        assert.equal(run.reply.body, 'All your scheduled messages have been canceled (0).');
      });
    }

    it('while complete is false it calls again, adding up what each call canceled', async () => {
      const cancel = stubbedCancel(
        cancelAnswer({ canceled: 300, complete: false }),
        cancelAnswer({ canceled: 250, complete: false }),
        cancelAnswer({ canceled: 7, complete: true }),
      );
      const run = await runFlow(flow, { From: newSender(), Body: 'STOP' }, cancel);
      assert.equal(run.calls.length, 3);
      assert.equal(cancel.left(), 0);
      assert.ok(run.calls.every((call) => call.widget === 'cancel_scheduled'));
      assert.equal(run.reply.widget, 'reply_canceled');
      assert.equal(run.reply.body, 'All your scheduled messages have been canceled (557).');
    });

    it('at most 5 calls: still incomplete after the fifth, it says not all are canceled yet', async () => {
      const incomplete = cancelAnswer({ canceled: 100, complete: false });
      const cancel = stubbedCancel(...Array.from({ length: 6 }, () => incomplete));
      const run = await runFlow(flow, { From: newSender(), Body: 'CANCEL' }, cancel);
      assert.equal(run.calls.length, 5);
      assert.equal(cancel.left(), 1, 'no sixth call');
      assert.equal(run.variables.cancel_calls, '5');
      assert.equal(run.reply.widget, 'reply_cancel_incomplete');
      assert.match(run.reply.body, /^Not all of your scheduled messages could be canceled yet/);
      assert.match(run.reply.body, /canceled so far: 500/);
    });

    it('an answer without complete is not taken as complete: it calls again', async () => {
      const odd: FunctionAnswer = { status: 200, body: { ok: true, canceled: [], failed: [] } };
      const cancel = stubbedCancel(odd, cancelAnswer({ complete: true }));
      const run = await runFlow(flow, { From: newSender(), Body: 'STOP' }, cancel);
      assert.equal(run.calls.length, 2);
      assert.equal(run.reply.widget, 'reply_canceled');
    });

    it('judged by the last call: a failure an earlier call reported, and a later one settled, is not told', async () => {
      // The service lists as failed only what may still be scheduled; `complete: true` on a
      // later call says nothing of it is left. Everything was canceled: the texter hears so.
      const cancel = stubbedCancel(
        cancelAnswer({ canceled: 4, failed: [{ code: 'TWILIO_UNAVAILABLE' }], complete: false }),
        cancelAnswer({ canceled: 2, complete: true }),
      );
      const run = await runFlow(flow, { From: newSender(), Body: 'STOP' }, cancel);
      assert.equal(run.reply.widget, 'reply_canceled');
      assert.doesNotMatch(run.reply.body, /could not be canceled|may still go out/);
    });

    it('a cancel Twilio refused (error 30409) once: the loop calls again, and the texter hears all is canceled', async () => {
      const sender = newSender();
      for (const body of ['one', 'two', 'three']) {
        await runFlow(flow, { From: sender, Body: body }, functions);
      }
      const [stuck] = scheduledTo(sender);
      assert.ok(stuck);
      emulator.inject(
        {
          kind: 'status',
          status: 400,
          code: 30409,
          message: 'Message is not in a cancelable state',
        },
        1,
        (req) => req.method === 'POST' && req.path.endsWith(`/Messages/${stuck.sid}.json`),
      );
      const run = await runFlow(flow, { From: sender, Body: 'STOP' }, functions);
      const answer = run.calls[0]?.answer.body;
      assert.deepEqual(
        ((answer?.failed ?? []) as { sid: string; maybeCanceled?: boolean }[]).map((f) => [
          f.sid,
          f.maybeCanceled,
        ]),
        [[stuck.sid, undefined]],
      );
      // It is still scheduled, so the first call is not complete: the loop calls again, and
      // the second call cancels it.
      assert.equal(run.calls[0]?.answer.body.complete, false);
      assert.equal(run.calls[1]?.answer.body.complete, true);
      assert.equal(emulator.messages.get(stuck.sid)?.status, 'canceled');
      // Judged by the last call: nothing is left, so the texter is not told some could not be.
      assert.equal(run.reply.widget, 'reply_canceled');
    });

    it('a cancel Twilio did not answer (500) once: the next call settles it, and the texter hears all is canceled', async () => {
      const sender = newSender();
      for (const body of ['one', 'two']) {
        await runFlow(flow, { From: sender, Body: body }, functions);
      }
      const [unsure] = scheduledTo(sender);
      assert.ok(unsure);
      emulator.inject(
        { kind: 'status', status: 500, code: 20500, message: 'Internal Server Error' },
        1,
        (req) => req.method === 'POST' && req.path.endsWith(`/Messages/${unsure.sid}.json`),
      );
      const run = await runFlow(flow, { From: sender, Body: 'STOP' }, functions);
      const failed = run.calls[0]?.answer.body.failed as { maybeCanceled?: boolean }[];
      assert.equal(failed[0]?.maybeCanceled, true);
      // Not complete while one may still be scheduled: the loop calls again, and that call
      // cancels it (the 500 was not acted on).
      assert.equal(run.calls[0]?.answer.body.complete, false);
      assert.equal(run.calls.length, 2);
      assert.equal(run.calls[1]?.answer.body.complete, true);
      assert.equal(emulator.messages.get(unsure.sid)?.status, 'canceled');
      assert.equal(run.reply.widget, 'reply_canceled');
    });

    it('the Fail path replies with the error message /cancel-message returns', async () => {
      const error = {
        code: 'TWILIO_RATE_LIMITED',
        message: 'Sorry, too many requests right now. Please try again in a minute.',
      };
      for (const answers of [
        [{ status: 503, body: { ok: false, error } }],
        // A fail on a later call of the loop ends it the same way.
        [
          cancelAnswer({ canceled: 10, complete: false }),
          { status: 503, body: { ok: false, error } },
        ],
      ]) {
        const run = await runFlow(
          flow,
          { From: newSender(), Body: 'STOP' },
          stubbedCancel(...answers),
        );
        assert.equal(run.reply.widget, 'reply_cancel_failed');
        assert.equal(
          run.reply.body,
          `Sorry, your scheduled messages could not all be canceled: ${error.message}`,
        );
      }
    });
  });
});

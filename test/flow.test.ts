// flows/scheduler.json: a sound Studio definition, calling only endpoints this project deploys
// with only parameters the SPEC accepts, and doing what the SPEC's "Studio flow" says. The flow is
// walked with a small interpreter of its widgets (trigger, set-variables, split-based-on) and of
// the Liquid it uses; the parameters it would send are then given to the built functions.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MessagesEmulator } from '../emulator/messages-api';
import {
  checkFlowDefinition,
  type FlowDefinition,
  parametersOf,
  placeholder,
  runFunctionWidgets,
  SERVICE_URL_PREFIX,
  type State,
} from '../scripts/flow/definition';
import { invoke, loadFunction, makeContext } from './support/functions';
import { SPEC_PARAMETERS } from './support/spec';

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

// --- A small Studio interpreter ----------------------------------------------------------------

type Scope = Record<string, unknown>;

const FILTERS: Record<string, (value: string) => string> = {
  strip: (value) => value.trim(),
  upcase: (value) => value.toUpperCase(),
  downcase: (value) => value.toLowerCase(),
};

/** `{{ a.b.c | filter }}` as Liquid renders it: a missing value is the empty string. */
function renderLiquid(template: string, scope: Scope): string {
  assert.ok(!template.includes('{%'), `no Liquid tags expected in ${template}`);
  return template.replace(/\{\{([^}]*)\}\}/g, (_, inner: string) => {
    const [path, ...filters] = inner.split('|').map((part) => part.trim());
    let value: unknown = scope;
    for (const key of (path ?? '').split('.')) {
      value = typeof value === 'object' && value !== null ? (value as Scope)[key] : undefined;
    }
    let text = value === undefined || value === null ? '' : String(value);
    for (const filter of filters) {
      const apply = FILTERS[filter];
      assert.ok(apply, `Liquid filter "${filter}" is one the interpreter knows`);
      text = apply(text);
    }
    return text;
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

/**
 * Runs an incoming message through the flow until it reaches a widget that talks to the outside
 * world (run-function, send-message), which it returns with the scope at that point.
 */
function runIncomingMessage(flow: FlowDefinition, message: { From: string; Body: string }) {
  const scope: Scope = {
    trigger: { message: { ...message, To: '+15550001111' } },
    flow: { variables: {}, channel: { address: '+15550001111' } },
    contact: { channel: { address: message.From } },
    widgets: {},
  };
  let state = stateNamed(flow, flow.initial_state);
  let next = nextOf(state, 'incomingMessage');
  for (let steps = 0; steps < 50; steps++) {
    state = stateNamed(flow, next);
    switch (state.type) {
      case 'set-variables': {
        const variables = (scope.flow as { variables: Scope }).variables;
        for (const { key, value } of state.properties.variables as {
          key: string;
          value: string;
        }[]) {
          variables[key] = renderLiquid(value, scope);
        }
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
      default:
        return { state, scope };
    }
  }
  assert.fail('the flow loops');
}

function renderParameters(state: State, scope: Scope): Record<string, string> {
  return Object.fromEntries(
    parametersOf(state).map(({ key, value }) => [key, renderLiquid(value, scope)]),
  );
}

/** The send-message widget a run-function's event leads to, its text rendered with `parsed`. */
function replyAfter(
  flow: FlowDefinition,
  functionState: State,
  event: 'success' | 'fail',
  scope: Scope,
  parsed: unknown,
) {
  const reply = stateNamed(flow, nextOf(functionState, event));
  assert.equal(reply.type, 'send-message', `${functionState.name} ${event} leads to a reply`);
  const widgets = { ...(scope.widgets as Scope), [functionState.name]: { parsed } };
  const replyScope = { ...scope, widgets };
  return {
    state: reply,
    to: renderLiquid(String(reply.properties.to), replyScope),
    body: renderLiquid(String(reply.properties.body), replyScope),
  };
}

// --- Tests -------------------------------------------------------------------------------------

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

  it('starts on an incoming message and on nothing else', () => {
    const trigger = stateNamed(flow, 'Trigger');
    const started = trigger.transitions.filter((transition) => transition.next);
    assert.deepEqual(
      started.map((transition) => transition.event),
      ['incomingMessage'],
    );
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

  it('every run-function widget calls an endpoint of the deploy set that Studio may call', () => {
    const deployed = deploySet();
    assert.ok(functions.length >= 2);
    for (const state of functions) {
      const endpoint = endpointOf(state);
      assert.ok(deployed.has(endpoint), `${state.name}: ${endpoint} is in src/functions`);
      assert.notEqual(deployed.get(endpoint), 'private', `${state.name}: ${endpoint} is callable`);
    }
    assert.deepEqual(functions.map(endpointOf).sort(), ['/cancel-message', '/schedule-message']);
  });

  it('every parameter passed is one the SPEC accepts for that endpoint', () => {
    for (const state of functions) {
      const accepted = SPEC_PARAMETERS[endpointOf(state)];
      assert.ok(accepted, `the SPEC describes ${endpointOf(state)}`);
      for (const { key } of parametersOf(state)) {
        assert.ok(accepted.includes(key), `${state.name} passes "${key}", which the SPEC accepts`);
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

  it('the builder edits one place: every setting is passed under its own name', () => {
    const settings = flow.states.filter((state) => state.type === 'set-variables');
    assert.equal(settings.length, 1);
    assert.equal(nextOf(stateNamed(flow, 'Trigger'), 'incomingMessage'), settings[0]?.name);
    const schedule = functions.find((state) => endpointOf(state) === '/schedule-message');
    assert.ok(schedule);
    const passed = new Map(parametersOf(schedule).map(({ key, value }) => [key, value]));
    for (const { key } of (settings[0] as State).properties.variables as { key: string }[]) {
      assert.equal(passed.get(key), `{{flow.variables.${key}}}`, `setting "${key}" is passed`);
    }
    for (const [key, value] of passed) {
      if (key === 'to') continue;
      assert.equal(value, `{{flow.variables.${key}}}`, `"${key}" comes from the settings`);
    }
  });
});

describe('flows/scheduler.json: what a texter gets (interpreted, against the built functions)', () => {
  const flow = loadFlow();
  const emulator = new MessagesEmulator();
  let env: Record<string, string>;
  const sender = '+15557654321';

  before(async () => {
    const url = await emulator.start();
    env = { MESSAGING_SERVICE_SID: `MG${'b'.repeat(32)}`, TWILIO_API_BASE_URL: url };
  });
  after(() => emulator.stop());

  for (const body of ['STOP', 'stop', ' Cancel ', 'CANCEL']) {
    it(`"${body}" cancels the sender's scheduled messages and confirms`, () => {
      const { state, scope } = runIncomingMessage(flow, { From: sender, Body: body });
      assert.equal(state.type, 'run-function');
      assert.equal(endpointOf(state), '/cancel-message');
      assert.deepEqual(renderParameters(state, scope), { to: sender });
      const ok = replyAfter(flow, state, 'success', scope, { ok: true, canceled: [] });
      assert.equal(ok.to, sender);
      assert.match(ok.body, /canceled/i);
      const failed = replyAfter(flow, state, 'fail', scope, {
        ok: false,
        error: { code: 'TWILIO_UNAVAILABLE', message: 'Twilio is unavailable.' },
      });
      assert.match(failed.body, /Twilio is unavailable\./);
    });
  }

  it('anything else schedules a message to the sender with the settings', () => {
    const { state, scope } = runIncomingMessage(flow, { From: sender, Body: 'Call the dentist' });
    assert.equal(endpointOf(state), '/schedule-message');
    const parameters = renderParameters(state, scope);
    assert.equal(parameters.to, sender);
    assert.equal(parameters.body, 'Reminder: Call the dentist');
    assert.equal(parameters.delay, '1d');
    assert.equal(parameters.timeZone, 'America/New_York');
    // Exactly one send time is set; the others render empty, which the SPEC reads as absent.
    const times = ['minutes', 'delay', 'sendAt', 'at'].filter((key) => parameters[key] !== '');
    assert.deepEqual(times, ['delay']);
  });

  it('the scheduled reply shows sendAtLocal as /schedule-message returns it', async () => {
    const { state, scope } = runIncomingMessage(flow, { From: sender, Body: 'Call the dentist' });
    const answer = await invoke(
      loadFunction('schedule-message'),
      makeContext({ env }),
      renderParameters(state, scope),
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const sendAtLocal = answer.body.sendAtLocal as string;
    assert.match(sendAtLocal, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/);
    const reply = replyAfter(flow, state, 'success', scope, answer.body);
    assert.equal(reply.to, sender);
    assert.ok(reply.body.includes(sendAtLocal), reply.body);
    assert.ok(
      String(reply.state.properties.body).includes(`{{widgets.${state.name}.parsed.sendAtLocal}}`),
    );
  });

  it('the Fail path replies with the error message /schedule-message returns', async () => {
    const { state, scope } = runIncomingMessage(flow, { From: 'not a number', Body: 'hello' });
    const answer = await invoke(
      loadFunction('schedule-message'),
      makeContext({ env }),
      renderParameters(state, scope),
    );
    assert.equal(answer.status, 400);
    const message = answer.body.error?.message as string;
    assert.ok(message);
    const reply = replyAfter(flow, state, 'fail', scope, answer.body);
    assert.ok(reply.body.includes(message), reply.body);
    assert.ok(
      String(reply.state.properties.body).includes(
        `{{widgets.${state.name}.parsed.error.message}}`,
      ),
    );
  });

  it('the cancel parameters are ones /cancel-message accepts', async () => {
    const { state, scope } = runIncomingMessage(flow, { From: sender, Body: 'STOP' });
    const answer = await invoke(
      loadFunction('cancel-message'),
      makeContext({ env }),
      renderParameters(state, scope),
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.ok, true);
  });
});

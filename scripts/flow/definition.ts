// A Studio flow definition as data: its shape, the structural checks Studio would make (so a
// mistake shows up in a test, not at deploy time), and filling in the deployed service.
import { DeployFlowError } from './errors';

export interface Transition {
  event: string;
  next?: string;
  conditions?: unknown[];
}

export interface State {
  name: string;
  type: string;
  transitions: Transition[];
  properties: Record<string, unknown>;
}

export interface FlowDefinition {
  description: string;
  states: State[];
  initial_state: string;
  flags: { allow_concurrent_calls: boolean };
}

export interface Parameter {
  key: string;
  value: string;
}

/** One deployed function of the service, as the environment's build lists it. */
export interface DeployedFunction {
  path: string;
  sid: string;
  visibility: string;
}

/** The service environment a flow calls into. */
export interface Deployment {
  serviceSid: string;
  environmentSid: string;
  /** e.g. `studio-message-scheduler-1234-dev.twil.io` */
  domainName: string;
  functions: DeployedFunction[];
}

/** The transition events each widget type has, in Studio's flow JSON. */
export const WIDGET_EVENTS: Readonly<Record<string, readonly string[]>> = {
  trigger: [
    'incomingMessage',
    'incomingCall',
    'incomingConversationMessage',
    'incomingRequest',
    'incomingParent',
  ],
  'set-variables': ['next'],
  'split-based-on': ['noMatch', 'match'],
  'run-function': ['success', 'fail'],
  'send-message': ['sent', 'failed'],
  'make-http-request': ['success', 'failed'],
};

/** `${NAME}`: how a flow file marks what deploy:flow fills in. */
export const placeholder = (name: string): string => `\${${name}}`;
/** The placeholders a flow file may hold; deploy:flow replaces them. */
export const PLACEHOLDERS = ['DOMAIN_NAME', 'SERVICE_SID', 'ENVIRONMENT_SID', 'FUNCTION_SID'];
const PLACEHOLDER = /\$\{([A-Z_]+)\}/g;
/** A run-function widget whose url starts with this calls this project's service. */
export const SERVICE_URL_PREFIX = `https://${placeholder('DOMAIN_NAME')}/`;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Everything structurally wrong with a flow definition, as sentences; empty when it is sound.
 * Checks what Studio rejects (1 to 1000 states, unique names, a Trigger, transitions to known
 * states) and what this project relies on (known widgets have exactly their events, run-function
 * widgets have a URL and unique string parameters, flags.allow_concurrent_calls is set).
 */
export function checkFlowDefinition(definition: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(definition)) return ['The definition is not a JSON object.'];
  if (typeof definition.description !== 'string') problems.push('"description" is not a string.');
  if (!isObject(definition.flags) || typeof definition.flags.allow_concurrent_calls !== 'boolean') {
    problems.push('"flags.allow_concurrent_calls" is missing (true or false).');
  }
  const states = definition.states;
  if (!Array.isArray(states) || states.length < 1 || states.length > 1000) {
    problems.push('"states" must be an array of 1 to 1000 widgets.');
    return problems;
  }

  const names = new Set<string>();
  for (const [index, state] of states.entries()) {
    if (!isObject(state) || typeof state.name !== 'string' || state.name === '') {
      problems.push(`states[${index}] has no name.`);
      continue;
    }
    if (names.has(state.name)) problems.push(`Two widgets are named "${state.name}".`);
    names.add(state.name);
  }

  const triggers = states.filter((state) => isObject(state) && state.type === 'trigger');
  if (triggers.length !== 1) {
    problems.push(
      `A flow has exactly one widget of type "trigger"; this one has ${triggers.length}.`,
    );
  } else if ((triggers[0] as Record<string, unknown>).name !== 'Trigger') {
    problems.push('The trigger widget must be named "Trigger".');
  }
  if (typeof definition.initial_state !== 'string' || !names.has(definition.initial_state)) {
    problems.push(`"initial_state" (${String(definition.initial_state)}) is not a widget.`);
  }

  for (const state of states) {
    if (!isObject(state) || typeof state.name !== 'string') continue;
    const where = `Widget "${state.name}"`;
    if (typeof state.type !== 'string') problems.push(`${where} has no type.`);
    if (!isObject(state.properties)) problems.push(`${where} has no properties object.`);
    if (!Array.isArray(state.transitions)) {
      problems.push(`${where} has no transitions array.`);
      continue;
    }
    const events: string[] = [];
    for (const transition of state.transitions) {
      if (!isObject(transition) || typeof transition.event !== 'string') {
        problems.push(`${where} has a transition without an event.`);
        continue;
      }
      events.push(transition.event);
      const next = transition.next;
      if (next !== undefined && next !== '' && (typeof next !== 'string' || !names.has(next))) {
        problems.push(`${where}: "${transition.event}" goes to "${String(next)}", no such widget.`);
      }
    }
    const expected = typeof state.type === 'string' ? WIDGET_EVENTS[state.type] : undefined;
    if (expected) {
      for (const event of expected) {
        if (!events.includes(event)) problems.push(`${where} lacks its "${event}" transition.`);
      }
      for (const event of new Set(events)) {
        if (!expected.includes(event)) problems.push(`${where} has an unknown event "${event}".`);
      }
    }
    if (state.type === 'run-function' && isObject(state.properties)) {
      problems.push(...checkRunFunction(where, state.properties));
    }
  }
  return problems;
}

function checkRunFunction(where: string, properties: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof properties.url !== 'string' || properties.url === '') {
    problems.push(`${where} has no function url.`);
  }
  const parameters = properties.parameters ?? [];
  if (!Array.isArray(parameters)) return [...problems, `${where}: parameters is not an array.`];
  const keys = new Set<string>();
  for (const parameter of parameters) {
    if (
      !isObject(parameter) ||
      typeof parameter.key !== 'string' ||
      typeof parameter.value !== 'string'
    ) {
      problems.push(`${where} has a parameter that is not {key, value} strings.`);
      continue;
    }
    if (keys.has(parameter.key)) problems.push(`${where} passes "${parameter.key}" twice.`);
    keys.add(parameter.key);
  }
  return problems;
}

export function runFunctionWidgets(definition: FlowDefinition): State[] {
  return definition.states.filter((state) => state.type === 'run-function');
}

export function parametersOf(state: State): Parameter[] {
  return (state.properties.parameters as Parameter[] | undefined) ?? [];
}

/**
 * Thrown for a flow that cannot be filled in from this deployment: a mistake in the flow or
 * the deployment, so the CLI prints it as one line like every DeployFlowError.
 */
export class FlowFillError extends DeployFlowError {
  override name = 'FlowFillError';
}

/**
 * The flow with this project's service filled in: each run-function widget whose url starts with
 * `https://${DOMAIN_NAME}/` gets the deployed URL and the service, environment and function SIDs
 * of the function at that path. Other widgets are left as they are. A path the deployment does
 * not have, a private function, or a placeholder left over anywhere is an error.
 */
export function fillFlow(template: FlowDefinition, deployment: Deployment): FlowDefinition {
  const definition = structuredClone(template);
  const byPath = new Map(deployment.functions.map((fn) => [fn.path, fn]));
  for (const state of runFunctionWidgets(definition)) {
    const url = state.properties.url;
    if (typeof url !== 'string' || !url.startsWith(SERVICE_URL_PREFIX)) continue;
    const path = `/${url.slice(SERVICE_URL_PREFIX.length)}`;
    const deployed = byPath.get(path);
    if (!deployed) {
      const known = [...byPath.keys()].sort().join(', ') || 'none';
      throw new FlowFillError(
        `Widget "${state.name}" calls ${path}, but the deployed build has no such function ` +
          `(it has: ${known}). Run \`npm run deploy\` first.`,
      );
    }
    if (deployed.visibility === 'private') {
      throw new FlowFillError(
        `Widget "${state.name}" calls ${path}, which is private: Studio can only call public ` +
          'or protected functions.',
      );
    }
    state.properties.url = `https://${deployment.domainName}${path}`;
    state.properties.service_sid = deployment.serviceSid;
    state.properties.environment_sid = deployment.environmentSid;
    state.properties.function_sid = deployed.sid;
  }
  const leftover = [...JSON.stringify(definition).matchAll(PLACEHOLDER)].map((m) => m[0]);
  if (leftover.length > 0) {
    throw new FlowFillError(
      `The flow still holds ${[...new Set(leftover)].join(', ')} after filling in the service: ` +
        `placeholders only work in run-function widgets whose url starts with ${SERVICE_URL_PREFIX}.`,
    );
  }
  return definition;
}

/** JSON with object keys sorted, so two definitions compare by content, not key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    isObject(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((key) => [key, inner[key]]),
        )
      : inner,
  );
}

export function sameDefinition(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

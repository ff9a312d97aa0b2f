// What deploy:flow can check about a flow file before it talks to Twilio, so a mistake is found
// on a laptop with no account, and before anything is written: the structure Studio requires,
// the placeholders deploy:flow fills, and that each Run Function widget calls a function this
// project deploys with only parameters that endpoint accepts. What needs Twilio is listed in
// ONLINE_ONLY, so a dry run can say what it did not check.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkFlowDefinition,
  type Deployment,
  type FlowDefinition,
  FlowFillError,
  fillFlow,
  PLACEHOLDERS,
  parametersOf,
  SERVICE_URL_PREFIX,
  type State,
} from './definition';
import { ENDPOINT_PARAMETERS } from './endpoint-parameters';

export type Visibility = 'public' | 'protected' | 'private';

/** What Twilio needs to check, and so a dry run without credentials leaves out. */
export const ONLINE_ONLY = [
  'that the service is deployed to that environment, and its URL and function SIDs',
  "Studio's own validation of the flow (the Flow Validate API)",
  'whether the flow exists already (create or update)',
  'that the phone number belongs to the account',
] as const;

const PLACEHOLDER = /\$\{([^}]*)\}/g;
const WIDGET_REFERENCE = /\{\{[^}]*?\bwidgets\.([A-Za-z0-9_-]+)/g;
/** A Functions URL as the Console exports it, e.g. `https://name-1234-dev.twil.io/x`. */
const FIXED_FUNCTION_URL = /^https:\/\/[^/]+\.twil\.io(\/[^?#]*)$/;

/**
 * The functions this project deploys, by path, from the sources (as twilio-run names them:
 * `x.protected.ts` → `/x`, protected), so no build and no account is needed.
 */
export function localDeploySet(cwd: string): Map<string, Visibility> {
  const set = new Map<string, Visibility>();
  for (const file of readdirSync(join(cwd, 'src/functions'))) {
    if (file.endsWith('.d.ts')) continue;
    const match = /^(.+?)(?:\.(protected|private))?\.ts$/.exec(file);
    if (!match) continue;
    set.set(`/${match[1]}`, (match[2] as Visibility | undefined) ?? 'public');
  }
  return set;
}

/** Every string in a JSON value, with where it is (`states[3].properties.url`). */
function* stringsOf(value: unknown, where: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [where, value];
  else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* stringsOf(item, `${where}[${index}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* stringsOf(item, `${where}.${key}`);
  }
}

/**
 * Everything wrong with a flow file that can be seen without Twilio, as sentences; empty when
 * none. `deployed` is the deploy set the flow will be filled from (see localDeploySet).
 */
export function checkFlowOffline(template: unknown, deployed: Map<string, Visibility>): string[] {
  const structure = checkFlowDefinition(template);
  if (structure.length > 0) return structure;
  const flow = template as FlowDefinition;
  const problems: string[] = [];
  const names = new Set(flow.states.map((state) => state.name));

  for (const [index, state] of flow.states.entries()) {
    const service =
      state.type === 'run-function' &&
      typeof state.properties.url === 'string' &&
      state.properties.url.startsWith(SERVICE_URL_PREFIX);
    for (const [where, text] of stringsOf(state, `states[${index}]`)) {
      for (const [found, name = ''] of text.matchAll(PLACEHOLDER)) {
        if (!PLACEHOLDERS.includes(name)) {
          problems.push(
            `Widget "${state.name}" holds ${found} (${where}): the placeholders are ` +
              `${PLACEHOLDERS.map((known) => `\${${known}}`).join(', ')}.`,
          );
        } else if (!service) {
          problems.push(
            `Widget "${state.name}" holds ${found}, but placeholders are only filled in ` +
              `run-function widgets whose url starts with ${SERVICE_URL_PREFIX}.`,
          );
        }
      }
      for (const [, widget = ''] of text.matchAll(WIDGET_REFERENCE)) {
        if (!names.has(widget)) {
          problems.push(
            `Widget "${state.name}" uses widgets.${widget} (${where}): no such widget.`,
          );
        }
      }
    }
    if (service) problems.push(...checkServiceWidget(state, deployed));
    const fixed =
      state.type === 'run-function' && typeof state.properties.url === 'string'
        ? FIXED_FUNCTION_URL.exec(state.properties.url)
        : null;
    if (fixed?.[1] && deployed.has(fixed[1])) {
      problems.push(
        `Widget "${state.name}" calls ${state.properties.url} directly: put ` +
          `${SERVICE_URL_PREFIX}${fixed[1].slice(1)} back (a flow exported from the Console ` +
          'keeps the URL of one deployment).',
      );
    }
  }
  if (problems.length > 0) return problems;

  // Fill it as deploy:flow will, from a stand-in deployment of the local functions: whatever
  // fillFlow or Studio's structure rules would refuse later is found now.
  const standIn: Deployment = {
    serviceSid: `ZS${'0'.repeat(32)}`,
    environmentSid: `ZE${'0'.repeat(32)}`,
    domainName: 'example-1234-dev.twil.io',
    functions: [...deployed].map(([path, visibility]) => ({
      path,
      visibility,
      sid: `ZH${'0'.repeat(32)}`,
    })),
  };
  try {
    return checkFlowDefinition(fillFlow(flow, standIn));
  } catch (error) {
    if (error instanceof FlowFillError) return [error.message];
    throw error;
  }
}

function checkServiceWidget(state: State, deployed: Map<string, Visibility>): string[] {
  const path = `/${String(state.properties.url).slice(SERVICE_URL_PREFIX.length)}`;
  const where = `Widget "${state.name}"`;
  const visibility = deployed.get(path);
  if (visibility === undefined) {
    const known = [...deployed.keys()].sort().join(', ') || 'none';
    return [`${where} calls ${path}, which this project does not deploy (it has: ${known}).`];
  }
  if (visibility === 'private') {
    return [
      `${where} calls ${path}, which is private: Studio can call only public or protected functions.`,
    ];
  }
  const accepted = ENDPOINT_PARAMETERS[path];
  if (!accepted) return [`${where} calls ${path}, whose parameters are not listed here.`];
  return parametersOf(state)
    .filter(({ key }) => !accepted.includes(key))
    .map(
      ({ key }) =>
        `${where} passes "${key}" to ${path}, which does not take it (it takes: ${accepted.join(', ')}).`,
    );
}

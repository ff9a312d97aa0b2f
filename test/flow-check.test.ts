// deploy:flow's offline checks (scripts/flow/offline-check.ts) and its dry run without an
// account: each kind of mistake in a flow file is found before any call to Twilio, the shipped
// flow passes, and the CLI says in one line what is wrong, or what it could not check.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  type FlowDefinition,
  FlowFillError,
  placeholder,
  SERVICE_URL_PREFIX,
  type State,
} from '../scripts/flow/definition';
import { ENDPOINT_PARAMETERS, SCHEDULE_PARAMETERS } from '../scripts/flow/endpoint-parameters';
import { DeployFlowError, failureText } from '../scripts/flow/errors';
import { checkFlowOffline, localDeploySet, type Visibility } from '../scripts/flow/offline-check';

const ROOT = join(import.meta.dirname, '..');
const FLOW_FILE = join(ROOT, 'flows/scheduler.json');
const loadFlow = (): FlowDefinition => JSON.parse(readFileSync(FLOW_FILE, 'utf8'));
const DEPLOYED = new Map<string, Visibility>([
  ['/schedule-message', 'protected'],
  ['/cancel-message', 'protected'],
  ['/scheduled-messages', 'protected'],
  ['/reply', 'protected'],
]);

const widget = (flow: FlowDefinition, name: string): State => {
  const found = flow.states.find((state) => state.name === name);
  assert.ok(found, `the flow has ${name}`);
  return found;
};
const parameters = (state: State) =>
  state.properties.parameters as { key: string; value: string }[];

/** The shipped flow with one change made to it, and what the offline check says about it. */
function problemsAfter(change: (flow: FlowDefinition) => void, deployed = DEPLOYED): string {
  const flow = loadFlow();
  change(flow);
  return checkFlowOffline(flow, deployed).join('\n');
}

describe('deploy:flow offline checks', () => {
  it('the shipped flow passes them, against the functions in src/functions', () => {
    assert.deepEqual(checkFlowOffline(loadFlow(), localDeploySet(ROOT)), []);
  });

  it('the deploy set is read from src/functions as twilio-run names it', () => {
    const set = localDeploySet(ROOT);
    for (const [path, visibility] of DEPLOYED) assert.equal(set.get(path), visibility, path);
  });

  it('structure: a transition to a missing widget', () => {
    const problems = problemsAfter((flow) => {
      const transition = widget(flow, 'schedule_message').transitions[0];
      if (transition) transition.next = 'nowhere';
    });
    assert.match(problems, /"success" goes to "nowhere", no such widget/);
  });

  it('parameters: a key the endpoint does not take, named with what it does take', () => {
    const problems = problemsAfter((flow) => {
      parameters(widget(flow, 'schedule_message')).push({ key: 'sendat', value: '09:00' });
      parameters(widget(flow, 'cancel_scheduled')).push({ key: 'body', value: 'x' });
    });
    assert.match(
      problems,
      /"schedule_message" passes "sendat" to \/schedule-message, which does not take it \(it takes: to, number,/,
    );
    assert.match(problems, /"cancel_scheduled" passes "body" to \/cancel-message/);
  });

  it('parameters: every version 2 parameter is accepted where docs/endpoints.md says', () => {
    const v2 = [
      'idempotencyKey',
      'tag',
      'replace',
      'when',
      'quietDays',
      'locale',
      'repeat',
      'count',
      'until',
    ];
    assert.equal(
      problemsAfter((flow) => {
        const schedule = parameters(widget(flow, 'schedule_message'));
        for (const key of v2) {
          if (!schedule.some((parameter) => parameter.key === key))
            schedule.push({ key, value: `{{flow.variables.${key}}}` });
        }
        const cancel = parameters(widget(flow, 'cancel_scheduled'));
        cancel.splice(
          0,
          cancel.length,
          { key: 'tag', value: 'appt' },
          { key: 'series', value: 's' },
        );
      }),
      '',
    );
    assert.deepEqual(ENDPOINT_PARAMETERS['/scheduled-messages'], [
      'to',
      'number',
      'tag',
      'series',
      'cursor',
    ]);
    assert.ok(ENDPOINT_PARAMETERS['/message-status']?.includes('MessageStatus'));
    assert.ok(!(SCHEDULE_PARAMETERS as readonly string[]).includes('when'), 'v1 list unchanged');
  });

  it('endpoints: one this project does not deploy, or a private one', () => {
    const missing = problemsAfter((flow) => {
      widget(flow, 'cancel_scheduled').properties.url = `${SERVICE_URL_PREFIX}cancel-all`;
    });
    assert.match(
      missing,
      /calls \/cancel-all, which this project does not deploy \(it has: \/cancel-message,/,
    );
    const privately = problemsAfter(
      () => {},
      new Map([...DEPLOYED, ['/cancel-message', 'private' as const]]),
    );
    assert.match(privately, /\/cancel-message, which is private/);
  });

  it('placeholders: an unknown one, one outside a service widget, a URL exported from the Console', () => {
    const unknown = problemsAfter((flow) => {
      widget(flow, 'schedule_message').properties.function_sid = placeholder('FUNCTION');
    });
    assert.match(
      unknown,
      /holds \$\{FUNCTION\} \(states\[\d+\]\.properties\.function_sid\): the placeholders are/,
    );
    const outside = problemsAfter((flow) => {
      widget(flow, 'reply_scheduled').properties.body = `See ${SERVICE_URL_PREFIX}x`;
    });
    assert.match(
      outside,
      /"reply_scheduled" holds \$\{DOMAIN_NAME\}, but placeholders are only filled/,
    );
    const exported = problemsAfter((flow) => {
      widget(flow, 'cancel_scheduled').properties.url =
        'https://studio-message-scheduler-1234-dev.twil.io/cancel-message';
    });
    assert.match(
      exported,
      /calls https:\/\/studio-message-scheduler-1234-dev\.twil\.io\/cancel-message directly: put https:\/\/\$\{DOMAIN_NAME\}\/cancel-message back/,
    );
  });

  it('Liquid: a reply reading a widget that does not exist (renamed)', () => {
    const problems = problemsAfter((flow) => {
      widget(flow, 'schedule_message').name = 'schedule';
      for (const state of flow.states) {
        for (const transition of state.transitions) {
          if (transition.next === 'schedule_message') transition.next = 'schedule';
        }
      }
    });
    assert.match(problems, /"reply_scheduled" uses widgets\.schedule_message .*: no such widget/);
  });

  it('a FlowFillError is a DeployFlowError: printed as one line, like every user mistake', () => {
    const error = new FlowFillError(
      'Widget "x" calls /y, but the deployed build has no such function.',
    );
    assert.ok(error instanceof DeployFlowError);
    assert.equal(failureText(error), `deploy:flow: ${error.message}`);
    const bug = failureText(new TypeError('oops'));
    assert.match(bug, /^deploy:flow: unexpected failure \(a bug in deploy:flow/);
    assert.match(bug, /TypeError: oops\n\s+at /, 'a bug keeps its stack');
  });
});

describe('deploy:flow -- --dry-run with no account (the CLI)', () => {
  let scratch: string;
  /** The CLI with no Twilio credentials at all: exit code, stdout, stderr. */
  const cli = async (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
    return promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'scripts/deploy-flow.ts'),
        '--env',
        join(scratch, 'none.env'),
        ...args,
      ],
      { cwd: ROOT, env, timeout: 30_000 },
    ).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  };

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'flow-check-'));
  });
  after(() => rm(scratch, { recursive: true, force: true }));

  it('runs the offline checks, says which online checks it skipped, and exits 0', async () => {
    const result = await cli('--dry-run');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /flows\/scheduler\.json: offline checks passed/);
    assert.match(
      result.stdout,
      /Dry run without Twilio credentials \(service "studio-message-scheduler", environment "dev"\)/,
    );
    assert.match(result.stdout, /Studio's own validation/);
    assert.match(result.stdout, /Nothing was changed/);
    assert.equal(result.stderr, '');
  });

  it('a broken flow file: exit 1, the problems listed, no stack trace, nothing sent', async () => {
    const flow = loadFlow();
    parameters(widget(flow, 'schedule_message')).push({ key: 'sendat', value: 'x' });
    const path = join(scratch, 'broken.json');
    await writeFile(path, JSON.stringify(flow));
    const result = await cli('--dry-run', '--flow', path);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^deploy:flow: .*broken\.json has 1 problem; nothing was sent to Twilio:\n- Widget "schedule_message" passes "sendat"/,
    );
    assert.doesNotMatch(result.stderr, /\n\s+at |unexpected failure/);
  });

  it('a flow file that is not JSON, a bad option, a bad phone number: one line each', async () => {
    const path = join(scratch, 'not.json');
    await writeFile(path, '{ "states": ');
    for (const [args, expected] of [
      [['--flow', path], /^deploy:flow: .*not\.json is not valid JSON: /],
      [['--nope'], /^deploy:flow: Unknown option '--nope': see --help for the options\.$/],
      [['--flow'], /^deploy:flow: Option '--flow <value>' argument missing: see --help/],
      [
        ['--phone-number', '555-1234'],
        /^deploy:flow: The phone number "555-1234" is neither E\.164/,
      ],
      [
        ['--environment', 'x', '--production'],
        /^deploy:flow: Give --environment or --production, not both\.$/,
      ],
    ] as const) {
      const result = await cli('--dry-run', ...args);
      assert.equal(result.code, 1, args.join(' '));
      assert.match(result.stderr.trim(), expected);
      assert.equal(result.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}`);
    }
  });

  it('without --dry-run, no credentials is still an error (after the offline checks)', async () => {
    const result = await cli();
    assert.equal(result.code, 1);
    assert.match(result.stdout, /offline checks passed/);
    assert.match(result.stderr, /^deploy:flow: No Twilio credentials\./);
  });

  it('--help documents every option the parser accepts', async () => {
    const result = await cli('--help');
    assert.equal(result.code, 0);
    const source = readFileSync(join(ROOT, 'scripts/flow/config.ts'), 'utf8');
    const parser = source.slice(source.indexOf('function parse('));
    const accepted = [...parser.matchAll(/^\s+'?([a-z-]+)'?: \{ type:/gm)].map((m) => m[1]);
    assert.ok(accepted.length >= 10, `found the options: ${accepted.join(', ')}`);
    for (const option of accepted) {
      assert.match(result.stdout, new RegExp(`^\\s+(-h, )?--${option}\\b`, 'm'), `--${option}`);
    }
  });
});

// `tsx scripts/check-config.ts [--deploy] [--env FILE]`: checks the whole configuration in .env
// and lists every problem in one message, rather than one failing request at a time after
// deploying. Exit 1 on a problem. It always checks what a deploy needs: without --deploy (a
// builder checking .env by hand) those problems are marked "(for npm run deploy)", since a local
// start with the emulator does without them; `npm run deploy` runs it with --deploy first.
// `npm start` calls `configReport` (below) on the environment it is about to serve with.
import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type ConfigCheckOptions,
  type ConfigProblem,
  configProblems,
  describeProblems,
  type Env,
  readConfig,
} from '../src/input/config';
import { type ConsoleEnv, readConsoleSettings } from '../src/input/console-request';
import { readDotEnv } from './env-file';

/**
 * The console's variables: a problem with them, and before a deploy a CONSOLE_LOCAL_KEY (it
 * would let the local front's header in without a password; npm start makes its own per run).
 */
function consoleProblems(env: ConsoleEnv, forDeploy: boolean): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (forDeploy && env.CONSOLE_LOCAL_KEY !== undefined) {
    problems.push({
      name: 'CONSOLE_LOCAL_KEY',
      problem: 'must not be deployed: npm start makes its own for each run; remove it',
    });
  }
  const { CONSOLE_LOCAL_KEY: _, ...deployed } = env;
  // AUTH_TOKEN is never uploaded: Twilio gives it to the deployed functions (and npm start to
  // the local ones), so it is no problem that .env may not hold it.
  const source: ConsoleEnv = forDeploy ? deployed : env;
  const withToken = { ...source, AUTH_TOKEN: source.AUTH_TOKEN?.trim() || 't'.repeat(32) };
  const settings = readConsoleSettings(withToken);
  if (!settings.ok) {
    const name = settings.error.field ?? 'CONSOLE_PASSWORD';
    const text = String(settings.error.facts?.problems ?? '');
    problems.push({ name, problem: text.startsWith(name) ? text.slice(name.length + 1) : text });
  }
  return problems;
}

export interface ConfigReport {
  ok: boolean;
  /** Every problem (and warning), one per line, ready to print; empty when all is well. */
  text: string;
}

/** Marks a problem that only a deploy has, in a check made by hand. */
export const DEPLOY_ONLY_MARK = '(for npm run deploy)';

/**
 * Every problem with `env` in one message. `source` names where the values came from (".env").
 * With `forDeploy`, a missing MESSAGING_SERVICE_SID and a loopback TWILIO_API_BASE_URL count too;
 * with `markDeployOnly` as well, those are marked with DEPLOY_ONLY_MARK.
 */
export function configReport(
  env: Env,
  options: ConfigCheckOptions & { source?: string; markDeployOnly?: boolean } = {},
): ConfigReport {
  const problems = [
    ...configProblems(env, options),
    ...consoleProblems(env as ConsoleEnv, options.forDeploy === true),
  ];
  const atRunTime =
    options.forDeploy && options.markDeployOnly
      ? new Set(configProblems(env).map((problem) => describeProblems([problem])))
      : undefined;
  const mark = (problem: ConfigProblem): string =>
    atRunTime && !atRunTime.has(describeProblems([problem])) ? ` ${DEPLOY_ONLY_MARK}` : '';
  const config = readConfig(env);
  const warnings = config.ok ? config.value.warnings : [];
  const where = options.source ? ` in ${options.source}` : '';
  const lines: string[] = [];
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    lines.push(`The configuration${where} has ${count}:`);
    for (const problem of problems)
      lines.push(`  - ${describeProblems([problem])}${mark(problem)}`);
  }
  for (const warning of warnings) lines.push(`  (warning) ${warning}`);
  return { ok: problems.length === 0, text: lines.join('\n') };
}

/** The variables of a .env file; none when it does not exist. */
export const readEnvFile = (path: string): Env => readDotEnv(path);

function main(): void {
  const { values } = parseArgs({
    options: {
      deploy: { type: 'boolean', default: false },
      env: { type: 'string', default: '.env' },
    },
  });
  const path = resolve(values.env);
  const exists = existsSync(path);
  const report = configReport(readEnvFile(path), {
    forDeploy: true,
    markDeployOnly: !values.deploy,
    source: exists ? values.env : `${values.env} (not found)`,
  });
  if (report.text) (report.ok ? console.log : console.error)(report.text);
  if (!report.ok) {
    console.error(
      values.deploy
        ? 'Nothing was deployed. Fix these in the .env you deploy (see .env.example), then run npm run deploy again.'
        : 'Fix these (see .env.example), then try again.',
    );
    process.exitCode = 1;
  }
}

// Run as a command, not when imported (by scripts/start.ts or a test).
const invoked = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (invoked === realpathSync(__filename)) main();

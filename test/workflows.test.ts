// The GitHub Actions workflows, parsed: CI installs and tests with no secret; the deploy runs
// `twilio serverless:deploy` (the CLI and its plugin from their own lockfile, installed with
// `npm ci`, nothing resolved at run time) in a GitHub Environment, only from main, only when
// turned on, with the secrets given to the deploying steps alone; every action is pinned by
// commit SHA. And what that command would upload: the folders it reads from
// .twilioserverlessrc (through twilio-run's own reader) hold exactly the built functions and
// the assets. Runs on the build output: `npm test` builds first.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseEnv } from 'node:util';
import { fsHelpers } from '@twilio-labs/serverless-api';
import { parse as parseYaml } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
/** The deploy tools' own folder: package.json, package-lock.json. */
const TOOLS = '.github/deploy-tools';
/** The Twilio CLI as the deploy runs it: the locked install's. */
const LOCKED_TWILIO = `${TOOLS}/node_modules/.bin/twilio`;
const PLUGIN = '@twilio-labs/plugin-serverless';
/** A command as a person would type it with the CLI on their PATH. */
const asTyped = (command: string) => command.replace(`${LOCKED_TWILIO} `, 'twilio ');

interface Step {
  name?: string;
  'working-directory'?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string | { name: string };
  env?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowText = (name: string) => readFileSync(join(ROOT, '.github/workflows', name), 'utf8');
const readWorkflow = (name: string): Workflow => parseYaml(workflowText(name));
const WORKFLOWS = readdirSync(join(ROOT, '.github/workflows')).filter((name) =>
  /\.ya?ml$/.test(name),
);

/** Shell commands of a step, one per line: continuations joined, comments and spaces dropped. */
const commandsOf = (step: Step): string[] =>
  (step.run ?? '')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) =>
      line
        .replace(/\s#.*$/, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);

const allCommands = (workflow: Workflow): string[] =>
  Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap(commandsOf));

/** The flags a command passes (`--env`, `--runtime`, ...), and the value after each. */
function flagsOf(command: string): Map<string, string | undefined> {
  const words = command.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const flags = new Map<string, string | undefined>();
  for (const [index, word] of words.entries()) {
    if (!word.startsWith('--')) continue;
    const next = words[index + 1];
    flags.set(word, next === undefined || next.startsWith('--') ? undefined : next);
  }
  return flags;
}

/** A step that deploys: the only kind that may see a secret. */
const deploys = (step: Step) =>
  commandsOf(step).some(
    (command) =>
      command.includes('twilio serverless:deploy') || command.startsWith('npm run deploy:flow'),
  );

/** Every string in a value that mentions `secrets.`, with its path in the workflow. */
function* secretUses(value: unknown, path: string): Generator<string> {
  if (typeof value === 'string') {
    if (/\bsecrets\./.test(value)) yield path;
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* secretUses(item, `${path}[${index}]`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* secretUses(item, `${path}.${key}`);
  }
}

/**
 * Evaluates a job's `if` the way Actions would, for the one form these workflows use:
 * `a.b == 'x' && c.d == 'y'`. Anything else fails the test, so a new condition gets a look.
 */
function evaluateIf(condition: string, context: Record<string, string | undefined>): boolean {
  return condition.split('&&').every((term) => {
    const match = /^\s*([\w.]+)\s*==\s*'([^']*)'\s*$/.exec(term);
    assert.ok(match, `a condition this test can read: ${term}`);
    // An unset variable is '' in Actions.
    return (context[match[1] as string] ?? '') === match[2];
  });
}

describe('ci.yml', () => {
  const ci = readWorkflow('ci.yml');

  it('runs on pushes and pull requests: npm ci, then npm test, and sees no secret', () => {
    assert.ok('push' in ci.on && 'pull_request' in ci.on);
    assert.deepEqual(
      allCommands(ci).filter((command) => command.startsWith('npm ')),
      ['npm ci', 'npm test'],
    );
    assert.deepEqual([...secretUses(ci, 'ci')], []);
  });
});

describe('deploy.yml', () => {
  const deploy = readWorkflow('deploy.yml');
  const jobs = Object.entries(deploy.jobs);
  const deployJobs = jobs.filter(([, job]) => job.steps.some(deploys));
  const [deployJobName, deployJob] = deployJobs[0] ?? [];
  assert.ok(deployJob && deployJobName, 'a job that deploys');
  const deployCommand = allCommands(deploy).find((command) =>
    command.startsWith(`${LOCKED_TWILIO} serverless:deploy`),
  );
  const rc = JSON.parse(readFileSync(join(ROOT, '.twilioserverlessrc'), 'utf8')) as Record<
    string,
    unknown
  >;

  it('deploys with the Twilio CLI: twilio serverless:deploy, with the flags CI needs', () => {
    assert.equal(deployJobs.length, 1, 'one job deploys');
    assert.ok(deployCommand, `runs ${LOCKED_TWILIO} serverless:deploy`);
    const deploying = allCommands(deploy).filter((c) => c.includes('twilio serverless:deploy'));
    assert.deepEqual(deploying, [deployCommand], 'only the locked CLI deploys');
    const flags = flagsOf(deployCommand);
    assert.equal(flags.get('--service-name'), '"$SERVICE_NAME"');
    assert.equal(flags.get('--environment'), '"$DEPLOY_ENVIRONMENT"');
    assert.equal(flags.get('--runtime'), 'node22');
    assert.equal(flags.get('--runtime'), rc.runtime, 'the runtime of .twilioserverlessrc');
    assert.ok(flags.has('--override-existing-project'), 'CI has no .twiliodeployinfo');
    assert.equal(flags.get('--env'), '.env.example');
    assert.ok(flags.has('--load-system-env'), 'the variables are filled from the environment');
    // The folders come from .twilioserverlessrc, which the CLI plugin reads (flags in an npm
    // script would not reach it): no flag may contradict it.
    assert.ok(!flags.has('--functions-folder') && !flags.has('--assets-folder'));
    // The laptop command (twilio-run deploy, .env credentials) is not what CI runs.
    for (const command of allCommands(deploy)) {
      assert.ok(!/twilio-run|npm run deploy(\s|$)/.test(command), command);
    }
    assert.equal(deployJob.env?.SERVICE_NAME, `\${{ vars.SERVICE_NAME || '${rc.serviceName}' }}`);
  });

  it('installs the Twilio CLI and its Serverless plugin from their own lockfile, before deploying', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, TOOLS, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies?: unknown;
    };
    // Exactly the two tools, at exact versions.
    assert.deepEqual(Object.keys(pkg.dependencies).sort(), [PLUGIN, 'twilio-cli']);
    assert.equal(pkg.devDependencies, undefined);
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      assert.match(version, /^\d+\.\d+\.\d+$/, `${name} is pinned`);
    }
    // The lock matches them and pins every package it installs by its integrity hash (npm ci
    // fetches each from the configured registry and refuses one that does not match).
    const lock = JSON.parse(readFileSync(join(ROOT, TOOLS, 'package-lock.json'), 'utf8')) as {
      lockfileVersion: number;
      packages: Record<
        string,
        {
          version?: string;
          integrity?: string;
          link?: boolean;
          dependencies?: Record<string, string>;
        }
      >;
    };
    assert.ok(lock.lockfileVersion >= 2, 'a lock npm ci reads whole');
    assert.deepEqual(lock.packages['']?.dependencies, pkg.dependencies);
    for (const [name, version] of Object.entries(pkg.dependencies)) {
      assert.equal(lock.packages[`node_modules/${name}`]?.version, version, name);
    }
    const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
    assert.ok(installed.length > 100, 'the whole tree is locked, not just the two tools');
    for (const [path, entry] of installed) {
      assert.ok(!entry.link, `${path} is not a link`);
      assert.match(entry.integrity ?? '', /^sha512-/, `${path} has an integrity hash`);
    }

    const steps = deployJob.steps;
    const installAt = steps.findIndex(
      (step) =>
        step['working-directory'] === TOOLS &&
        commandsOf(step).some((c) => /^npm ci( |$)/.test(c) && c.includes('--ignore-scripts')),
    );
    assert.ok(installAt >= 0, `npm ci --ignore-scripts in ${TOOLS}`);
    const install = steps[installAt] as Step;
    assert.ok(
      commandsOf(install).includes(`twilio plugins:link ./node_modules/${PLUGIN}`),
      'the plugin is linked from the locked install',
    );
    assert.ok(
      commandsOf(install).some((c) => c.startsWith('export PATH="$PWD/node_modules/.bin:')),
      'the twilio it runs is the locked one',
    );
    const deployAt = steps.findIndex((step) =>
      commandsOf(step).some((c) => c.startsWith(`${LOCKED_TWILIO} serverless:deploy`)),
    );
    assert.ok(deployAt > installAt, 'deploys after installing them');
  });

  it('installs nothing at run time: no global install, no plugins:install, no npx', () => {
    for (const command of allCommands(deploy)) {
      assert.doesNotMatch(command, /\bnpm (install|i|add)\b/, command);
      assert.doesNotMatch(command, /(^|\s)(-g|--global)(\s|$)/, command);
      assert.doesNotMatch(command, /plugins:(install|add|update)|\bnpx\b|\byarn\b/, command);
    }
    for (const [name, job] of jobs) {
      const installs = job.steps.flatMap(commandsOf).filter((c) => /^npm ci( |$)/.test(c));
      assert.ok(installs.length > 0, `${name} installs from a lockfile`);
    }
  });

  it('no secret in the workflow or job env; secrets only in the env of the deploying steps', () => {
    assert.deepEqual([...secretUses(deploy.env ?? {}, 'env')], [], 'workflow-level env');
    for (const [name, job] of jobs) {
      assert.deepEqual([...secretUses(job.env ?? {}, `${name}.env`)], [], `${name}: job-level env`);
      for (const [index, step] of job.steps.entries()) {
        const uses = [...secretUses(step, `${name}.steps[${index}]`)];
        if (!deploys(step)) {
          assert.deepEqual(uses, [], `${name}: "${step.name ?? step.uses}" deploys nothing`);
          continue;
        }
        // In a deploying step, a secret may only be in its env, and nothing is installed there.
        const outsideEnv = [...secretUses({ ...step, env: undefined }, `${name}.steps[${index}]`)];
        assert.deepEqual(outsideEnv, [], 'secrets only through env');
        for (const command of commandsOf(step)) {
          assert.ok(!/\bnpm (ci|install)\b|plugins:(install|link)|\bnpx\b/.test(command), command);
        }
      }
    }
    const secretSteps = deployJob.steps.filter((step) => [...secretUses(step, '')].length > 0);
    assert.equal(secretSteps.length, 2, 'the functions deploy and the flow deploy');
    for (const step of secretSteps) {
      for (const name of ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET']) {
        assert.equal(step.env?.[name], `\${{ secrets.${name} }}`, `${step.name}: ${name}`);
      }
    }
  });

  it('the functions deploy gets every Service variable of .env.example, from a secret or a variable', () => {
    const step = deployJob.steps.find((s) =>
      commandsOf(s).some((c) => c.startsWith(`${LOCKED_TWILIO} serverless:deploy`)),
    );
    const env = step?.env ?? {};
    // Local-only entries: the credentials (never uploaded) and the emulator's address.
    const localOnly = ['ACCOUNT_SID', 'AUTH_TOKEN', 'TWILIO_API_BASE_URL'];
    const listed = Object.keys(parseEnv(readFileSync(join(ROOT, '.env.example'), 'utf8'))).filter(
      (name) => !localOnly.includes(name),
    );
    assert.ok(listed.includes('MESSAGING_SERVICE_SID'));
    for (const name of listed) {
      assert.match(env[name] ?? '', new RegExp(`^\\$\\{\\{ (secrets|vars)\\.${name}\\b`), name);
    }
    for (const [name, value] of Object.entries(env)) {
      assert.match(value, /^\$\{\{ (secrets|vars)\./, `${name} comes from a secret or variable`);
    }
  });

  it('deploys through a GitHub Environment, the same one it deploys to', () => {
    const environment = deployJob.environment;
    const name = typeof environment === 'string' ? environment : environment?.name;
    assert.equal(name, `\${{ vars.DEPLOY_ENVIRONMENT || 'dev' }}`);
    assert.equal(
      deployJob.env?.DEPLOY_ENVIRONMENT,
      name,
      'the Twilio environment is named the same',
    );
  });

  it('runs on push to main and by hand; a manual run from another branch deploys nothing', () => {
    assert.deepEqual((deploy.on.push as { branches: string[] }).branches, ['main']);
    assert.ok('workflow_dispatch' in deploy.on);
    const condition = deployJob.if ?? '';
    const enabled = { 'vars.DEPLOY_ENABLED': 'true' };
    assert.equal(evaluateIf(condition, { ...enabled, 'github.ref': 'refs/heads/main' }), true);
    assert.equal(evaluateIf(condition, { ...enabled, 'github.ref': 'refs/heads/feature' }), false);
    assert.equal(evaluateIf(condition, { ...enabled, 'github.ref': 'refs/tags/v1' }), false);
  });

  it('skips cleanly where deploys are off (a fork, no secrets): every job skipped, none red', () => {
    const fork = { 'github.ref': 'refs/heads/main' };
    for (const [name, job] of jobs) {
      assert.ok(job.if, `${name} has a job-level if`);
      assert.doesNotMatch(job.if ?? '', /secrets\./, 'secrets cannot be read in a job if');
      assert.equal(evaluateIf(job.if ?? '', fork), false, `${name} is skipped in a fork`);
      assert.equal(
        evaluateIf(job.if ?? '', { ...fork, 'vars.DEPLOY_ENABLED': 'false' }),
        false,
        `${name} is skipped when turned off`,
      );
    }
    // Deploy only what passed the tests.
    const needs = [deployJob.needs ?? []].flat();
    assert.ok(needs.length > 0, 'the deploy waits for the tests');
    for (const need of needs) {
      assert.ok(
        deploy.jobs[need]?.steps.some((step) => commandsOf(step).includes('npm test')),
        `${need} runs npm test`,
      );
    }
  });
});

describe('every workflow', () => {
  const SHA_PIN = /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/;

  it('pins each action by a full commit SHA, with its tag in a comment', () => {
    const pins = new Map<string, string>();
    for (const file of WORKFLOWS) {
      const lines = workflowText(file).split('\n');
      const usesLines = lines.filter((line) => /^\s*(-\s+)?uses:/.test(line));
      const parsed = Object.values(readWorkflow(file).jobs).flatMap((job) =>
        job.steps.flatMap((step) => (step.uses ? [step.uses] : [])),
      );
      assert.equal(usesLines.length, parsed.length, `${file}: every uses line is a step`);
      for (const line of usesLines) {
        const match = /uses:\s*(\S+)\s+#\s*(v\d+(\.\d+){0,2})\s*$/.exec(line);
        assert.ok(match, `${file}: "${line.trim()}" has a "# vX.Y.Z" comment`);
        const [, reference = '', tag = ''] = match;
        assert.match(reference, SHA_PIN, `${file}: ${reference}`);
        // The same action and tag is the same commit everywhere.
        const key = `${reference.split('@')[0]} ${tag}`;
        assert.equal(pins.get(key) ?? reference, reference, key);
        pins.set(key, reference);
      }
    }
    assert.ok(pins.size >= 2);
  });
});

describe('what twilio serverless:deploy would upload', () => {
  const require = createRequire(import.meta.url);
  // The reader the CLI plugin itself uses for .twilioserverlessrc (twilio-run's).
  const { readSpecializedConfig } = require('twilio-run/dist/config/global') as {
    readSpecializedConfig: (
      cwd: string,
      file: string,
      command: string,
      opts: Record<string, unknown>,
    ) => { functionsFolder?: string; assetsFolder?: string };
  };

  it('the functions folder holds exactly the build, and the assets folder exactly its files', async () => {
    const config = readSpecializedConfig(ROOT, '.twilioserverlessrc', 'deploy', {
      environmentSuffix: 'dev',
    });
    const { functionsFolder, assetsFolder } = config;
    assert.ok(functionsFolder && assetsFolder, 'both folders are set in .twilioserverlessrc');
    const listing = await fsHelpers.getListOfFunctionsAndAssets(ROOT, {
      functionsFolderNames: [functionsFolder],
      assetsFolderNames: [assetsFolder],
    });

    const builtDir = join(ROOT, functionsFolder);
    const built = existsSync(builtDir)
      ? readdirSync(builtDir, { recursive: true, encoding: 'utf8' }).filter((f) =>
          f.endsWith('.js'),
        )
      : [];
    const sources = readdirSync(join(ROOT, 'src/functions')).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.d.ts'),
    );
    assert.deepEqual(
      built.sort(),
      sources.map((f) => f.replace(/\.ts$/, '.js')).sort(),
      'one built .js per src/functions/*.ts: run `npm run build` first',
    );
    assert.deepEqual(
      listing.functions.map((fn) => fn.filePath).sort(),
      built.map((f) => join(builtDir, f)).sort(),
      'every built function, and nothing else',
    );
    for (const fn of listing.functions) {
      const suffix = /\.(protected|private)\.js$/.exec(fn.filePath)?.[1] ?? 'public';
      assert.equal(fn.access, suffix, fn.path);
    }

    const assetsDir = join(ROOT, assetsFolder);
    const assets = existsSync(assetsDir)
      ? readdirSync(assetsDir, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => join(entry.parentPath, entry.name))
      : [];
    assert.deepEqual(
      listing.assets.map((asset) => asset.filePath).sort(),
      assets.sort(),
      'every file of the assets folder, and nothing else',
    );
  });
});

describe('README and workflows agree', () => {
  /** The README and the pages of docs/ it leads to, where commands are shown. */
  const docsText = [
    readFileSync(join(ROOT, 'README.md'), 'utf8'),
    ...readdirSync(join(ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(join(ROOT, 'docs', name), 'utf8')),
  ].join('\n');

  /** The commands in the documentation's shell code blocks, continuations joined. */
  function readmeCommands(): string[] {
    const commands: string[] = [];
    let block: { shell: boolean; lines: string[] } | undefined;
    for (const line of docsText.split('\n')) {
      const fence = /^\s*```\s*([\w-]*)/.exec(line);
      if (fence && !block) {
        block = {
          shell: ['', 'sh', 'bash', 'shell', 'console'].includes(fence[1] ?? ''),
          lines: [],
        };
      } else if (fence && block) {
        if (block.shell) commands.push(...commandsOf({ run: block.lines.join('\n') }));
        block = undefined;
      } else {
        block?.lines.push(line.replace(/^\s*\$ /, ''));
      }
    }
    return commands;
  }
  const readme = readmeCommands();
  const readmeText = docsText;
  const deploy = readWorkflow('deploy.yml');

  it('shows the install and test commands CI runs', () => {
    const shown = new Set(readme.flatMap((command) => command.split(' && ')));
    for (const command of allCommands(readWorkflow('ci.yml'))) {
      assert.ok(shown.has(command), `README.md or docs/ shows \`${command}\``);
    }
  });

  it('shows twilio serverless:deploy and deploy:flow with every flag the deploy workflow passes', () => {
    for (const head of ['twilio serverless:deploy', 'npm run deploy:flow']) {
      const ran = allCommands(deploy)
        .map(asTyped)
        .find((command) => command.startsWith(head));
      assert.ok(ran, head);
      const shown = readme.filter((command) => command.startsWith(head));
      const covered = shown.some((command) =>
        [...flagsOf(ran).keys()].every((flag) => flagsOf(command).has(flag)),
      );
      assert.ok(
        covered,
        `README.md or docs/ shows \`${head}\` with ${[...flagsOf(ran).keys()].join(' ')}`,
      );
    }
  });

  it('names the locked Twilio CLI and plugin versions', () => {
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, TOOLS, 'package.json'), 'utf8'));
    for (const name of ['twilio-cli', PLUGIN]) {
      const pinned = `${name}@${dependencies[name]}`;
      assert.ok(readmeText.includes(pinned), `README.md names ${pinned}`);
    }
  });
});

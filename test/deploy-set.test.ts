// What `twilio serverless:deploy` would upload, listed by the same function twilio-run uses
// (@twilio-labs/serverless-api fsHelpers.getListOfFunctionsAndAssets), and whether each built
// function can run on its own there: Twilio installs `dependencies` only and supports no
// relative requires between deployed files. Runs on the build output: `npm test` builds first.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { fsHelpers } from '@twilio-labs/serverless-api';

const run = promisify(execFile);

const ROOT = join(import.meta.dirname, '..');
const FUNCTIONS_DIR = join(ROOT, 'functions');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>;
};
const DEPENDENCIES = Object.keys(pkg.dependencies ?? {});

const EXPECTED_FUNCTIONS = [
  { path: '/cancel-message', access: 'protected' },
  // The console: public, as a browser can't sign requests; 404 unless CONSOLE_PASSWORD is set,
  // and every action but sign-in needs its session token (docs/console.md).
  { path: '/console', access: 'public' },
  { path: '/console-api', access: 'public' },
  { path: '/message-status', access: 'protected' },
  { path: '/reply', access: 'protected' },
  { path: '/schedule-message', access: 'protected' },
  { path: '/scheduled-messages', access: 'protected' },
];
/**
 * Assets this service deploys: the lazy parts the build writes (scripts/lazy-parts.json), each
 * private. Adding one is a decision: list it here.
 */
const EXPECTED_ASSETS = [
  { path: '/recipient-numbers.js', access: 'private' },
  { path: '/texter-languages.js', access: 'private' },
  { path: '/when.js', access: 'private' },
];
const ASSETS_DIR = join(ROOT, 'assets');
/** Sources and build by-products: public if they ever land in assets/. */
const SOURCE_FILE = /\.(ts|mts|cts|map)$/;

type Listing = Awaited<ReturnType<typeof fsHelpers.getListOfFunctionsAndAssets>>;

/** The folders the deploy uses, from .twilioserverlessrc, as twilio-run reads them. */
function deployFolders(): { functionsFolder: unknown; assetsFolder: unknown } {
  const rc = JSON.parse(readFileSync(join(ROOT, '.twilioserverlessrc'), 'utf8')) as {
    functionsFolder?: unknown;
    assetsFolder?: unknown;
    commands?: { deploy?: { functionsFolder?: unknown; assetsFolder?: unknown } };
  };
  return {
    functionsFolder: rc.commands?.deploy?.functionsFolder ?? rc.functionsFolder,
    assetsFolder: rc.commands?.deploy?.assetsFolder ?? rc.assetsFolder,
  };
}

const list = (cwd: string): Promise<Listing> =>
  fsHelpers.getListOfFunctionsAndAssets(cwd, {
    functionsFolderNames: ['functions'],
    assetsFolderNames: ['assets'],
  });

const builtFiles = (): string[] =>
  existsSync(FUNCTIONS_DIR)
    ? readdirSync(FUNCTIONS_DIR, { recursive: true, encoding: 'utf8' }).filter((name) =>
        name.endsWith('.js'),
      )
    : [];

/** The package a bare specifier names: `a/b/c` -> `a`, `@s/a/b` -> `@s/a`. */
const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Every `require(...)` / `import(...)` in a bundle; `literal` is null when not a plain string. */
function requiresIn(source: string): { call: string; literal: string | null }[] {
  const calls = [...source.matchAll(/\b(?:require(?:\.resolve)?|import)\s*\(([^)]*)\)/g)];
  return calls.map((match) => {
    const literal = /^\s*(["'`])([^"'`$]*)\1\s*$/.exec(match[1] ?? '');
    return { call: match[0], literal: literal ? (literal[2] ?? '') : null };
  });
}

/** The lazy-part loader's require of a private asset (src/core/lazy-part.ts). */
const ASSET_LOAD = /^require\(lazyPartPath\(/;
const ASSET_LOAD_ANYWHERE = /\brequire\(lazyPartPath\(/;

/**
 * Every require of a bundle is a Node built-in or a package in dependencies, or the loader's
 * require of a private asset, whose path comes from Runtime.getAssets().
 */
function assertRequiresDeployed(source: string): void {
  const found = requiresIn(source).filter((r) => !ASSET_LOAD.test(r.call));
  assert.deepEqual(
    found.filter((r) => r.literal === null).map((r) => r.call),
    [],
    'a require that is not a plain string cannot be checked',
  );
  const bad = found
    .map((r) => r.literal ?? '')
    .filter((spec) => !isBuiltin(spec) && !DEPENDENCIES.includes(packageOf(spec)));
  assert.deepEqual(bad, [], `not a built-in nor in dependencies (${DEPENDENCIES.join(', ')})`);
}

describe('the deploy set (what twilio serverless:deploy uploads)', () => {
  let listing: Listing;

  before(async () => {
    listing = await list(ROOT);
  });

  it('uses functions/ and assets/, the folders listed here (.twilioserverlessrc)', () => {
    assert.deepEqual(deployFolders(), { functionsFolder: 'functions', assetsFolder: 'assets' });
  });

  it('has a built functions/*.js for each src/functions/*.ts, and nothing else built', () => {
    const sources = readdirSync(join(ROOT, 'src/functions'))
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
      .map((name) => name.replace(/\.ts$/, '.js'))
      .sort();
    assert.deepEqual(builtFiles().sort(), sources, 'run `npm run build` first');
  });

  it('deploys exactly the five flow endpoints, each protected, and the console\u2019s two, public', () => {
    const deployed = listing.functions
      .map(({ path, access }) => ({ path, access }))
      .sort((a, b) => a.path.localeCompare(b.path));
    assert.deepEqual(deployed, EXPECTED_FUNCTIONS);
  });

  it('deploys only the expected assets, and no source, declaration or source map', () => {
    const assets = listing.assets.map((asset) => asset.path).sort();
    assert.deepEqual(
      assets.filter((path) => SOURCE_FILE.test(path)),
      [],
      'these would be public',
    );
    assert.deepEqual(
      listing.assets
        .map(({ path, access }) => ({ path, access }))
        .sort((a, b) => a.path.localeCompare(b.path)),
      EXPECTED_ASSETS,
    );
  });

  it('deploys each asset from a .private.js file of assets/', () => {
    for (const asset of listing.assets) {
      assert.equal(dirname(asset.filePath), ASSETS_DIR, asset.filePath);
      assert.match(asset.filePath, /\.private\.js$/);
    }
  });

  it('deploys each function from a .js file of functions/', () => {
    for (const fn of listing.functions) {
      assert.equal(dirname(fn.filePath), FUNCTIONS_DIR, fn.filePath);
      const expected = EXPECTED_FUNCTIONS.find((e) => e.path === fn.path);
      if (expected?.access === 'public')
        assert.doesNotMatch(fn.filePath, /\.(protected|private)\.js$/);
      else assert.match(fn.filePath, /\.protected\.js$/);
    }
  });

  describe('without an assets/ folder (a checkout before the build: assets/ is build output)', () => {
    let scratch: string;

    before(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'deploy-set-'));
      await mkdir(join(scratch, 'functions'));
      for (const file of builtFiles()) {
        await copyFile(join(FUNCTIONS_DIR, file), join(scratch, 'functions', file));
      }
      // A folder twilio-run would fall back to for assets without the assetsFolder setting.
      await mkdir(join(scratch, 'static'));
      await writeFile(join(scratch, 'static', 'stray.ts'), 'export {};\n');
    });
    after(() => rm(scratch, { recursive: true, force: true }));

    it('still lists the same functions and no asset from another folder', async () => {
      const bare = await list(scratch);
      assert.deepEqual(
        bare.functions.map((fn) => fn.path).sort(),
        EXPECTED_FUNCTIONS.map((fn) => fn.path),
      );
      assert.deepEqual(bare.assets, [], 'assets/ is the only assets folder searched');
    });

    it('lists no asset with an empty assets/ folder either', async () => {
      await mkdir(join(scratch, 'assets'), { recursive: true });
      const empty = await list(scratch);
      assert.deepEqual(empty.assets, []);
      assert.equal(empty.functions.length, EXPECTED_FUNCTIONS.length);
    });

    it('would deploy static/ without the assetsFolder setting (why .twilioserverlessrc sets it)', async () => {
      await rm(join(scratch, 'assets'), { recursive: true, force: true });
      const defaults = await fsHelpers.getListOfFunctionsAndAssets(scratch);
      assert.deepEqual(
        defaults.assets.map((asset) => asset.path),
        ['/stray.ts'],
      );
    });
  });

  it('schedule-message deployed with its private assets finds the zone data and the time-in-words parser', async () => {
    // Both are lazy parts, found through Runtime.getAssets() as deployed (the runtime keeps
    // assets elsewhere than beside the functions: not in ../assets here); chrono-node is a
    // dependency, required on first use.
    const alone = await mkdtemp(join(tmpdir(), 'deploy-alone-'));
    try {
      await mkdir(join(alone, 'functions'));
      await mkdir(join(alone, 'elsewhere'));
      await copyFile(
        join(FUNCTIONS_DIR, 'schedule-message.protected.js'),
        join(alone, 'functions', 'schedule-message.protected.js'),
      );
      const assets: Record<string, { path: string }> = {};
      for (const { path } of EXPECTED_ASSETS) {
        const file = path.replace(/\.js$/, '.private.js').slice(1);
        await copyFile(join(ASSETS_DIR, file), join(alone, 'elsewhere', file));
        assets[path] = { path: join(alone, 'elsewhere', file) };
      }
      for (const dep of DEPENDENCIES) {
        const installed = join(ROOT, 'node_modules', dep);
        if (!existsSync(installed)) continue;
        await mkdir(dirname(join(alone, 'node_modules', dep)), { recursive: true });
        await symlink(installed, join(alone, 'node_modules', dep), 'dir');
      }
      const script = `
globalThis.Twilio = { Response: class { setStatusCode(c) { this.status = c } appendHeader() {} setBody(b) { this.body = b } } };
globalThis.Runtime = { getAssets: () => (${JSON.stringify(assets)}) };
const { handler } = require('./functions/schedule-message.protected.js');
const client = { messages: { create: async () => ({ sid: 'SM' + '0'.repeat(32), status: 'scheduled' }) } };
const context = { MESSAGING_SERVICE_SID: 'MG' + 'a'.repeat(32), REGISTRY: 'off', getTwilioClient: () => client };
const event = { to: '+19075550123', body: 'Hi', when: 'in 3 days at 9am', timeZone: 'recipient', quietHours: '21:00-08:00' };
console.log = () => {};
handler(context, event, (error, response) => process.stdout.write(JSON.stringify(response.body)));`;
      const { stdout } = await run(process.execPath, ['-e', script], {
        cwd: alone,
        env: { PATH: process.env.PATH ?? '', NODE_PATH: '' },
        timeout: 15_000,
      });
      const answer = JSON.parse(stdout) as {
        ok: boolean;
        timeZones?: string[];
        interpreted?: string;
      };
      assert.equal(answer.ok, true, stdout);
      assert.deepEqual(answer.timeZones, ['America/Adak', 'America/Anchorage']);
      assert.equal(answer.interpreted, 'in 3 days at 9am');
    } finally {
      await rm(alone, { recursive: true, force: true });
    }
  });

  describe('each built function runs when deployed alone', () => {
    for (const file of builtFiles()) {
      const source = readFileSync(join(FUNCTIONS_DIR, file), 'utf8');

      it(`${file}: requires only Node built-ins, packages in dependencies and private assets`, () => {
        assertRequiresDeployed(source);
      });

      it(`${file}: bundles no package from dependencies (the platform provides them)`, () => {
        // esbuild marks each bundled file with a `// path` comment: prove the marks are there.
        assert.match(source, /^\/\/ src\/functions\/.+\.ts$/m);
        for (const dep of DEPENDENCIES) {
          assert.doesNotMatch(source, new RegExp(`^// node_modules/${dep}/`, 'm'), dep);
        }
      });

      it(`${file}: loads in a fresh node process with nothing but dependencies installed`, async () => {
        // Alone in a folder outside the repo, next to a node_modules holding only the
        // `dependencies` (linked from ours): no src/, no devDependencies, no sibling files.
        const alone = await mkdtemp(join(tmpdir(), 'deploy-alone-'));
        try {
          await mkdir(join(alone, 'functions'));
          await copyFile(join(FUNCTIONS_DIR, file), join(alone, 'functions', file));
          for (const dep of DEPENDENCIES) {
            const installed = join(ROOT, 'node_modules', dep);
            if (!existsSync(installed)) continue;
            await mkdir(dirname(join(alone, 'node_modules', dep)), { recursive: true });
            await symlink(installed, join(alone, 'node_modules', dep), 'dir');
          }
          const script = `const m = require(${JSON.stringify(`./functions/${file}`)});
if (typeof m.handler !== 'function') { console.error('no exports.handler'); process.exit(2); }`;
          const { stderr } = await run(process.execPath, ['-e', script], {
            cwd: alone,
            env: { PATH: process.env.PATH ?? '', NODE_PATH: '' },
            timeout: 15_000,
          });
          assert.equal(stderr, '');
        } finally {
          await rm(alone, { recursive: true, force: true });
        }
      });
    }
  });

  describe('each private asset runs when deployed', () => {
    for (const { path } of EXPECTED_ASSETS) {
      const file = path.replace(/\.js$/, '.private.js').slice(1);
      it(`${file}: requires only Node built-ins and packages in dependencies, bundles none`, () => {
        const source = readFileSync(join(ASSETS_DIR, file), 'utf8');
        assertRequiresDeployed(source);
        assert.doesNotMatch(source, ASSET_LOAD_ANYWHERE, 'a part loads no other part');
        assert.match(source, /^\/\/ src\/.+\.ts$/m);
        for (const dep of DEPENDENCIES) {
          assert.doesNotMatch(source, new RegExp(`^// node_modules/${dep}/`, 'm'), dep);
        }
      });
    }
  });
});

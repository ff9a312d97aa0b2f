// Code only some requests need ships as private assets, not in the functions (cold start: V8
// parses a function's whole file when it loads). The built functions hold none of it; each part's
// asset holds it; a request that needs a part loads it through Runtime.getAssets() (the runtime
// stand-in, then twilio-run's local server) and one that does not never loads it; without a
// Twilio runtime the part is found beside the functions. Runs on the build output.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import PARTS from '../scripts/lazy-parts.json';
import { type LocalStack, ROOT, startLocalStack } from '../scripts/local-stack';
import { lazyPart, lazyPartPath } from '../src/core/lazy-part';
import { tableFor } from '../src/edge/error-words';
import { invoke, loadFunction } from './support/functions';

const require = createRequire(import.meta.url);
const FUNCTIONS_DIR = join(ROOT, 'functions');
const ASSETS_DIR = join(ROOT, 'assets');
const PART_NAMES = Object.keys(PARTS) as (keyof typeof PARTS)[];
const assetFile = (part: string) => join(ASSETS_DIR, `${part}.private.js`);

/** The modules esbuild marks in a bundle (`// src/time/when.ts`). */
const modulesIn = (source: string): Set<string> =>
  new Set([...source.matchAll(/^\/\/ ((?:src|node_modules)\/\S+)$/gm)].map((m) => m[1] ?? ''));

/** Besides the listed modules, what they bring that must stay out too: the heavy data. */
const BROUGHT: Record<keyof typeof PARTS, string[]> = {
  'recipient-numbers': ['src/time/number-metadata.ts'],
  'texter-languages': [],
  when: ['src/time/when-words.ts', 'src/time/when-chrono.ts'],
};

describe('the built functions leave the lazy parts out', () => {
  const functions = readdirSync(FUNCTIONS_DIR).filter((file) => file.endsWith('.js'));

  it('builds one private asset per part, holding its modules', () => {
    assert.deepEqual(
      readdirSync(ASSETS_DIR).sort(),
      PART_NAMES.map((part) => `${part}.private.js`).sort(),
    );
    for (const part of PART_NAMES) {
      const held = modulesIn(readFileSync(assetFile(part), 'utf8'));
      for (const module of [...PARTS[part], ...BROUGHT[part]]) assert.ok(held.has(module), module);
    }
    const numbers = modulesIn(readFileSync(assetFile('recipient-numbers'), 'utf8'));
    assert.ok([...numbers].some((module) => module.startsWith('node_modules/libphonenumber-js/')));
  });

  for (const file of functions) {
    it(`${file} holds no module of a lazy part`, () => {
      const source = readFileSync(join(FUNCTIONS_DIR, file), 'utf8');
      const held = modulesIn(source);
      // A function that words errors loads the texter's tables through the loader (the
      // console's page function words none, and holds no part at all).
      if (file !== 'console.js') {
        assert.ok(held.has('src/core/lazy-part.ts'));
        assert.match(source, /^\/\/ lazy-part:src\/edge\/messages\/fr\.ts$/m);
      }
      const lazy = PART_NAMES.flatMap((part) => [...PARTS[part], ...BROUGHT[part]]);
      assert.deepEqual(
        lazy.filter((module) => held.has(module)),
        [],
      );
      assert.deepEqual(
        [...held].filter((module) => module.startsWith('node_modules/libphonenumber-js/')),
        [],
      );
    });
  }
});

describe('lazyPartPath: where a part is found', () => {
  const global = globalThis as { Runtime?: unknown };
  let saved: unknown;
  before(() => {
    saved = global.Runtime;
  });
  after(() => {
    global.Runtime = saved;
  });

  it("deployed: the private asset's path, from Runtime.getAssets()", () => {
    global.Runtime = { getAssets: () => ({ '/when.js': { path: '/deployed/when-123.js' } }) };
    assert.equal(lazyPartPath('when', '/unused'), '/deployed/when-123.js');
  });

  it('deployed without the asset: a clear error, not a guess', () => {
    global.Runtime = { getAssets: () => ({}) };
    assert.throws(() => lazyPartPath('when', '/unused'), /private asset \/when\.js is missing/);
  });

  it('with no Twilio runtime: <name>.private.js in the folder given', () => {
    global.Runtime = undefined;
    assert.equal(lazyPartPath('when', '/x/assets'), '/x/assets/when.private.js');
  });

  it("lazyPart returns the asset's exports", () => {
    const dir = mkdtempSync(join(tmpdir(), 'lazy-part-'));
    try {
      writeFileSync(join(dir, 'probe.private.js'), 'module.exports = { "src/x.ts": { n: 42 } };');
      global.Runtime = undefined;
      assert.deepEqual(lazyPart('probe', dir)['src/x.ts'], { n: 42 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const SERVICE = `MG${'a'.repeat(32)}`;
/** Twilio's answer to a create, the only thing faked: our code runs as built. */
const client = {
  messages: { create: async () => ({ sid: `SM${'0'.repeat(32)}`, status: 'scheduled' }) },
};
const context = { MESSAGING_SERVICE_SID: SERVICE, REGISTRY: 'off', getTwilioClient: () => client };
const RECIPIENT = { to: '+19075550123', body: 'Hi', at: '09:00', timeZone: 'recipient' };
const WHEN = { to: '+15551234567', body: 'Hi', when: 'in 3 days', timeZone: 'UTC' };
const FRENCH_ERROR = { to: '555-1234', body: 'Hi', minutes: '30', locale: 'fr-FR' };

describe('through the built functions, each part loads on the first request that needs it', () => {
  const loaded = () => PART_NAMES.filter((part) => require.cache[assetFile(part)] !== undefined);
  const quiet = console.log;
  before(() => {
    const runtime = (globalThis as { Runtime?: { getAssets?: unknown } }).Runtime;
    assert.equal(typeof runtime?.getAssets, 'function', 'the stand-in gives Runtime.getAssets()');
    console.log = () => {};
  });
  after(() => {
    console.log = quiet;
  });

  it('loading every function loads no part', () => {
    for (const file of readdirSync(FUNCTIONS_DIR))
      loadFunction(file.replace(/(\.protected)?\.js$/, ''));
    assert.deepEqual(loaded(), []);
  });

  it('a plain request loads none', async () => {
    const answer = await invoke(loadFunction('schedule-message'), context, {
      to: '+15551234567',
      body: 'Hi',
      minutes: '60',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(loaded(), []);
  });

  it('a French error is French, from texter-languages', async () => {
    const answer = await invoke(loadFunction('schedule-message'), context, FRENCH_ERROR);
    assert.equal(answer.body.error?.code, 'INVALID_TO');
    assert.equal(answer.body.error?.message, tableFor('fr').messages.INVALID_TO);
    assert.deepEqual(loaded(), ['texter-languages']);
  });

  it('timeZone=recipient finds +1 907 in Adak and Anchorage, from recipient-numbers', async () => {
    const answer = await invoke(loadFunction('schedule-message'), context, RECIPIENT);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.timeZones, ['America/Adak', 'America/Anchorage']);
    assert.deepEqual(loaded(), ['recipient-numbers', 'texter-languages']);
  });

  it('when is read, from the when part', async () => {
    const answer = await invoke(loadFunction('schedule-message'), context, WHEN);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.interpreted, 'in 3 days');
    assert.deepEqual(loaded().sort(), [...PART_NAMES].sort());
  });
});

describe("through twilio-run's local server (Runtime.getAssets() over assets/)", {
  timeout: 120_000,
}, () => {
  let stack: LocalStack;
  const post = async (event: Record<string, string>) => {
    const response = await fetch(`${stack.url}/schedule-message`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  before(async () => {
    stack = await startLocalStack({
      env: { REGISTRY: 'off' },
      stdio: 'ignore',
      startTimeoutMs: 60_000,
    });
  });
  after(() => stack?.stop());

  it('answers a French error, timeZone=recipient and when', async () => {
    const french = await post(FRENCH_ERROR);
    const error = french.body.error as { code?: string; message?: string } | undefined;
    assert.equal(error?.code, 'INVALID_TO');
    assert.equal(error?.message, tableFor('fr').messages.INVALID_TO);
    const recipient = await post(RECIPIENT);
    assert.equal(recipient.status, 200, JSON.stringify(recipient.body));
    assert.deepEqual(recipient.body.timeZones, ['America/Adak', 'America/Anchorage']);
    const when = await post(WHEN);
    assert.equal(when.status, 200, JSON.stringify(when.body));
    assert.equal(when.body.interpreted, 'in 3 days');
  });
});

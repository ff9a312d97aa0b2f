// Twilio's OpenAPI descriptions come from a pinned devDependency (@twilio-alpha/mcp), so the
// Prism tests need nothing after `npm ci`: no `npm pack`, no network, even with a cold cache.
// Also checks the two rewrites Prism needs and that Prism serves the Sync description.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { MCP_PACKAGE, prismSpecPath, SPEC_DIR, twilioSpecPath } from './support/openapi';
import { type PrismServer, startPrism } from './support/prism';

const ROOT = join(import.meta.dirname, '..');
const SPECS = ['twilio_api_v2010.json', 'twilio_studio_v2.json', 'twilio_sync_v1.json'] as const;

interface FormBody {
  schema: { properties: Record<string, { type?: string; pattern?: string }> };
  encoding?: Record<string, { style?: string; explode?: boolean }>;
}
const formBodyOf = (spec: unknown, path: string): FormBody =>
  (
    spec as {
      paths: Record<string, { post: { requestBody: { content: Record<string, FormBody> } } }>;
    }
  ).paths[path]?.post.requestBody.content['application/x-www-form-urlencoded'] as FormBody;

describe('Twilio OpenAPI descriptions: a pinned devDependency', () => {
  it('package.json pins @twilio-alpha/mcp exactly, and the lock file holds its integrity', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const pinned = pkg.devDependencies?.[MCP_PACKAGE] as string;
    assert.match(pinned, /^\d+\.\d+\.\d+$/, 'an exact version, no range');
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const locked = lock.packages[`node_modules/${MCP_PACKAGE}`];
    assert.equal(locked.version, pinned);
    assert.match(locked.integrity, /^sha512-/);
    assert.equal(locked.dev, true);
  });

  it('reads each description from node_modules, as published', () => {
    for (const name of SPECS) {
      const path = twilioSpecPath(name);
      assert.equal(path, join(SPEC_DIR, name));
      assert.ok(path.startsWith(join(ROOT, 'node_modules', MCP_PACKAGE)), path);
      const spec = JSON.parse(readFileSync(path, 'utf8')) as { openapi: string };
      assert.match(spec.openapi, /^3\./, name);
    }
  });

  it('a cold cache is filled with no network and no child process (npm pack is gone)', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'twilio-oai-'));
    try {
      // The child makes every way out of the process throw, then builds each Prism copy.
      const script = `
        import childProcess from 'node:child_process';
        import net from 'node:net';
        import { syncBuiltinESMExports } from 'node:module';
        const refuse = (what) => () => { throw new Error('offline: ' + what + ' was called'); };
        for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) {
          childProcess[name] = refuse('child_process.' + name);
        }
        net.Socket.prototype.connect = refuse('net.Socket.connect');
        globalThis.fetch = refuse('fetch');
        syncBuiltinESMExports();
        const loaded = await import(${JSON.stringify(join(ROOT, 'test/support/openapi.ts'))});
        // A .ts module of this CommonJS package comes back as a default export.
        const { prismSpecPath } = loaded.default ?? loaded;
        for (const name of ${JSON.stringify(SPECS)}) console.log(await prismSpecPath(name));
      `;
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { cwd: ROOT, env: { ...process.env, TWILIO_OAI_CACHE_DIR: cache }, timeout: 60_000 },
      );
      const written = stdout.trim().split('\n');
      assert.equal(written.length, SPECS.length);
      for (const path of written) assert.ok(path.startsWith(cache), path);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it('the Prism copy: form arrays get their encoding, Sync `Data` becomes JSON object text', async () => {
    const api = JSON.parse(await readFile(await prismSpecPath('twilio_api_v2010.json'), 'utf8'));
    const messages = formBodyOf(api, '/2010-04-01/Accounts/{AccountSid}/Messages.json');
    assert.equal(messages.schema.properties.MediaUrl?.type, 'array');
    assert.deepEqual(messages.encoding?.MediaUrl, {
      style: 'form',
      explode: true,
      allowReserved: true,
    });
    const original = formBodyOf(
      JSON.parse(readFileSync(twilioSpecPath('twilio_api_v2010.json'), 'utf8')),
      '/2010-04-01/Accounts/{AccountSid}/Messages.json',
    );
    assert.equal(original.encoding?.MediaUrl, undefined, 'the published file is left as it is');

    const sync = JSON.parse(await readFile(await prismSpecPath('twilio_sync_v1.json'), 'utf8'));
    const data = formBodyOf(sync, '/v1/Services/{ServiceSid}/Maps/{MapSid}/Items').schema.properties
      .Data;
    assert.equal(data?.type, 'string');
    assert.ok(new RegExp(data?.pattern ?? '').test('{"a":1}'));
    assert.ok(!new RegExp(data?.pattern ?? '').test('[1]'));
    assert.equal(
      await prismSpecPath('twilio_sync_v1.json'),
      await prismSpecPath('twilio_sync_v1.json'),
    );
  });
});

describe('Prism serving the Sync v1 description', () => {
  let prism: PrismServer;
  const auth = `Basic ${Buffer.from(`AC${'1'.repeat(32)}:${'x'.repeat(32)}`).toString('base64')}`;
  const createItem = (body: string) =>
    fetch(`${prism.url}/v1/Services/default/Maps/scheduled/Items`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      signal: AbortSignal.timeout(20_000),
    });

  before(async () => {
    prism = await startPrism('twilio_sync_v1.json');
  });
  after(() => prism?.stop());

  it('accepts a Map item create as twilio-node sends it (Key, Data as JSON text, ItemTtl)', async () => {
    const body = new URLSearchParams({ Key: 'k', Data: '{"a":1}', ItemTtl: '3600' });
    const response = await createItem(body.toString());
    assert.equal(response.status, 201, await response.text());
  });

  it('refuses one without Key, or with Data that is not an object, or a TTL that is not a number', async () => {
    const bodies: Record<string, string>[] = [
      { Data: '{"a":1}' },
      { Key: 'k', Data: 'not json' },
      { Key: 'k', Data: '{}', ItemTtl: 'soon' },
    ];
    for (const body of bodies) {
      const response = await createItem(new URLSearchParams(body).toString());
      assert.equal(response.status, 422, JSON.stringify(body));
      await response.arrayBuffer();
    }
  });
});

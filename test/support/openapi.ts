// Twilio's OpenAPI descriptions (twilio-oai), as shipped in the npm package @twilio-alpha/mcp.
// The package is never installed: `npm pack` fetches its tarball from the registry and `tar`
// extracts just the JSON files we need into node_modules/.cache/twilio-oai/ (git-ignored with
// node_modules). Later runs find them there and touch neither npm nor the network.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TwilioSpec = 'twilio_api_v2010.json' | 'twilio_studio_v2.json';

const SPECS: readonly TwilioSpec[] = ['twilio_api_v2010.json', 'twilio_studio_v2.json'];

/** Pinned: a new twilio-oai may describe the API differently; upgrade on purpose. */
export const MCP_PACKAGE = '@twilio-alpha/mcp@0.7.0';
/** What the registry published for that version (npm verifies the download against it too). */
const MCP_INTEGRITY =
  'sha512-YsUde1pMXwqHm8Cvq9JdtsyvclVCC/f/V+FmxTNN04u5Qt5aapkbQgcfqBYQ0xcmvATBNswgPDo3MPVaCtZK8Q==';
/** Where the JSON descriptions sit inside the tarball. */
const SPEC_DIR_IN_TARBALL = 'package/twilio-oai/spec/json';

const ROOT = join(import.meta.dirname, '../..');
export const SPEC_CACHE_DIR = join(ROOT, 'node_modules/.cache/twilio-oai/mcp-0.7.0');

const NPM_TIMEOUT_MS = 120_000;

let pending: Promise<void> | undefined;

/** Path of Twilio's description, exactly as published; fetched once, then cached. */
export async function twilioSpecPath(name: TwilioSpec): Promise<string> {
  const target = join(SPEC_CACHE_DIR, name);
  if (!existsSync(target)) {
    pending ??= fetchSpecs().finally(() => {
      pending = undefined;
    });
    await pending;
  }
  return target;
}

async function fetchSpecs(): Promise<void> {
  await mkdir(SPEC_CACHE_DIR, { recursive: true });
  // Other test processes may do the same at the same time: each works in its own folder and
  // renames finished files into place (atomic, identical content).
  const work = await mkdtemp(join(SPEC_CACHE_DIR, 'tmp-'));
  try {
    const { stdout } = await run(
      'npm',
      ['pack', MCP_PACKAGE, '--json', '--pack-destination', work, '--ignore-scripts'],
      { cwd: work, timeout: NPM_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
    );
    const [packed] = JSON.parse(stdout) as { filename: string; integrity: string }[];
    if (!packed) throw new Error(`npm pack ${MCP_PACKAGE} reported nothing`);
    if (packed.integrity !== MCP_INTEGRITY) {
      throw new Error(
        `npm pack ${MCP_PACKAGE}: integrity ${packed.integrity}, expected ${MCP_INTEGRITY}`,
      );
    }
    const members = SPECS.map((name) => `${SPEC_DIR_IN_TARBALL}/${name}`);
    await run('tar', ['-xzf', join(work, packed.filename), '-C', work, ...members], {
      timeout: NPM_TIMEOUT_MS,
    });
    for (const name of SPECS) {
      const extracted = join(work, SPEC_DIR_IN_TARBALL, name);
      const spec = JSON.parse(await readFile(extracted, 'utf8')) as { openapi?: unknown };
      if (typeof spec.openapi !== 'string') throw new Error(`${name} is not an OpenAPI document`);
      await rename(extracted, join(SPEC_CACHE_DIR, name));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface MediaTypeObject {
  schema?: { properties?: Record<string, { type?: unknown }> };
  encoding?: Record<string, Record<string, unknown>>;
}

/**
 * Twilio's description, made explicit where Prism needs it: a form-encoded array property
 * (`MediaUrl`, `StatusCallbackEvent`, ...) gets the encoding OpenAPI 3 defines as the default
 * for form bodies, `style: form, explode: true` (repeated keys). Prism 5.14 applies no default:
 * without it every array in a form body is refused as "must be array". `allowReserved` keeps
 * Prism from refusing URL-encoded reserved characters (`+` for a space) in such values.
 * Nothing else changes: types, patterns, enums, formats and required lists are Twilio's.
 * Prism still keeps only the last value of a repeated key (its form parser is last-wins), so a
 * test that cares about every value must look at the raw request as well.
 */
export async function prismSpecPath(name: TwilioSpec): Promise<string> {
  // The suffix names this version of the rewrite: change it when the rewrite changes.
  const target = join(SPEC_CACHE_DIR, name.replace(/\.json$/, '.prism-1.json'));
  if (existsSync(target)) return target;
  const spec = JSON.parse(await readFile(await twilioSpecPath(name), 'utf8')) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, MediaTypeObject> } }>
    >;
  };
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      const form = operation?.requestBody?.content?.['application/x-www-form-urlencoded'];
      for (const [property, schema] of Object.entries(form?.schema?.properties ?? {})) {
        if (!form || schema.type !== 'array' || form.encoding?.[property]) continue;
        form.encoding = {
          ...form.encoding,
          [property]: { style: 'form', explode: true, allowReserved: true },
        };
      }
    }
  }
  const temporary = `${target}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify(spec));
  await rename(temporary, target);
  return target;
}

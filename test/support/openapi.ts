// Twilio's OpenAPI descriptions (twilio-oai), as shipped in the npm package @twilio-alpha/mcp, a
// pinned devDependency (exact version, integrity in package-lock.json): `npm ci` installs them
// and the tests read them from node_modules, with no npm call and no network. The copies Prism
// needs (see prismSpecPath) are written once to node_modules/.cache/twilio-oai/ (or to
// $TWILIO_OAI_CACHE_DIR, which the tests use to prove a cold cache needs no network either).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type TwilioSpec = 'twilio_api_v2010.json' | 'twilio_studio_v2.json' | 'twilio_sync_v1.json';

/** The package that ships twilio-oai/spec/json/, and where it puts them. */
export const MCP_PACKAGE = '@twilio-alpha/mcp';
const ROOT = join(import.meta.dirname, '../..');
const PACKAGE_DIR = join(ROOT, 'node_modules', MCP_PACKAGE);
export const SPEC_DIR = join(PACKAGE_DIR, 'twilio-oai/spec/json');

/** The installed version; it names the cache, so an upgrade never reuses an older rewrite. */
function installedVersion(): string {
  const manifest = join(PACKAGE_DIR, 'package.json');
  if (!existsSync(manifest)) {
    throw new Error(
      `${MCP_PACKAGE} is not installed (it is a devDependency): run \`npm ci\` first.`,
    );
  }
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Path of Twilio's description, exactly as published, inside node_modules. */
export function twilioSpecPath(name: TwilioSpec): string {
  const path = join(SPEC_DIR, name);
  if (!existsSync(path)) {
    throw new Error(`${name} is not in ${MCP_PACKAGE}@${installedVersion()} (${SPEC_DIR}).`);
  }
  return path;
}

interface MediaTypeObject {
  schema?: { properties?: Record<string, Record<string, unknown>> };
  encoding?: Record<string, Record<string, unknown>>;
}

/** A form value holding a JSON object, as twilio-node sends one (`JSON.stringify`). */
const JSON_OBJECT_TEXT = { type: 'string', pattern: '^\\s*\\{[\\s\\S]*\\}\\s*$' };

/**
 * Twilio's description, made explicit where Prism needs it: a form-encoded array property
 * (`MediaUrl`, `StatusCallbackEvent`, ...) gets the encoding OpenAPI 3 defines as the default
 * for form bodies, `style: form, explode: true` (repeated keys). Prism 5.14 applies no default:
 * without it every array in a form body is refused as "must be array". `allowReserved` keeps
 * Prism from refusing URL-encoded reserved characters (`+` for a space) in such values.
 * A form-encoded `type: object` property (Sync's `Data`) is sent by twilio-node, and taken by
 * Twilio, as JSON text; Prism would refuse any string there ("must be object"), so it becomes
 * a string that must hold a JSON object (`{...}`).
 * Nothing else changes: the other types, patterns, enums, formats and required lists are
 * Twilio's. Prism still keeps only the last value of a repeated key (its form parser is
 * last-wins), so a test that cares about every value must look at the raw request as well.
 * Written once per package version and rewrite version, then read from the cache.
 */
export async function prismSpecPath(name: TwilioSpec): Promise<string> {
  const source = twilioSpecPath(name);
  const cacheRoot =
    process.env.TWILIO_OAI_CACHE_DIR || join(ROOT, 'node_modules/.cache/twilio-oai');
  const cacheDir = join(cacheRoot, `mcp-${installedVersion()}`);
  // The suffix names this version of the rewrite: change it when the rewrite changes.
  const target = join(cacheDir, name.replace(/\.json$/, '.prism-2.json'));
  if (existsSync(target)) return target;
  const spec = JSON.parse(await readFile(source, 'utf8')) as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, MediaTypeObject> } }>
    >;
  };
  for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
      const form = operation?.requestBody?.content?.['application/x-www-form-urlencoded'];
      const properties = form?.schema?.properties ?? {};
      for (const [property, schema] of Object.entries(properties)) {
        if (form && schema.type === 'array' && !form.encoding?.[property]) {
          form.encoding = {
            ...form.encoding,
            [property]: { style: 'form', explode: true, allowReserved: true },
          };
        }
        if (schema.type === 'object') {
          properties[property] = { ...JSON_OBJECT_TEXT, description: schema.description };
        }
      }
    }
  }
  // Other test processes may write the same file at the same time: each writes its own
  // temporary file and renames it into place (atomic, identical content).
  await mkdir(cacheDir, { recursive: true });
  const temporary = `${target}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify(spec));
  await rename(temporary, target);
  return target;
}

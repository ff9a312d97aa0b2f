// Writes docs/openapi.json from the endpoint declarations; `--check` only says whether it is
// current (the tests run the same check).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openApiText } from './contract/openapi-document';

const ROOT = join(import.meta.dirname, '..');
export const OPENAPI_PATH = join(ROOT, 'docs', 'openapi.json');

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
const text = openApiText(version);
if (values.check) {
  let current = '';
  try {
    current = readFileSync(OPENAPI_PATH, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('docs/openapi.json is out of date: run npm run openapi');
    process.exit(1);
  }
  console.log('docs/openapi.json is current');
} else {
  writeFileSync(OPENAPI_PATH, text);
  console.log('wrote docs/openapi.json');
}

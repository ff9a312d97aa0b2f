// The docs' parameter and error tables agree with the endpoint declarations and the error
// catalog: a parameter or code added to one and not the other fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ENDPOINTS } from '../src/contract/endpoints';
import { ERROR_CATALOG } from '../src/edge/error-catalog';

const ROOT = join(import.meta.dirname, '..');

/** The rows of the table marked `<!-- table: NAME -->` … `<!-- /table -->` in FILE, as cells. */
function tableRows(file: string, name: string): string[][] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const start = text.indexOf(`<!-- table: ${name} -->`);
  assert.ok(start >= 0, `${file} has the table "${name}"`);
  const end = text.indexOf('<!-- /table -->', start);
  return text
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2) // the header and its rule
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

/** The `code`-quoted words of a cell. */
const quoted = (cell: string | undefined): string[] =>
  [...(cell ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');

describe('docs/endpoints.md: each endpoint\u2019s parameter table', () => {
  for (const declaration of ENDPOINTS) {
    it(declaration.path, () => {
      const endpoint = declaration.path.slice(1);
      const documented = tableRows('docs/endpoints.md', `${endpoint} parameters`).flatMap((row) =>
        quoted(row[0]),
      );
      const declared = Object.values(declaration.parameters)
        .filter((parameter) => !parameter.ignored)
        .flatMap((parameter) => [...parameter.names]);
      assert.deepEqual([...documented].sort(), [...declared].sort());
    });
  }
});

describe('README.md: the most useful parameters and answer fields', () => {
  it('are all declared', () => {
    const [schedule] = ENDPOINTS;
    const parameters = tableRows('README.md', 'schedule-message parameters, the most useful');
    for (const name of parameters.flatMap((row) => quoted(row[0])))
      assert.ok(schedule?.parameters[name], `${name} is a parameter of /schedule-message`);
    const fields = tableRows('README.md', 'schedule-message answer fields, the most useful');
    const answers = JSON.stringify(schedule?.answer);
    for (const row of fields) {
      const field = /parsed\.(\w+)/.exec(row[0] ?? '')?.[1] ?? '';
      assert.ok(answers.includes(`"${field}"`), `${field} is an answer field`);
    }
  });
});

describe('docs/errors.md: the error codes', () => {
  it('every code of the catalog, once, with its HTTP status', () => {
    const rows = tableRows('docs/errors.md', 'error codes');
    const documented = new Map<string, number>();
    for (const row of rows)
      for (const code of quoted(row[1])) {
        assert.ok(!documented.has(code), `${code} listed once`);
        documented.set(code, Number(row[0]));
      }
    const catalog = Object.entries(ERROR_CATALOG).map(([code, entry]) => [code, entry.status]);
    assert.deepEqual([...documented].sort(), catalog.sort());
  });
});

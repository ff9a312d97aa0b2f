// The documentation holds together: every relative link in README.md and docs/*.md points at a
// file that exists and, with a #anchor, at a heading of that file; every docs page can be
// reached from the README; the README stays short.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(import.meta.dirname, '..');
const README = join(ROOT, 'README.md');
const DOCS = join(ROOT, 'docs');

const pages = (): string[] => [
  README,
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(DOCS, name)),
];

/** The text outside fenced code blocks and inline code (which may span lines), where a link is a link. */
function prose(markdown: string): string {
  let fenced = false;
  const lines: string[] = [];
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced) lines.push(line);
  }
  return lines.join('\n').replace(/`[^`]*`/g, '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export const slugOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

/** Every anchor of a Markdown file, numbered like GitHub's for repeated headings. */
function anchorsOf(path: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading?.[1]) continue;
    const slug = slugOf(heading[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

interface Link {
  from: string;
  target: string;
}

/** The relative links of a page: inline `[text](target)` ones, images included. */
function linksOf(path: string): Link[] {
  const links: Link[] = [];
  for (const match of prose(readFileSync(path, 'utf8')).matchAll(/\]\(\s*<?([^)\s>]+)>?[^)]*\)/g)) {
    const target = match[1] ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    links.push({ from: path, target });
  }
  return links;
}

/** Where a link leads: the file (absolute) and the anchor, if any. */
function resolveLink({ from, target }: Link): { file: string; anchor: string | undefined } {
  const hash = target.indexOf('#');
  const path = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  return { file: path === '' ? from : resolve(dirname(from), decodeURI(path)), anchor };
}

const name = (path: string) => relative(ROOT, path);

describe('the documentation', () => {
  it('finds the links it checks, outside code', () => {
    const targets = linksOf(README).map((link) => link.target);
    assert.ok(targets.includes('docs/endpoints.md'), targets.join(' '));
    assert.ok(targets.includes('#zero-to-a-working-flow'), targets.join(' '));
    assert.ok(!targets.some((target) => target.startsWith('http')), 'web links are not checked');
    assert.ok(pages().length > 5, 'README.md and docs/*.md');
  });

  it('every relative link leads to a file that exists', () => {
    const broken = pages()
      .flatMap(linksOf)
      .filter((link) => !existsSync(resolveLink(link).file))
      .map((link) => `${name(link.from)}: ${link.target}`);
    assert.deepEqual(broken, []);
  });

  it('every #anchor is a heading of the page it points at', () => {
    const broken: string[] = [];
    for (const link of pages().flatMap(linksOf)) {
      const { file, anchor } = resolveLink(link);
      if (anchor === undefined || !existsSync(file) || statSync(file).isDirectory()) continue;
      assert.ok(
        file.endsWith('.md'),
        `${name(link.from)}: ${link.target} (an anchor in a non-Markdown file)`,
      );
      if (!anchorsOf(file).has(anchor)) broken.push(`${name(link.from)}: ${link.target}`);
    }
    assert.deepEqual(broken, []);
  });

  it('the anchors follow GitHub: code, apostrophes and brackets dropped', () => {
    assert.equal(slugOf('Time in words (`when`)'), 'time-in-words-when');
    assert.equal(slugOf("The recipient's own clock"), 'the-recipients-own-clock');
    assert.equal(slugOf('`/schedule-message`'), 'schedule-message');
    assert.equal(slugOf('Checking `.env`'), 'checking-env');
  });

  it('every page of docs/ can be reached from the README', () => {
    const reached = new Set<string>([README]);
    const queue = [README];
    for (let page = queue.shift(); page !== undefined; page = queue.shift()) {
      for (const link of linksOf(page)) {
        const { file } = resolveLink(link);
        if (file.endsWith('.md') && existsSync(file) && !reached.has(file)) {
          reached.add(file);
          queue.push(file);
        }
      }
    }
    const unreached = pages()
      .filter((page) => !reached.has(page))
      .map(name);
    assert.deepEqual(unreached, []);
  });

  it('the README is short: at most 300 lines', () => {
    const lines = readFileSync(README, 'utf8').trimEnd().split('\n').length;
    assert.ok(lines <= 300, `README.md has ${lines} lines`);
  });

  it('every table marker is closed, and names a table', () => {
    for (const page of pages()) {
      const text = readFileSync(page, 'utf8');
      const opened = [...text.matchAll(/<!-- table: ([^>]+?) -->/g)].map((m) => m[1]);
      const closed = text.match(/<!-- \/table -->/g) ?? [];
      assert.equal(opened.length, closed.length, name(page));
      for (const block of text.split('<!-- table: ').slice(1)) {
        const body = block.slice(0, block.indexOf('<!-- /table -->'));
        assert.match(body, /^\|.*\|\s*$/m, `${name(page)}: a table inside the marker`);
      }
    }
  });
});

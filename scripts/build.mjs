// Bundles each src/functions/*.ts into one self-contained functions/*.js, the files Twilio runs.
// Packages in `dependencies` stay external: the platform installs them.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = readdirSync(join(root, 'src/functions'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(root, 'src/functions', name));

rmSync(join(root, 'functions'), { recursive: true, force: true });
await build({
  entryPoints: entries,
  outdir: join(root, 'functions'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: Object.keys(pkg.dependencies ?? {}),
  legalComments: 'none',
  logLevel: 'warning',
});
console.log(`built ${entries.length} functions into functions/`);

// Bundles each src/functions/*.ts into one self-contained functions/*.js, the files Twilio runs.
// Packages in `dependencies` stay external: the platform installs them.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const entries = readdirSync(join(root, 'src/functions'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(root, 'src/functions', name));

/**
 * The console page's files (src/edge/console-page: HTML, CSS, an icon and the browser's script) are
 * bundled as text into the console's functions, and only there.
 */
const pageFilesAsText = {
  name: 'console-page-as-text',
  setup(build) {
    build.onLoad({ filter: /[\\/]console-page[\\/][^\\/]+\.(html|css|js|svg)$/ }, async (args) => ({
      contents: await readFile(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

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
  plugins: [pageFilesAsText],
});
console.log(`built ${entries.length} functions into functions/`);

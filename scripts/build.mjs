// Bundles each src/functions/*.ts into one self-contained functions/*.js, the files Twilio runs.
// Packages in `dependencies` stay external: the platform installs them.
//
// Code only some requests need (scripts/lazy-parts.json: module → part) is left out of the
// functions, which V8 would otherwise parse on every cold start: each part is its own bundle,
// assets/<part>.private.js (a private asset, deployed with the service, not reachable by URL),
// and the functions' require() of one of its modules loads it on first use
// (src/core/lazy-part.ts). assets/ is build output.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const rc = JSON.parse(readFileSync(join(root, '.twilioserverlessrc'), 'utf8'));
const parts = JSON.parse(readFileSync(join(root, 'scripts/lazy-parts.json'), 'utf8'));
const functionsDir = join(root, rc.functionsFolder ?? 'functions');
const assetsDir = join(root, rc.assetsFolder ?? 'assets');
const loader = join(root, 'src/core/lazy-part.ts');

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

/** Absolute module path → [part, source path] */
const partOf = new Map(
  Object.entries(parts).flatMap(([part, modules]) =>
    modules.map((module) => [join(root, module), [part, module]]),
  ),
);

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: Object.keys(pkg.dependencies ?? {}),
  legalComments: 'none',
  logLevel: 'warning',
};

/** In the functions: a require() of a lazy part's module becomes a load of its asset. */
const lazyParts = {
  name: 'lazy-parts',
  setup(b) {
    b.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === 'lazy-parts') return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'lazy-parts',
      });
      const found = partOf.get(resolved.path);
      if (found === undefined) return resolved.errors.length > 0 ? undefined : resolved;
      // A static import would load the part with the function: only require() defers it.
      if (args.kind !== 'require-call') {
        return { errors: [{ text: `${found[1]} is in a lazy part: require() it where needed` }] };
      }
      return { path: found[1], namespace: 'lazy-part', pluginData: found };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-part' }, (args) => {
      const [part, module] = args.pluginData;
      // Relative to the function's own folder: the fallback when no Twilio runtime is present.
      const fallback = relative(functionsDir, assetsDir);
      return {
        contents: `const { lazyPart } = require(${JSON.stringify(loader)});
module.exports = lazyPart(${JSON.stringify(part)}, require('node:path').join(__dirname, ${JSON.stringify(fallback)}))[${JSON.stringify(module)}];`,
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

const entries = readdirSync(join(root, 'src/functions'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => join(root, 'src/functions', name));

rmSync(functionsDir, { recursive: true, force: true });
rmSync(assetsDir, { recursive: true, force: true });
await build({
  ...common,
  entryPoints: entries,
  outdir: functionsDir,
  plugins: [lazyParts, pageFilesAsText],
});
for (const [part, modules] of Object.entries(parts)) {
  // Each part exports its modules by source path, as lazyPart() returns them.
  const exports = modules.map(
    (m) => `${JSON.stringify(m)}: require(${JSON.stringify(join(root, m))})`,
  );
  await build({
    ...common,
    stdin: {
      contents: `module.exports = {\n${exports.join(',\n')}\n};`,
      resolveDir: root,
      loader: 'js',
    },
    outfile: join(assetsDir, `${part}.private.js`),
  });
}
console.log(
  `built ${entries.length} functions into ${relative(root, functionsDir)}/, ${Object.keys(parts).length} lazy parts into ${relative(root, assetsDir)}/`,
);

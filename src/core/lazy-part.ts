// Code only some requests need (the texter's other languages, `when`'s reader, the recipient-number
// data) ships as private assets beside the functions, not inside them: V8 parses a function's whole
// file when it loads, even code behind a require() that never runs. The build (scripts/build.mjs)
// turns those require() calls into lazyPart(); src/ run directly (tests, tsx) keeps plain requires.
import { join } from 'node:path';

/** What `Runtime.getAssets()` gives for a private asset (Twilio's runtime and twilio-run). */
interface PrivateAsset {
  path: string;
}

interface AssetRuntime {
  getAssets(): Record<string, PrivateAsset | undefined>;
}

/**
 * Where the lazy part `name` is: the private asset `/<name>.js` of the deployed service, or, in a
 * plain Node process with no Twilio runtime (the bench, a built function required directly),
 * `<name>.private.js` in `assetsDir`, where the build writes it.
 */
export function lazyPartPath(name: string, assetsDir: string): string {
  const runtime = (globalThis as { Runtime?: Partial<AssetRuntime> }).Runtime;
  if (typeof runtime?.getAssets !== 'function') return join(assetsDir, `${name}.private.js`);
  const asset = runtime.getAssets()[`/${name}.js`];
  // A missing asset is a broken deploy: say so rather than answer without the part.
  if (asset === undefined) {
    throw new Error(
      `private asset /${name}.js is missing: deploy the assets folder the build writes`,
    );
  }
  return asset.path;
}

/**
 * The lazy part's modules by source path (`src/time/when.ts`), loaded on first use. Node's module
 * cache keeps it for the instance: reference code, not state.
 */
export function lazyPart(name: string, assetsDir: string): Record<string, unknown> {
  return require(lazyPartPath(name, assetsDir)) as Record<string, unknown>;
}

// Headless Chromium for the page tests (the outbox, the console, the local origin rule): Debian's
// build, started as this machine's probe starts it (no sandbox as root, no calls to Google's
// hosts). Missing, it is named with the command that installs it (.ci/run does).
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails, naming the install command, on a machine without Debian's Chromium. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install it with ` +
        '`apt-get update && apt-get install -y --no-install-recommends chromium` (.ci/run does).',
    );
  }
}

/** A fresh headless browser; `args` adds to the usual flags. */
export function launchChromium(args: readonly string[] = []): Promise<Browser> {
  requireChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...args], timeout: 30_000 });
}

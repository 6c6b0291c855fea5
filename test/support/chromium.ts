// Debian's chromium, driven by playwright-core (never a downloaded browser: `npx playwright install` fails here),
// with the flags toolchain.md measured for a headless run that contacts nothing. Shared by the browser test and
// `npm run report:preview`.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser cannot run here, or null when it can. */
export function chromiumMissing(): string | null {
  return existsSync(CHROMIUM) ? null : `${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run does it)`;
}

// playwright gives every launch a fresh temporary profile, which is what --user-data-dir would do.
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export const VIEWPORT = { width: 1280, height: 800 } as const;

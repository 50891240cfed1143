/**
 * Where the e2e tests find a browser. We never download one (`npx playwright install` cannot
 * reach its host here): Debian's chromium package, or CHROMIUM_PATH.
 * Run directly (`tsx e2e/find-chromium.ts`) it fails with instructions when none is found.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

export function findChromium(): string | undefined {
  const forced = process.env.CHROMIUM_PATH;
  if (forced) return existsSync(forced) ? forced : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Flags for a headless run on a machine whose network reaches only localhost. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findChromium();
  if (!found) {
    console.error(
      [
        'No Chromium found for the e2e tests.',
        process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.` : `Looked in: ${CANDIDATES.join(', ')}.`,
        'Install it with:  sudo apt-get install chromium   (Debian/Ubuntu; .ci/run does this)',
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
      ].join('\n'),
    );
    process.exit(1);
  }
  console.log(`e2e browser: ${found}`);
}

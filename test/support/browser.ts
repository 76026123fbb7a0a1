// Headless Chromium for the end-to-end tests: Debian's package driven by playwright-core
// (playwright's own browser download does not work here; see npm run browser:install).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** CHROMIUM_PATH, else the Debian package's binary; undefined when there is none. */
export function chromiumPath(): string | undefined {
  const given = process.env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : undefined;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error('No Chromium: run `npm run browser:install` (or set CHROMIUM_PATH).');
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // As root Chromium needs --no-sandbox; the rest keeps it from calling hosts this network refuses.
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Where the tests leave their screenshots (a CI artefact; not committed). */
export const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// npm run browser:install: the Chromium the end-to-end tests drive (playwright-core cannot download
// its own here) and a font with Chinese glyphs (without one every label is a row of boxes in the
// screenshots). Debian's packages, installed with apt-get when missing and we are root; otherwise
// the command to run. CHROMIUM_PATH names another Chromium to use instead.
import { spawnSync } from 'node:child_process';
import { chromiumPath } from '../test/support/browser';

const hasChineseFont = () =>
  (spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout ?? '').trim() !== '';

function main() {
  const found = chromiumPath();
  const missing = [...(found ? [] : ['chromium']), ...(hasChineseFont() ? [] : ['fonts-noto-cjk'])];
  if (missing.length === 0) {
    console.log(`[browser:install] Chromium ready: ${found}`);
    return;
  }
  if (process.getuid?.() !== 0) {
    console.error(
      `[browser:install] ${missing.join(' and ')} missing, and only root can install them: run ` +
        `\`sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}\`` +
        (found ? '.' : ', or set CHROMIUM_PATH.'),
    );
    process.exit(1);
  }
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
    console.log(`[browser:install] apt-get ${args.join(' ')} …`);
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      console.error(`[browser:install] apt-get ${args[0]} failed (exit ${result.status})`);
      process.exit(1);
    }
  }
  const installed = chromiumPath();
  if (!installed) {
    console.error('[browser:install] apt-get ran, but /usr/bin/chromium is still missing');
    process.exit(1);
  }
  console.log(`[browser:install] Chromium ready: ${installed}`);
}

main();

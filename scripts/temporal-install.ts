// npm run temporal:install: makes sure a Temporal CLI is available, unless TEMPORAL_ADDRESS points
// at an existing server (then nothing is needed).
import { environmentWithDotEnv } from '../platform/config';
import { ensureTemporalCli } from '../platform/temporal-cli';

async function main() {
  if (environmentWithDotEnv(process.env).TEMPORAL_ADDRESS) {
    console.log(
      '[temporal:install] TEMPORAL_ADDRESS is set: using that server, nothing to install',
    );
    return;
  }
  const cli = await ensureTemporalCli((line) => console.log(line));
  console.log(`[temporal:install] Temporal CLI ready: ${cli}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

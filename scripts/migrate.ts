// npm run migrate: applies pending migrations to DATABASE_URL (npm start does this by itself).
import { environmentWithDotEnv, loadConfig } from '../platform/config';
import { migrate } from '../platform/migrate';

async function main() {
  const config = loadConfig(environmentWithDotEnv(process.env));
  if (!config.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set: name the database to migrate (npm start migrates the embedded one itself).',
    );
  }
  const result = await migrate(config.DATABASE_URL, { log: (line) => console.log(line) });
  console.log(
    `[migrate] ${result.applied.length} applied now, ${result.alreadyApplied} already applied`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// npm run migrate: applies pending migrations as DATABASE_OWNER_URL (else DATABASE_URL) and grants
// DATABASE_URL's role the application's rights (npm start does this by itself).
import { environmentWithDotEnv, loadConfig } from '../platform/config';
import { migrateAndGrant } from '../platform/database-roles';

async function main() {
  const config = loadConfig(environmentWithDotEnv(process.env));
  if (!config.DATABASE_URL) {
    throw new Error(
      'DATABASE_URL is not set: name the database to migrate (npm start migrates the embedded one itself).',
    );
  }
  const result = await migrateAndGrant({
    appUrl: config.DATABASE_URL,
    ...(config.DATABASE_OWNER_URL ? { ownerUrl: config.DATABASE_OWNER_URL } : {}),
    log: (line) => console.log(line),
  });
  console.log(
    `[migrate] ${result.applied.length} applied now, ${result.alreadyApplied} already applied`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

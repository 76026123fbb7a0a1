import { dropDatabase } from './databases';
import { testEnvironment } from './test-env';

export default async function globalTeardown() {
  const { adminUrl, databaseUrl } = testEnvironment();
  await dropDatabase(adminUrl, databaseUrl).catch(() => undefined);
  const stops =
    (globalThis as { __stopTestServices?: Array<() => Promise<void>> }).__stopTestServices ?? [];
  for (const stop of stops.reverse()) await stop();
}

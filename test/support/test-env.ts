// What the global setup started, handed to the test files through the environment.
export interface TestEnvironment {
  temporalAddress: string;
  databaseUrl: string;
  /** Where to create further throw-away databases (a URL to the `postgres` database). */
  adminUrl: string;
}

const KEY = 'CASE_ORCHESTRATOR_TEST_ENV';

export function publishTestEnvironment(env: TestEnvironment) {
  process.env[KEY] = JSON.stringify(env);
}

export function testEnvironment(): TestEnvironment {
  const raw = process.env[KEY];
  if (!raw) throw new Error(`${KEY} is not set: run integration tests through jest (npm test).`);
  return JSON.parse(raw) as TestEnvironment;
}

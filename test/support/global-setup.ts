// Once per test run: the shared Temporal dev server and PostgreSQL database (./services.ts).
import { startTestServices } from './services';
import { publishTestEnvironment } from './test-env';

export default async function globalSetup() {
  const services = await startTestServices((line) => process.stderr.write(`${line}\n`));
  (globalThis as { __stopTestServices?: () => Promise<void> }).__stopTestServices = services.stop;
  publishTestEnvironment(services.env);
}

export default async function globalTeardown() {
  await (globalThis as { __stopTestServices?: () => Promise<void> }).__stopTestServices?.();
}

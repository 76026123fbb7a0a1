// Secrets the system makes for itself on a fresh machine (the JWT secret, the audit and payload
// keys, the embedded PostgreSQL's passwords): 32 random bytes as hex in a file of DATA_DIR that
// only its owner can read, created once and read by every later process.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function secretFilePath(dataDir: string, name: string): string {
  return path.join(dataDir, name);
}

/** The secret in DATA_DIR/`name`, created first when `create` (two processes: one wins, both read it). */
export function readOrCreateSecret(dataDir: string, name: string): string {
  const file = secretFilePath(dataDir, name);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

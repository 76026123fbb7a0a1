import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureTemporalCli, findTemporalCli, pinnedCliPath } from '../../../platform/temporal-cli';

function folder() {
  return mkdtempSync(path.join(tmpdir(), 'temporal-cli-'));
}

function executable(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('finding the Temporal CLI', () => {
  it('prefers a temporal binary on PATH over the pinned build', () => {
    const bin = folder();
    const tools = folder();
    const onPath = executable(path.join(bin, 'temporal'));
    executable(pinnedCliPath({ toolsDir: tools }));
    expect(findTemporalCli({ pathEnv: bin, toolsDir: tools })).toBe(onPath);
  });

  it('takes the pinned build when nothing is on PATH, and builds nothing (idempotent)', async () => {
    const tools = folder();
    const pinned = executable(pinnedCliPath({ toolsDir: tools }));
    const log: string[] = [];
    await expect(
      ensureTemporalCli((line) => log.push(line), { pathEnv: folder(), toolsDir: tools }),
    ).resolves.toBe(pinned);
    expect(log).toEqual([]);
  });

  it('keeps the pinned version in its own folder, so a new pin builds anew', () => {
    expect(pinnedCliPath({ toolsDir: '/x' })).toMatch(/^\/x\/temporal-\d+\.\d+\.\d+\/temporal$/);
  });

  it('stops with what to install when there is no CLI and no Go to build one', async () => {
    const search = { pathEnv: folder(), toolsDir: folder(), goFallbacks: [] };
    await expect(ensureTemporalCli(() => undefined, search)).rejects.toThrow(
      /Go is not available to build it\. Install Go 1\.25 or newer.*TEMPORAL_ADDRESS/,
    );
  });
});

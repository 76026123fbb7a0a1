// Replays the recorded histories in test/fixtures/histories against today's workflow code. A
// change that would break a running case (a command added, removed or reordered without
// patched() or a new workflow version) fails here before it reaches a deploy.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { WORKFLOW_CODE } from '../../../composition/worker';
import { payloadKeys, PayloadEncryptionCodec } from '../../../platform/payload-codec';
import { TEST_PAYLOAD_KEYS } from '../../support/test-env';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'histories');

function* histories() {
  for (const file of readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    yield {
      workflowId: file.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'))),
    };
  }
}

it('replays every recorded history without a nondeterminism error', async () => {
  const results: Array<{ workflowId: string; error?: Error }> = [];
  // The worker's codec with the test key, accepting plaintext: the fixtures recorded before
  // payloads were encrypted hold plaintext, later ones ciphertext under the test key
  // (test/support/record-histories.ts). A deployed worker accepts plaintext only while
  // TEMPORAL_PAYLOAD_ACCEPT_PLAINTEXT is set, for the upgrade window.
  const codec = new PayloadEncryptionCodec(payloadKeys([TEST_PAYLOAD_KEYS]), {
    unauthentic: 'mark',
    acceptPlaintext: true,
  });
  for await (const result of Worker.runReplayHistories(
    { ...WORKFLOW_CODE, replayName: 'replay-test', dataConverter: { payloadCodecs: [codec] } },
    histories(),
  )) {
    results.push({ workflowId: result.workflowId, error: result.error });
  }
  const recorded = readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.replace(/\.json$/, ''))
    .sort();
  expect(results.map((r) => r.workflowId).sort()).toEqual(recorded);
  // Both workflows, and histories from before each versioned change and after it.
  expect(recorded.some((name) => name.startsWith('alarm-'))).toBe(true);
  expect(recorded.filter((name) => name.startsWith('info-request-')).length).toBeGreaterThan(0);
  expect(recorded.filter((name) => name.startsWith('litigation-')).length).toBeGreaterThan(0);
  expect(recorded.some((name) => name === 'case-fast-track-archived')).toBe(true);
  expect(recorded.some((name) => name === 'case-fast-track-archived--prosecutor-acceptance')).toBe(
    true,
  );
  // The new engine's histories, and a first-engine case upgraded to it.
  expect(recorded.filter((name) => name.startsWith('case-v2-')).length).toBeGreaterThanOrEqual(5);
  expect(recorded).toContain('case-v1-upgraded--engine-v2');
  // Cases decided with approvals (审批, approvals-2026), beside those decided before them.
  expect(recorded).toContain('case-v2-approvals-running--approvals');
  expect(recorded).toContain('alarm-v2-crime-transfer-approved--approvals');
  // Public-order cases under their procedure (public-order-2026).
  expect(recorded).toContain('case-v2-public-order-running--public-order');
  expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${r.error!.message}`)).toEqual(
    [],
  );
});

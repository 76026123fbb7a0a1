// Payloads through Temporal are encrypted and authenticated (platform/payload-codec.ts): an Update
// sent by a client without the payload key is refused by the workflow, without wedging the case,
// and the server's history holds no clear text of the case.
import { randomBytes } from 'node:crypto';
import { Client, type Connection } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { CaseCommand } from '../../domain/case-decider';
import {
  KEY_ID_METADATA,
  payloadKeyId,
  payloadKeys,
  PayloadEncryptionCodec,
} from '../../platform/payload-codec';
import { caseCommandUpdate } from '../../workflows/case';
import { startTestApp, testWorkerCodec, type TestApp } from '../support/app';
import { act, newCaseInput, openedCase, refusal } from '../support/cases';
import { TEST_PAYLOAD_KEYS } from '../support/test-env';
import { caller, caseViaApi, person, testWorld } from '../support/api';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ withWorker: true });
});
afterAll(async () => {
  await app.close();
});

const FORGER = 'forger-mallory';
const forgedFile = (): CaseCommand => ({
  type: 'ACTION',
  action: 'FILE',
  actor: { id: FORGER, role: 'HANDLER' },
  at: Date.now(),
});

const wrongKeyCodec = () =>
  new PayloadEncryptionCodec(payloadKeys([randomBytes(32).toString('hex')]), {
    unauthentic: 'throw',
  });

/** Encrypts with a wrong key but claims the real key's id: only the authentication tag tells. */
const relabelledCodec = (): PayloadCodec => {
  const realId = payloadKeyId(Buffer.from(TEST_PAYLOAD_KEYS, 'hex'));
  const inner = wrongKeyCodec();
  return {
    encode: async (payloads: Payload[]) =>
      (await inner.encode(payloads)).map((p) => ({
        ...p,
        metadata: { ...p.metadata, [KEY_ID_METADATA]: Buffer.from(realId) },
      })),
    decode: (payloads: Payload[]) => inner.decode(payloads),
  };
};

const clientWith = (codec?: PayloadCodec) =>
  new Client({
    connection: app.client.connection as Connection,
    namespace: 'default',
    ...(codec ? { dataConverter: { payloadCodecs: [codec] } } : {}),
  });

/** Every byte string of the history read as UTF-8, so that any clear text in it shows. */
async function rawHistoryText(workflowId: string): Promise<string> {
  const { history } = await app.client.connection.workflowService.getWorkflowExecutionHistory({
    namespace: 'default',
    execution: { workflowId },
  });
  // Walked by hand: the messages' own toJSON would turn every byte field into base64 first.
  const plain = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
    if (Array.isArray(value)) return value.map(plain);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
    return value;
  };
  return JSON.stringify(plain(history));
}

it('refuses an Update that is not encrypted with the key, and the case goes on', async () => {
  const c = await openedCase(app, app.taskQueue, 'CRIMINAL');
  const forgers: Array<[string, Client, RegExp]> = [
    ['no codec', clientWith(), /payload is not encrypted/],
    ['another key', clientWith(wrongKeyCodec()), /encrypted with an unknown key/],
    ['the key id, another key', clientWith(relabelledCodec()), /does not authenticate/],
  ];
  for (const [, client, why] of forgers) {
    const handle = client.workflow.getHandle(c.caseId);
    expect(
      await refusal(handle.executeUpdate(caseCommandUpdate, { args: [forgedFile()] })),
    ).toMatch(why);
  }

  // The next valid action still works: nothing was wedged, nothing was applied.
  const filed = await act(c, 'FILE', 'HANDLER');
  expect(filed.step).toEqual({ caseId: c.caseId, version: 2 });

  const text = await rawHistoryText(c.caseId);
  const { title } = newCaseInput('CRIMINAL');
  expect(text).toContain('binary/encrypted');
  expect(text).not.toContain(title);
  expect(text).not.toContain('handler-1'); // the actor of the valid steps
  expect(text).not.toContain(FORGER);
  // Refused Updates leave no event; the valid one is the only Update accepted.
  expect(text.match(/workflowExecutionUpdateAcceptedEventAttributes/g)).toHaveLength(1);
});

it('the history check would see clear text: the worker’s codec reads the start input back', async () => {
  const c = await openedCase(app, app.taskQueue, 'CRIMINAL');
  const { history } = await app.client.connection.workflowService.getWorkflowExecutionHistory({
    namespace: 'default',
    execution: { workflowId: c.caseId },
  });
  const input = history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  const [decoded] = await testWorkerCodec().decode(input as Payload[]);
  expect(Buffer.from(decoded!.data!).toString('utf8')).toContain(newCaseInput('CRIMINAL').title);
});

// Issue 9: a query code drawn from the workflow's deterministic random generator right after the
// case id could be computed from that id. The API mints it (crypto) before any workflow runs: the
// code arrives in the conversion's Update, from outside, and nothing in the workflow draws it.
it('a case’s public query code comes from the API’s request, not from the workflow', async () => {
  const call = caller(app);
  const world = testWorld();
  const handler = person('HANDLER', { unit: world.unitA });
  const opened = await caseViaApi(call, await app.token(handler), world.unitA, handler.id);
  expect(opened.queryCode).toMatch(/^[A-Z0-9]{6,}$/);
  const { history } = await app.client.connection.workflowService.getWorkflowExecutionHistory({
    namespace: 'default',
    execution: { workflowId: opened.alarmId },
  });
  const updateInputs = history!.events!.flatMap(
    (e) =>
      e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ??
      [],
  );
  const decoded = await testWorkerCodec().decode(updateInputs as Payload[]);
  const texts = decoded.map((p) => Buffer.from(p.data!).toString('utf8'));
  expect(texts.filter((t) => t.includes(`"queryCode":"${opened.queryCode}"`))).toHaveLength(1);
});

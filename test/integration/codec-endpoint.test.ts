// POST /codec/decode (api/codec/routes.ts): Temporal's codec protocol, decode only, for the bureau's
// history readers. A case's raw history goes in encrypted and comes back in clear; the real CLI
// reads it through the endpoint; everyone else, and every malformed or foreign payload, is refused.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import type { Payload } from '@temporalio/common';
import { payloadKeyId, payloadKeys, PayloadEncryptionCodec } from '../../platform/payload-codec';
import { findTemporalCli } from '../../platform/temporal-cli';
import { caller, person, testWorld } from '../support/api';
import { eventually, startTestApp, testClientCodec, type TestApp } from '../support/app';
import { newCaseInput, openedCase } from '../support/cases';
import type { Json } from '../support/http';
import { testEnvironment, TEST_PAYLOAD_KEYS } from '../support/test-env';

const UI_ORIGIN = 'http://127.0.0.1:8233';
const world = testWorld();
const reader = person('CASE_CENTER', { unit: world.root });
let app: TestApp;
let call: ReturnType<typeof caller>;
let readerToken: string;
let workflowId: string;
/** The case's history as the server keeps it, and one payload of it that is encrypted. */
let recorded: JsonPayload[];
let sealed: JsonPayload;

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const text = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
const isEncrypted = (p: JsonPayload) => text(p.metadata?.encoding) === 'binary/encrypted';
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, base64(v)])),
  data: base64(p.data ?? new Uint8Array()),
});

/** Every Payloads list in a history (the SDK's messages, or the CLI's JSON), in proto3 JSON. */
function payloadsIn(value: unknown, json: (p: never) => JsonPayload): JsonPayload[] {
  const found: JsonPayload[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== 'object' || v instanceof Uint8Array) return;
    if (Array.isArray(v)) return v.forEach(walk);
    const payloads = (v as { payloads?: unknown }).payloads;
    if (Array.isArray(payloads) && payloads.every((p) => p && typeof p === 'object')) {
      found.push(...payloads.map((p) => json(p as never)));
    }
    Object.values(v).forEach(walk);
  };
  walk(value);
  return found;
}

/** Every payload of a run's history, as the server keeps it. */
async function historyPayloads(id: string): Promise<JsonPayload[]> {
  const { history } = await app.client.connection.workflowService.getWorkflowExecutionHistory({
    namespace: 'default',
    execution: { workflowId: id },
  });
  return payloadsIn(history, toJson);
}

const decode = (body: unknown, token = readerToken) =>
  call('POST', '/codec/decode', { token, body, headers: { 'x-namespace': 'default' } });

/** A payload encrypted under a key this API does not hold. */
const foreignPayload = async () =>
  toJson(
    (
      await new PayloadEncryptionCodec(payloadKeys([randomBytes(32).toString('hex')]), {
        unauthentic: 'throw',
      }).encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{}') }])
    )[0]!,
  );

beforeAll(async () => {
  app = await startTestApp({ withWorker: true, codecCorsOrigins: [UI_ORIGIN] });
  call = caller(app);
  readerToken = await app.token(reader);
  const c = await openedCase(app, app.taskQueue, 'CRIMINAL');
  workflowId = c.caseId;
  // The opening step's row is written inside the workflow task (a local activity): the history
  // holds that task's payloads once the task has completed.
  recorded = await eventually(
    () => historyPayloads(workflowId),
    (payloads) => payloads.filter(isEncrypted).length > 1,
  );
  sealed = recorded.find(isEncrypted)!;
});
afterAll(async () => {
  await app.close();
});

it('decodes a case’s history for the case centre of the bureau, and audits the request', async () => {
  const { title } = newCaseInput('CRIMINAL');
  // Core's own markers (patches) stay in clear; everything the SDK wrote is encrypted.
  expect(recorded.filter(isEncrypted).length).toBeGreaterThan(1);
  expect(recorded.map((p) => text(p.data)).join('\n')).not.toContain(title);

  const reply = await decode({ payloads: recorded });
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toContain('application/json');
  expect(reply.body.payloads).toHaveLength(recorded.length);
  const clear = reply.body.payloads as JsonPayload[];
  expect(clear.map((p) => text(p.data)).join('\n')).toContain(title);
  expect(clear.map((p) => text(p.data)).join('\n')).toContain(workflowId);
  expect(clear.filter(isEncrypted)).toEqual([]);
  expect(clear.filter((_, i) => !isEncrypted(recorded[i]!))).toEqual(
    recorded.filter((p) => !isEncrypted(p)),
  );

  const audited = await app.pool.query<Json>(
    `SELECT action, outcome, actor_role, path, subject_id FROM request_audit
      WHERE actor_id = $1 AND action = 'codec.decode' AND outcome = 200`,
    [reader.id],
  );
  expect(audited.rows[0]).toEqual({
    action: 'codec.decode',
    outcome: 200,
    actor_role: 'CASE_CENTER',
    path: '/codec/decode',
    subject_id: null,
  });
});

it('lets the real Temporal CLI show the history in clear through --codec-endpoint', async () => {
  const cli = findTemporalCli();
  if (!cli) throw new Error('no Temporal CLI: the global setup should have found or built one');
  const args = (codec: string[]) => [
    'workflow',
    'show',
    '--address',
    testEnvironment().temporalAddress,
    '--namespace',
    'default',
    '--workflow-id',
    workflowId,
    '--output',
    'json',
    ...codec,
  ];
  // `workflow show -o json` prints each payload's data as base64, decoded or not.
  const shown = async (codec: string[]) => {
    const { stdout } = await promisify(execFile)(cli, args(codec), { maxBuffer: 1 << 24 });
    const payloads = payloadsIn(JSON.parse(stdout), (p: JsonPayload) => p);
    return {
      encodings: new Set(payloads.map((p) => text(p.metadata?.encoding))),
      data: payloads.map((p) => text(p.data)).join('\n'),
    };
  };
  const { title } = newCaseInput('CRIMINAL');
  const raw = await shown([]);
  expect(raw.encodings).toContain('binary/encrypted');
  expect(raw.data).not.toContain(title);
  // The CLI appends /decode to the endpoint and sends --codec-auth as the Authorization header.
  const decoded = await shown([
    '--codec-endpoint',
    `${app.baseUrl}/codec`,
    '--codec-auth',
    `Bearer ${readerToken}`,
  ]);
  expect(decoded.encodings).not.toContain('binary/encrypted');
  expect(decoded.data).toContain(title);
});

it('refuses a request without a token, and anyone but a history reader of the bureau', async () => {
  const noToken = await call('POST', '/codec/decode', { body: { payloads: recorded } });
  expect(noToken.status).toBe(401);
  expect(noToken.headers.get('content-type')).toContain('application/problem+json');

  const refusals: Array<[Parameters<typeof person>, RegExp]> = [
    [
      ['HANDLER', { unit: world.unitA }],
      /is for BUREAU_LEADER, CASE_CENTER; your roles are HANDLER/,
    ],
    [['DUTY_LEADER', { unit: world.root }], /your roles are DUTY_LEADER/],
    [['CASE_CENTER', { unit: world.unitA }], /root of the unit tree/],
    [['BUREAU_LEADER', { unit: world.unitB }], /root of the unit tree/],
  ];
  for (const [who, why] of refusals) {
    const reply = await decode({ payloads: recorded }, await app.token(person(...who)));
    expect([reply.status, reply.body.detail]).toEqual([403, expect.stringMatching(why)]);
    expect(reply.body.payloads).toBeUndefined();
  }
  // Refusals to a person with a token are in the audit too, under their roles.
  const audited = await app.pool.query<{ outcome: number }>(
    `SELECT outcome FROM request_audit WHERE action = 'codec.decode' AND actor_id = $1`,
    [person('CASE_CENTER', { unit: world.unitA }).id],
  );
  expect(audited.rows).toEqual([{ outcome: 403 }]);
});

it('answers 400 naming what was wrong, never 500', async () => {
  const good = sealed;
  const realId = payloadKeyId(Buffer.from(TEST_PAYLOAD_KEYS, 'hex'));
  const relabelled = await foreignPayload();
  relabelled.metadata!['encryption-key-id'] = Buffer.from(realId).toString('base64');
  const cases: Array<[string, { body?: unknown; raw?: string }, RegExp, string]> = [
    ['not JSON', { raw: '{"payloads": [' }, /JSON/, ''],
    ['JSON of another shape', { body: { payloads: { data: 'AA==' } } }, /array/, 'body.payloads'],
    ['an unknown field', { body: { payloads: [], extra: 1 } }, /extra/, 'body'],
    ['data not a string', { body: { payloads: [{ data: 5 }] } }, /string/, 'body.payloads.0.data'],
    [
      'metadata that is not base64',
      { body: { payloads: [{ metadata: { encoding: 'json plain!' }, data: '' }] } },
      /base64/,
      'body.payloads.0.metadata.encoding',
    ],
    [
      'data cut short',
      { body: { payloads: [{ data: 'QUJDR' }] } },
      /base64/,
      'body.payloads.0.data',
    ],
    [
      'a payload under a key this API does not hold',
      { body: { payloads: [good, await foreignPayload()] } },
      /unknown key sha256:[0-9a-f]{16}/,
      'body.payloads.1',
    ],
    [
      'a payload that claims this API’s key but does not authenticate',
      { body: { payloads: [relabelled] } },
      /does not authenticate with key/,
      'body.payloads.0',
    ],
  ];
  for (const [what, input, why, field] of cases) {
    const reply = await call('POST', '/codec/decode', { token: readerToken, ...input });
    const seen = { what, status: reply.status, detail: reply.body.detail };
    expect(seen).toEqual({ what, status: 400, detail: expect.stringMatching(why) });
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    if (field) expect(reply.body.errors.map((e: Json) => e.field)).toContain(field);
  }
  const notJson = await fetch(`${app.baseUrl}/codec/decode`, {
    method: 'POST',
    headers: { authorization: `Bearer ${readerToken}`, 'content-type': 'text/plain' },
    body: JSON.stringify({ payloads: [good] }),
  });
  expect(notJson.status).toBe(400);
  expect(((await notJson.json()) as Json).detail).toMatch(/Content-Type: application\/json/);
});

it('returns payloads that are not encrypted as they came, and none for none', async () => {
  const plain = {
    metadata: { encoding: base64(Buffer.from('json/plain')) },
    data: base64(Buffer.from('"明文"')),
  };
  const reply = await decode({ payloads: [plain, sealed] });
  expect(reply.status).toBe(200);
  expect(reply.body.payloads[0]).toEqual(plain);
  expect(text(reply.body.payloads[1].metadata.encoding)).toBe('json/plain');
  // The Go SDK sends `{}` for an empty list (encoding/json's omitempty).
  expect((await decode({})).body).toEqual({ payloads: [] });
});

it('decodes a payload larger than the 64 KB the rest of the API accepts', async () => {
  const big = `"${'案'.repeat(40_000)}"`; // 120 KB of UTF-8, 160 KB once encrypted and in base64
  const [sealed] = await testClientCodec().encode([
    { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(big) },
  ]);
  const reply = await decode({ payloads: [toJson(sealed!)] });
  expect(reply.status).toBe(200);
  expect(text(reply.body.payloads[0].data)).toBe(big);
  // Elsewhere the limit stands.
  const elsewhere = await call('POST', '/deadlines/explain', {
    token: readerToken,
    raw: JSON.stringify({ big }),
  });
  expect(elsewhere.status).toBe(413);
});

it('keeps no decoded answer: an Idempotency-Key is not stored', async () => {
  const key = randomUUID();
  const reply = await call('POST', '/codec/decode', {
    token: readerToken,
    body: { payloads: [sealed] },
    idempotencyKey: key,
  });
  expect(reply.status).toBe(200);
  expect(reply.headers.get('idempotent-replayed')).toBeNull();
  expect(await app.prisma.idempotencyKey.count({ where: { id: `${reader.id}:${key}` } })).toBe(0);
});

it('does not offer /codec/encode, and says why', async () => {
  for (const token of [undefined, readerToken]) {
    const reply = await call('POST', '/codec/encode', { token, body: { payloads: [] } });
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(reply.body.detail).toMatch(/decodes only.*workflows accept/);
  }
});

it('answers the Web UI’s CORS preflight for an admitted origin only', async () => {
  const preflight = (origin: string) =>
    fetch(`${app.baseUrl}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-namespace',
      },
    });
  const admitted = await preflight(UI_ORIGIN);
  expect(admitted.status).toBe(204);
  expect(admitted.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
  expect(admitted.headers.get('access-control-allow-methods')).toBe('POST');
  expect(admitted.headers.get('access-control-allow-headers')).toBe(
    'Authorization, Content-Type, X-Namespace',
  );
  const stranger = await preflight('https://evil.example');
  expect(stranger.status).toBe(403);
  expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  expect(((await stranger.json()) as Json).detail).toMatch(/CODEC_CORS_ORIGINS/);

  // The page can read a refusal too: the UI sends no token unless it has one of its own.
  const refused = await call('POST', '/codec/decode', {
    body: { payloads: [] },
    headers: { origin: UI_ORIGIN },
  });
  expect(refused.status).toBe(401);
  expect(refused.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
});

it('is described in the OpenAPI document, without an Idempotency-Key', async () => {
  const doc = await call('GET', '/openapi.json');
  const op = doc.body.paths['/codec/decode'].post;
  expect(op.operationId).toBe('codec.decode');
  expect(op.description).toMatch(/BUREAU_LEADER, CASE_CENTER/);
  expect(op.parameters.map((p: Json) => p.name)).not.toContain('Idempotency-Key');
  expect(op.requestBody.content['application/json'].schema.properties.payloads).toBeDefined();
  expect(doc.body.paths['/codec/encode']).toBeUndefined();
});

// Reads without replay: what people read of a case comes from the read model, so it answers with
// no worker running; an action, which needs the workflow, answers 504 in bounded time instead of
// hanging, and is taken once when retried with its key after a worker is back.
import { approveProposals, caller, caseViaApi, okBody, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { eligibleFacts } from '../support/cases';
import type { Json } from '../support/http';

const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
const t: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp({
    withWorker: true,
    workflowCallTimeoutMs: 3000,
    policyOverrides: {
      FILING_REVIEW: {
        period: { length: 1, unit: 'SECONDS' },
        grace: { length: 600, unit: 'SECONDS' },
      },
    },
  });
  call = caller(app);
  t.handler = await app.token(person('HANDLER', { unit: world.unitA }, 'officer-li'));
  t.legal = await app.token(person('LEGAL_OFFICER', { unit: world.root }, 'legal-wang'));
  t.leader = await app.token(person('UNIT_LEADER', { unit: world.unitA }, 'leader-zhao'));
  t.prosecutor = await app.token(person('PROSECUTOR', { org: world.procuratorate }, 'jcg-chen'));
  t.bureau = await app.token(person('BUREAU_LEADER', { unit: world.root }, 'leader-qian'));
});

afterAll(async () => {
  await app?.close();
});

const get = (path: string, token?: string) => okBody(call('GET', path, { token }), `GET ${path}`);
const act = (caseId: string, token: string, body: Json, idempotencyKey?: string) =>
  call('POST', `/cases/${caseId}/actions`, { token, body, idempotencyKey });

it('shows cases, queues, the inbox and the public look-up with the worker stopped', async () => {
  // One case stalls in filing review (its deadline is a second); one goes to the procuratorate.
  const stalled = await caseViaApi(call, t.handler!, world.unitA, 'officer-li');
  const sent = await caseViaApi(call, t.handler!, world.unitA, 'officer-li');
  const approvers = { HANDLER: t.handler!, BUREAU_LEADER: t.bureau! };
  await okBody(act(sent.caseId, t.handler!, { action: 'FILE' }), 'FILE');
  await approveProposals(call, sent.caseId, approvers);
  for (const [action, token] of [
    ['SUBMIT_FOR_LEGAL_REVIEW', t.handler],
    ['APPROVE_LEGAL_REVIEW', t.legal],
  ] as const)
    await okBody(act(sent.caseId, token!, { action }), action);
  await okBody(
    act(sent.caseId, t.handler!, {
      action: 'TRANSFER_FOR_PROSECUTION',
      fields: {
        suggestedRoute: 'FAST_TRACK',
        fastTrackFacts: eligibleFacts,
        prosecutionOrg: world.procuratorate,
      },
    }),
    'transfer',
  );
  await approveProposals(call, sent.caseId, approvers);
  await eventually(
    () => get('/me/escalations', t.leader),
    (inbox) => inbox.items.some((e: Json) => e.task.id === `${stalled.caseId}:FILING_REVIEW:1`),
  );
  const before = await get(`/cases/${sent.caseId}`, t.handler);

  await app.worker!.stop();

  const shown = await get(`/cases/${sent.caseId}`, t.handler);
  expect(shown).toEqual(before);
  expect(shown).toMatchObject({ stage: { code: 'PROSECUTION_REVIEW' }, version: 7 });
  expect(shown.availableActions).toEqual([]);
  const asProsecutor = await get(`/cases/${sent.caseId}`, t.prosecutor);
  expect(asProsecutor.availableActions).toEqual(['PROSECUTION_ACCEPT']);

  const list = await get(`/cases?unit=${world.unitA}`, t.leader);
  expect(list.items.map((c: Json) => c.id).sort()).toEqual([stalled.caseId, sent.caseId].sort());
  const queue = await get('/fast-track/prosecution', t.prosecutor);
  expect(queue.items.map((c: Json) => [c.id, c.actions])).toEqual([
    [sent.caseId, ['PROSECUTION_ACCEPT']],
  ]);
  const inbox = await get('/me/escalations', t.leader);
  expect(inbox.items.map((e: Json) => e.id)).toContain(
    `${stalled.caseId}:FILING_REVIEW:1:FIRST_LEVEL`,
  );
  const lookup = await get(`/public/cases/${stalled.queryCode}`);
  expect(lookup).toMatchObject({
    stage: { code: 'FILING_REVIEW' },
    milestones: [{ action: 'CASE_ACCEPTED' }],
  });
  const timeline = await get(`/cases/${stalled.caseId}/timeline`, t.handler);
  expect(timeline.items.map((e: Json) => e.action)).toEqual([
    'CASE_ACCEPTED',
    'ESCALATION_REMINDER',
    'ESCALATION_FIRST_LEVEL',
  ]);

  // An action needs the workflow: with no worker it answers 504 within its deadline.
  const started = Date.now();
  const key = `file-${stalled.caseId}`;
  const waited = await act(stalled.caseId, t.handler!, { action: 'FILE' }, key);
  expect(waited.status).toBe(504);
  expect(waited.body.detail).toContain('retry with the same Idempotency-Key');
  expect(Date.now() - started).toBeLessThan(15_000);

  // A worker comes back; the retry with the same key takes the action once.
  await app.restartWorker();
  const retried = await eventually(
    () => act(stalled.caseId, t.handler!, { action: 'FILE' }, key),
    (r) => r.status === 200,
  );
  expect(retried.body.proposals.map((p: Json) => p.approval.code)).toEqual(['FILE']);
  const after = await get(`/cases/${stalled.caseId}/timeline`, t.handler);
  expect(after.items.filter((e: Json) => e.action === 'APPROVAL_PROPOSED')).toHaveLength(1);
});

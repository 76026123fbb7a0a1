// POST /deadlines/explain: a what-if over the domain's deadline rules, through the real HTTP API.
import { startTestApp, type TestApp } from '../support/app';
import { readJson } from '../support/http';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ withWorker: false });
});
afterAll(async () => {
  await app.close();
});

const explain = (body: unknown) =>
  fetch(`${app.baseUrl}/deadlines/explain`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it('explains a filing review whose last day falls on a Saturday', async () => {
  const res = await explain({ policy: 'FILING_REVIEW', triggeredAt: '2026-03-04T09:15:00+08:00' });
  expect(res.status).toBe(200);
  const body = await readJson(res);
  expect(body.dueAtShanghai).toBe('2026-03-09 23:59:59');
  expect(body.dueAt).toBe('2026-03-09T15:59:59.999Z');
  expect(body.policy).toEqual({
    code: 'FILING_REVIEW',
    label: '刑事立案审查',
    name: 'criminal filing review',
  });
  expect(body.explanation[2].en).toBe(
    'Roll-over: the last day is 2026-03-07 (Saturday, a rest day); it moves to the next working day, 2026-03-09.',
  );
  expect(body.warnings).toEqual([]);
});

it('applies extensions within the cap and pauses the policy allows', async () => {
  const res = await explain({
    policy: 'ADMIN_CASE',
    triggeredAt: '2026-03-02T10:00:00+08:00',
    extensions: [
      { length: 30, unit: 'DAYS' },
      { length: 30, unit: 'DAYS' },
    ],
    pauses: [
      { reason: 'APPRAISAL', from: '2026-03-10T10:00:00+08:00', to: '2026-03-15T10:00:00+08:00' },
    ],
  });
  expect(res.status).toBe(200);
  const body = await readJson(res);
  // 30 + 30 + 30 days from 03-02 is 05-31; five days of appraisal make it 06-05 (a Friday).
  expect(body.dueAtShanghai).toBe('2026-06-05 23:59:59');
  expect(body.explanation.map((s: { zh: string }) => s.zh).join('')).toContain('中止：鉴定期间');
});

// The criminal side's clocks (issue 11 item 4) are in the what-if like every policy.
it.each([
  ['DETENTION_HOUSE_DELIVERY', '2026-10-01T22:30:00+08:00', [], '2026-10-02 23:00:00'],
  ['FAMILY_NOTIFICATION', '2026-10-01T22:30:00+08:00', [], '2026-10-02 23:00:00'],
  ['FIRST_INTERROGATION', '2026-10-01T22:30:00+08:00', [], '2026-10-02 23:00:00'],
  ['REVIEW_APPLICATION', '2026-03-15T10:00:00+08:00', [], '2026-03-23 23:59:59'],
  [
    'REVIEW_DECISION',
    '2026-03-02T10:00:00+08:00',
    [{ length: 30, unit: 'DAYS' }],
    '2026-05-06 23:59:59',
  ],
  ['ARREST_DENIAL_RECONSIDERATION', '2026-03-02T10:00:00+08:00', [], '2026-03-09 23:59:59'],
  ['NON_PROSECUTION_RECONSIDERATION', '2026-03-02T10:00:00+08:00', [], '2026-03-09 23:59:59'],
  [
    'NON_PROSECUTION_RECONSIDERATION_DECISION',
    '2026-03-02T10:00:00+08:00',
    [],
    '2026-04-01 23:59:59',
  ],
  // Issue 11's other clocks: the questioning and the fast procedure from the exact arrival, an
  // approval's step, an information request's answer, a lawsuit's defence.
  ['ADMIN_QUESTIONING', '2026-05-11T14:37:00+08:00', [], '2026-05-11 22:37:00'],
  ['FAST_ADMIN_DECISION', '2026-05-11T14:37:00+08:00', [], '2026-05-13 14:37:00'],
  ['APPROVAL', '2026-03-02T10:20:00+08:00', [], '2026-03-03 11:00:00'],
  ['INFO_DISCLOSURE', '2026-04-03T10:00:00+08:00', [], '2026-05-07 23:59:59'],
  ['ADMIN_LITIGATION_DEFENCE', '2026-09-22T10:00:00+08:00', [], '2026-10-08 23:59:59'],
])('explains %s from %s', async (policy, triggeredAt, extensions, due) => {
  const res = await explain({ policy, triggeredAt, extensions });
  expect(res.status).toBe(200);
  expect((await readJson(res)).dueAtShanghai).toBe(due);
});

it.each([
  [
    'an unknown policy',
    { policy: 'NOPE', triggeredAt: '2026-03-02T10:00:00+08:00' },
    'body.policy',
    /must be one of ALARM_ARRIVAL_TIER_1/,
  ],
  ['a bad time', { policy: 'FILING_REVIEW', triggeredAt: 'Monday' }, 'body.triggeredAt', /./],
  [
    'an unknown field',
    { policy: 'FILING_REVIEW', triggeredAt: '2026-03-02T10:00:00+08:00', court: 'x' },
    'body',
    /unknown field/,
  ],
  [
    'an unknown variant',
    { policy: 'FILING_REVIEW', triggeredAt: '2026-03-02T10:00:00+08:00', variant: 'BIG' },
    'body.variant',
    /has no variants/,
  ],
  [
    'a third extension',
    {
      policy: 'ADMIN_CASE',
      triggeredAt: '2026-03-02T10:00:00+08:00',
      extensions: [1, 2, 3].map(() => ({ length: 30, unit: 'DAYS' })),
    },
    'body.extensions.2',
    /at most 2 time\(s\)/,
  ],
  [
    'an extension over the cap',
    {
      policy: 'ADMIN_CASE',
      triggeredAt: '2026-03-02T10:00:00+08:00',
      extensions: [{ length: 31, unit: 'DAYS' }],
    },
    'body.extensions.0',
    /at most 30 days, not 31 days/,
  ],
  [
    'a pause the policy does not allow',
    {
      policy: 'FILING_REVIEW',
      triggeredAt: '2026-03-02T10:00:00+08:00',
      pauses: [
        { reason: 'APPRAISAL', from: '2026-03-03T10:00:00+08:00', to: '2026-03-04T10:00:00+08:00' },
      ],
    },
    'body.pauses.0',
    /does not pause/,
  ],
])('refuses %s with a 400 naming the field', async (_, body, field, rule) => {
  const res = await explain(body);
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = await readJson(res);
  const error = problem.errors.find((e: { field: string }) => e.field === field);
  expect(error?.rule).toMatch(rule);
});

it('is described in the OpenAPI document', async () => {
  const doc = await readJson(await fetch(`${app.baseUrl}/openapi.json`));
  expect(
    doc.paths['/deadlines/explain'].post.requestBody.content['application/json'].schema.required,
  ).toEqual(['policy', 'triggeredAt']);
});

// The first wired slice, end to end on the real Temporal server and PostgreSQL: the API starts an
// alarm workflow, an activity writes its row and audit event, and the API reads both back.
import { testAuditKey } from '../support/audit-key';
import { createActivities } from '../../activities';
import type { NewAlarm } from '../../domain/alarm';
import { readJson, type Json } from '../support/http';
import { eventually, startTestApp, type TestApp } from '../support/app';

let app: TestApp;
/** A handler of the unit the alarms go to. */
let auth: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp({ withWorker: true });
  const token = await app.token({
    id: 'officer-7',
    name: '李警官',
    roles: ['HANDLER'],
    unit: 'pcs-chengguan',
  });
  auth = { authorization: `Bearer ${token}` };
});
afterAll(async () => {
  await app.close();
});

const validAlarm = {
  source: 'CALL_110',
  responseTier: 2,
  unitId: 'pcs-chengguan',
  summary: '居民楼内有人持续吵闹',
  location: '城关镇幸福小区3栋',
};

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const alarmCount = () => app.prisma.alarm.count();

describe('health', () => {
  it('reports the process alive', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await readJson(res)).toEqual({ status: 'alive' });
  });

  it('reports ready when Temporal, PostgreSQL, the migrations and a worker all are', async () => {
    const body = await eventually(
      async () => readJson(await fetch(`${app.baseUrl}/readyz`)),
      (b: Json) => b.status === 'ready',
    );
    expect(body.checks).toEqual({
      temporal: { ready: true, detail: expect.any(String) },
      database: { ready: true, detail: expect.any(String) },
      migrations: { ready: true, detail: 'all migrations applied' },
      worker: {
        ready: true,
        detail: expect.stringMatching(
          new RegExp(
            `^worker ${app.worker!.workerId} \\(.+, pid ${process.pid}\\) beat [\\d.]+ s ago on task queue ${app.taskQueue} `,
          ),
        ),
      },
    });
  });

  it('says which dependency is not ready: no worker polls the queue', async () => {
    const noWorker = await startTestApp({ withWorker: false });
    try {
      const res = await fetch(`${noWorker.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      const body = await readJson(res);
      expect(body.status).toBe('not ready');
      expect(body.checks.worker.ready).toBe(false);
      expect(body.checks.worker.detail).toContain(
        `no worker has a heartbeat on task queue ${noWorker.taskQueue}; start one with npm run worker`,
      );
      expect(body.checks.database.ready).toBe(true);
    } finally {
      await noWorker.close();
    }
  });
});

describe('POST /alarms and GET /alarms/:id', () => {
  it('starts the workflow, which records the alarm, and reads state and record back', async () => {
    const res = await post('/alarms', validAlarm);
    expect(res.status).toBe(201);
    const { id } = await readJson(res);
    expect(id).toMatch(/^alarm-[0-9a-f-]{36}$/);
    expect(res.headers.get('location')).toBe(`/alarms/${id}`);

    const alarm = await eventually(
      async () => readJson(await fetch(`${app.baseUrl}/alarms/${id}`, { headers: auth })),
      (body: Json) => body.state?.recorded === true,
    );
    expect(alarm.state).toMatchObject({
      alarmId: id,
      stage: { code: 'ALARM_RECEIVED', label: '接警' },
      source: { code: 'CALL_110', label: '110报警' },
      responseTier: 2,
      unitId: 'pcs-chengguan',
    });
    expect(alarm.record).toMatchObject({
      id,
      source: 'CALL_110',
      responseTier: 2,
      stage: 'ALARM_RECEIVED',
      summary: validAlarm.summary,
      location: validAlarm.location,
    });
    const audit = await app.prisma.auditEvent.findMany({ where: { subjectId: id } });
    expect(audit.map((e) => e.action)).toEqual(['ALARM_RECEIVED']);
  });

  it('answers the registration once the alarm is recorded: it can be read at once (update-with-start)', async () => {
    const res = await post('/alarms', validAlarm);
    expect(res.status).toBe(201);
    const created = await readJson(res);
    expect(created.state).toMatchObject({ recorded: true, stage: { code: 'ALARM_RECEIVED' } });
    // No waiting: the very next read finds it.
    const read = await fetch(`${app.baseUrl}/alarms/${created.id}`, { headers: auth });
    expect(read.status).toBe(200);
    expect((await readJson(read)).record).toMatchObject({ id: created.id, version: 1 });
  });

  it('answers a conversion once the new case is recorded: its link can be followed at once', async () => {
    const { id } = await readJson(await post('/alarms', validAlarm));
    expect((await post(`/alarms/${id}/arrival`, {})).status).toBe(200);
    const disposed = await post(`/alarms/${id}/disposition`, {
      disposition: 'CONVERTED_TO_CASE',
      newCase: { kind: 'CRIMINAL', title: '幸福小区盗窃案', handlerId: 'officer-7' },
    });
    expect(disposed.status).toBe(200);
    const { links } = await readJson(disposed);
    const read = await fetch(`${app.baseUrl}${links.case}`, { headers: auth });
    expect(read.status).toBe(200);
    expect(await readJson(read)).toMatchObject({ stage: { code: 'FILING_REVIEW' } });
  });

  it('writes the row and audit event once even when the activity runs twice (a retry)', async () => {
    const activities = createActivities(app.prisma, testAuditKey);
    const alarm: NewAlarm = {
      alarmId: 'alarm-00000000-0000-4000-8000-000000000001',
      source: 'WALK_IN',
      category: 'CRIME',
      responseTier: 3,
      unitId: 'pcs-chengguan',
      summary: '来所报案：手机被盗',
      reportedAt: '2026-03-02T01:00:00.000Z',
      receivedAt: Date.parse('2026-03-02T01:05:00.000Z'),
      receivedBy: { id: 'officer-1', role: 'HANDLER' },
    };
    await activities.recordAlarmReceived(alarm);
    await activities.recordAlarmReceived(alarm);
    expect(await app.prisma.alarm.count({ where: { id: alarm.alarmId } })).toBe(1);
    expect(await app.prisma.auditEvent.count({ where: { subjectId: alarm.alarmId } })).toBe(1);
  });

  it.each([
    ['a missing field', { ...validAlarm, summary: undefined }, 'body.summary'],
    ['a wrong type', { ...validAlarm, responseTier: 'urgent' }, 'body.responseTier'],
    ['an unknown tier', { ...validAlarm, responseTier: 4 }, 'body.responseTier'],
    ['an unknown source', { ...validAlarm, source: 'EMAIL' }, 'body.source'],
    ['an unknown field', { ...validAlarm, priority: 'high' }, 'body'],
    ['an empty summary', { ...validAlarm, summary: '   ' }, 'body.summary'],
    ['a bad time', { ...validAlarm, reportedAt: 'yesterday' }, 'body.reportedAt'],
  ])(
    'refuses %s with a 400 problem naming the field, and writes nothing',
    async (_, body, field) => {
      const before = await alarmCount();
      const res = await post('/alarms', body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = await readJson(res);
      expect(problem).toMatchObject({ status: 400, title: 'Invalid request' });
      expect(problem.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await alarmCount()).toBe(before);
    },
  );

  it('refuses malformed JSON and an oversize body with problems', async () => {
    const malformed = await post('/alarms', '{"source": ');
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).title).toBe('Malformed JSON');

    const oversize = await post('/alarms', { ...validAlarm, summary: 'x'.repeat(70 * 1024) });
    expect(oversize.status).toBe(413);
    expect((await readJson(oversize)).detail).toContain('exceeds the limit');
  });

  it('answers 404 for an alarm that does not exist and 400 for a malformed id', async () => {
    const missing = await fetch(
      `${app.baseUrl}/alarms/alarm-00000000-0000-4000-8000-00000000ffff`,
      { headers: auth },
    );
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).title).toBe('Not found');
    const malformed = await fetch(`${app.baseUrl}/alarms/42`, { headers: auth });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).errors[0].field).toBe('path.id');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await fetch(`${app.baseUrl}/nowhere`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('the alarm side (issue 11 item 2) through the API', () => {
  const get = async (path: string, headers = auth) =>
    fetch(`${app.baseUrl}${path}`, { headers }).then(async (r) => ({
      status: r.status,
      body: await readJson(r),
    }));

  it('takes the reporter’s contact on the receipt: shown to the police on the alarm and its case, never on the public look-up', async () => {
    const created = await post('/alarms', {
      ...validAlarm,
      category: 'CRIME',
      reporterName: '王某某',
      reporterContact: '+86 138-1234-5678',
    });
    expect(created.status).toBe(201);
    const { id, state } = await readJson(created);
    expect(state.reporter).toEqual({ name: '王某某', contact: '13812345678' });
    expect((await get(`/alarms/${id}`)).body.record.reporterContact).toBe('13812345678');

    expect((await post(`/alarms/${id}/arrival`, {})).status).toBe(200);
    const disposed = await readJson(
      await post(`/alarms/${id}/disposition`, {
        disposition: 'CONVERTED_TO_CASE',
        newCase: { kind: 'CRIMINAL', title: '幸福小区盗窃案', handlerId: 'officer-7' },
      }),
    );
    const theCase = await get(disposed.links.case);
    expect(theCase.body.reporter).toEqual({ name: '王某某', contact: '13812345678' });
    const lookedUp = await get(`/public/cases/${theCase.body.queryCode}`, {});
    expect(lookedUp.status).toBe(200);
    expect(JSON.stringify(lookedUp.body)).not.toContain('13812345678');
    expect(JSON.stringify(lookedUp.body)).not.toContain('王某某');
  });

  it.each(['12345', '138-1234-567', '01012345678', '电话'])(
    'refuses the contact %s with a 400 problem saying what it must be, and writes nothing',
    async (contact) => {
      const before = await alarmCount();
      const res = await post('/alarms', { ...validAlarm, reporterContact: contact });
      expect(res.status).toBe(400);
      const problem = await readJson(res);
      expect(problem.errors).toEqual([
        expect.objectContaining({
          field: 'body.reporterContact',
          rule: expect.stringContaining('must be a mobile number') as unknown,
        }),
      ]);
      expect(await alarmCount()).toBe(before);
    },
  );

  it('records a transferred alarm’s handover: who received it at which agency, and when', async () => {
    const { id } = await readJson(await post('/alarms', { ...validAlarm, category: 'VIOLATION' }));
    expect((await post(`/alarms/${id}/arrival`, {})).status).toBe(200);
    const early = await post(`/alarms/${id}/handover`, { receivedBy: '张某' });
    expect(early.status).toBe(422);
    expect((await readJson(early)).detail).toContain('after the disposition TRANSFERRED');

    const transferred = await readJson(
      await post(`/alarms/${id}/disposition`, {
        disposition: 'TRANSFERRED',
        agency: '县市场监督管理局',
        reason: '属市场监管部门管辖',
      }),
    );
    expect(transferred.state.stage).toEqual({ code: 'PENDING_HANDOVER', label: '待移交接收' });
    expect(transferred.state.deadlines.map((d: Json) => [d.policyCode, !!d.completedAt])).toEqual(
      expect.arrayContaining([['TRANSFER_TO_AGENCY', false]]),
    );

    const missing = await post(`/alarms/${id}/handover`, { agency: '县市场监督管理局' });
    expect(missing.status).toBe(400);
    expect((await readJson(missing)).errors[0].field).toBe('body.receivedBy');
    const future = await post(`/alarms/${id}/handover`, {
      receivedBy: '张某',
      handedOverAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(422);
    expect((await readJson(future)).detail).toContain('is in the future');

    // Handed over at the very instant the transfer was decided: the earliest it may be.
    const handedOverAt: string = transferred.state.disposedAt;
    const before = await post(`/alarms/${id}/handover`, {
      receivedBy: '张某',
      handedOverAt: new Date(Date.parse(handedOverAt) - 1000).toISOString(),
    });
    expect(before.status).toBe(422);
    expect((await readJson(before)).detail).toContain('before the transfer was decided');
    const res = await post(`/alarms/${id}/handover`, {
      receivedBy: '市场监管局 张某',
      handedOverAt,
    });
    expect(res.status).toBe(200);
    const { state } = await readJson(res);
    expect(state.stage.code).toBe('DISPOSED');
    expect(state.handover).toEqual({
      receivedBy: '市场监管局 张某',
      agency: '县市场监督管理局',
      at: handedOverAt,
    });
    const transfer = state.deadlines.find((d: Json) => d.policyCode === 'TRANSFER_TO_AGENCY');
    expect(transfer.completedAt).toBeDefined();
    expect(transfer.overdue).toBe(false);
  });

  it('transfers a crime report only once the bureau leader approves, the 24 hours from then', async () => {
    const { id } = await readJson(await post('/alarms', { ...validAlarm, category: 'CRIME' }));
    expect((await post(`/alarms/${id}/arrival`, {})).status).toBe(200);
    const proposed = await readJson(
      await post(`/alarms/${id}/disposition`, {
        disposition: 'TRANSFERRED',
        agency: '县公安局经侦大队',
        reason: '涉嫌合同诈骗，属经侦管辖',
      }),
    );
    expect(proposed.state.stage.code).toBe('ON_SCENE');
    const [proposal] = proposed.state.proposals;
    expect(proposal).toMatchObject({
      approval: { code: 'ALARM_TRANSFER', label: '呈请移送管辖' },
      waitingFor: { code: 'BUREAU_LEADER', label: '分局领导' },
      subject: { disposition: 'TRANSFERRED', agency: '县公安局经侦大队' },
    });
    // The handler cannot approve their own proposal; the bureau's leader can.
    expect((await post(proposal.links.decide, { decision: 'APPROVE' })).status).toBe(403);
    const leader = await app.token({
      id: 'leader-qian',
      name: '钱局长',
      roles: ['BUREAU_LEADER'],
      unit: 'pcs-chengguan',
    });
    const refusedWithoutReason = await post(
      proposal.links.decide,
      { decision: 'REFUSE' },
      { authorization: `Bearer ${leader}` },
    );
    expect(refusedWithoutReason.status).toBe(400);
    const approved = await post(
      proposal.links.decide,
      { decision: 'APPROVE', note: '同意移送' },
      { authorization: `Bearer ${leader}` },
    );
    expect(approved.status).toBe(200);
    const { state } = await readJson(approved);
    expect(state.stage.code).toBe('PENDING_HANDOVER');
    expect(state.proposals).toEqual([]);
    const transfer = state.deadlines.find((d: Json) => d.policyCode === 'TRANSFER_TO_AGENCY');
    expect(transfer.openedAt).toBe(state.disposedAt);
    expect(Date.parse(state.disposedAt)).toBeGreaterThan(Date.parse(proposal.proposedAt));
  });

  it('records an emergency handled on the scene, then registers its report as a case', async () => {
    const { id } = await readJson(await post('/alarms', { ...validAlarm, category: 'CRIME' }));
    expect((await post(`/alarms/${id}/arrival`, {})).status).toBe(200);
    const handled = await post(`/alarms/${id}/scene-handled`, {});
    expect(handled.status).toBe(200);
    const { state } = await readJson(handled);
    expect(state.stage.code).toBe('PENDING_REGISTRATION');
    expect(state.sceneHandledAt).toEqual(expect.any(String));
    const resolved = await post(`/alarms/${id}/disposition`, {
      disposition: 'RESOLVED_ON_SCENE',
      reason: '已处置',
    });
    expect(resolved.status).toBe(422);
    expect((await readJson(resolved)).detail).toContain('CONVERTED_TO_CASE');
    const registered = await readJson(
      await post(`/alarms/${id}/disposition`, {
        disposition: 'CONVERTED_TO_CASE',
        newCase: { kind: 'CRIMINAL', title: '幸福小区伤害案', handlerId: 'officer-7' },
      }),
    );
    expect(registered.state.stage.code).toBe('DISPOSED');
    const registration = registered.state.deadlines.find(
      (d: Json) => d.policyCode === 'REGISTER_REPORT',
    );
    expect(registration.completedAt).toBeDefined();
  });

  it.each(['TRANSFER_TO_AGENCY', 'REGISTER_REPORT'])(
    'explains when %s falls due (the what-if)',
    async (policy) => {
      const res = await fetch(`${app.baseUrl}/deadlines/explain`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ policy, triggeredAt: '2026-03-04T10:15:00+08:00' }),
      });
      expect(res.status).toBe(200);
      // The starting hour is not counted: 24 hours from 11:00.
      expect((await readJson(res)).dueAt).toBe('2026-03-05T03:00:00.000Z');
    },
  );
});

describe('API description', () => {
  it('serves an OpenAPI 3.1 document whose request schema is the validator', async () => {
    const doc = await readJson(await fetch(`${app.baseUrl}/openapi.json`));
    expect(doc.openapi).toBe('3.1.0');
    const schema = doc.paths['/alarms'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(
      expect.arrayContaining(['source', 'responseTier', 'unitId', 'summary']),
    );
    expect(schema.additionalProperties).toBe(false);
    const page = await fetch(`${app.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/alarms/{id}');
  });
});

// The directory (名录) on a running system: REASSIGN takes only an active handler of the case's own
// unit once a directory is loaded, and anyone while none is; the people and units it lists are
// those of the caller's scope. A database of this file's own: a directory in the shared one would
// check every other test's REASSIGN.
import type { Directory } from '../../domain/directory';
import { DEVELOPMENT_DIRECTORY } from '../../domain/development-directory';
import { loadDirectory } from '../../platform/directory';
import { caller, caseViaApi, okBody, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';
import { dropDatabase, migratedDatabase } from '../support/databases';
import type { Json } from '../support/http';
import { testEnvironment } from '../support/test-env';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const { adminUrl } = testEnvironment();
const world = testWorld();
let databaseUrl: string | undefined;
let app: TestApp;
let call: ReturnType<typeof caller>;
let leader: string;

const directory: Directory = {
  units: [
    { id: world.root, name: '测试县公安局', kind: 'BUREAU' },
    { id: world.unitA, name: '甲派出所', kind: 'STATION' },
    { id: world.unitB, name: '乙派出所', kind: 'STATION' },
  ],
  organisations: [
    { id: world.procuratorate, name: '测试县人民检察院', kind: 'PROCURATORATE' },
    { id: world.otherProcuratorate, name: '邻县人民检察院', kind: 'PROCURATORATE' },
  ],
  people: [
    { id: 'officer-a1', name: '甲一', unitId: world.unitA, roles: ['HANDLER'], active: true },
    { id: 'officer-a2', name: '甲二', unitId: world.unitA, roles: ['HANDLER'], active: true },
    { id: 'officer-a3', name: '甲三', unitId: world.unitA, roles: ['HANDLER'], active: false },
    { id: 'leader-a', name: '甲所长', unitId: world.unitA, roles: ['UNIT_LEADER'], active: true },
    { id: 'officer-b1', name: '乙一', unitId: world.unitB, roles: ['HANDLER'], active: true },
    { id: 'chief', name: '局长', unitId: world.root, roles: ['BUREAU_LEADER'], active: true },
    { id: 'jcg-1', name: '检一', orgId: world.procuratorate, roles: ['PROSECUTOR'], active: true },
    {
      id: 'jcg-2',
      name: '检二',
      orgId: world.otherProcuratorate,
      roles: ['PROSECUTOR'],
      active: true,
    },
  ],
};

beforeAll(async () => {
  databaseUrl = (await migratedDatabase(adminUrl, 'directory_test')).databaseUrl;
  app = await startTestApp({
    withWorker: true,
    databaseUrl,
    // The filing review falls due 2 s after acceptance: its first-level escalation goes to the
    // station's leader at once.
    policyOverrides: { FILING_REVIEW: { period: seconds(2), grace: seconds(3600) } },
  });
  call = caller(app);
  leader = await app.token(person('UNIT_LEADER', { unit: world.unitA }, 'leader-a'));
});

afterAll(async () => {
  await app?.close();
  if (databaseUrl) await dropDatabase(adminUrl, databaseUrl);
});

/** A case of unitA handled by `handlerId`, its filing review escalated to the station's leader. */
async function escalatedCase(handlerId: string) {
  const handler = await app.token(person('HANDLER', { unit: world.unitA }, handlerId));
  const { caseId } = await caseViaApi(call, handler, world.unitA, handlerId);
  const escalationId = `${caseId}:FILING_REVIEW:1:FIRST_LEVEL`;
  await eventually(
    () => call('GET', '/me/escalations', { token: leader }),
    (r) => r.status === 200 && r.body.items.some((e: { id: string }) => e.id === escalationId),
  );
  return { caseId, escalationId, taskId: `${caseId}:FILING_REVIEW:1` };
}

const reassign = (escalationId: string, handlerId: string) =>
  call('POST', `/escalations/${escalationId}/decision`, {
    token: leader,
    body: { decision: 'REASSIGN', handlerId, reason: '原承办人休假' },
  });

describe('with no directory loaded', () => {
  it('reassigns to any handlerId, as before: there is nothing to check against', async () => {
    expect(await app.prisma.directoryPerson.count()).toBe(0);
    const { escalationId, taskId } = await escalatedCase('officer-a1');
    const reply = await reassign(escalationId, 'typed-by-hand');
    expect([reply.status, reply.body.case?.handlerId]).toEqual([200, 'typed-by-hand']);
    const task = await app.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.ownerId).toBe('typed-by-hand');
  });
});

describe('with a directory loaded', () => {
  beforeAll(async () => {
    await loadDirectory(app.prisma, directory);
  });

  it("refuses to reassign to anyone but an active handler of the case's unit, and the task stays; a handler of the unit gets the case and its open task", async () => {
    const { caseId, escalationId, taskId } = await escalatedCase('officer-a1');
    const refused: Array<[string, RegExp]> = [
      ['officer-b1', /officer-b1 \(乙一\) is a handler of .*\.b, not of the case's unit .*\.a/],
      ['nobody-9', /nobody-9 is nobody in the directory/],
      ['leader-a', /leader-a \(甲所长\) is not a HANDLER/],
      ['officer-a3', /officer-a3 \(甲三\) is no longer active/],
    ];
    for (const [handlerId, why] of refused) {
      const reply = await reassign(escalationId, handlerId);
      expect([handlerId, reply.status, reply.body.detail]).toEqual([
        handlerId,
        422,
        expect.stringMatching(why),
      ]);
      expect(reply.body.errors).toEqual([{ field: 'body.handlerId', rule: reply.body.detail }]);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    // Nothing was sent to the case: its handler, its open step and the escalation are unchanged.
    const before = await app.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(before.ownerId).toBe('officer-a1');
    const row = await app.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row.handlerId).toBe('officer-a1');
    const open = await app.prisma.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    expect(open.answeredAt).toBeNull();

    const reply = await reassign(escalationId, 'officer-a2');
    expect([reply.status, reply.body.case?.handlerId]).toEqual([200, 'officer-a2']);
    const after = await app.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    expect([after.ownerId, after.completedAt]).toEqual(['officer-a2', null]);
    const tasksOf = async (id: string) => {
      const token = await app.token(person('HANDLER', { unit: world.unitA }, id));
      const mine = await okBody(call('GET', '/me/tasks', { token }), `${id}'s tasks`);
      return mine.items.map((t: Json) => t.id);
    };
    expect(await tasksOf('officer-a2')).toContain(taskId);
    expect(await tasksOf('officer-a1')).not.toContain(taskId);
  });

  const ids = (reply: { body: Json }) => reply.body.items.map((p: Json) => p.id);
  const as = (role: Parameters<typeof person>[0], where: { unit?: string; org?: string }) =>
    app.token(person(role, where));

  it('lists the people of your scope: a handler their unit, a leader the units below, a prosecutor their procuratorate', async () => {
    const handlerA = await as('HANDLER', { unit: world.unitA });
    const own = await call('GET', '/directory/people', { token: handlerA });
    expect(ids(own)).toEqual(['leader-a', 'officer-a1', 'officer-a2']);
    const all = await call('GET', '/directory/people?state=all', { token: handlerA });
    expect(ids(all)).toEqual(['leader-a', 'officer-a1', 'officer-a2', 'officer-a3']);
    expect(own.body.items[1]).toEqual({
      id: 'officer-a1',
      name: '甲一',
      unit: { id: world.unitA, name: '甲派出所' },
      org: null,
      roles: [{ code: 'HANDLER', label: '办案民警' }],
      active: true,
    });
    const elsewhere = await call('GET', `/directory/people?unit=${world.unitB}`, {
      token: handlerA,
    });
    expect([elsewhere.status, elsewhere.body.detail]).toEqual([
      403,
      `Unit ${world.unitB} is outside your scope.`,
    ]);

    const chief = await as('BUREAU_LEADER', { unit: world.root });
    const handlers = await call('GET', '/directory/people?role=HANDLER', { token: chief });
    expect(ids(handlers)).toEqual(['officer-a1', 'officer-a2', 'officer-b1']);
    const ofA = await call('GET', `/directory/people?unit=${world.unitA}&role=HANDLER`, {
      token: chief,
    });
    expect(ids(ofA)).toEqual(['officer-a1', 'officer-a2']);
    const first = await call('GET', '/directory/people?limit=2', { token: chief });
    expect([ids(first), first.body.next]).toEqual([['chief', 'leader-a'], 'leader-a']);
    const second = await call('GET', '/directory/people?limit=10&after=leader-a', {
      token: chief,
    });
    expect([ids(second), second.body.next]).toEqual([
      ['officer-a1', 'officer-a2', 'officer-b1'],
      null,
    ]);

    const prosecutor = await as('PROSECUTOR', { org: world.procuratorate });
    const colleagues = await call('GET', '/directory/people', { token: prosecutor });
    expect(ids(colleagues)).toEqual(['jcg-1']);
    expect(colleagues.body.items[0].org).toEqual({
      id: world.procuratorate,
      name: '测试县人民检察院',
      kind: { code: 'PROCURATORATE', label: '人民检察院' },
    });
    for (const path of [
      `/directory/people?org=${world.otherProcuratorate}`,
      `/directory/people?unit=${world.unitA}`,
    ]) {
      expect((await call('GET', path, { token: prosecutor })).status).toBe(403);
    }
  });

  it('lists the units of your scope, or one unit and those below it', async () => {
    const handlerA = await as('HANDLER', { unit: world.unitA });
    const chief = await as('BUREAU_LEADER', { unit: world.root });
    const units = (reply: { body: Json }) => reply.body.items.map((u: Json) => u.id);
    expect(units(await call('GET', '/directory/units', { token: handlerA }))).toEqual([
      world.unitA,
    ]);
    const tree = await call('GET', '/directory/units', { token: chief });
    expect(units(tree)).toEqual([world.root, world.unitA, world.unitB]);
    expect(tree.body.items[0]).toEqual({
      id: world.root,
      name: '测试县公安局',
      kind: { code: 'BUREAU', label: '公安局' },
    });
    expect(
      units(await call('GET', `/directory/units?unit=${world.unitB}`, { token: chief })),
    ).toEqual([world.unitB]);
    expect(
      (await call('GET', `/directory/units?unit=${world.unitB}`, { token: handlerA })).status,
    ).toBe(403);
    const prosecutor = await as('PROSECUTOR', { org: world.procuratorate });
    expect((await call('GET', '/directory/units', { token: prosecutor })).status).toBe(403);
  });

  it('loads a directory again without change, and refuses one that is not valid', async () => {
    const count = () =>
      Promise.all([
        app.prisma.directoryUnit.count(),
        app.prisma.directoryOrganisation.count(),
        app.prisma.directoryPerson.count(),
      ]);
    const before = await count();
    await loadDirectory(app.prisma, directory);
    expect(await count()).toEqual(before);
    await expect(
      loadDirectory(app.prisma, {
        ...directory,
        people: [{ id: 'stray', name: '?', unitId: 'nowhere', roles: ['HANDLER'], active: true }],
      }),
    ).rejects.toThrow(/person stray: unit nowhere is not in the directory/);
    expect(await app.prisma.directoryPerson.findUnique({ where: { id: 'stray' } })).toBeNull();

    // The development directory (npm start) loads beside it, twice the same.
    const loaded = await loadDirectory(app.prisma, DEVELOPMENT_DIRECTORY);
    await loadDirectory(app.prisma, DEVELOPMENT_DIRECTORY);
    const after = await count();
    expect(after).toEqual([
      before[0] + loaded.units,
      before[1] + loaded.organisations,
      before[2] + loaded.people,
    ]);
  });
});

// When the request audit cannot be written: nobody is shown a case or an alarm without a record
// of it (503), but an action that was taken is never answered as if nothing happened.
import { caller, okBody, person, testWorld } from '../support/api';
import { eventually, startTestApp, type TestApp } from '../support/app';

const world = testWorld();
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ withWorker: true, auditUnavailable: true });
});
afterAll(async () => {
  await app?.close();
});

it('says an action stands when its request could not be audited, and shows nothing unaudited', async () => {
  const call = caller(app);
  const token = await app.token(person('HANDLER', { unit: world.unitA }, 'officer-li'));
  const created = await call('POST', '/alarms', {
    token,
    body: {
      source: 'CALL_110',
      category: 'DISPUTE',
      responseTier: 2,
      unitId: world.unitA,
      summary: '噪音扰民',
    },
  });
  expect(created.status).toBe(201);
  expect(created.headers.get('audit-warning')).toBe('request not recorded');
  expect(created.body.auditWarning).toContain('The action was taken');
  // The alarm exists: its workflow opened it.
  const alarmId = created.body.id as string;
  await eventually(
    () => app.prisma.alarm.findUnique({ where: { id: alarmId } }),
    (row) => row !== null,
  );
  // Reading it would show it without a record: refused.
  const read = await call('GET', `/alarms/${alarmId}`, { token });
  expect(read.status).toBe(503);
  expect(read.body.detail).toContain('nothing was shown');
  // A refused action took nothing: it is answered like a read, 503.
  const refused = await call('POST', `/alarms/${alarmId}/arrival`, {
    token: await app.token(person('CASE_CENTER', { unit: world.unitA })),
  });
  expect(refused.status).toBe(503);
  const arrived = await okBody(call('POST', `/alarms/${alarmId}/arrival`, { token }), 'arrival');
  expect(arrived.state.stage.code).toBe('ON_SCENE');
  expect(arrived.auditWarning).toContain('Do not repeat the action');
});

// Notifications (消息): written with the step that causes them, streamed to the people they concern
// (GET /me/events), replayed after a reconnect with Last-Event-ID, listed and marked read. Nobody
// receives another person's or another unit's.
import { caller, okBody, person, testWorld } from '../support/api';
import { startTestApp, type TestApp } from '../support/app';
import type { Json } from '../support/http';
import { openEventStream, type EventStream } from '../support/sse';

const seconds = (length: number) => ({ length, unit: 'SECONDS' as const });
const world = testWorld();
let app: TestApp;
let call: ReturnType<typeof caller>;
const streams: EventStream[] = [];

beforeAll(async () => {
  app = await startTestApp({
    withWorker: true,
    // The filing review falls due 3 s after acceptance: its first level goes to the unit's leader.
    policyOverrides: { FILING_REVIEW: { period: seconds(3), grace: seconds(3600) } },
  });
  call = caller(app);
});

afterAll(async () => {
  for (const stream of streams) stream.close();
  await app?.close();
});

async function listen(token: string, lastEventId?: string) {
  const stream = await openEventStream(`${app.baseUrl}/me/events`, {
    Authorization: `Bearer ${token}`,
    ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
  });
  streams.push(stream);
  return stream;
}

const parsed = (stream: EventStream) => stream.events.map((e) => JSON.parse(e.data) as Json);

/** The first event of the stream whose notification matches, waiting for it. */
async function heard(stream: EventStream, match: (notification: Json) => boolean) {
  for (let count = 1; ; count += 1) {
    await stream.waitFor(count);
    const found = stream.events.find((e) => match(JSON.parse(e.data)));
    if (found) return found;
  }
}

async function openCase(handlerToken: string, handlerId: string) {
  const alarm = await okBody(
    call('POST', '/alarms', {
      token: handlerToken,
      body: { source: 'CALL_110', responseTier: 2, unitId: world.unitA, summary: '入室盗窃' },
    }),
    'register the alarm',
  );
  const disposed = await okBody(
    call('POST', `/alarms/${alarm.id}/disposition`, {
      token: handlerToken,
      body: {
        disposition: 'CONVERTED_TO_CASE',
        newCase: { kind: 'CRIMINAL', title: '盗窃案', handlerId },
      },
    }),
    'convert it',
  );
  return disposed.state.disposition.caseId as string;
}

it('streams each notification to the people it concerns only, replays what a reconnect missed, and lists them to mark read', async () => {
  const handlerId = `officer-${world.unitA}`;
  const handler = await app.token(person('HANDLER', { unit: world.unitA }, handlerId));
  const colleague = await app.token(person('HANDLER', { unit: world.unitA }, 'officer-other'));
  const leader = await app.token(person('UNIT_LEADER', { unit: world.unitA }));
  const stranger = await app.token(person('UNIT_LEADER', { unit: world.unitB }));
  const handlerStream = await listen(handler);
  const colleagueStream = await listen(colleague);
  const leaderStream = await listen(leader);
  const strangerStream = await listen(stranger);
  expect(handlerStream.status).toBe(200);

  const caseId = await openCase(handler, handlerId);
  // The alarm's steps were news to every handler of the unit (an alarm's step is theirs until
  // someone takes it); the case's filing review only to its handler, its escalation to the leader.
  const taskOpened = await heard(handlerStream, (n) => n.subject.type === 'CASE');
  expect(JSON.parse(taskOpened.data)).toMatchObject({
    kind: { code: 'TASK_OPENED', label: '新待办' },
    title: '新待办：刑事立案审查',
    subject: { type: 'CASE', id: caseId },
    links: { subject: `/cases/${caseId}`, page: `/case/${caseId}` },
    read: false,
  });
  const alarmSteps = parsed(handlerStream).filter((n) => n.subject.type === 'ALARM');
  expect(alarmSteps.map((n) => n.kind.code)).toEqual(alarmSteps.map(() => 'TASK_OPENED'));
  const escalation = await heard(leaderStream, (n) => n.kind.code === 'ESCALATED');
  expect(JSON.parse(escalation.data)).toMatchObject({
    title: '超期督办（一级）',
    subject: { id: caseId },
    task: { policy: { code: 'FILING_REVIEW' } },
  });

  // The handler's stream drops; a second case opens meanwhile: its filing review is news to them.
  handlerStream.close();
  const lastSeen = handlerStream.events[handlerStream.events.length - 1]!.id!;
  const secondCase = await openCase(handler, handlerId);
  const again = await listen(handler, lastSeen);
  const missed = await heard(again, (n) => n.subject.id === secondCase);
  expect(JSON.parse(missed.data)).toMatchObject({
    kind: { code: 'TASK_OPENED' },
    task: { policy: { code: 'FILING_REVIEW' } },
  });
  // Everything after the last event seen, once each and in order.
  const replayed = again.events.map((e) => BigInt(e.id!));
  expect(replayed[0]).toBeGreaterThan(BigInt(lastSeen));
  expect(replayed.every((id, i) => i === 0 || id > replayed[i - 1]!)).toBe(true);

  // Nobody else heard of the case: another handler of the unit (not theirs), another unit.
  await colleagueStream.waitFor(alarmSteps.length);
  expect(parsed(colleagueStream).slice(0, alarmSteps.length)).toEqual(alarmSteps);
  expect(parsed(colleagueStream).map((n) => n.subject.type)).not.toContain('CASE');
  expect(strangerStream.events).toEqual([]);

  const list = await okBody(call('GET', '/me/notifications', { token: handler }), 'list');
  expect(list.unread).toBe(list.items.length);
  // Newest first; everything the handler's streams carried, and nothing else.
  expect(list.items.map((n: Json) => n.id).sort()).toEqual(
    [...new Set([...handlerStream.events, ...again.events].map((e) => e.id))].sort(),
  );
  const read = await okBody(
    call('POST', '/me/notifications/read', { token: handler, body: { ids: [list.items[1].id] } }),
    'mark one read',
  );
  expect(read.unread).toBe(list.items.length - 1);
  // Marking someone else's notification read does nothing for anyone.
  const leaderList = await okBody(call('GET', '/me/notifications', { token: leader }), 'list');
  await okBody(
    call('POST', '/me/notifications/read', {
      token: handler,
      body: { ids: leaderList.items.map((n: Json) => n.id) },
    }),
    "mark the leader's",
  );
  expect((await okBody(call('GET', '/me/notifications', { token: leader }), 'list')).unread).toBe(
    leaderList.unread,
  );
  const all = await okBody(
    call('POST', '/me/notifications/read', { token: handler, body: { all: true } }),
    'mark all read',
  );
  expect(all.unread).toBe(0);
});

it('refuses a stream without a valid token, and a Last-Event-ID it never sent', async () => {
  const anonymous = await openEventStream(`${app.baseUrl}/me/events`, {});
  const handler = await app.token(person('HANDLER', { unit: world.unitA }));
  const bad = await openEventStream(`${app.baseUrl}/me/events`, {
    Authorization: `Bearer ${handler}`,
    'Last-Event-ID': 'yesterday',
  });
  expect([anonymous.status, bad.status]).toEqual([401, 400]);
});

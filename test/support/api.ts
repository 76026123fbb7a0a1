// Calling the HTTP API as people: tokens for personas in a unit tree of the test's own, and a
// small fetch wrapper that returns the status, headers and JSON body.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../domain/access';
import type { Role } from '../../domain/roles';
import type { TestApp } from './app';
import type { Json } from './http';

export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as the raw body instead of JSON.stringify(body). */
  raw?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

export function caller(app: TestApp) {
  return async (
    method: 'GET' | 'POST',
    path: string,
    options: CallOptions = {},
  ): Promise<Reply> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let body: string | undefined;
    if (options.raw !== undefined || options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = options.raw ?? JSON.stringify(options.body);
    }
    const res = await fetch(`${app.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: Json = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
}

/**
 * A unit tree of this test's own (`t1a2b3c`, its stations `.a` and `.b`), a procuratorate and a
 * court with a rival of each, so that tests sharing the database never see each other's data.
 */
export function testWorld() {
  const root = `t${randomUUID().slice(0, 8)}`;
  return {
    root,
    unitA: `${root}.a`,
    unitB: `${root}.b`,
    procuratorate: `${root}-jcy`,
    otherProcuratorate: `${root}-jcy2`,
    court: `${root}-fy`,
    otherCourt: `${root}-fy2`,
  };
}

export type World = ReturnType<typeof testWorld>;

/** A person with one role: in `unit` (police) or `org` (prosecutor, judge). */
export function person(role: Role, where: { unit?: string; org?: string }, id?: string): Principal {
  return {
    id: id ?? `${role.toLowerCase()}-${where.unit ?? where.org}`,
    name: `${role} of ${where.unit ?? where.org}`,
    roles: [role],
    ...where,
  };
}

/** Where a role's person sits to be in or out of scope of work in `world.unitA`. */
export function placeFor(role: Role, world: World, inScope: boolean) {
  if (role === 'PROSECUTOR')
    return { org: inScope ? world.procuratorate : world.otherProcuratorate };
  if (role === 'JUDGE') return { org: inScope ? world.court : world.otherCourt };
  return { unit: inScope ? world.unitA : world.unitB };
}

/** An answer's body, or an error that shows what came back instead. */
export async function okBody(reply: Promise<Reply>, what: string): Promise<Json> {
  const r = await reply;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A case (criminal unless said) opened through the API as a handler would: alarm, conversion. */
export async function caseViaApi(
  call: ReturnType<typeof caller>,
  token: string,
  unitId: string,
  handlerId: string,
  kind: 'CRIMINAL' | 'ADMINISTRATIVE' = 'CRIMINAL',
): Promise<{ alarmId: string; caseId: string; queryCode: string }> {
  const alarm = await okBody(
    call('POST', '/alarms', {
      token,
      body: {
        source: 'CALL_110',
        category: kind === 'CRIMINAL' ? 'CRIME' : 'VIOLATION',
        responseTier: 2,
        unitId,
        summary: kind === 'CRIMINAL' ? '车棚电动车被盗' : '邻里纠纷互殴',
      },
    }),
    'register the alarm',
  );
  const until = Date.now() + 20_000;
  while ((await call('GET', `/alarms/${alarm.id}`, { token })).status !== 200) {
    if (Date.now() > until) throw new Error(`alarm ${alarm.id} never became readable`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const disposed = await okBody(
    call('POST', `/alarms/${alarm.id}/disposition`, {
      token,
      body: {
        disposition: 'CONVERTED_TO_CASE',
        newCase: {
          kind,
          title: kind === 'CRIMINAL' ? '电动车被盗案' : '邻里纠纷殴打他人案',
          handlerId,
        },
      },
    }),
    'convert the alarm',
  );
  const caseId = disposed.state.disposition.caseId as string;
  let found = await call('GET', `/cases/${caseId}`, { token });
  while (found.status !== 200) {
    if (Date.now() > until) throw new Error(`case ${caseId} never became readable`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    found = await call('GET', `/cases/${caseId}`, { token });
  }
  return { alarmId: alarm.id, caseId, queryCode: found.body.queryCode };
}

/**
 * Has each approver a proposal of the case waits for (审批) approve it in turn, each with their
 * own token, until none waits: for tests about what follows the decision. Answers the case.
 */
export async function approveProposals(
  call: ReturnType<typeof caller>,
  caseId: string,
  tokens: Partial<Record<Role, string>>,
): Promise<Json> {
  const reader = tokens.HANDLER ?? Object.values(tokens)[0]!;
  for (;;) {
    const view = await okBody(call('GET', `/cases/${caseId}`, { token: reader }), 'read the case');
    const waiting = (view.proposals as Json[]).find((p) => p.waitingFor);
    if (!waiting) return view;
    const role = waiting.waitingFor.code as Role;
    const token = tokens[role];
    if (!token) throw new Error(`${waiting.approval.label} waits for ${role}: no token given`);
    await okBody(
      call('POST', waiting.links.decide, { token, body: { decision: 'APPROVE' } }),
      `${role} approves ${waiting.approval.code}`,
    );
  }
}

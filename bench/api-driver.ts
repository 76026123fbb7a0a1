// The app through its HTTP API, as its users drive it: a handler registers an alarm, records the
// arrival and converts it to a case; then each person takes their fast-track action with their
// own token. Also the reads a person makes: one case, and the case list.
import type { Principal } from '../domain/access';
import type { Role } from '../domain/roles';
import { issueToken, type IdentityConfig } from '../platform/identity';
import { fastTrackSteps, type BenchPlaces } from './fast-track';

type Json = Record<string, unknown>;

export interface ApiTimings {
  /** POST /cases/:id/actions, each of the 9. */
  action: number[];
  /** POST /alarms, /arrival, /disposition. */
  alarm: number[];
  getCase: number[];
  listCases: number[];
}

export interface ApiDriver {
  /** One case from alarm to archive. */
  lifecycle(timings: ApiTimings): Promise<string>;
  /** A case from alarm to filing, left open (for the reads). */
  openCase(): Promise<string>;
  /** GET /cases/:id, then GET /cases, as the handler. */
  reads(caseId: string, timings: ApiTimings): Promise<void>;
  /** Requests repeated because the workflow behind them was not ready yet. */
  retries(): number;
}

/** Until a new workflow has run its first task, queries of it fail: a person would retry. */
const NOT_YET = new Set([404, 409, 500, 503]);
const RETRY_FOR_MS = 15_000;

export async function apiDriver(
  baseUrl: string,
  identity: IdentityConfig,
  places: BenchPlaces,
): Promise<ApiDriver> {
  const person = async (role: Role, where: { unit?: string; org?: string }) => {
    const principal: Principal = {
      id: `bench-${role.toLowerCase()}`,
      name: `${role} (bench)`,
      roles: [role],
      ...where,
    };
    return issueToken(identity, principal, 24 * 3600);
  };
  const tokens: Partial<Record<Role, string>> = {
    HANDLER: await person('HANDLER', { unit: places.unitId }),
    LEGAL_OFFICER: await person('LEGAL_OFFICER', { unit: places.unitId }),
    PROSECUTOR: await person('PROSECUTOR', { org: places.prosecutionOrg }),
    JUDGE: await person('JUDGE', { org: places.courtOrg }),
    CASE_CENTER: await person('CASE_CENTER', { unit: places.unitId }),
    BUREAU_LEADER: await person('BUREAU_LEADER', { unit: places.unitId }),
  };
  let retries = 0;

  /** One request, retried while the workflow behind it is not ready when `fresh`; the time
   * includes the retries, as the person waiting would see it. */
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    role: Role,
    body: unknown,
    into: number[],
    fresh = false,
  ): Promise<Json> => {
    const started = performance.now();
    for (;;) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens[role]}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.ok) {
        into.push(performance.now() - started);
        return text ? (JSON.parse(text) as Json) : {};
      }
      if (!(fresh && NOT_YET.has(res.status) && performance.now() - started < RETRY_FOR_MS)) {
        throw new Error(`${method} ${path} as ${role}: ${res.status} ${text.slice(0, 300)}`);
      }
      retries += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const steps = fastTrackSteps(places);

  const newCase = async (timings: ApiTimings): Promise<string> => {
    const alarm = await call(
      'POST',
      '/alarms',
      'HANDLER',
      {
        source: 'CALL_110',
        category: 'CRIME',
        responseTier: 2,
        unitId: places.unitId,
        summary: '小区车棚电动车被盗（压测）',
      },
      timings.alarm,
    );
    const alarmPath = `/alarms/${alarm.id as string}`;
    await call('POST', `${alarmPath}/arrival`, 'HANDLER', undefined, timings.alarm, true);
    const disposed = await call(
      'POST',
      `${alarmPath}/disposition`,
      'HANDLER',
      {
        disposition: 'CONVERTED_TO_CASE',
        newCase: { kind: 'CRIMINAL', title: '电动车被盗案（压测）', handlerId: 'bench-handler' },
      },
      timings.alarm,
    );
    const state = disposed.state as { disposition?: { caseId?: string } };
    const caseId = state.disposition?.caseId;
    if (!caseId) throw new Error(`${alarmPath}/disposition named no case`);
    return caseId;
  };

  const act = (caseId: string, index: number, timings: ApiTimings) => {
    const step = steps[index]!;
    return step.proposal
      ? call(
          'POST',
          `/cases/${caseId}/proposals/${caseId}:PROPOSAL:${step.proposal}/decision`,
          step.role,
          { decision: 'APPROVE' },
          timings.action,
        )
      : call(
          'POST',
          `/cases/${caseId}/actions`,
          step.role,
          { action: step.action, fields: step.fields },
          timings.action,
          index === 0,
        );
  };

  return {
    async lifecycle(timings) {
      const caseId = await newCase(timings);
      for (let i = 0; i < steps.length; i += 1) await act(caseId, i, timings);
      return caseId;
    },
    async openCase() {
      const scratch: ApiTimings = { action: [], alarm: [], getCase: [], listCases: [] };
      const caseId = await newCase(scratch);
      await act(caseId, 0, scratch);
      return caseId;
    },
    async reads(caseId, timings) {
      await call('GET', `/cases/${caseId}`, 'HANDLER', undefined, timings.getCase);
      await call('GET', '/cases', 'HANDLER', undefined, timings.listCases);
    },
    retries: () => retries,
  };
}

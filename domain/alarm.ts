// 警情: an alarm from the call to its disposal. Arrival is due by response tier; every alarm is
// disposed of the same day (日清日结). An alarm of a crime or violation that is closed without a
// case needs a recorded reason (the "警情未流转成案件" check).
import type { PolicyCode, PolicyOverrides } from './deadline-policies';
import type { Labelled } from './labels';
import type { Role } from './roles';

/** 警情来源 */
export const ALARM_SOURCES = {
  CALL_110: '110报警',
  WALK_IN: '群众来所报案',
} as const;
export type AlarmSource = keyof typeof ALARM_SOURCES;

/** 警情类别, as the dispatcher classifies it. */
export const ALARM_CATEGORIES = {
  CRIME: '刑事警情',
  VIOLATION: '治安警情',
  DISPUTE: '纠纷',
  ASSISTANCE: '求助',
  OTHER: '其他',
} as const;
export type AlarmCategory = keyof typeof ALARM_CATEGORIES;

/** 响应等级: the bureau's own standard sets the arrival time per tier (in the policy table). */
export const RESPONSE_TIERS = [1, 2, 3] as const;
export type ResponseTier = (typeof RESPONSE_TIERS)[number];

export function arrivalPolicy(tier: ResponseTier): PolicyCode {
  return `ALARM_ARRIVAL_TIER_${tier}`;
}

export const ALARM_STAGES = {
  ALARM_RECEIVED: '接警',
  ON_SCENE: '到场处置',
  DISPOSED: '已处置',
} as const;
export type AlarmStage = keyof typeof ALARM_STAGES;

export const DISPOSITIONS = {
  RESOLVED_ON_SCENE: '现场处置完毕',
  TRANSFERRED: '移交其他部门',
  CONVERTED_TO_CASE: '转为案件',
} as const;
export type Disposition = keyof typeof DISPOSITIONS;

export function alarmStage(code: AlarmStage): Labelled<AlarmStage> {
  return { code, label: ALARM_STAGES[code] };
}

export function alarmSource(code: AlarmSource): Labelled<AlarmSource> {
  return { code, label: ALARM_SOURCES[code] };
}

/** What a new alarm carries; times are epoch-millisecond numbers so workflows never call Date. */
export interface NewAlarm {
  alarmId: string;
  source: AlarmSource;
  category: AlarmCategory;
  responseTier: ResponseTier;
  unitId: string;
  summary: string;
  location?: string;
  reporterName?: string;
  /** When the report was made (a walk-in may report something earlier). */
  reportedAt: string;
  /** When the system received it: the clocks start here. */
  receivedAt: number;
  /** Who registered the alarm (接警员), for the audit trail. */
  receivedBy: { id: string; role: string };
  /** Shortened deadlines for tests and drills; absent in production. */
  policyOverrides?: PolicyOverrides;
}

export interface Actor {
  id: string;
  role: Role;
}

export interface ArrivalRequest {
  actor: Actor;
  /** When it happened, stamped by the API. */
  at: number;
}

export interface DispositionRequest {
  actor: Actor;
  at: number;
  disposition: Disposition;
  /** Required for RESOLVED_ON_SCENE, and for any crime or violation closed without a case. */
  reason?: string;
  /** Required for TRANSFERRED: the competent agency. */
  agency?: string;
  /** Required for CONVERTED_TO_CASE: the case to open (受案). */
  newCase?: { kind: 'CRIMINAL' | 'ADMINISTRATIVE'; title: string; handlerId: string };
}

const HANDLER_ONLY = (role: Role, what: string) =>
  role === 'HANDLER' ? undefined : `${what} is recorded by HANDLER (办案民警), not ${role}.`;

const blank = (text: string | undefined) => text === undefined || text.trim() === '';

/** Why an arrival may not be recorded now, or undefined. */
export function arrivalRefusal(stage: AlarmStage, request: ArrivalRequest): string | undefined {
  if (stage !== 'ALARM_RECEIVED') {
    return `Arrival is recorded once, in stage ALARM_RECEIVED (接警); this alarm is in ${stage} (${ALARM_STAGES[stage]}).`;
  }
  return HANDLER_ONLY(request.actor.role, 'Arrival (到场)');
}

/** Why a disposition may not be recorded now, or undefined. */
export function dispositionRefusal(
  alarm: { stage: AlarmStage; category: AlarmCategory },
  request: DispositionRequest,
): string | undefined {
  if (alarm.stage === 'DISPOSED') return 'This alarm is already disposed of.';
  const byRole = HANDLER_ONLY(request.actor.role, 'A disposition (处置结果)');
  if (byRole) return byRole;
  if (!Object.hasOwn(DISPOSITIONS, request.disposition)) {
    return `disposition must be one of ${Object.keys(DISPOSITIONS).join(', ')}, not ${String(request.disposition)}.`;
  }
  if (request.disposition === 'RESOLVED_ON_SCENE' && blank(request.reason)) {
    return 'RESOLVED_ON_SCENE (现场处置完毕) requires a reason: how the alarm was resolved.';
  }
  if (request.disposition === 'TRANSFERRED' && blank(request.agency)) {
    return 'TRANSFERRED (移交其他部门) requires agency: the competent agency it goes to.';
  }
  if (request.disposition === 'CONVERTED_TO_CASE') {
    const c = request.newCase;
    if (
      !c ||
      (c.kind !== 'CRIMINAL' && c.kind !== 'ADMINISTRATIVE') ||
      blank(c.title) ||
      blank(c.handlerId)
    ) {
      return 'CONVERTED_TO_CASE (转为案件) requires newCase with kind (CRIMINAL or ADMINISTRATIVE), title and handlerId.';
    }
    return undefined;
  }
  if ((alarm.category === 'CRIME' || alarm.category === 'VIOLATION') && blank(request.reason)) {
    return `An alarm of category ${alarm.category} (${ALARM_CATEGORIES[alarm.category]}) closed without a case requires a reason (警情未流转成案件).`;
  }
  return undefined;
}

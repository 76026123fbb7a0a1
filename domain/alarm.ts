// 警情: an alarm from the call to its disposal. Arrival is due by response tier; every alarm is
// disposed of the same day (日清日结). An alarm of a crime or violation that is closed without a
// case needs a recorded reason (the "警情未流转成案件" check). A transferred alarm is handed over
// to the competent agency within 24 h (公安刑规 Art. 175); an emergency handled on the scene first
// has its report registered (受案登记) within 24 h after (Art. 169, 171).
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
  /** Handled on the scene; the report is still to be registered (受案登记) as a case. */
  PENDING_REGISTRATION: '现场处置后待受案登记',
  /** Transferred; the competent agency has not been recorded as receiving it yet. */
  PENDING_HANDOVER: '待移交接收',
  DISPOSED: '已处置',
} as const;
export type AlarmStage = keyof typeof ALARM_STAGES;

export const DISPOSITIONS = {
  RESOLVED_ON_SCENE: '现场处置完毕',
  TRANSFERRED: '移交其他部门',
  CONVERTED_TO_CASE: '转为案件',
} as const;
export type Disposition = keyof typeof DISPOSITIONS;

/** The alarm's own events beside its dispositions, as its timeline names them. */
export const ALARM_EVENTS = {
  SCENE_HANDLED: '现场紧急处置完毕（待受案登记）',
  HANDED_OVER: '移交接收',
} as const;
export type AlarmEvent = keyof typeof ALARM_EVENTS;

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
  /** 联系方式: how the parties are told (on the receipt, 回执); normalised by reporterContact(). */
  reporterContact?: string;
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

/** A handover to the competent agency (移交接收): who received the alarm there, and when. */
export interface HandoverRequest {
  actor: Actor;
  at: number;
  /** 接收人: the person at the agency who received it. */
  receivedBy: string;
  /** 接收单位: the agency; the disposition's agency when not given. */
  agency?: string;
  /** When it was handed over; the recording's time when not given. */
  handedOverAt?: number;
}

/** The categories whose report is registered as a case (受案登记): crimes and violations. */
export const REGISTERED_CATEGORIES: readonly AlarmCategory[] = ['CRIME', 'VIOLATION'];

/**
 * A reporter's contact (联系方式) as stored: a mainland mobile number (11 digits, 1[3-9]…, a
 * +86 or 86 prefix dropped) or a fixed line with its area code (0xx-xxxxxxxx, an extension after
 * a dash); spaces and dashes in the input are ignored. Why it is refused, otherwise.
 */
export function reporterContact(input: string): { contact: string } | { refusal: string } {
  const digits = input.replace(/[\s-]/g, '');
  const mobile = /^(?:\+?86)?(1[3-9]\d{9})$/.exec(digits);
  if (mobile) return { contact: mobile[1]! };
  const line = /^(0\d{2,3})[\s-](\d{7,8})(?:[\s-]+(\d{1,6}))?$/.exec(input.trim());
  if (line) return { contact: [line[1], line[2], line[3]].filter(Boolean).join('-') };
  return {
    refusal: `must be a mobile number (11 digits such as 13812345678) or a fixed line with its area code (such as 010-12345678), not ${JSON.stringify(input)}`,
  };
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
  if (alarm.stage === 'PENDING_HANDOVER') {
    return 'This alarm is already transferred (移交其他部门); record the handover (移交接收) to the agency instead.';
  }
  const byRole = HANDLER_ONLY(request.actor.role, 'A disposition (处置结果)');
  if (byRole) return byRole;
  if (!Object.hasOwn(DISPOSITIONS, request.disposition)) {
    return `disposition must be one of ${Object.keys(DISPOSITIONS).join(', ')}, not ${String(request.disposition)}.`;
  }
  if (alarm.stage === 'PENDING_REGISTRATION' && request.disposition !== 'CONVERTED_TO_CASE') {
    return `This alarm was handled on the scene and its report is to be registered (受案登记): dispose of it as CONVERTED_TO_CASE (转为案件), not ${request.disposition}.`;
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

/** Why the scene handling (现场处置完毕, the report to be registered afterwards) may not be recorded. */
export function sceneHandledRefusal(
  alarm: { stage: AlarmStage; category: AlarmCategory },
  request: { actor: Actor },
): string | undefined {
  if (alarm.stage !== 'ON_SCENE') {
    return `The scene handling is recorded in stage ON_SCENE (到场处置), after the arrival; this alarm is in ${alarm.stage} (${ALARM_STAGES[alarm.stage]}).`;
  }
  if (!REGISTERED_CATEGORIES.includes(alarm.category)) {
    return `Only a report of a crime or violation (${REGISTERED_CATEGORIES.join(', ')}) is registered as a case (受案登记) after the scene; this alarm is ${alarm.category} (${ALARM_CATEGORIES[alarm.category]}): dispose of it instead.`;
  }
  return HANDLER_ONLY(request.actor.role, 'The scene handling (现场处置完毕)');
}

/** Why a handover to the competent agency may not be recorded now, or undefined. */
export function handoverRefusal(
  alarm: { stage: AlarmStage; transferredAt?: number },
  request: HandoverRequest,
): string | undefined {
  if (alarm.stage !== 'PENDING_HANDOVER' || alarm.transferredAt === undefined) {
    return `A handover (移交接收) is recorded once, after the disposition TRANSFERRED (移交其他部门); this alarm is in ${alarm.stage} (${ALARM_STAGES[alarm.stage]}).`;
  }
  const byRole = HANDLER_ONLY(request.actor.role, 'A handover (移交接收)');
  if (byRole) return byRole;
  if (blank(request.receivedBy)) {
    return 'A handover (移交接收) requires receivedBy: the person at the agency who received the alarm.';
  }
  const at = request.handedOverAt ?? request.at;
  if (at < alarm.transferredAt) {
    return `handedOverAt (${new Date(at).toISOString()}) is before the transfer was decided (${new Date(alarm.transferredAt).toISOString()}).`;
  }
  if (at > request.at) {
    return `handedOverAt (${new Date(at).toISOString()}) is in the future; record a handover once it has happened.`;
  }
  return undefined;
}

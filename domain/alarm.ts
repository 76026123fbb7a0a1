// 警情: what an alarm is when it is received. The lifecycle issue adds arrival and disposal.
import type { Labelled } from './labels';

/** 警情来源 */
export const ALARM_SOURCES = {
  CALL_110: '110报警',
  WALK_IN: '群众来所报案',
} as const;
export type AlarmSource = keyof typeof ALARM_SOURCES;

/** 响应等级: the bureau's own standard sets the arrival time per tier (policy data, not here). */
export const RESPONSE_TIERS = [1, 2, 3] as const;
export type ResponseTier = (typeof RESPONSE_TIERS)[number];

export const ALARM_STAGES = {
  ALARM_RECEIVED: '接警',
} as const;
export type AlarmStage = keyof typeof ALARM_STAGES;

export function alarmStage(code: AlarmStage): Labelled<AlarmStage> {
  return { code, label: ALARM_STAGES[code] };
}

export function alarmSource(code: AlarmSource): Labelled<AlarmSource> {
  return { code, label: ALARM_SOURCES[code] };
}

/** What a new alarm carries; times are ISO-8601 strings so workflows never call Date. */
export interface NewAlarm {
  alarmId: string;
  source: AlarmSource;
  responseTier: ResponseTier;
  unitId: string;
  summary: string;
  location?: string;
  reporterName?: string;
  reportedAt: string;
  /** Who registered the alarm (接警员), for the audit trail. */
  receivedBy: { id: string; role: string };
}

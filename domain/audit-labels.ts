// What an audit event's action code means, in Chinese, for the people who read a timeline: the
// lifecycle's actions, the coercive measures and the escalation levels by their own tables, and the
// engine's other events here.
import { ALARM_EVENTS, DISPOSITIONS, type AlarmEvent, type Disposition } from './alarm';
import { ESCALATION_LEVELS, type EscalationLevel } from './escalation';
import { CASE_ACTIONS, type CaseActionCode } from './lifecycle';
import { MEASURE_EVENTS, type MeasureEvent } from './coercive-measures';
import { MEASURE_RECORDS, type MeasureRecord } from './criminal-clocks';
import { PUBLIC_ORDER_RECORDS, type PublicOrderRecord } from './public-order';

const EVENTS: Record<string, string> = {
  CASE_ACCEPTED: '受案',
  ALARM_RECEIVED: '接警',
  ARRIVED: '到场',
  DEADLINE_EXTENDED: '延长期限',
  DEADLINE_PAUSED: '期限中止',
  ESCALATION_ACKNOWLEDGED: '督办签收',
  ESCALATION_DECIDED: '督办决定',
  ACTION_ORDERED: '督办指令',
  REASSIGNED: '改派承办人',
  CASE_ADOPTED_BY_ENGINE_V2: '转入新版引擎',
  // 审批 (domain/proposals.ts)
  APPROVAL_PROPOSED: '呈请审批',
  APPROVAL_GRANTED: '审批同意',
  APPROVAL_REFUSED: '审批不同意',
  APPROVAL_WITHDRAWN: '撤回呈请',
  APPROVAL_LAPSED: '呈请失效',
};

/** The label of an audit action code; the code itself when it is not one of ours. */
export function auditActionLabel(code: string): string {
  if (Object.hasOwn(CASE_ACTIONS, code)) return CASE_ACTIONS[code as CaseActionCode].label;
  if (Object.hasOwn(EVENTS, code)) return EVENTS[code]!;
  // An alarm's disposal is recorded under its disposition.
  if (Object.hasOwn(DISPOSITIONS, code)) return DISPOSITIONS[code as Disposition];
  if (Object.hasOwn(ALARM_EVENTS, code)) return ALARM_EVENTS[code as AlarmEvent];
  if (code.startsWith('ESCALATION_')) {
    const level = code.slice('ESCALATION_'.length);
    if (Object.hasOwn(ESCALATION_LEVELS, level)) return ESCALATION_LEVELS[level as EscalationLevel];
  }
  if (code.startsWith('MEASURE_')) {
    const event = code.slice('MEASURE_'.length);
    if (Object.hasOwn(MEASURE_EVENTS, event)) return MEASURE_EVENTS[event as MeasureEvent].label;
    if (Object.hasOwn(MEASURE_RECORDS, event)) return MEASURE_RECORDS[event as MeasureRecord].label;
    if (Object.hasOwn(PUBLIC_ORDER_RECORDS, event))
      return PUBLIC_ORDER_RECORDS[event as PublicOrderRecord].label;
  }
  return code;
}

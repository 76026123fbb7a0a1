// The alarm workflow. This first slice records the alarm and answers queries about it; the
// lifecycle issue adds arrival, disposal, deadlines and escalation.
import { defineQuery, proxyActivities, setHandler, condition } from '@temporalio/workflow';
import { alarmSource, alarmStage, type NewAlarm } from '../domain/alarm';
import type { Labelled } from '../domain/labels';
import type { Activities } from '../activities';

export interface AlarmState {
  alarmId: string;
  stage: Labelled;
  source: Labelled;
  responseTier: number;
  unitId: string;
  summary: string;
  reportedAt: string;
  /** True once the alarm's row and audit event are in PostgreSQL. */
  recorded: boolean;
}

export const alarmStateQuery = defineQuery<AlarmState>('alarmState');

const { recordAlarmReceived } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
});

export async function alarmWorkflow(alarm: NewAlarm): Promise<void> {
  const state: AlarmState = {
    alarmId: alarm.alarmId,
    stage: alarmStage('ALARM_RECEIVED'),
    source: alarmSource(alarm.source),
    responseTier: alarm.responseTier,
    unitId: alarm.unitId,
    summary: alarm.summary,
    reportedAt: alarm.reportedAt,
    recorded: false,
  };
  setHandler(alarmStateQuery, () => state);

  await recordAlarmReceived(alarm);
  state.recorded = true;

  // An alarm stays open until it is disposed of; disposal arrives with the lifecycle issue.
  await condition(() => false);
}

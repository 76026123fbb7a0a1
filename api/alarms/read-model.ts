// An alarm as people read it, from the read model its steps write (alarms, tasks, escalations).
// Alarms registered on the first engine (version 0) are read from their workflow until they end.
import type { Client } from '@temporalio/client';
import { rolesForUnit, type Principal } from '../../domain/access';
import {
  ALARM_CATEGORIES,
  ALARM_STAGES,
  DISPOSITIONS,
  alarmSource,
  type AlarmCategory,
  type AlarmStage,
  type Disposition,
} from '../../domain/alarm';
import type { AlarmProposalSubject } from '../../domain/alarm-decider';
import type { Proposal } from '../../domain/proposals';
import type { Role } from '../../domain/roles';
import type { Prisma } from '../../platform/database';
import { alarmStateQuery, type AlarmState } from '../../workflows/alarm-v1';
import { HttpProblem, notInScope } from '../problem';
import { callWithin } from '../workflow-call';
import { proposalView } from '../read-model/proposals';
import { deadlineView, escalationViews, iso, TASKS_WITH_ESCALATIONS } from '../read-model/tasks';

export function readAlarm(prisma: Prisma, id: string) {
  return prisma.alarm.findUnique({
    where: { id },
    include: { tasks: TASKS_WITH_ESCALATIONS },
  });
}

export type AlarmRecord = NonNullable<Awaited<ReturnType<typeof readAlarm>>>;

export function alarmView(record: AlarmRecord) {
  const { tasks, ...row } = record;
  return {
    alarmId: row.id,
    version: row.version,
    stage: { code: row.stage, label: ALARM_STAGES[row.stage as AlarmStage] ?? row.stage },
    source: alarmSource(row.source),
    category: row.category
      ? { code: row.category, label: ALARM_CATEGORIES[row.category as AlarmCategory] }
      : null,
    responseTier: row.responseTier,
    unitId: row.unitId,
    summary: row.summary,
    reportedAt: iso(row.reportedAt),
    receivedAt: iso(row.receivedAt),
    // The receipt's (回执) reporter, so that the parties can be told; the police's view only.
    reporter: { name: row.reporterName, contact: row.reporterContact },
    recorded: true,
    ...(row.disposition
      ? {
          disposition: {
            code: row.disposition,
            label: DISPOSITIONS[row.disposition as Disposition],
            ...(row.dispositionReason ? { reason: row.dispositionReason } : {}),
            ...(row.agency ? { agency: row.agency } : {}),
            ...(row.caseId ? { caseId: row.caseId } : {}),
          },
          disposedAt: iso(row.disposedAt),
        }
      : {}),
    ...(row.sceneHandledAt ? { sceneHandledAt: iso(row.sceneHandledAt) } : {}),
    ...(row.handedOverAt
      ? {
          handover: {
            receivedBy: row.handoverReceivedBy,
            agency: row.handoverAgency,
            at: iso(row.handedOverAt),
          },
        }
      : {}),
    proposals: ((row.proposals ?? []) as unknown as Array<Proposal<AlarmProposalSubject>>).map(
      (p) => proposalView(`/alarms/${row.id}`, p),
    ),
    deadlines: tasks.map(deadlineView),
    escalations: escalationViews(tasks),
  };
}

/**
 * Refuses a command to a disposed alarm: its workflow has ended, so an Update would find no
 * workflow and answer 404 as if the alarm did not exist.
 */
export function refuseIfDisposed(record: Pick<AlarmRecord, 'id' | 'stage'>) {
  if (record.stage === 'DISPOSED') {
    throw new HttpProblem(
      422,
      'Action refused',
      `Alarm ${record.id} is disposed of (已处置): its workflow has ended and nothing more can be recorded on it.`,
    );
  }
}

/** The first engine's state of an alarm, with the times as the API shows them. */
const firstEngineView = (state: AlarmState) => ({
  ...state,
  version: 0,
  receivedAt: new Date(state.receivedAt).toISOString(),
  deadlines: state.deadlines.map((d) => ({
    ...d,
    openedAt: new Date(d.openedAt).toISOString(),
    dueAt: new Date(d.dueAt).toISOString(),
  })),
});

/** The alarm if the caller's unit covers it, as they read it; 404 otherwise (not there or not yours alike). */
export async function alarmInScope(
  deps: { prisma: Prisma; temporal: Client },
  principal: Principal,
  id: string,
): Promise<{
  record: AlarmRecord;
  view: ReturnType<typeof alarmView> | ReturnType<typeof firstEngineView>;
  roles: Role[];
}> {
  const record = await readAlarm(deps.prisma, id);
  if (!record) throw notInScope('alarm', id);
  const roles = rolesForUnit(principal, record.unitId);
  if (roles.length === 0) throw notInScope('alarm', id);
  const view =
    record.version === 0
      ? firstEngineView(
          await callWithin(deps, id, () =>
            deps.temporal.workflow.getHandle(id).query(alarmStateQuery),
          ),
        )
      : alarmView(record);
  return { record, view, roles };
}

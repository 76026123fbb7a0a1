// The records every workflow keeps in PostgreSQL: tasks (open steps with a deadline), escalations
// and the append-only audit trail. Every write is keyed so that a retried activity writes nothing
// twice: tasks by their id, escalations by task and level, audit events by their event key.
import type { EscalationLevel } from '../domain/escalation';
import { appendAuditEvents } from '../platform/audit-events';
import type { AuditKey } from '../platform/audit-mac';
import type { Prisma } from '../platform/database';

export interface Subject {
  type: 'ALARM' | 'CASE';
  id: string;
}

export interface AuditEntry {
  eventKey: string;
  subject: Subject;
  actorId: string;
  actorRole: string;
  action: string;
  reason?: string;
  data?: Record<string, string | number | boolean | null>;
  occurredAt: number;
}

export interface OpenTask {
  taskId: string;
  subject: Subject;
  step: string;
  ownerRole: string;
  ownerId?: string;
  unitId: string;
  openedAt: number;
  dueAt: number;
}

export interface EscalationFired {
  taskId: string;
  subject: Subject;
  level: EscalationLevel;
  targetRole: string;
  firedAt: number;
}

function auditEvent(entry: AuditEntry) {
  return {
    eventKey: entry.eventKey,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    action: entry.action,
    reason: entry.reason ?? null,
    data: entry.data,
    occurredAt: new Date(entry.occurredAt),
  };
}

export function createRecordActivities(prisma: Prisma, auditKey: AuditKey) {
  return {
    /** Chained onto the subject's timeline, as the new engine's steps are. */
    async recordAudit(entry: AuditEntry): Promise<void> {
      await prisma.$transaction((tx) =>
        appendAuditEvents(tx, auditKey, entry.subject, [auditEvent(entry)]),
      );
    },

    async openTask(task: OpenTask): Promise<void> {
      await prisma.task.upsert({
        where: { id: task.taskId },
        create: {
          id: task.taskId,
          caseId: task.subject.type === 'CASE' ? task.subject.id : null,
          alarmId: task.subject.type === 'ALARM' ? task.subject.id : null,
          step: task.step,
          ownerRole: task.ownerRole,
          ownerId: task.ownerId ?? null,
          unitId: task.unitId,
          openedAt: new Date(task.openedAt),
          dueAt: new Date(task.dueAt),
        },
        update: {},
      });
    },

    /** A new due time after an extension. */
    async rescheduleTask(input: { taskId: string; dueAt: number }): Promise<void> {
      await prisma.task.update({
        where: { id: input.taskId },
        data: { dueAt: new Date(input.dueAt) },
      });
    },

    async completeTask(input: { taskId: string; completedAt: number }): Promise<void> {
      await prisma.task.updateMany({
        where: { id: input.taskId, completedAt: null },
        data: { completedAt: new Date(input.completedAt) },
      });
    },

    /** One rung of the ladder: its row, the task marked overdue at the first level, an audit event. */
    async recordEscalation(fired: EscalationFired): Promise<void> {
      const id = `${fired.taskId}:${fired.level}`;
      await prisma.$transaction(async (tx) => {
        await tx.escalation.createMany({
          data: {
            id,
            taskId: fired.taskId,
            level: fired.level,
            targetRole: fired.targetRole,
            firedAt: new Date(fired.firedAt),
          },
          skipDuplicates: true,
        });
        if (fired.level !== 'REMINDER')
          await tx.task.update({ where: { id: fired.taskId }, data: { overdue: true } });
        await appendAuditEvents(tx, auditKey, fired.subject, [
          auditEvent({
            eventKey: id,
            subject: fired.subject,
            actorId: 'system',
            actorRole: 'SYSTEM',
            action: `ESCALATION_${fired.level}`,
            data: { taskId: fired.taskId, targetRole: fired.targetRole },
            occurredAt: fired.firedAt,
          }),
        ]);
      });
    },

    async answerEscalation(input: {
      taskId: string;
      level: EscalationLevel;
      answer: string;
      answeredAt: number;
    }): Promise<void> {
      await prisma.escalation.updateMany({
        where: { id: `${input.taskId}:${input.level}`, answeredAt: null },
        data: { answer: input.answer, answeredAt: new Date(input.answeredAt) },
      });
    },
  };
}

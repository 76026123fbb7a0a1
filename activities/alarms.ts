// Alarm records in PostgreSQL. Every write is idempotent: a retried activity writes nothing twice.
import type { AlarmStage, NewAlarm } from '../domain/alarm';
import { appendAuditEvents } from '../platform/audit-events';
import type { AuditKey } from '../platform/audit-mac';
import type { Prisma } from '../platform/database';

export function createAlarmActivities(prisma: Prisma, auditKey: AuditKey) {
  return {
    /** Writes the alarm row and its ALARM_RECEIVED audit event, once. */
    async recordAlarmReceived(alarm: NewAlarm): Promise<void> {
      const row = {
        source: alarm.source,
        responseTier: alarm.responseTier,
        unitId: alarm.unitId,
        stage: 'ALARM_RECEIVED',
        summary: alarm.summary,
        location: alarm.location ?? null,
        reporterName: alarm.reporterName ?? null,
        reportedAt: new Date(alarm.reportedAt),
      };
      await prisma.$transaction(async (tx) => {
        await tx.alarm.upsert({
          where: { id: alarm.alarmId },
          create: { id: alarm.alarmId, ...row },
          update: {},
        });
        await appendAuditEvents(tx, auditKey, { type: 'ALARM', id: alarm.alarmId }, [
          {
            eventKey: `${alarm.alarmId}:ALARM_RECEIVED`,
            actorId: alarm.receivedBy.id,
            actorRole: alarm.receivedBy.role,
            action: 'ALARM_RECEIVED',
            data: { category: alarm.category },
            occurredAt: new Date(alarm.receivedAt),
          },
        ]);
      });
    },

    /** The alarm row follows its workflow's stage (setting the same stage twice is harmless). */
    async recordAlarmStage(input: {
      alarmId: string;
      stage: AlarmStage;
      disposedAt?: number;
    }): Promise<void> {
      await prisma.alarm.update({
        where: { id: input.alarmId },
        data: {
          stage: input.stage,
          ...(input.disposedAt === undefined ? {} : { disposedAt: new Date(input.disposedAt) }),
        },
      });
    },
  };
}

// Alarm records in PostgreSQL. Every write is idempotent: a retried activity writes nothing twice.
import type { AlarmStage, NewAlarm } from '../domain/alarm';
import type { Prisma } from '../platform/database';

export function createAlarmActivities(prisma: Prisma) {
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
      await prisma.$transaction([
        prisma.alarm.upsert({
          where: { id: alarm.alarmId },
          create: { id: alarm.alarmId, ...row },
          update: {},
        }),
        prisma.auditEvent.createMany({
          data: {
            eventKey: `${alarm.alarmId}:ALARM_RECEIVED`,
            subjectType: 'ALARM',
            subjectId: alarm.alarmId,
            actorId: alarm.receivedBy.id,
            actorRole: alarm.receivedBy.role,
            action: 'ALARM_RECEIVED',
            data: { category: alarm.category },
            occurredAt: new Date(alarm.receivedAt),
          },
          skipDuplicates: true,
        }),
      ]);
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

import type { AuditKey } from '../platform/audit-mac';
import type { Prisma } from '../platform/database';
import { createAlarmActivities } from './alarms';
import { createStepActivities } from './steps';
import { createCaseActivities } from './cases';
import { createRecordActivities } from './records';

/** `auditKey` MACs every audit event they write (platform/audit-events.ts). */
export function createActivities(prisma: Prisma, auditKey: AuditKey) {
  return {
    ...createAlarmActivities(prisma, auditKey),
    ...createStepActivities(prisma, auditKey),
    // The first engine's activities (caseWorkflow, and the alarm's), kept while its cases run.
    ...createCaseActivities(prisma, auditKey),
    ...createRecordActivities(prisma, auditKey),
  };
}

export type Activities = ReturnType<typeof createActivities>;

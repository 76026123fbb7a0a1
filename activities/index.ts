import type { Prisma } from '../platform/database';
import { createAlarmActivities } from './alarms';
import { createCaseStepActivities } from './case-steps';
import { createCaseActivities } from './cases';
import { createRecordActivities } from './records';

export function createActivities(prisma: Prisma) {
  return {
    ...createAlarmActivities(prisma),
    ...createCaseStepActivities(prisma),
    // The first engine's activities (caseWorkflow, and the alarm's), kept while its cases run.
    ...createCaseActivities(prisma),
    ...createRecordActivities(prisma),
  };
}

export type Activities = ReturnType<typeof createActivities>;

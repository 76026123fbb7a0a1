import type { Prisma } from '../platform/database';
import { createAlarmActivities } from './alarms';
import { createStepActivities } from './steps';
import { createCaseActivities } from './cases';
import { createRecordActivities } from './records';

export function createActivities(prisma: Prisma) {
  return {
    ...createAlarmActivities(prisma),
    ...createStepActivities(prisma),
    // The first engine's activities (caseWorkflow, and the alarm's), kept while its cases run.
    ...createCaseActivities(prisma),
    ...createRecordActivities(prisma),
  };
}

export type Activities = ReturnType<typeof createActivities>;

import type { Prisma } from '../platform/database';
import { createAlarmActivities } from './alarms';
import { createCaseActivities } from './cases';
import { createRecordActivities } from './records';

export function createActivities(prisma: Prisma) {
  return {
    ...createAlarmActivities(prisma),
    ...createCaseActivities(prisma),
    ...createRecordActivities(prisma),
  };
}

export type Activities = ReturnType<typeof createActivities>;

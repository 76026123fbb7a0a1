import type { Prisma } from '../platform/database';
import { createAlarmActivities } from './alarms';
import { createRecordActivities } from './records';

export function createActivities(prisma: Prisma) {
  return { ...createAlarmActivities(prisma), ...createRecordActivities(prisma) };
}

export type Activities = ReturnType<typeof createActivities>;

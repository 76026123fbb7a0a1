import type { Prisma } from '../platform/database';
import { createAlarmActivities } from './alarms';

export function createActivities(prisma: Prisma) {
  return { ...createAlarmActivities(prisma) };
}

export type Activities = ReturnType<typeof createActivities>;

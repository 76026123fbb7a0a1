// A unit and the units below it (domain/units.ts) as database filters.
import type { Prisma as Db } from '../generated/prisma/client';

/** Prisma lowers startsWith to LIKE without escaping its wildcards; unit ids may hold `_`. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The LIKE pattern of the units strictly below `unit`, for raw SQL. */
export const belowUnitPattern = (unit: string) => `${likeLiteral(unit)}.%`;

/** Rows of `unit` or a unit below it. */
export function unitTreeWhere(unit: string): Array<{ unitId: Db.StringFilter | string }> {
  return [{ unitId: unit }, { unitId: { startsWith: `${likeLiteral(unit)}.` } }];
}

// The caller's scope as database filters (the same rules as domain/access.ts, for lists), and
// the opaque cursors of paged lists.
import { z } from 'zod';
import { OWN_UNIT_ROLES, UNIT_TREE_ROLES, type Principal } from '../domain/access';
import type { Role } from '../domain/roles';
import type { Prisma as Db } from '../generated/prisma/client';
import { unitWithin } from '../domain/units';
import { unitTreeWhere } from '../platform/unit-tree';
import { HttpProblem } from './problem';
import { idParams, instant } from './schemas';

/** Rows whose unit the caller's police roles cover. */
export function unitScopeWhere(principal: Principal): Array<{ unitId: Db.StringFilter | string }> {
  if (!principal.unit) return [];
  const unit = principal.unit;
  const where: Array<{ unitId: Db.StringFilter | string }> = [];
  if (principal.roles.some((r) => UNIT_TREE_ROLES.includes(r))) {
    where.push(...unitTreeWhere(unit));
  } else if (principal.roles.some((r) => OWN_UNIT_ROLES.includes(r))) {
    where.push({ unitId: unit });
  }
  return where;
}

/** Whether the caller's police roles cover `unit`; a filter outside them is refused. */
export function assertUnitInScope(principal: Principal, unit: string) {
  const covered =
    !!principal.unit &&
    ((principal.roles.some((r) => UNIT_TREE_ROLES.includes(r)) &&
      unitWithin(unit, principal.unit)) ||
      (principal.roles.some((r) => OWN_UNIT_ROLES.includes(r)) && unit === principal.unit));
  if (!covered) {
    throw new HttpProblem(403, 'Out of scope', `Unit ${unit} is outside your scope.`);
  }
}

export type SortKey = 'acceptedAt' | '-acceptedAt' | 'updatedAt' | '-updatedAt';

interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(
  row: { id: string; acceptedAt: Date; updatedAt: Date },
  sort: SortKey,
) {
  const field = sort.replace('-', '') as 'acceptedAt' | 'updatedAt';
  return Buffer.from(JSON.stringify({ at: row[field].toISOString(), id: row.id })).toString(
    'base64url',
  );
}

const cursorShape = z.object({ at: instant, id: idParams('case').shape.id });

export function decodeCursor(cursor: string, sort: SortKey): Db.CaseWhereInput {
  let parsed: Cursor;
  try {
    // A cursor comes back from the client: checked as any other input before it reaches a query.
    parsed = cursorShape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new HttpProblem(400, 'Invalid request', 'query.cursor: is not a cursor this API gave', [
      { field: 'query.cursor', rule: 'must be the nextCursor of a previous page' },
    ]);
  }
  const field = sort.replace('-', '') as 'acceptedAt' | 'updatedAt';
  const at = new Date(parsed.at);
  const beyond = sort.startsWith('-') ? 'lt' : 'gt';
  return {
    OR: [{ [field]: { [beyond]: at } }, { [field]: at, id: { [beyond]: parsed.id } }],
  };
}

export interface CaseFilters {
  stage?: string;
  kind?: 'CRIMINAL' | 'ADMINISTRATIVE';
  unit?: string;
  handler?: string;
  overdue?: boolean;
  dueBefore?: Date;
  now: Date;
  after?: Db.CaseWhereInput;
  sort: SortKey;
}

/** The cases the caller may see, narrowed by the filters. */
export function caseListWhere(principal: Principal, filters: CaseFilters): Db.CaseWhereInput {
  const scope: Db.CaseWhereInput[] = [...unitScopeWhere(principal)];
  if (principal.org && principal.roles.includes('PROSECUTOR'))
    scope.push({ prosecutionOrg: principal.org });
  if (principal.org && principal.roles.includes('JUDGE')) scope.push({ courtOrg: principal.org });
  const and: Db.CaseWhereInput[] = [{ OR: scope.length ? scope : [{ id: { in: [] } }] }];
  if (filters.unit) and.push({ OR: unitTreeWhere(filters.unit) });
  if (filters.stage) and.push({ stage: filters.stage });
  if (filters.kind) and.push({ kind: filters.kind });
  if (filters.handler) and.push({ handlerId: filters.handler });
  const open = { completedAt: null };
  if (filters.overdue === true) {
    and.push({
      tasks: { some: { ...open, OR: [{ overdue: true }, { dueAt: { lt: filters.now } }] } },
    });
  }
  if (filters.overdue === false) {
    and.push({
      tasks: { none: { ...open, OR: [{ overdue: true }, { dueAt: { lt: filters.now } }] } },
    });
  }
  if (filters.dueBefore)
    and.push({ tasks: { some: { ...open, dueAt: { lt: filters.dueBefore } } } });
  if (filters.after) and.push(filters.after);
  return { AND: and };
}

/**
 * The tasks (or, with `roleField: 'targetRole'`, the escalations' tasks) meant for the caller:
 * per role, the role's work within its scope. A handler's are the tasks they own, and unowned
 * handler tasks of their unit (an alarm's steps).
 */
export function workForRoles(principal: Principal): Array<{ role: Role; task: Db.TaskWhereInput }> {
  const unit = principal.unit;
  return principal.roles.flatMap((role): Array<{ role: Role; task: Db.TaskWhereInput }> => {
    if (OWN_UNIT_ROLES.includes(role) && unit) {
      return [{ role, task: { OR: [{ ownerId: principal.id }, { ownerId: null, unitId: unit }] } }];
    }
    if (UNIT_TREE_ROLES.includes(role) && unit) {
      return [{ role, task: { OR: unitTreeWhere(unit) } }];
    }
    if (role === 'PROSECUTOR' && principal.org) {
      return [{ role, task: { case: { prosecutionOrg: principal.org } } }];
    }
    if (role === 'JUDGE' && principal.org) {
      return [{ role, task: { case: { courtOrg: principal.org } } }];
    }
    return [];
  });
}

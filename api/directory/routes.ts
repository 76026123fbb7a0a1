// 名录: the people and units of the directory, within the caller's scope: police see the people and
// units their roles cover (a handler their own unit, leaders theirs and every unit below it),
// prosecutors and judges the people of their own organisation. REASSIGN and, later, the web app's
// pickers choose from here instead of typing ids.
import { Router } from 'express';
import { z } from 'zod';
import { POLICE_ROLES, STAFF_ROLES, type Principal } from '../../domain/access';
import { ROLES } from '../../domain/roles';
import type { Prisma as Db } from '../../generated/prisma/client';
import { unitTreeWhere } from '../../platform/unit-tree';
import type { ApiDeps } from '../deps';
import { operation } from '../operation';
import { HttpProblem } from '../problem';
import { assertUnitInScope, unitScopeWhere } from '../scope';
import { enumOf, text, unitId } from '../schemas';
import { organisationView, personView, unitView } from './read-model';

export const peopleQuery = z.strictObject({
  /** That unit's own people (not those of the units below it): whom a case of it may go to. */
  unit: unitId.optional(),
  org: text(100).optional(),
  role: enumOf(ROLES).optional(),
  state: z.enum(['active', 'all']).default('active'),
  /** The `next` of the previous page. */
  after: text(100).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const unitsQuery = z.strictObject({
  /** That unit and the units below it (default: the caller's scope). */
  unit: unitId.optional(),
});

/** The people the caller may see: of the units their police roles cover, or of their own org. */
function peopleScopeWhere(principal: Principal): Db.DirectoryPersonWhereInput[] {
  const scope: Db.DirectoryPersonWhereInput[] = unitScopeWhere(principal);
  if (principal.org && principal.roles.some((r) => r === 'PROSECUTOR' || r === 'JUDGE'))
    scope.push({ orgId: principal.org });
  return scope;
}

function assertOrgInScope(principal: Principal, org: string) {
  if (org !== principal.org) {
    throw new HttpProblem(403, 'Out of scope', `Organisation ${org} is outside your scope.`);
  }
}

export function directoryRoutes(deps: ApiDeps) {
  const router = Router();

  operation(
    router,
    deps,
    {
      id: 'directory.people',
      method: 'get',
      path: '/directory/people',
      summary:
        'People of the directory (名录) in your scope, by id (filter by unit, org, role; state=all includes those who left)',
      roles: STAFF_ROLES,
      query: peopleQuery,
      success: { 200: '{ items, next }' },
    },
    async ({ principal, query }) => {
      if (query.unit) assertUnitInScope(principal, query.unit);
      if (query.org) assertOrgInScope(principal, query.org);
      const scope = peopleScopeWhere(principal);
      const rows = await deps.prisma.directoryPerson.findMany({
        where: {
          AND: [
            { OR: scope.length ? scope : [{ id: { in: [] } }] },
            ...(query.unit ? [{ unitId: query.unit }] : []),
            ...(query.org ? [{ orgId: query.org }] : []),
            ...(query.role ? [{ roles: { has: query.role } }] : []),
            ...(query.state === 'active' ? [{ active: true }] : []),
            ...(query.after ? [{ id: { gt: query.after } }] : []),
          ],
        },
        include: { unit: true, organisation: true },
        orderBy: { id: 'asc' },
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      return {
        body: {
          items: page.map(personView),
          next: rows.length > query.limit ? page[page.length - 1]!.id : null,
        },
      };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'directory.units',
      method: 'get',
      path: '/directory/units',
      summary:
        'Units of the directory (名录) in your scope (or one unit and those below it), by id',
      roles: POLICE_ROLES,
      query: unitsQuery,
      success: { 200: '{ items }' },
    },
    async ({ principal, query }) => {
      if (query.unit) assertUnitInScope(principal, query.unit);
      const asUnit = (where: Array<{ unitId: Db.StringFilter | string }>) =>
        where.map((w) => ({ id: w.unitId }));
      const rows = await deps.prisma.directoryUnit.findMany({
        where: {
          AND: [
            { OR: asUnit(unitScopeWhere(principal)) },
            ...(query.unit ? [{ OR: asUnit(unitTreeWhere(query.unit)) }] : []),
          ],
        },
        orderBy: { id: 'asc' },
      });
      return { body: { items: rows.map(unitView) } };
    },
  );

  operation(
    router,
    deps,
    {
      id: 'directory.organisations',
      method: 'get',
      path: '/directory/organisations',
      summary: 'The procuratorates and courts of the directory (名录), to hand cases to',
      roles: STAFF_ROLES,
      success: { 200: '{ items }' },
    },
    async () => {
      const rows = await deps.prisma.directoryOrganisation.findMany({ orderBy: { id: 'asc' } });
      return { body: { items: rows.map(organisationView) } };
    },
  );

  return router;
}

// The directory's rows as the API shows them, and the look-up REASSIGN checks its target with.
import type { DirectoryPerson, ReassignmentTarget } from '../../domain/directory';
import { organisationKind, unitKind } from '../../domain/directory';
import { isRole, role } from '../../domain/roles';
import type {
  DirectoryOrganisation as OrganisationRow,
  DirectoryPerson as PersonRow,
  DirectoryUnit as UnitRow,
} from '../../generated/prisma/client';
import type { Prisma } from '../../platform/database';

/** A row as the domain reads it (roles the code no longer knows are left out). */
export const directoryPerson = (row: PersonRow): DirectoryPerson => ({
  id: row.id,
  name: row.name,
  unitId: row.unitId,
  orgId: row.orgId,
  roles: row.roles.filter(isRole),
  active: row.active,
});

/** The directory's entry for `handlerId`, and whether it holds anyone at all. */
export async function reassignmentTarget(
  prisma: Prisma,
  handlerId: string,
): Promise<ReassignmentTarget> {
  const [row, anyone] = await Promise.all([
    prisma.directoryPerson.findUnique({ where: { id: handlerId } }),
    prisma.directoryPerson.findFirst({ select: { id: true } }),
  ]);
  return {
    handlerId,
    person: row ? directoryPerson(row) : undefined,
    directoryHoldsPeople: anyone !== null,
  };
}

export const unitView = (row: UnitRow) => ({
  id: row.id,
  name: row.name,
  kind: unitKind(row.kind),
});

export const personView = (
  row: PersonRow & { unit: UnitRow | null; organisation: OrganisationRow | null },
) => ({
  id: row.id,
  name: row.name,
  unit: row.unit ? { id: row.unit.id, name: row.unit.name } : null,
  org: row.organisation
    ? {
        id: row.organisation.id,
        name: row.organisation.name,
        kind: organisationKind(row.organisation.kind),
      }
    : null,
  roles: row.roles.filter(isRole).map(role),
  active: row.active,
});

export const organisationView = (row: OrganisationRow) => ({
  id: row.id,
  name: row.name,
  kind: organisationKind(row.kind),
});

// Loading a directory (domain/directory.ts) into its tables: every unit, organisation and person is
// written as given (inserted or updated, in one transaction), so loading it again changes nothing.
// Entries the directory does not name are left as they are.
import { directoryProblems, type Directory } from '../domain/directory';
import type { Prisma } from './database';

export async function loadDirectory(prisma: Prisma, directory: Directory) {
  const problems = directoryProblems(directory);
  if (problems.length > 0) {
    throw new Error(`The directory is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  await prisma.$transaction(async (tx) => {
    for (const { id, name, kind } of directory.units) {
      await tx.directoryUnit.upsert({
        where: { id },
        create: { id, name, kind },
        update: { name, kind },
      });
    }
    for (const { id, name, kind } of directory.organisations) {
      await tx.directoryOrganisation.upsert({
        where: { id },
        create: { id, name, kind },
        update: { name, kind },
      });
    }
    for (const person of directory.people) {
      const data = {
        name: person.name,
        unitId: person.unitId ?? null,
        orgId: person.orgId ?? null,
        roles: person.roles,
        active: person.active,
      };
      await tx.directoryPerson.upsert({
        where: { id: person.id },
        create: { id: person.id, ...data },
        update: data,
      });
    }
  });
  return {
    units: directory.units.length,
    organisations: directory.organisations.length,
    people: directory.people.length,
  };
}

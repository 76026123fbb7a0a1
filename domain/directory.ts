// 名录: the units, people and organisations (procuratorates, courts) the system knows. A person's id
// is their token's `sub`; their roles, unit and org are what their token would carry. A deployment
// may have loaded none: then nothing can be checked against it.
import type { Labelled } from './labels';
import { principalRefusal } from './access';
import { isRole, type Role } from './roles';
import { isUnitId, isUnitTreeRoot } from './units';

export const UNIT_KINDS = {
  BUREAU: '公安局',
  STATION: '派出所',
  BRIGADE: '大队',
  TEAM: '中队',
  CENTRE: '中心',
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;

export const ORGANISATION_KINDS = {
  PROCURATORATE: '人民检察院',
  COURT: '人民法院',
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;

export const unitKind = (code: UnitKind): Labelled<UnitKind> => ({ code, label: UNIT_KINDS[code] });
export const organisationKind = (code: OrganisationKind): Labelled<OrganisationKind> => ({
  code,
  label: ORGANISATION_KINDS[code],
});

export interface DirectoryUnit {
  /** Its place in the unit tree (domain/units.ts): `gaj`, `gaj.cg`. */
  id: string;
  name: string;
  kind: UnitKind;
}

export interface DirectoryOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

export interface DirectoryPerson {
  /** The `sub` of their token. */
  id: string;
  name: string;
  /** Police: the unit they belong to. */
  unitId?: string | null;
  /** PROSECUTOR and JUDGE: their procuratorate or court. */
  orgId?: string | null;
  roles: Role[];
  /** Whether they still work here; an inactive person is kept for the records that name them. */
  active: boolean;
}

export interface Directory {
  units: DirectoryUnit[];
  organisations: DirectoryOrganisation[];
  people: DirectoryPerson[];
}

/** The unit directly above `unit`, or undefined at the root of the tree. */
export const parentUnit = (unit: string): string | undefined =>
  isUnitTreeRoot(unit) ? undefined : unit.slice(0, unit.lastIndexOf('.'));

/** The organisation kind a role works for. */
const ORGANISATION_OF: Partial<Record<Role, OrganisationKind>> = {
  PROSECUTOR: 'PROCURATORATE',
  JUDGE: 'COURT',
};

/**
 * What is wrong with a directory before it is loaded, one line each: unit ids out of the tree's
 * format or without their parent, and people whose roles, unit and org no token could carry.
 */
export function directoryProblems(directory: Directory): string[] {
  const problems: string[] = [];
  const units = new Map(directory.units.map((u) => [u.id, u]));
  const organisations = new Map(directory.organisations.map((o) => [o.id, o]));
  const seen = new Set<string>();
  for (const unit of directory.units) {
    if (!isUnitId(unit.id)) problems.push(`unit ${unit.id}: is not a unit id (such as gaj.cg)`);
    const parent = parentUnit(unit.id);
    if (parent && !units.has(parent))
      problems.push(`unit ${unit.id}: its parent ${parent} is not in the directory`);
    if (!Object.hasOwn(UNIT_KINDS, unit.kind)) problems.push(`unit ${unit.id}: kind ${unit.kind}`);
  }
  for (const person of directory.people) {
    if (seen.has(person.id)) problems.push(`person ${person.id}: listed twice`);
    seen.add(person.id);
    const unknownRoles = person.roles.filter((r) => !isRole(r));
    if (unknownRoles.length) {
      problems.push(`person ${person.id}: unknown roles ${unknownRoles.join(', ')}`);
      continue;
    }
    const refusal = principalRefusal({
      id: person.id,
      name: person.name,
      roles: person.roles,
      ...(person.unitId ? { unit: person.unitId } : {}),
      ...(person.orgId ? { org: person.orgId } : {}),
    });
    if (refusal) problems.push(`person ${person.id}: ${refusal}`);
    if (person.unitId && !units.has(person.unitId))
      problems.push(`person ${person.id}: unit ${person.unitId} is not in the directory`);
    if (person.orgId) {
      const org = organisations.get(person.orgId);
      const wanted = person.roles.map((r) => ORGANISATION_OF[r]).find(Boolean);
      if (!org) problems.push(`person ${person.id}: org ${person.orgId} is not in the directory`);
      else if (wanted && org.kind !== wanted)
        problems.push(`person ${person.id}: ${person.orgId} is a ${org.kind}, not a ${wanted}`);
    }
  }
  return problems;
}

/** What the directory says about the person a case would be reassigned to. */
export interface ReassignmentTarget {
  /** The handlerId asked for. */
  handlerId: string;
  /** The directory's entry under that id, if any. */
  person: DirectoryPerson | undefined;
  /** Whether the directory holds anyone at all: a deployment that loaded none cannot check. */
  directoryHoldsPeople: boolean;
}

/**
 * Why a case of `caseUnitId` may not be reassigned to this target, or undefined. The new handler
 * must be an active person of the directory who holds HANDLER in the case's own unit (a handler
 * works within their unit only: domain/access.ts). With no directory loaded, nothing is refused.
 */
export function reassignmentTargetRefusal(
  target: ReassignmentTarget,
  caseUnitId: string,
): string | undefined {
  if (!target.directoryHoldsPeople) return undefined;
  const { handlerId, person } = target;
  const pick = `choose one of GET /directory/people?unit=${caseUnitId}&role=HANDLER`;
  if (!person) {
    return `handlerId ${handlerId} is nobody in the directory (名录): ${pick}.`;
  }
  const who = `handlerId ${handlerId} (${person.name})`;
  if (!person.active) return `${who} is no longer active in the directory: ${pick}.`;
  if (!person.roles.includes('HANDLER')) {
    return `${who} is not a HANDLER (办案民警) but ${person.roles.join(', ')}: ${pick}.`;
  }
  if (person.unitId !== caseUnitId) {
    return `${who} is a handler of ${person.unitId ?? person.orgId ?? 'no unit'}, not of the case's unit ${caseUnitId}: a case is handled within its unit; ${pick}.`;
  }
  return undefined;
}

// 权限范围: who may see and act on what. A handler works within their own unit; leaders, legal
// officers and the case-management centre oversee their unit and the units below it; prosecutors
// and judges see only the cases handed to their organisation. The parties look their case up by
// the query code on their receipt (no token), and see it with other people's data removed.
import { CASE_STAGES, type CaseStage } from './lifecycle';
import type { Role } from './roles';
import { isUnitTreeRoot, unitWithin } from './units';

/** The person behind a request, as their token names them. */
export interface Principal {
  id: string;
  name: string;
  roles: Role[];
  /** Police roles: the unit they belong to. */
  unit?: string;
  /** PROSECUTOR and JUDGE: their procuratorate or court. */
  org?: string;
}

/** Roles that act within their own unit only. */
export const OWN_UNIT_ROLES: readonly Role[] = ['HANDLER'];
/** Roles that oversee their unit and every unit below it. */
export const UNIT_TREE_ROLES: readonly Role[] = [
  'LEGAL_OFFICER',
  'DUTY_LEADER',
  'UNIT_LEADER',
  'BUREAU_LEADER',
  'CASE_CENTER',
];
export const POLICE_ROLES: readonly Role[] = [...OWN_UNIT_ROLES, ...UNIT_TREE_ROLES];
/** Roles outside the police, scoped by the organisation a case was handed to. */
export const ORGANISATION_ROLES: readonly Role[] = ['PROSECUTOR', 'JUDGE'];
/** Roles a token may carry: everyone but the parties, who have no account. */
export const STAFF_ROLES: readonly Role[] = [...POLICE_ROLES, ...ORGANISATION_ROLES];
/** Roles that oversee others' work: the evaluation figures and the leaders' inbox. */
export const OVERSIGHT_ROLES: readonly Role[] = [
  'DUTY_LEADER',
  'UNIT_LEADER',
  'BUREAU_LEADER',
  'CASE_CENTER',
];

/**
 * Roles that may read Temporal histories in clear (POST /codec/decode): the bureau's leaders and its
 * case-management centre, the two that oversee every case of the bureau.
 */
export const HISTORY_READER_ROLES: readonly Role[] = ['BUREAU_LEADER', 'CASE_CENTER'];

/** Why a set of token claims cannot describe a person, or undefined. */
export function principalRefusal(p: Principal): string | undefined {
  if (p.roles.length === 0) return 'roles must name at least one role.';
  const notStaff = p.roles.filter((r) => !STAFF_ROLES.includes(r));
  if (notStaff.length)
    return `roles may not include ${notStaff.join(', ')}: parties have no token.`;
  if (p.roles.some((r) => POLICE_ROLES.includes(r)) && !p.unit)
    return `unit is required for police roles (${POLICE_ROLES.join(', ')}).`;
  if (p.roles.some((r) => ORGANISATION_ROLES.includes(r)) && !p.org)
    return 'org is required for PROSECUTOR and JUDGE: their procuratorate or court.';
  const offices = OFFICES.filter((office) => p.roles.some((r) => office.roles.includes(r)));
  if (offices.length > 1)
    return `roles must belong to one office, not ${offices.map((o) => o.name).join(' and ')} together (${p.roles.join(', ')}): one person does not file, prosecute and judge a case.`;
  if (offices[0]?.name !== 'police' && p.unit)
    return 'unit is for police roles; a prosecutor or judge has an org.';
  if (offices[0]?.name === 'police' && p.org)
    return 'org is for PROSECUTOR and JUDGE; police roles have a unit.';
  return undefined;
}

/** The three agencies of the procedure: a person acts for one of them. */
const OFFICES: ReadonlyArray<{ name: string; roles: readonly Role[] }> = [
  { name: 'police', roles: POLICE_ROLES },
  { name: 'procuratorate', roles: ['PROSECUTOR'] },
  { name: 'court', roles: ['JUDGE'] },
];

/** The roles under which a person may see and act on a unit's police work (alarms, tasks). */
export function rolesForUnit(p: Principal, unitId: string): Role[] {
  if (!p.unit) return [];
  const unit = p.unit;
  return p.roles.filter(
    (r) =>
      (OWN_UNIT_ROLES.includes(r) && unitId === unit) ||
      (UNIT_TREE_ROLES.includes(r) && unitWithin(unitId, unit)),
  );
}

/** What scoping needs to know about a case. */
export interface CaseScope {
  unitId: string;
  prosecutionOrg?: string | null;
  courtOrg?: string | null;
}

/** The roles under which a person may see and act on a case. */
export function rolesForCase(p: Principal, c: CaseScope): Role[] {
  const police = rolesForUnit(p, c.unitId);
  const outside = p.roles.filter(
    (r) =>
      (r === 'PROSECUTOR' && !!c.prosecutionOrg && c.prosecutionOrg === p.org) ||
      (r === 'JUDGE' && !!c.courtOrg && c.courtOrg === p.org),
  );
  return [...police, ...outside];
}

export type ActingRole = { ok: true; role: Role } | { ok: false; reason: string };

/**
 * The role a person acts under: the first of their roles that is both in scope and among the
 * roles the rule lets act. `inScope` is what rolesForCase or rolesForUnit returned.
 */
export function actingRole(
  p: Principal,
  inScope: readonly Role[],
  allowed: readonly Role[],
  what: string,
): ActingRole {
  const role = inScope.find((r) => allowed.includes(r));
  if (role) return { ok: true, role };
  if (inScope.length === 0) return { ok: false, reason: `${what} is outside your scope.` };
  return {
    ok: false,
    reason: `${what} is for ${allowed.join(' or ')}; you act here as ${inScope.join(', ')}.`,
  };
}

/** The stages in which a case waits in the prosecutor's or the court's queue. */
export const PROSECUTION_QUEUE_STAGES: readonly CaseStage[] = [
  'PROSECUTION_REVIEW',
  // The police asked the procuratorate to reconsider its non-prosecution: its decision is awaited.
  'NON_PROSECUTION_RECONSIDERATION',
];
export const COURT_QUEUE_STAGES: readonly CaseStage[] = [
  'COURT_FAST_TRACK',
  'COURT_SIMPLIFIED',
  'COURT_ORDINARY',
];
export const isCaseStage = (value: string): value is CaseStage => Object.hasOwn(CASE_STAGES, value);

/**
 * The role under which a person may read Temporal histories in clear. A payload does not say whose
 * case it belongs to, so no unit scope can be checked per request: only a history reader of a unit
 * at the root of the unit tree (the bureau itself, `gaj`), whose scope covers every case, may.
 */
export function historyReaderRole(p: Principal): ActingRole {
  const role = p.roles.find((r) => HISTORY_READER_ROLES.includes(r));
  if (!role) {
    return {
      ok: false,
      reason: `Reading Temporal histories in clear is for ${HISTORY_READER_ROLES.join(' or ')} of the bureau; your roles are ${p.roles.join(', ')}.`,
    };
  }
  if (!p.unit || !isUnitTreeRoot(p.unit)) {
    return {
      ok: false,
      reason: `Reading Temporal histories in clear is for ${role} at the root of the unit tree (a unit without a parent, such as gaj): a history may hold any unit's case, and your unit ${p.unit ?? '(none)'} covers only part of them.`,
    };
  }
  return { ok: true, role };
}

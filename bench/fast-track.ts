// The fast-track lifecycle every bench driver walks: the 9 case actions from filing to archive and
// the bureau leader's approval (审批) of the filing and of the transfer, who takes each and with
// which fields. Plain data, safe inside the workflow sandbox.
import { eligibleFastTrackFacts, signedPleaAgreement } from '../test/support/fixtures';
import type { FastTrackFacts } from '../domain/fast-track';
import type { ActionFields } from '../domain/lifecycle';
import type { Role } from '../domain/roles';

/** The procuratorate and court a bench case is handed to, and the unit that handles it. */
export interface BenchPlaces {
  unitId: string;
  prosecutionOrg: string;
  courtOrg: string;
}

export interface FastTrackStep {
  /** A case action, or APPROVE: the bureau leader approves the proposal just made. */
  action: string;
  role: Role;
  fields: ActionFields;
  /** APPROVE: the number of the proposal approved (1 for the filing, 2 for the transfer). */
  proposal?: number;
}

/** Eligible for fast-track, likely sentence over a year (as in the API flow test). */
const eligibleFacts: FastTrackFacts = { ...eligibleFastTrackFacts, likelySentenceMonths: 18 };

export const FAST_TRACK_ACTIONS = [
  'FILE',
  'APPROVE',
  'SUBMIT_FOR_LEGAL_REVIEW',
  'APPROVE_LEGAL_REVIEW',
  'TRANSFER_FOR_PROSECUTION',
  'APPROVE',
  'PROSECUTION_ACCEPT',
  'INDICT',
  'COURT_ACCEPT',
  'PRONOUNCE_JUDGMENT',
  'ARCHIVE',
] as const;

export function fastTrackSteps(places: BenchPlaces): FastTrackStep[] {
  const fields: Partial<Record<(typeof FAST_TRACK_ACTIONS)[number], ActionFields>> = {
    // The police suggest the route; the procuratorate decides it when it accepts the case.
    TRANSFER_FOR_PROSECUTION: {
      suggestedRoute: 'FAST_TRACK',
      fastTrackFacts: eligibleFacts,
      prosecutionOrg: places.prosecutionOrg,
    },
    PROSECUTION_ACCEPT: {
      route: 'FAST_TRACK',
      fastTrackFacts: eligibleFacts,
      ...signedPleaAgreement,
    },
    INDICT: { sentencingProposal: '有期徒刑一年六个月', courtOrg: places.courtOrg },
    PRONOUNCE_JUDGMENT: { judgment: '判处有期徒刑一年六个月' },
  };
  const roles: Record<(typeof FAST_TRACK_ACTIONS)[number], Role> = {
    FILE: 'HANDLER',
    APPROVE: 'BUREAU_LEADER',
    SUBMIT_FOR_LEGAL_REVIEW: 'HANDLER',
    APPROVE_LEGAL_REVIEW: 'LEGAL_OFFICER',
    TRANSFER_FOR_PROSECUTION: 'HANDLER',
    PROSECUTION_ACCEPT: 'PROSECUTOR',
    INDICT: 'PROSECUTOR',
    COURT_ACCEPT: 'JUDGE',
    PRONOUNCE_JUDGMENT: 'JUDGE',
    ARCHIVE: 'CASE_CENTER',
  };
  let proposals = 0;
  return FAST_TRACK_ACTIONS.map((action) => ({
    action,
    role: roles[action],
    fields: fields[action] ?? {},
    ...(action === 'APPROVE' ? { proposal: ++proposals } : {}),
  }));
}

// Which deadline each stage of a case opens. A stage's deadline completes when the case leaves
// the stage; a court's trial clock starts when the court accepts the case and starts anew when the
// procedure is converted. A public-order case also runs one clock over its whole handling, from
// acceptance (its filing) until the penalty decision is served. The prosecution review runs from
// the prosecutor's acceptance, and anew each time the case comes back.
import type { PolicyCode } from './deadline-policies';
import type { CaseFacts, CaseStage } from './lifecycle';
import type { Role } from './roles';

export interface StepSpec {
  /** The task's step name, unique within a stage visit. */
  step: string;
  policy: PolicyCode;
  variant?: string;
  /** Overrides the policy's custody flag: a review while the suspect is in custody. */
  custody?: boolean;
  /** Overrides the policy's owner and ladder: an approval step waits on its approver. */
  owner?: Role;
  escalatesTo?: readonly [Role] | readonly [Role, Role];
}

export interface DeadlineContext extends CaseFacts {
  /** From the fast-track assessment: SENTENCE_OVER_ONE_YEAR or none. */
  sentenceVariant?: string;
  inCustody: boolean;
  /** Under the public-order procedure: the penalty is served within 2 days of its decision. */
  publicOrder?: boolean;
}

/** The deadline that runs while a case is in `stage`, if the stage has one. */
export function stageDeadline(ctx: DeadlineContext): StepSpec | undefined {
  switch (ctx.stage) {
    case 'FILING_REVIEW':
      return { step: 'FILING_REVIEW', policy: 'FILING_REVIEW' };
    case 'NOT_FILED':
      return { step: 'NON_FILING_NOTICE', policy: 'NON_FILING_NOTICE' };
    case 'RECONSIDERATION_WINDOW':
      return { step: 'RECONSIDERATION_APPLICATION', policy: 'RECONSIDERATION_APPLICATION' };
    case 'RECONSIDERATION':
      return { step: 'RECONSIDERATION_DECISION', policy: 'RECONSIDERATION_DECISION' };
    case 'REVIEW_WINDOW':
      return { step: 'REVIEW_APPLICATION', policy: 'REVIEW_APPLICATION' };
    case 'REVIEW':
      return { step: 'REVIEW_DECISION', policy: 'REVIEW_DECISION' };
    case 'LEGAL_REVIEW':
      return { step: 'LEGAL_REVIEW', policy: 'LEGAL_REVIEW' };
    case 'PENALTY_DECISION':
      // Before the public-order procedure, the 2 days ran from the legal review's approval.
      return ctx.publicOrder ? undefined : { step: 'PENALTY_SERVICE', policy: 'PENALTY_SERVICE' };
    case 'PENALTY_SERVICE':
      return { step: 'PENALTY_SERVICE', policy: 'PENALTY_SERVICE' };
    case 'PROSECUTION_REVIEW':
      if (!ctx.prosecutionAccepted) return undefined;
      return ctx.route === 'FAST_TRACK'
        ? {
            step: 'PROSECUTION_REVIEW',
            policy: 'PROSECUTION_REVIEW_FAST_TRACK',
            variant: ctx.sentenceVariant,
            custody: ctx.inCustody,
          }
        : {
            step: 'PROSECUTION_REVIEW',
            policy: 'PROSECUTION_REVIEW_ORDINARY',
            custody: ctx.inCustody,
          };
    case 'SUPPLEMENTARY_INVESTIGATION':
      return { step: 'SUPPLEMENTARY_INVESTIGATION', policy: 'SUPPLEMENTARY_INVESTIGATION' };
    case 'NOT_PROSECUTED':
      return {
        step: 'NON_PROSECUTION_RECONSIDERATION',
        policy: 'NON_PROSECUTION_RECONSIDERATION',
      };
    case 'NON_PROSECUTION_RECONSIDERATION':
      return {
        step: 'NON_PROSECUTION_RECONSIDERATION_DECISION',
        policy: 'NON_PROSECUTION_RECONSIDERATION_DECISION',
      };
    case 'COURT_FAST_TRACK':
      return ctx.courtAccepted
        ? { step: 'TRIAL', policy: 'FAST_TRACK_TRIAL', variant: ctx.sentenceVariant }
        : undefined;
    case 'COURT_SIMPLIFIED':
      return ctx.courtAccepted ? { step: 'TRIAL', policy: 'SIMPLIFIED_TRIAL' } : undefined;
    case 'COURT_ORDINARY':
      return ctx.courtAccepted ? { step: 'TRIAL', policy: 'ORDINARY_TRIAL' } : undefined;
    default:
      return undefined;
  }
}

/** The clock over a whole public-order case (治安 30 days), opened at acceptance. */
export function caseWideDeadline(kind: CaseFacts['kind']): StepSpec | undefined {
  return kind === 'ADMINISTRATIVE' ? { step: 'ADMIN_CASE', policy: 'ADMIN_CASE' } : undefined;
}

/** The case-wide clock ends when the case is decided (the penalty decided, or the case closed). */
export const endsCaseWideDeadline = (stage: CaseStage) =>
  stage === 'PENALTY_SERVICE' || stage === 'CLOSED' || stage === 'ARCHIVED';

import {
  caseWideDeadline,
  stageDeadline,
  type DeadlineContext,
} from '../../../domain/case-deadlines';
import { checkMeasure, IN_CUSTODY } from '../../../domain/coercive-measures';

const ctx = (extra: Partial<DeadlineContext>): DeadlineContext => ({
  kind: 'CRIMINAL',
  stage: 'FILING_REVIEW',
  supplementaryReturns: 0,
  inCustody: false,
  ...extra,
});

describe('stageDeadline', () => {
  it.each([
    [{ stage: 'FILING_REVIEW' }, 'FILING_REVIEW'],
    [{ stage: 'NOT_FILED' }, 'NON_FILING_NOTICE'],
    [{ stage: 'RECONSIDERATION_WINDOW' }, 'RECONSIDERATION_APPLICATION'],
    [{ stage: 'RECONSIDERATION' }, 'RECONSIDERATION_DECISION'],
    [{ stage: 'LEGAL_REVIEW' }, 'LEGAL_REVIEW'],
    [{ stage: 'PENALTY_DECISION', kind: 'ADMINISTRATIVE' }, 'PENALTY_SERVICE'],
    [
      { stage: 'PROSECUTION_REVIEW', route: 'FAST_TRACK', prosecutionAccepted: true },
      'PROSECUTION_REVIEW_FAST_TRACK',
    ],
    [
      { stage: 'PROSECUTION_REVIEW', route: 'ORDINARY', prosecutionAccepted: true },
      'PROSECUTION_REVIEW_ORDINARY',
    ],
    [{ stage: 'PROSECUTION_REVIEW', route: 'ORDINARY', prosecutionAccepted: false }, undefined],
    [{ stage: 'SUPPLEMENTARY_INVESTIGATION' }, 'SUPPLEMENTARY_INVESTIGATION'],
    [{ stage: 'COURT_FAST_TRACK', courtAccepted: true }, 'FAST_TRACK_TRIAL'],
    [{ stage: 'COURT_SIMPLIFIED', courtAccepted: true }, 'SIMPLIFIED_TRIAL'],
    [{ stage: 'COURT_ORDINARY', courtAccepted: true }, 'ORDINARY_TRIAL'],
    [{ stage: 'COURT_FAST_TRACK', courtAccepted: false }, undefined],
    [{ stage: 'INVESTIGATION' }, undefined],
    [{ stage: 'ARCHIVED' }, undefined],
  ] as Array<[Partial<DeadlineContext>, string | undefined]>)('%o runs %s', (extra, policy) => {
    expect(stageDeadline(ctx(extra))?.policy).toBe(policy);
  });

  it('carries the sentence variant and the custody of the suspect into the fast-track review', () => {
    expect(
      stageDeadline(
        ctx({
          stage: 'PROSECUTION_REVIEW',
          route: 'FAST_TRACK',
          prosecutionAccepted: true,
          sentenceVariant: 'SENTENCE_OVER_ONE_YEAR',
          inCustody: true,
        }),
      ),
    ).toEqual({
      step: 'PROSECUTION_REVIEW',
      policy: 'PROSECUTION_REVIEW_FAST_TRACK',
      variant: 'SENTENCE_OVER_ONE_YEAR',
      custody: true,
    });
  });

  it('runs the 30-day clock over a whole public-order case only', () => {
    expect(caseWideDeadline('ADMINISTRATIVE')?.policy).toBe('ADMIN_CASE');
    expect(caseWideDeadline('CRIMINAL')).toBeUndefined();
  });
});

describe('checkMeasure', () => {
  it('runs detention, the arrest request, arrest and release, each opening its clock', () => {
    expect(checkMeasure('NONE', 'DETAIN', 'HANDLER')).toEqual({
      ok: true,
      to: 'DETAINED',
      opens: { step: 'ARREST_REQUEST', policy: 'ARREST_REQUEST' },
    });
    expect(checkMeasure('DETAINED', 'REQUEST_ARREST', 'HANDLER')).toMatchObject({
      ok: true,
      to: 'ARREST_REQUESTED',
      opens: { policy: 'ARREST_DECISION' },
    });
    expect(checkMeasure('ARREST_REQUESTED', 'APPROVE_ARREST', 'PROSECUTOR')).toMatchObject({
      ok: true,
      to: 'ARRESTED',
      opens: { policy: 'CUSTODY_INVESTIGATION' },
    });
    expect(checkMeasure('ARRESTED', 'RELEASE', 'HANDLER')).toEqual({ ok: true, to: 'RELEASED' });
    expect(IN_CUSTODY).toEqual(['DETAINED', 'ARREST_REQUESTED', 'ARRESTED']);
  });

  it.each([
    ['NONE', 'APPROVE_ARREST', 'PROSECUTOR', /not possible while the suspect is NONE/],
    ['ARREST_REQUESTED', 'APPROVE_ARREST', 'HANDLER', /decided by PROSECUTOR, not HANDLER/],
    ['DETAINED', 'DETAIN', 'HANDLER', /not possible while the suspect is DETAINED/],
    ['NONE', 'TORTURE', 'HANDLER', /Unknown measure TORTURE/],
  ] as const)('refuses %s → %s by %s', (state, event, role, message) => {
    const result = checkMeasure(state, event, role);
    expect(!result.ok && result.reason).toMatch(message);
  });
});

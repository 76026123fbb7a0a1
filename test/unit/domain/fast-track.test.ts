import { assessFastTrack, type FastTrackFacts } from '../../../domain/fast-track';
import { eligibleFastTrackFacts } from '../../support/fixtures';

const eligible = eligibleFastTrackFacts;

describe('assessFastTrack', () => {
  it('accepts a case that meets every condition, with the 10-day periods', () => {
    expect(assessFastTrack(eligible)).toEqual({ eligible: true, reasons: [] });
  });

  it.each([
    [{ basicCourtJurisdiction: false }, 'NO_BASIC_COURT_JURISDICTION'],
    [{ likelySentenceMonths: 37 }, 'SENTENCE_OVER_THREE_YEARS'],
    [{ factsClear: false }, 'FACTS_UNCLEAR'],
    [{ evidenceSufficient: false }, 'EVIDENCE_INSUFFICIENT'],
    [{ pleadsGuiltyAndAcceptsPunishment: false }, 'NO_GUILTY_PLEA'],
    [{ agreesToFastTrack: false }, 'NO_CONSENT'],
    [{ suspectBlindDeafOrMute: true }, 'SUSPECT_BLIND_DEAF_OR_MUTE'],
    [{ suspectPartlyMentallyImpaired: true }, 'SUSPECT_PARTLY_MENTALLY_IMPAIRED'],
    [{ suspectIsMinor: true }, 'SUSPECT_MINOR'],
    [{ majorSocialImpact: true }, 'MAJOR_SOCIAL_IMPACT'],
    [{ coDefendantObjects: true }, 'CO_DEFENDANT_OBJECTS'],
    [{ civilCompensationUnsettled: true }, 'CIVIL_COMPENSATION_UNSETTLED'],
  ] as Array<[Partial<FastTrackFacts>, string]>)(
    'refuses %o with the reason %s',
    (change, code) => {
      const result = assessFastTrack({ ...eligible, ...change });
      expect(result.eligible).toBe(false);
      expect(result.reasons.map((r) => r.code)).toEqual([code]);
      expect(result.reasons[0]!.label).not.toBe('');
    },
  );

  it('gives every reason at once, not only the first', () => {
    const result = assessFastTrack({
      ...eligible,
      suspectIsMinor: true,
      factsClear: false,
      likelySentenceMonths: 48,
    });
    expect(result.reasons.map((r) => r.code)).toEqual([
      'SENTENCE_OVER_THREE_YEARS',
      'FACTS_UNCLEAR',
      'SUSPECT_MINOR',
    ]);
  });

  it.each([
    [12, undefined],
    [13, 'SENTENCE_OVER_ONE_YEAR'],
    [36, 'SENTENCE_OVER_ONE_YEAR'],
  ])('a likely sentence of %i months calls for the %s period variant', (months, variant) => {
    expect(assessFastTrack({ ...eligible, likelySentenceMonths: months }).periodVariant).toBe(
      variant,
    );
  });

  it('takes exactly three years, and refuses a day more', () => {
    expect(assessFastTrack({ ...eligible, likelySentenceMonths: 36 }).eligible).toBe(true);
  });
});

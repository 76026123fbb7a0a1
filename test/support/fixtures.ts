// Shared test data.
import type { FastTrackFacts } from '../../domain/fast-track';
import type { FastProcedureFacts } from '../../domain/public-order';

/** A case that meets every fast-track condition (likely sentence six months). */
export const eligibleFastTrackFacts: FastTrackFacts = {
  basicCourtJurisdiction: true,
  likelySentenceMonths: 6,
  factsClear: true,
  evidenceSufficient: true,
  pleadsGuiltyAndAcceptsPunishment: true,
  agreesToFastTrack: true,
  suspectBlindDeafOrMute: false,
  suspectPartlyMentallyImpaired: false,
  suspectIsMinor: false,
  majorSocialImpact: false,
  coDefendantObjects: false,
  civilCompensationUnsettled: false,
};

/** The 认罪认罚具结书 a fast-track route needs, signed with a duty lawyer present (刑事诉讼法 Art. 174). */
export const signedPleaAgreement = {
  pleaAgreementLawyer: 'DUTY_LAWYER',
  pleaAgreementLawyerName: '王值班',
} as const;

/** A public-order case the fast procedure (快速办理) fits: clear, undisputed, agreed, no exclusion. */
export const fittingFastProcedureFacts: FastProcedureFacts = {
  factsClear: true,
  admitsFacts: true,
  agreesToFastProcedure: true,
  personBlindDeafMuteMinorOrMentallyIll: false,
  hearingRequired: false,
  detentionOverTenDaysPossible: false,
};

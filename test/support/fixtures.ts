// Shared test data.
import type { FastTrackFacts } from '../../domain/fast-track';

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

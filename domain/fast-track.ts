// 刑事速裁: whether a criminal case may take the fast-track procedure, and if not, every reason.
// Eligible when a basic-level court has jurisdiction, the likely sentence is 3 years or less, the
// facts are clear, the evidence sufficient, and the suspect pleads guilty, accepts punishment and
// agrees to the procedure; excluded for a blind, deaf or mute or partly mentally impaired suspect, a
// minor, a case of major social impact, a co-defendant who objects, or no settlement on civil
// compensation.

export interface FastTrackFacts {
  basicCourtJurisdiction: boolean;
  /** The likely sentence in months of fixed-term imprisonment (0 for non-custodial). */
  likelySentenceMonths: number;
  factsClear: boolean;
  evidenceSufficient: boolean;
  pleadsGuiltyAndAcceptsPunishment: boolean;
  agreesToFastTrack: boolean;
  suspectBlindDeafOrMute: boolean;
  suspectPartlyMentallyImpaired: boolean;
  suspectIsMinor: boolean;
  majorSocialImpact: boolean;
  coDefendantObjects: boolean;
  /** A victim with a civil claim exists and no settlement (调解或和解) was reached. */
  civilCompensationUnsettled: boolean;
}

/** The facts as a person is asked them (移送时填写的速裁适用情形). */
export const FAST_TRACK_FACT_LABELS: Record<keyof FastTrackFacts, string> = {
  basicCourtJurisdiction: '属基层人民法院管辖',
  likelySentenceMonths: '可能判处的有期徒刑（月；非监禁刑填 0）',
  factsClear: '案件事实清楚',
  evidenceSufficient: '证据确实、充分',
  pleadsGuiltyAndAcceptsPunishment: '犯罪嫌疑人认罪认罚',
  agreesToFastTrack: '犯罪嫌疑人同意适用速裁程序',
  suspectBlindDeafOrMute: '犯罪嫌疑人是盲、聋、哑人',
  suspectPartlyMentallyImpaired: '犯罪嫌疑人是尚未完全丧失辨认或者控制自己行为能力的精神病人',
  suspectIsMinor: '犯罪嫌疑人是未成年人',
  majorSocialImpact: '案件有重大社会影响',
  coDefendantObjects: '共同犯罪案件中有被告人对适用速裁程序有异议',
  civilCompensationUnsettled: '附带民事诉讼未达成调解或和解',
};

export interface FastTrackReason {
  code: string;
  label: string;
  reason: string;
}

/** The longest likely sentence the fast-track procedure takes: three years. */
export const FAST_TRACK_MAX_SENTENCE_MONTHS = 36;
/** Above this likely sentence the prosecution review and trial periods are 15 days, not 10. */
export const LONGER_FAST_TRACK_PERIOD_ABOVE_MONTHS = 12;

const RULES: Array<{
  code: string;
  label: string;
  reason: string;
  fails: (f: FastTrackFacts) => boolean;
}> = [
  {
    code: 'NO_BASIC_COURT_JURISDICTION',
    label: '非基层人民法院管辖',
    reason: 'a basic-level court does not have jurisdiction',
    fails: (f) => !f.basicCourtJurisdiction,
  },
  {
    code: 'SENTENCE_OVER_THREE_YEARS',
    label: '可能判处三年有期徒刑以上刑罚',
    reason: 'the likely sentence is over three years',
    fails: (f) => f.likelySentenceMonths > FAST_TRACK_MAX_SENTENCE_MONTHS,
  },
  {
    code: 'FACTS_UNCLEAR',
    label: '事实不清',
    reason: 'the facts are not clear',
    fails: (f) => !f.factsClear,
  },
  {
    code: 'EVIDENCE_INSUFFICIENT',
    label: '证据不足',
    reason: 'the evidence is not sufficient',
    fails: (f) => !f.evidenceSufficient,
  },
  {
    code: 'NO_GUILTY_PLEA',
    label: '未认罪认罚',
    reason: 'the suspect does not plead guilty and accept punishment',
    fails: (f) => !f.pleadsGuiltyAndAcceptsPunishment,
  },
  {
    code: 'NO_CONSENT',
    label: '不同意适用速裁程序',
    reason: 'the suspect does not agree to the fast-track procedure',
    fails: (f) => !f.agreesToFastTrack,
  },
  {
    code: 'SUSPECT_BLIND_DEAF_OR_MUTE',
    label: '盲、聋、哑人',
    reason: 'the suspect is blind, deaf or mute',
    fails: (f) => f.suspectBlindDeafOrMute,
  },
  {
    code: 'SUSPECT_PARTLY_MENTALLY_IMPAIRED',
    label: '尚未完全丧失辨认或者控制自己行为能力的精神病人',
    reason: 'the suspect is partly mentally impaired',
    fails: (f) => f.suspectPartlyMentallyImpaired,
  },
  {
    code: 'SUSPECT_MINOR',
    label: '未成年人',
    reason: 'the suspect is a minor',
    fails: (f) => f.suspectIsMinor,
  },
  {
    code: 'MAJOR_SOCIAL_IMPACT',
    label: '有重大社会影响',
    reason: 'the case has major social impact',
    fails: (f) => f.majorSocialImpact,
  },
  {
    code: 'CO_DEFENDANT_OBJECTS',
    label: '共同犯罪中有被告人有异议',
    reason: 'a co-defendant objects',
    fails: (f) => f.coDefendantObjects,
  },
  {
    code: 'CIVIL_COMPENSATION_UNSETTLED',
    label: '附带民事诉讼未达成调解或和解',
    reason: 'there is no settlement on civil compensation',
    fails: (f) => f.civilCompensationUnsettled,
  },
];

export interface FastTrackAssessment {
  eligible: boolean;
  reasons: FastTrackReason[];
  /** The prosecution-review and trial variant the sentence calls for. */
  periodVariant?: 'SENTENCE_OVER_ONE_YEAR';
}

export function assessFastTrack(facts: FastTrackFacts): FastTrackAssessment {
  const reasons = RULES.filter((rule) => rule.fails(facts)).map(({ code, label, reason }) => ({
    code,
    label,
    reason,
  }));
  return {
    eligible: reasons.length === 0,
    reasons,
    ...(facts.likelySentenceMonths > LONGER_FAST_TRACK_PERIOD_ABOVE_MONTHS
      ? { periodVariant: 'SENTENCE_OVER_ONE_YEAR' as const }
      : {}),
  };
}

import {
  availableActions,
  CASE_ACTIONS,
  checkAction,
  initialStage,
  type ActionFields,
  type CaseFacts,
  type CaseStage,
} from '../../../domain/lifecycle';
import type { LawRules } from '../../../domain/law-corrections';
import type { Role } from '../../../domain/roles';
import { eligibleFastTrackFacts, signedPleaAgreement } from '../../support/fixtures';

const eligibleFacts = eligibleFastTrackFacts;

const criminal = (stage: CaseStage, extra: Partial<CaseFacts> = {}): CaseFacts => ({
  kind: 'CRIMINAL',
  stage,
  supplementaryReturns: 0,
  ...extra,
});

/** Walks a case through actions, as the workflow will, failing on the first refusal. */
function walk(start: CaseFacts, steps: Array<[string, Role, ActionFields?]>): CaseStage[] {
  const facts = { ...start };
  const stages: CaseStage[] = [];
  for (const [action, role, fields = {}] of steps) {
    const result = checkAction(facts, action, role, fields);
    if (!result.ok) throw new Error(`${action} refused: ${result.reason}`);
    if (action === 'PROSECUTION_ACCEPT') facts.route = fields.route;
    if (action === 'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION') facts.supplementaryReturns += 1;
    if (action === 'COURT_ACCEPT') facts.courtAccepted = true;
    if (action === 'PROSECUTION_ACCEPT') facts.prosecutionAccepted = true;
    if (
      action === 'TRANSFER_FOR_PROSECUTION' ||
      action === 'RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION'
    ) {
      facts.prosecutionAccepted = false;
    }
    facts.stage = result.to;
    stages.push(result.to);
  }
  return stages;
}

describe('the lifecycle as data', () => {
  it('takes a criminal case through the fast-track path to the archive', () => {
    expect(
      walk(criminal('FILING_REVIEW'), [
        ['FILE', 'HANDLER'],
        ['SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER'],
        ['APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER'],
        [
          'TRANSFER_FOR_PROSECUTION',
          'HANDLER',
          { suggestedRoute: 'FAST_TRACK', fastTrackFacts: eligibleFacts, prosecutionOrg: 'jcy' },
        ],
        [
          'PROSECUTION_ACCEPT',
          'PROSECUTOR',
          { route: 'FAST_TRACK', fastTrackFacts: eligibleFacts, ...signedPleaAgreement },
        ],
        ['INDICT', 'PROSECUTOR', { sentencingProposal: '有期徒刑六个月', courtOrg: 'fy' }],
        ['COURT_ACCEPT', 'JUDGE'],
        ['PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: '判处有期徒刑六个月' }],
        ['ARCHIVE', 'CASE_CENTER'],
      ]),
    ).toEqual([
      'INVESTIGATION',
      'LEGAL_REVIEW',
      'FAST_TRACK_ASSESSMENT',
      'PROSECUTION_REVIEW',
      'PROSECUTION_REVIEW',
      'COURT_FAST_TRACK',
      'COURT_FAST_TRACK',
      'CLOSED',
      'ARCHIVED',
    ]);
  });

  it('takes an administrative case through the penalty decision to the archive', () => {
    expect(
      walk(
        { kind: 'ADMINISTRATIVE', stage: initialStage('ADMINISTRATIVE'), supplementaryReturns: 0 },
        [
          ['SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER'],
          ['RETURN_FOR_CORRECTION', 'LEGAL_OFFICER', { reason: '询问笔录缺签名' }],
          ['SUBMIT_FOR_LEGAL_REVIEW', 'HANDLER'],
          ['APPROVE_LEGAL_REVIEW', 'LEGAL_OFFICER'],
          ['DECIDE_PENALTY', 'HANDLER', { penalty: '罚款五百元', penaltyKind: 'FINE' }],
          ['SERVE_PENALTY_DECISION', 'HANDLER'],
          ['ARCHIVE', 'CASE_CENTER'],
        ],
      ),
    ).toEqual([
      'LEGAL_REVIEW',
      'INVESTIGATION',
      'LEGAL_REVIEW',
      'PENALTY_DECISION',
      'PENALTY_SERVICE',
      'CLOSED',
      'ARCHIVED',
    ]);
  });

  it('loops through supplementary investigation twice, then refuses a third return', () => {
    const stages = walk(
      criminal('PROSECUTION_REVIEW', { route: 'FAST_TRACK', prosecutionAccepted: true }),
      [
        ['RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'PROSECUTOR', { reason: '补充被害人陈述' }],
        ['RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION', 'HANDLER'],
        ['PROSECUTION_ACCEPT', 'PROSECUTOR', { route: 'ORDINARY' }],
        ['RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'PROSECUTOR', { reason: '补充鉴定意见' }],
        ['RESUBMIT_AFTER_SUPPLEMENTARY_INVESTIGATION', 'HANDLER'],
      ],
    );
    expect(stages).toEqual([
      'SUPPLEMENTARY_INVESTIGATION',
      'PROSECUTION_REVIEW',
      'PROSECUTION_REVIEW',
      'SUPPLEMENTARY_INVESTIGATION',
      'PROSECUTION_REVIEW',
    ]);
    const third = checkAction(
      criminal('PROSECUTION_REVIEW', { supplementaryReturns: 2, prosecutionAccepted: true }),
      'RETURN_FOR_SUPPLEMENTARY_INVESTIGATION',
      'PROSECUTOR',
      {
        reason: '再次补充',
      },
    );
    expect(third).toEqual({
      ok: false,
      reason: expect.stringContaining('at most 2 times; it already was 2 times'),
    });
  });

  it.each([
    ['SIMPLIFIED', 'COURT_SIMPLIFIED'],
    ['ORDINARY', 'COURT_ORDINARY'],
  ] as const)('converts a fast-track trial to %s procedure', (procedure, stage) => {
    expect(
      checkAction(
        criminal('COURT_FAST_TRACK', { courtAccepted: true }),
        'CONVERT_PROCEDURE',
        'JUDGE',
        {
          procedure,
          reason: '被告人当庭翻供',
        },
      ),
    ).toEqual({ ok: true, to: stage });
  });

  it('sends an ordinary-route indictment to the ordinary court procedure', () => {
    expect(
      checkAction(
        criminal('PROSECUTION_REVIEW', { route: 'ORDINARY', prosecutionAccepted: true }),
        'INDICT',
        'PROSECUTOR',
        {
          sentencingProposal: '三年',
          courtOrg: 'fy',
        },
      ),
    ).toEqual({
      ok: true,
      to: 'COURT_ORDINARY',
    });
  });

  it.each([
    [
      'the wrong stage',
      criminal('INVESTIGATION'),
      'INDICT',
      'PROSECUTOR',
      { sentencingProposal: 'x' },
      /not allowed in stage INVESTIGATION \(侦查\/调查\); it is allowed in PROSECUTION_REVIEW/,
    ],
    [
      'the wrong role',
      criminal('FILING_REVIEW'),
      'FILE',
      'PROSECUTOR',
      {},
      /taken by HANDLER \(办案民警\), not PROSECUTOR/,
    ],
    [
      'a missing reason',
      criminal('FILING_REVIEW'),
      'DECLINE_FILING',
      'HANDLER',
      { hasComplainant: true },
      /requires the field "reason"/,
    ],
    [
      'a blank reason',
      criminal('FILING_REVIEW'),
      'DECLINE_FILING',
      'HANDLER',
      { reason: '  ', hasComplainant: true },
      /requires the field "reason"/,
    ],
    [
      'an unknown procedure',
      criminal('COURT_FAST_TRACK'),
      'CONVERT_PROCEDURE',
      'JUDGE',
      { procedure: 'MARTIAL', reason: 'x' },
      /must be one of SIMPLIFIED, ORDINARY, not MARTIAL/,
    ],
    [
      'a criminal-only action on a 治安 case',
      { kind: 'ADMINISTRATIVE', stage: 'FILING_REVIEW', supplementaryReturns: 0 },
      'DECLINE_FILING',
      'HANDLER',
      { reason: 'x' },
      /does not apply to ADMINISTRATIVE/,
    ],
    [
      'an unknown action',
      criminal('FILING_REVIEW'),
      'TELEPORT',
      'HANDLER',
      {},
      /Unknown action TELEPORT/,
    ],
  ] as const)(
    'refuses %s with a message that says which rule',
    (_, facts, action, role, fields, message) => {
      const result = checkAction(facts as CaseFacts, action, role, fields as ActionFields);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.reason).toMatch(message);
    },
  );

  it('refuses the fast-track route for an ineligible case, giving every reason', () => {
    const ineligible = { ...eligibleFacts, suspectIsMinor: true, coDefendantObjects: true };
    const reasons =
      'Not eligible for the fast-track procedure: the suspect is a minor (未成年人); a co-defendant objects (共同犯罪中有被告人有异议).';
    const suggested = checkAction(
      criminal('FAST_TRACK_ASSESSMENT'),
      'TRANSFER_FOR_PROSECUTION',
      'HANDLER',
      { suggestedRoute: 'FAST_TRACK', fastTrackFacts: ineligible, prosecutionOrg: 'jcy' },
    );
    expect(!suggested.ok && suggested.reason).toBe(`${reasons} Suggest the ORDINARY route.`);
    const chosen = checkAction(criminal('PROSECUTION_REVIEW'), 'PROSECUTION_ACCEPT', 'PROSECUTOR', {
      route: 'FAST_TRACK',
      fastTrackFacts: ineligible,
    });
    expect(!chosen.ok && chosen.reason).toBe(`${reasons} Choose the ORDINARY route.`);
    expect(
      checkAction(criminal('FAST_TRACK_ASSESSMENT'), 'TRANSFER_FOR_PROSECUTION', 'HANDLER', {
        suggestedRoute: 'ORDINARY',
        prosecutionOrg: 'jcy',
      }),
    ).toEqual({
      ok: true,
      to: 'PROSECUTION_REVIEW',
    });
  });

  it('needs the prosecutor to accept a case before deciding on it', () => {
    const sent = criminal('PROSECUTION_REVIEW', {
      route: 'FAST_TRACK',
      prosecutionAccepted: false,
    });
    for (const [action, fields] of [
      ['INDICT', { sentencingProposal: 'x', courtOrg: 'fy' }],
      ['DECLINE_PROSECUTION', { reason: 'x' }],
      ['RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', { reason: 'x' }],
    ] as const) {
      expect(checkAction(sent, action, 'PROSECUTOR', fields)).toEqual({
        ok: false,
        reason: expect.stringContaining('must accept the case (PROSECUTION_ACCEPT)'),
      });
    }
    expect(checkAction(sent, 'PROSECUTION_ACCEPT', 'PROSECUTOR', { route: 'ORDINARY' })).toEqual({
      ok: true,
      to: 'PROSECUTION_REVIEW',
    });
    expect(
      checkAction({ ...sent, prosecutionAccepted: true }, 'PROSECUTION_ACCEPT', 'PROSECUTOR', {
        route: 'ORDINARY',
      }).ok,
    ).toBe(false);
  });

  it('needs the court to accept a case before a judgment or a conversion', () => {
    const notAccepted = criminal('COURT_FAST_TRACK');
    expect(checkAction(notAccepted, 'PRONOUNCE_JUDGMENT', 'JUDGE', { judgment: 'x' })).toEqual({
      ok: false,
      reason: expect.stringContaining('must accept'),
    });
    expect(
      checkAction(notAccepted, 'CONVERT_PROCEDURE', 'JUDGE', { procedure: 'ORDINARY', reason: 'x' })
        .ok,
    ).toBe(false);
    expect(
      checkAction({ ...notAccepted, courtAccepted: true }, 'COURT_ACCEPT', 'JUDGE', {}),
    ).toEqual({ ok: false, reason: expect.stringContaining('already accepted') });
  });

  it('starts a criminal case in filing review and a public-order case in investigation', () => {
    expect(initialStage('CRIMINAL')).toBe('FILING_REVIEW');
    expect(initialStage('ADMINISTRATIVE')).toBe('INVESTIGATION');
  });

  it('runs the non-filing branch: notice, the 7-day window for reconsideration, the decision', () => {
    expect(
      walk(criminal('FILING_REVIEW'), [
        ['DECLINE_FILING', 'HANDLER', { reason: '没有犯罪事实', hasComplainant: true }],
        ['SERVE_NON_FILING_NOTICE', 'HANDLER'],
        ['APPLY_FOR_RECONSIDERATION', 'CASE_CENTER', { reason: '报案人不服' }],
        ['OVERTURN_NON_FILING', 'LEGAL_OFFICER', { reason: '有新证据' }],
      ]),
    ).toEqual(['NOT_FILED', 'RECONSIDERATION_WINDOW', 'RECONSIDERATION', 'INVESTIGATION']);
    expect(
      checkAction(criminal('RECONSIDERATION'), 'UPHOLD_NON_FILING', 'LEGAL_OFFICER', {
        reason: '维持',
      }),
    ).toEqual({
      ok: true,
      to: 'REVIEW_WINDOW',
    });
  });

  it('closes a non-filed case only after the window for reconsideration, and accepts an application only within it', () => {
    const open = criminal('RECONSIDERATION_WINDOW', { reconsiderationWindowEnded: false });
    const ended = criminal('RECONSIDERATION_WINDOW', { reconsiderationWindowEnded: true });
    expect(checkAction(open, 'CLOSE_NOT_FILED', 'HANDLER', {})).toEqual({
      ok: false,
      reason: expect.stringContaining('may still apply'),
    });
    expect(checkAction(ended, 'CLOSE_NOT_FILED', 'HANDLER', {})).toEqual({
      ok: true,
      to: 'CLOSED',
    });
    expect(checkAction(ended, 'APPLY_FOR_RECONSIDERATION', 'PARTY', { reason: 'x' })).toEqual({
      ok: false,
      reason: expect.stringContaining('have ended'),
    });
  });

  it('requires the receiving procuratorate and court, unless waived for cases sent before', () => {
    const facts = criminal('PROSECUTION_REVIEW', { route: 'ORDINARY', prosecutionAccepted: true });
    expect(checkAction(facts, 'INDICT', 'PROSECUTOR', { sentencingProposal: '三年' })).toEqual({
      ok: false,
      reason: 'INDICT (提起公诉) requires the field "courtOrg".',
    });
    expect(
      checkAction(facts, 'INDICT', 'PROSECUTOR', { sentencingProposal: '三年' }, ['courtOrg']),
    ).toEqual({ ok: true, to: 'COURT_ORDINARY' });
  });

  it.each<[string, CaseFacts, Role, string[]]>([
    [
      'a prosecutor before accepting the case',
      criminal('PROSECUTION_REVIEW'),
      'PROSECUTOR',
      ['PROSECUTION_ACCEPT'],
    ],
    [
      'a prosecutor after accepting it',
      criminal('PROSECUTION_REVIEW', { prosecutionAccepted: true }),
      'PROSECUTOR',
      ['RETURN_FOR_SUPPLEMENTARY_INVESTIGATION', 'INDICT', 'DECLINE_PROSECUTION'],
    ],
    [
      'a prosecutor, the case returned twice already',
      criminal('PROSECUTION_REVIEW', { prosecutionAccepted: true, supplementaryReturns: 2 }),
      'PROSECUTOR',
      ['INDICT', 'DECLINE_PROSECUTION'],
    ],
    ['a handler in the prosecution review', criminal('PROSECUTION_REVIEW'), 'HANDLER', []],
    [
      'a judge before the court accepts',
      criminal('COURT_FAST_TRACK', { route: 'FAST_TRACK' }),
      'JUDGE',
      ['COURT_ACCEPT'],
    ],
    [
      'a judge after',
      criminal('COURT_FAST_TRACK', { route: 'FAST_TRACK', courtAccepted: true }),
      'JUDGE',
      ['CONVERT_PROCEDURE', 'PRONOUNCE_JUDGMENT'],
    ],
    // The route's eligibility depends on the facts sent with the action: offered, judged then.
    [
      'a handler at the fast-track assessment',
      criminal('FAST_TRACK_ASSESSMENT'),
      'HANDLER',
      ['TRANSFER_FOR_PROSECUTION'],
    ],
  ])('lists what %s may do', (_, facts, role, expected) => {
    expect(availableActions(facts, role)).toEqual(expected);
  });

  it('gives every action a Chinese label and at least one stage and role', () => {
    for (const rule of Object.values(CASE_ACTIONS)) {
      expect(rule.label).toMatch(/\p{Script=Han}/u);
      expect(rule.from.length).toBeGreaterThan(0);
      expect(rule.roles.length).toBeGreaterThan(0);
    }
  });
});

describe('the corrections of 2026 (DOMAIN.md), and the rules before them for cases decided under those', () => {
  const assessed = criminal('FAST_TRACK_ASSESSMENT');
  const sent = criminal('PROSECUTION_REVIEW');
  it.each<
    [string, CaseFacts, string, Role, ActionFields, 'CORRECTED' | 'BEFORE_CORRECTIONS', unknown]
  >([
    // 公安刑规 Art. 178 ¶2: the notice, and the 复议 after it, are owed to a complainant only.
    [
      'non-filing with a complainant',
      criminal('FILING_REVIEW'),
      'DECLINE_FILING',
      'HANDLER',
      { reason: '没有犯罪事实', hasComplainant: true },
      'CORRECTED',
      { ok: true, to: 'NOT_FILED' },
    ],
    [
      'non-filing without a complainant',
      criminal('FILING_REVIEW'),
      'DECLINE_FILING',
      'HANDLER',
      { reason: '没有犯罪事实', hasComplainant: false },
      'CORRECTED',
      { ok: true, to: 'CLOSED' },
    ],
    [
      'non-filing that does not say',
      criminal('FILING_REVIEW'),
      'DECLINE_FILING',
      'HANDLER',
      { reason: '没有犯罪事实' },
      'CORRECTED',
      {
        ok: false,
        reason: 'DECLINE_FILING (不予立案) requires the field "hasComplainant": true or false.',
      },
    ],
    [
      'non-filing before the corrections',
      criminal('FILING_REVIEW'),
      'DECLINE_FILING',
      'HANDLER',
      { reason: '没有犯罪事实' },
      'BEFORE_CORRECTIONS',
      { ok: true, to: 'NOT_FILED' },
    ],
    // 公安刑规 Art. 289 ¶2: the police suggest 速裁; the procuratorate decides on acceptance.
    [
      'a transfer suggesting the ordinary route',
      assessed,
      'TRANSFER_FOR_PROSECUTION',
      'HANDLER',
      { suggestedRoute: 'ORDINARY', prosecutionOrg: 'jcy' },
      'CORRECTED',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
    [
      'a transfer suggesting 速裁 on eligible facts',
      assessed,
      'TRANSFER_FOR_PROSECUTION',
      'HANDLER',
      { suggestedRoute: 'FAST_TRACK', fastTrackFacts: eligibleFacts, prosecutionOrg: 'jcy' },
      'CORRECTED',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
    [
      'a transfer suggesting 速裁 without facts',
      assessed,
      'TRANSFER_FOR_PROSECUTION',
      'HANDLER',
      { suggestedRoute: 'FAST_TRACK', prosecutionOrg: 'jcy' },
      'CORRECTED',
      {
        ok: false,
        reason:
          'To suggest the FAST_TRACK route, send fastTrackFacts, the facts the eligibility rules judge.',
      },
    ],
    [
      'a transfer that decides the route',
      assessed,
      'TRANSFER_FOR_PROSECUTION',
      'HANDLER',
      {
        suggestedRoute: 'FAST_TRACK',
        route: 'FAST_TRACK',
        fastTrackFacts: eligibleFacts,
        prosecutionOrg: 'jcy',
      },
      'CORRECTED',
      {
        ok: false,
        reason: expect.stringContaining('decided by the procuratorate when it accepts the case'),
      },
    ],
    [
      'a transfer that decides the route, before the corrections',
      assessed,
      'TRANSFER_FOR_PROSECUTION',
      'HANDLER',
      { route: 'FAST_TRACK', fastTrackFacts: eligibleFacts, prosecutionOrg: 'jcy' },
      'BEFORE_CORRECTIONS',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
    [
      'an acceptance deciding the ordinary route',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      { route: 'ORDINARY' },
      'CORRECTED',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
    [
      'an acceptance deciding 速裁 without facts',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      { route: 'FAST_TRACK' },
      'CORRECTED',
      {
        ok: false,
        reason:
          'To choose the FAST_TRACK route, send fastTrackFacts, the facts the eligibility rules judge.',
      },
    ],
    [
      'an acceptance that decides no route',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      {},
      'CORRECTED',
      { ok: false, reason: 'PROSECUTION_ACCEPT (检察院受理) requires the field "route".' },
    ],
    [
      'an acceptance before the corrections',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      {},
      'BEFORE_CORRECTIONS',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
  ])('%s', (_, facts, action, role, fields, rules, expected) => {
    expect(checkAction(facts, action, role, fields, [], rules)).toEqual(expected);
  });
});

describe("the criminal side's clocks (issue 11 item 4), and the rules before them", () => {
  const sent = criminal('PROSECUTION_REVIEW');
  const accepted = criminal('PROSECUTION_REVIEW', { prosecutionAccepted: true });
  const fastTrack = { route: 'FAST_TRACK' as const, fastTrackFacts: eligibleFacts };
  it.each<[string, CaseFacts, string, Role, ActionFields, LawRules, unknown]>([
    // 公安刑规 Art. 179 ¶2: after a 复议 that upholds non-filing, 7 days to apply for 复核.
    [
      'a 复议 upholding non-filing',
      criminal('RECONSIDERATION'),
      'UPHOLD_NON_FILING',
      'LEGAL_OFFICER',
      { reason: '维持' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'REVIEW_WINDOW' },
    ],
    [
      'a 复议 upholding non-filing, before the clocks',
      criminal('RECONSIDERATION'),
      'UPHOLD_NON_FILING',
      'LEGAL_OFFICER',
      { reason: '维持' },
      'CORRECTED',
      { ok: true, to: 'CLOSED' },
    ],
    [
      'the higher bureau receives the application within the 7 days',
      criminal('REVIEW_WINDOW', { reconsiderationWindowEnded: false }),
      'APPLY_FOR_REVIEW',
      'CASE_CENTER',
      { reason: '控告人不服复议决定' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'REVIEW' },
    ],
    [
      'an application after the 7 days',
      criminal('REVIEW_WINDOW', { reconsiderationWindowEnded: true }),
      'APPLY_FOR_REVIEW',
      'CASE_CENTER',
      { reason: '控告人不服复议决定' },
      'CRIMINAL_CLOCKS',
      { ok: false, reason: 'The 7 days to apply for review (复核) have ended.' },
    ],
    [
      'closing while the complainant may still apply for 复核',
      criminal('REVIEW_WINDOW', { reconsiderationWindowEnded: false }),
      'CLOSE_NOT_FILED',
      'CASE_CENTER',
      {},
      'CRIMINAL_CLOCKS',
      {
        ok: false,
        reason:
          'The complainant may still apply for review (复核): close the case once the 7 days have ended.',
      },
    ],
    [
      'closing once the 复核 window ended',
      criminal('REVIEW_WINDOW', { reconsiderationWindowEnded: true }),
      'CLOSE_NOT_FILED',
      'HANDLER',
      {},
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'CLOSED' },
    ],
    [
      'a 复核 that orders the case filed files it',
      criminal('REVIEW'),
      'REVIEW_ORDERS_FILING',
      'CASE_CENTER',
      { reason: '上级责令立案' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'INVESTIGATION' },
    ],
    [
      'a 复核 that upholds closes the case',
      criminal('REVIEW'),
      'REVIEW_UPHOLDS_NON_FILING',
      'CASE_CENTER',
      { reason: '维持' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'CLOSED' },
    ],
    [
      'a 复核 decision recorded by the handler',
      criminal('REVIEW'),
      'REVIEW_ORDERS_FILING',
      'HANDLER',
      { reason: '上级责令立案' },
      'CRIMINAL_CLOCKS',
      {
        ok: false,
        reason:
          'REVIEW_ORDERS_FILING (复核责令立案) is taken by CASE_CENTER (案管中心), not HANDLER.',
      },
    ],
    // 刑事诉讼法 Art. 179: the police may ask for 复议 of a non-prosecution within 7 days.
    [
      'a non-prosecution',
      accepted,
      'DECLINE_PROSECUTION',
      'PROSECUTOR',
      { reason: '情节轻微' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'NOT_PROSECUTED' },
    ],
    [
      'a non-prosecution, before the clocks',
      accepted,
      'DECLINE_PROSECUTION',
      'PROSECUTOR',
      { reason: '情节轻微' },
      'CORRECTED',
      { ok: true, to: 'CLOSED' },
    ],
    [
      'the police ask for 复议 of it',
      criminal('NOT_PROSECUTED'),
      'REQUEST_NON_PROSECUTION_RECONSIDERATION',
      'HANDLER',
      { reason: '证据确实充分' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'NON_PROSECUTION_RECONSIDERATION' },
    ],
    [
      'the police accept it',
      criminal('NOT_PROSECUTED'),
      'ACCEPT_NON_PROSECUTION',
      'HANDLER',
      {},
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'CLOSED' },
    ],
    [
      'the procuratorate revokes it on 复议',
      criminal('NON_PROSECUTION_RECONSIDERATION', { prosecutionAccepted: true }),
      'REVOKE_NON_PROSECUTION',
      'PROSECUTOR',
      { reason: '复议撤销' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
    [
      'the procuratorate upholds it on 复议',
      criminal('NON_PROSECUTION_RECONSIDERATION', { prosecutionAccepted: true }),
      'UPHOLD_NON_PROSECUTION',
      'PROSECUTOR',
      { reason: '维持' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'CLOSED' },
    ],
    // 刑事诉讼法 Art. 174: the 认罪认罚具结书, signed with a duty lawyer or counsel present.
    [
      '速裁 decided with the 具结书 signed before a duty lawyer',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      { ...fastTrack, ...signedPleaAgreement },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
    [
      '速裁 decided with the 具结书 signed before defence counsel',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      { ...fastTrack, pleaAgreementLawyer: 'DEFENCE_COUNSEL', pleaAgreementLawyerName: '李律师' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
    [
      '速裁 decided without the 具结书',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      fastTrack,
      'CRIMINAL_CLOCKS',
      {
        ok: false,
        reason:
          "The FAST_TRACK route needs the suspect's 认罪认罚具结书, signed with a lawyer present (刑事诉讼法 Art. 174): send pleaAgreementLawyer (DUTY_LAWYER 值班律师 or DEFENCE_COUNSEL 辩护人) and pleaAgreementLawyerName.",
      },
    ],
    [
      '速裁 decided with the 具结书 but no lawyer named',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      { ...fastTrack, pleaAgreementLawyer: 'DUTY_LAWYER', pleaAgreementLawyerName: ' ' },
      'CRIMINAL_CLOCKS',
      { ok: false, reason: expect.stringContaining('认罪认罚具结书') },
    ],
    [
      'the ordinary route needs no 具结书',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      { route: 'ORDINARY' },
      'CRIMINAL_CLOCKS',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
    [
      '速裁 decided without the 具结书, before the clocks',
      sent,
      'PROSECUTION_ACCEPT',
      'PROSECUTOR',
      fastTrack,
      'CORRECTED',
      { ok: true, to: 'PROSECUTION_REVIEW' },
    ],
  ])('%s', (_, facts, action, role, fields, rules, expected) => {
    expect(checkAction(facts, action, role, fields, [], rules)).toEqual(expected);
  });

  it('keeps the new actions to criminal cases, each with a Chinese label', () => {
    for (const code of [
      'APPLY_FOR_REVIEW',
      'REVIEW_UPHOLDS_NON_FILING',
      'REVIEW_ORDERS_FILING',
      'REQUEST_NON_PROSECUTION_RECONSIDERATION',
      'ACCEPT_NON_PROSECUTION',
      'UPHOLD_NON_PROSECUTION',
      'REVOKE_NON_PROSECUTION',
    ] as const) {
      expect(CASE_ACTIONS[code].kinds).toEqual(['CRIMINAL']);
      expect(CASE_ACTIONS[code].label).toMatch(/\p{Script=Han}/u);
    }
  });
});

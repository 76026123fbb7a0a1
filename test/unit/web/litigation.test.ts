// The reconsideration's and lawsuit's page without a browser: which steps it offers to whom in each
// stage, the outcomes each kind has (only a withdrawal or settlement before the answer), who
// appeared in court in words, the bodies its forms send, and the timeline.
import { MATTER_ACTIONS, OUTCOMES, outcomeLabel } from '../../../domain/litigation';
import {
  appearanceText,
  MATTER_STEP_FORMS,
  matterRegistrationBody,
  matterSteps,
  matterTimeline,
  outcomeOptions,
  type MatterView,
} from '../../../web/src/litigation';

const copy = '2026-03-02T01:00:00.000Z';

function matter(kind: string, stage: string, more: Partial<MatterView> = {}): MatterView {
  return {
    id: 'lit-1',
    kind: { code: kind, label: kind === 'LAWSUIT' ? '行政诉讼' : '行政复议' },
    unitId: 'gaj.cg',
    stage: { code: stage, label: stage },
    claimantName: '赵某',
    forum: '县人民法院',
    decision: { caseId: 'case-1', documentNumber: null, summary: '罚款三百元' },
    copyReceivedAt: copy,
    answerDueAt: '2026-03-17T16:00:00.000Z',
    answeredAt: null,
    outcome: null,
    links: { self: '/litigation/lit-1' },
    version: 1,
    forumCaseNumber: null,
    registeredAt: copy,
    registeredBy: 'legal-he',
    hearings: [],
    deadlines: [],
    escalations: [],
    ...more,
  } as MatterView;
}

const LEGAL = ['LEGAL_OFFICER'];

it.each([
  ['LAWSUIT', 'RESPONDING', LEGAL, ['ANSWER_SUBMITTED', 'HEARING_RECORDED', 'DECIDED']],
  // No court session in a reconsideration.
  ['RECONSIDERATION', 'RESPONDING', LEGAL, ['ANSWER_SUBMITTED', 'DECIDED']],
  ['LAWSUIT', 'PENDING_DECISION', LEGAL, ['HEARING_RECORDED', 'DECIDED']],
  ['LAWSUIT', 'AWAITING_PERFORMANCE', LEGAL, ['CARRIED_OUT']],
  ['LAWSUIT', 'CLOSED', LEGAL, []],
  // The case centre registers; the legal office records the rest.
  ['LAWSUIT', 'RESPONDING', ['CASE_CENTER'], []],
  ['LAWSUIT', 'AWAITING_PERFORMANCE', ['BUREAU_LEADER'], []],
])('a %s in %s offers %j %j', (kind, stage, roles, steps) => {
  expect(matterSteps(matter(kind, stage), roles)).toEqual(steps);
});

it('offers each step under the label of its rule', () => {
  for (const [action, form] of Object.entries(MATTER_STEP_FORMS)) {
    expect(form.action).toBe(action);
    expect(form.label).toBe(MATTER_ACTIONS[action as keyof typeof MATTER_STEP_FORMS].label);
  }
});

it("offers the outcomes of the matter's kind in its own words, and only withdrawal or settlement before the answer", () => {
  const lawsuit = outcomeOptions('LAWSUIT', 'PENDING_DECISION').map((o) => o.value);
  expect(lawsuit).toEqual(Object.keys(OUTCOMES).filter((o) => outcomeLabel(o, 'LAWSUIT')));
  expect(lawsuit).not.toContain('UPHELD');
  expect(outcomeOptions('LAWSUIT', 'PENDING_DECISION')).toContainEqual({
    value: 'REVOKED',
    label: '判决撤销（对本局不利，待履行）',
  });
  expect(outcomeOptions('RECONSIDERATION', 'RESPONDING')).toEqual([
    { value: 'SETTLED', label: '和解（撤回申请）' },
    { value: 'WITHDRAWN', label: '撤回行政复议申请' },
  ]);
});

it('says who appeared in court: the leader, or the officer in their place and why', () => {
  const leader = { name: '林局长', post: '局长' };
  expect(appearanceText({ hearingAt: copy, leaderAppeared: true, leader })).toBe(
    '行政机关负责人林局长（局长）出庭应诉',
  );
  expect(
    appearanceText({
      hearingAt: copy,
      leaderAppeared: false,
      leader,
      officer: { name: '王法制员', post: '法制大队民警' },
      reason: '参加全市会议',
    }),
  ).toBe('负责人林局长（局长）未出庭，由王法制员（法制大队民警）出庭应诉；原因：参加全市会议');
});

it('asks for the officer and the reason only when the leader did not appear, and sends them only then', () => {
  const fields = MATTER_STEP_FORMS.HEARING_RECORDED.fields(undefined);
  const reason = fields.find((f) => f.name === 'reason')!;
  expect(reason.shownWhen!({ leaderAppeared: true })).toBe(false);
  expect(reason.requiredWhen!({ leaderAppeared: false })).toBe(true);
  const leader = { name: '林局长', post: '局长' };
  const officer = { name: '王法制员', post: '法制大队民警' };
  expect(
    MATTER_STEP_FORMS.HEARING_RECORDED.body({
      hearingAt: copy,
      leaderAppeared: true,
      leader,
      officer,
      reason: '出差',
    }),
  ).toEqual({ hearingAt: copy, leaderAppeared: true, leader });
  expect(
    MATTER_STEP_FORMS.HEARING_RECORDED.body({
      hearingAt: copy,
      leaderAppeared: false,
      leader,
      officer,
      reason: '出差',
    }),
  ).toEqual({ hearingAt: copy, leaderAppeared: false, leader, officer, reason: '出差' });
});

it('registers against a case, or against a document number with its unit', () => {
  const common = {
    kind: 'LAWSUIT',
    decisionSummary: '罚款三百元',
    claimantName: '赵某',
    forum: '县人民法院',
    copyReceivedAt: copy,
  };
  expect(
    matterRegistrationBody({
      ...common,
      decisionBy: 'CASE',
      caseId: 'case-1',
      documentNumber: 'X公（治）行罚决字〔2026〕1号',
      unitId: 'gaj',
    }),
  ).toEqual({ ...common, caseId: 'case-1' });
  expect(
    matterRegistrationBody({
      ...common,
      decisionBy: 'DOCUMENT',
      caseId: 'case-1',
      documentNumber: 'X公（治）行罚决字〔2026〕1号',
      unitId: 'gaj',
    }),
  ).toEqual({ ...common, documentNumber: 'X公（治）行罚决字〔2026〕1号', unitId: 'gaj' });
});

it('tells a lawsuit lost and carried out, in order', () => {
  const view = matter('LAWSUIT', 'CLOSED', {
    answer: { at: '2026-03-10T02:00:00.000Z', onTime: true, note: '答辩状及证据目录' },
    hearings: [
      {
        hearingAt: '2026-04-01T01:30:00.000Z',
        leaderAppeared: true,
        leader: { name: '林局长', post: '局长' },
      },
    ],
    outcome: { code: 'REVOKED', label: '判决撤销', against: true },
    decided: { at: '2026-04-20T02:00:00.000Z', documentNumber: '（2026）行初1号' },
    carriedOut: { at: '2026-05-01T02:00:00.000Z', note: '已撤销原处罚决定并退还罚款' },
  } as Partial<MatterView>);
  expect(matterTimeline(view).map((e) => [e.label, e.detail])).toEqual([
    ['收到起诉状副本', '原告 赵某；县人民法院'],
    ['登记', '登记人 legal-he'],
    ['提交答辩状及证据', '答辩状及证据目录'],
    ['开庭', '行政机关负责人林局长（局长）出庭应诉'],
    ['结果：判决撤销（对本局不利）', '文书编号 （2026）行初1号'],
    ['已履行', '已撤销原处罚决定并退还罚款'],
  ]);
});

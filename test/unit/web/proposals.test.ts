// How the case page words a proposal waiting for approval (待审批), from the API's own view of it:
// what is proposed, whom it waits for, and what the handler is told when an action became one.
import { proposalView } from '../../../api/cases/read-model';
import { proposalView as subjectProposalView } from '../../../api/read-model/proposals';
import { approvalChain } from '../../../domain/approvals';
import type { Proposal } from '../../../domain/case-decider';
import { CASE_ACTIONS } from '../../../domain/lifecycle';
import {
  proposalLines,
  proposedNotice,
  standingRefusals,
  waitingText,
  type ProposalView,
} from '../../../web/src/proposals';

const caseId = 'case-00000000-0000-4000-8000-000000000001';
const at = Date.parse('2026-12-01T09:00:00+08:00');
const officer = { id: 'officer-li', role: 'HANDLER' as const };

const seen = (p: Proposal) => JSON.parse(JSON.stringify(proposalView(caseId, p))) as ProposalView;
const filing = (decided: Proposal['decided'] = []): Proposal => ({
  proposalId: `${caseId}:PROPOSAL:1`,
  approval: 'FILE',
  subject: { type: 'ACTION', action: 'FILE', fields: {} },
  proposedBy: officer,
  proposedAt: at,
  chain: approvalChain('FILE'),
  decided,
  taskId: `${caseId}:APPROVAL:1`,
});
const noDeadline = () => undefined;

it('names the action proposed and its fields in Chinese, in the order of its form', () => {
  const transfer = seen({
    ...filing(),
    approval: 'TRANSFER_FOR_PROSECUTION',
    subject: {
      type: 'ACTION',
      action: 'TRANSFER_FOR_PROSECUTION',
      // In the order the database gave them back, not the form's.
      fields: {
        prosecutionOrg: 'xjcy',
        fastTrackFacts: {
          factsClear: true,
          likelySentenceMonths: 8,
          basicCourtJurisdiction: true,
          evidenceSufficient: true,
          pleadsGuiltyAndAcceptsPunishment: true,
          agreesToFastTrack: true,
          suspectBlindDeafOrMute: false,
          suspectPartlyMentallyImpaired: false,
          suspectIsMinor: false,
          majorSocialImpact: false,
          coDefendantObjects: false,
          civilCompensationUnsettled: false,
        },
        suggestedRoute: 'FAST_TRACK',
      },
    },
  });
  const lines = proposalLines(transfer, noDeadline);
  expect(lines.slice(0, 3)).toEqual([
    { label: '呈请事项', text: '移送审查起诉（TRANSFER_FOR_PROSECUTION）' },
    { label: '建议适用的程序', text: '速裁程序（FAST_TRACK）' },
    { label: '检察机关', text: 'xjcy' },
  ]);
  expect(lines[3]).toEqual({
    label: '速裁适用情形',
    text: expect.stringMatching(/^属基层人民法院管辖、可能判处的有期徒刑.*：8、案件事实清楚/),
  });
  expect(lines[3]!.text).not.toContain('未成年人');
});

it('names a penalty by its kind and fine', () => {
  const penalty = seen({
    ...filing(),
    approval: 'PENALTY_BY_BUREAU',
    subject: {
      type: 'ACTION',
      action: 'SERVE_PENALTY_DECISION',
      fields: { penalty: '罚款一千元', penaltyKind: 'FINE', fineYuan: 1000 },
    },
  });
  expect(proposalLines(penalty, noDeadline)).toEqual([
    {
      label: '呈请事项',
      text: `${CASE_ACTIONS.SERVE_PENALTY_DECISION.label}（SERVE_PENALTY_DECISION）`,
    },
    { label: '处罚内容', text: '罚款一千元' },
    { label: '处罚种类', text: '罚款（FINE）' },
    { label: '罚款金额（元）', text: '1000' },
  ]);
});

it('names an extension by its deadline, length, ground and reason', () => {
  const extension = seen({
    ...filing(),
    approval: 'ARREST_REQUEST_EXTENSION',
    subject: {
      type: 'EXTENSION',
      taskId: `${caseId}:ARREST_REQUEST:1`,
      by: { length: 20, unit: 'DAYS' },
      ground: 'GANG',
    },
    reason: '结伙盗窃，需查证同案人',
  });
  const label = (taskId: string) =>
    taskId.endsWith(':ARREST_REQUEST:1') ? '提请批准逮捕' : undefined;
  expect(proposalLines(extension, label)).toEqual([
    { label: '呈请事项', text: '延长“提请批准逮捕”期限' },
    { label: '延长', text: '20日' },
    { label: '法定情形', text: '结伙作案' },
    { label: '理由', text: '结伙盗窃，需查证同案人' },
  ]);
});

it('says whom a proposal waits for, step by step', () => {
  const declining: Proposal = {
    ...filing(),
    approval: 'DECLINE_FILING',
    chain: approvalChain('DECLINE_FILING'),
  };
  expect(waitingText(seen(declining))).toBe('等待法制员审批');
  const reviewed = seen({
    ...declining,
    decided: [{ actorId: 'legal-wang', role: 'LEGAL_OFFICER', at }],
  });
  expect(waitingText(reviewed)).toBe('等待分局领导审批');
});

it('tells the handler that the action was proposed, not taken, and whom it waits for', () => {
  const pending = seen(filing());
  expect(proposedNotice([], [pending])).toBe('已呈请审批（呈请立案），等待分局领导审批');
  // Nothing new: the action took effect (or the proposal was already there).
  expect(proposedNotice([pending], [pending])).toBeUndefined();
  expect(proposedNotice([pending], [])).toBeUndefined();
});

it('keeps a refusal with its reason standing until the decision is proposed again or the case moves on', () => {
  const event = (action: string, data: Record<string, unknown>, reason?: string) => ({
    at: '2026-12-01T01:00:00.000Z',
    action,
    actor: { id: 'bureau-lin', role: 'BUREAU_LEADER' },
    data,
    ...(reason ? { reason } : {}),
  });
  const proposed = event('APPROVAL_PROPOSED', { approval: 'FILE', label: '呈请立案' });
  const refused = event('APPROVAL_REFUSED', { approval: 'FILE', label: '呈请立案' }, '证据不足');
  expect(standingRefusals([proposed, refused])).toEqual([
    {
      label: '呈请立案',
      reason: '证据不足',
      actor: { id: 'bureau-lin', role: 'BUREAU_LEADER' },
      at: '2026-12-01T01:00:00.000Z',
    },
  ]);
  expect(standingRefusals([proposed, refused, proposed])).toEqual([]);
  // A step that changes nothing of the stage leaves it; one that moves the case ends it.
  const paused = event('DEADLINE_PAUSED', { taskId: 't' });
  expect(standingRefusals([refused, paused])).toHaveLength(1);
  const filed = event('FILE', { from: 'FILING_REVIEW', to: 'INVESTIGATION' });
  expect(standingRefusals([refused, filed])).toEqual([]);
});

it("names an alarm's transfer to the competent agency, and whom it waits for", () => {
  const transfer = JSON.parse(
    JSON.stringify(
      subjectProposalView('/alarms/alarm-1', {
        proposalId: 'alarm-1:PROPOSAL:1',
        approval: 'ALARM_TRANSFER',
        subject: {
          type: 'DISPOSE',
          disposition: 'TRANSFERRED',
          agency: '县国家安全局',
          reason: '涉嫌危害国家安全',
        },
        proposedBy: officer,
        proposedAt: at,
        chain: approvalChain('ALARM_TRANSFER'),
        decided: [],
        taskId: 'alarm-1:APPROVAL:1',
      }),
    ),
  ) as ProposalView;
  expect(proposalLines(transfer, noDeadline)).toEqual([
    { label: '呈请事项', text: '移交其他部门（TRANSFERRED）' },
    { label: '移交单位', text: '县国家安全局' },
    { label: '理由', text: '涉嫌危害国家安全' },
  ]);
  expect(proposedNotice([], [transfer])).toBe('已呈请审批（呈请移送管辖），等待分局领导审批');
});

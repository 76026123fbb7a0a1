// 待审批: a case's or an alarm's proposals waiting for their approvers, each with what is proposed, by whom and
// when, the chain with the steps decided, and whom it waits for; the approver it waits for approves
// (with an optional note) or refuses (with a reason), the proposer's role withdraws it. And the
// handler's form to propose extending a deadline only the leaders may extend.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ARREST_EXTENSION_GROUNDS, EXTENSION_APPROVALS } from '../../../domain/approvals';
import { describePeriod } from '../../../domain/deadlines';
import { DEADLINE_POLICIES, type PolicyCode } from '../../../domain/deadline-policies';
import { ROLES, type Role } from '../../../domain/roles';
import { answer, api } from '../api';
import { proposalLines, waitingText, type ProposalView } from '../proposals';
import { currentSession, hasRole } from '../session';
import type { Deadline } from './Deadlines';

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
const roleLabel = (code: string) => ROLES[code as Role] ?? code;

type Decision = 'APPROVE' | 'REFUSE' | 'WITHDRAW';
const DECISIONS: Record<Decision, { title: string; field: string; required: boolean }> = {
  APPROVE: { title: '批准', field: '审批意见（可不填）', required: false },
  REFUSE: { title: '不批准', field: '不批准的理由', required: true },
  WITHDRAW: { title: '撤回', field: '撤回理由（可不填）', required: false },
};

/** Whose proposals: a case's or an alarm's. */
export type ProposalOwner = { type: 'CASE' | 'ALARM'; id: string };

/** Sends a decision on a proposal; rejects with the API's words. */
async function decide(
  owner: ProposalOwner,
  proposal: ProposalView,
  decision: Decision,
  text?: string,
) {
  const path = { params: { path: { id: owner.id, proposalId: proposal.id } } };
  if (decision === 'WITHDRAW') {
    const body = text ? { reason: text } : {};
    await answer(
      owner.type === 'CASE'
        ? api.POST('/cases/{id}/proposals/{proposalId}/withdrawal', { ...path, body })
        : api.POST('/alarms/{id}/proposals/{proposalId}/withdrawal', { ...path, body }),
    );
    return;
  }
  const body =
    decision === 'APPROVE'
      ? { decision, ...(text ? { note: text } : {}) }
      : { decision, reason: text ?? '' };
  await answer(
    owner.type === 'CASE'
      ? api.POST('/cases/{id}/proposals/{proposalId}/decision', { ...path, body })
      : api.POST('/alarms/{id}/proposals/{proposalId}/decision', { ...path, body }),
  );
}

function ProposalCard({
  proposal,
  deadlines,
  onDecide,
}: {
  proposal: ProposalView;
  deadlines: Deadline[];
  onDecide: (decision: Decision) => void;
}) {
  const session = currentSession();
  const waitingFor = proposal.waitingFor;
  const mayDecide = waitingFor !== null && hasRole(session, waitingFor.code);
  const mayWithdraw = hasRole(session, proposal.proposedBy.role);
  const lines = proposalLines(
    proposal,
    (taskId) => deadlines.find((d) => d.taskId === taskId)?.policy.label,
  );
  const step = proposal.decided.length;
  return (
    <Card
      size="small"
      data-proposal={proposal.id}
      title={
        <Space>
          {proposal.approval.label}
          <Typography.Text type="secondary">{proposal.approval.code}</Typography.Text>
        </Space>
      }
      extra={
        <Tag color="gold" data-testid="waiting-for">
          {waitingText(proposal)}
        </Tag>
      }
    >
      <Descriptions column={1} size="small">
        {lines.map((line, i) => (
          <Descriptions.Item key={i} label={line.label}>
            {line.text}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label="呈请人">
          {proposal.proposedBy.id}（{roleLabel(proposal.proposedBy.role)}）·{' '}
          {time(proposal.proposedAt)}
        </Descriptions.Item>
      </Descriptions>
      <Steps
        size="small"
        style={{ margin: '12px 0' }}
        current={step}
        items={proposal.chain.map((approver, i) => {
          const decided = proposal.decided[i];
          return {
            title: approver.label,
            status: decided ? 'finish' : i === step ? 'process' : 'wait',
            description: decided
              ? `${decided.actorId} 已批准 · ${time(decided.at)}${decided.note ? ` · ${decided.note}` : ''}`
              : i === step
                ? '待审批'
                : undefined,
          };
        })}
      />
      <Space>
        {mayDecide && (
          <>
            <Button type="primary" data-decision="APPROVE" onClick={() => onDecide('APPROVE')}>
              批准
            </Button>
            <Button danger data-decision="REFUSE" onClick={() => onDecide('REFUSE')}>
              不批准
            </Button>
          </>
        )}
        {mayWithdraw && (
          <Button data-decision="WITHDRAW" onClick={() => onDecide('WITHDRAW')}>
            撤回
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** A case's or an alarm's pending proposals; `onChange` reloads it after a decision. */
export function Proposals({
  owner,
  proposals,
  deadlines,
  onChange,
}: {
  owner: ProposalOwner;
  proposals: ProposalView[];
  deadlines: Deadline[];
  onChange: () => Promise<void>;
}) {
  const [open, setOpen] = useState<{ proposal: ProposalView; decision: Decision }>();
  const [refusal, setRefusal] = useState<string>();
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<{ text?: string }>();
  const { message } = App.useApp();

  const submit = async () => {
    if (!open) return;
    const { text } = await form.validateFields();
    setSending(true);
    setRefusal(undefined);
    try {
      await decide(owner, open.proposal, open.decision, text?.trim() || undefined);
      void message.success(`已${DECISIONS[open.decision].title}：${open.proposal.approval.label}`);
      setOpen(undefined);
      await onChange();
    } catch (error) {
      setRefusal((error as Error).message);
    } finally {
      setSending(false);
    }
  };

  const shown = open ? DECISIONS[open.decision] : undefined;
  return (
    <>
      <Space direction="vertical" style={{ width: '100%' }}>
        {proposals.map((proposal) => (
          <ProposalCard
            key={proposal.id}
            proposal={proposal}
            deadlines={deadlines}
            onDecide={(decision) => {
              setRefusal(undefined);
              form.resetFields();
              setOpen({ proposal, decision });
            }}
          />
        ))}
      </Space>
      <Modal
        open={open !== undefined}
        title={open && shown ? `${shown.title}：${open.proposal.approval.label}` : ''}
        okText={shown?.title ?? '提交'}
        okButtonProps={{ danger: open?.decision === 'REFUSE' }}
        cancelText="取消"
        confirmLoading={sending}
        onCancel={() => setOpen(undefined)}
        onOk={() => void submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {shown && (
            <Form.Item
              name="text"
              label={shown.field}
              rules={
                shown.required
                  ? [{ required: true, whitespace: true, message: `请填写${shown.field}` }]
                  : []
              }
            >
              <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
            </Form.Item>
          )}
        </Form>
        {refusal && (
          <Alert
            type="error"
            showIcon
            message="操作被拒绝"
            description={refusal}
            data-testid="decision-refusal"
          />
        )}
      </Modal>
    </>
  );
}

/** The units an extension may be counted in, as the form offers them. */
const EXTENSION_UNITS = [
  { value: 'DAYS', label: '日' },
  { value: 'MONTHS', label: '个月' },
] as const;

/**
 * 呈请延长期限: the handler proposes extending a deadline the law lets only the leaders extend (the
 * time to request arrest approval; custody during investigation, then decided by the
 * procuratorate). Resolves with the case's new view; rejects with the API's words.
 */
export function ExtensionProposalForm({
  caseId,
  deadline,
  onClose,
  onProposed,
}: {
  caseId: string;
  deadline: Deadline | undefined;
  onClose: () => void;
  onProposed: (view: unknown) => Promise<void>;
}) {
  const [refusal, setRefusal] = useState<string>();
  const [sending, setSending] = useState(false);
  const [form] = Form.useForm<{
    length: number;
    unit: 'DAYS' | 'MONTHS';
    reason: string;
    ground?: keyof typeof ARREST_EXTENSION_GROUNDS;
  }>();
  const policy = deadline ? DEADLINE_POLICIES[deadline.policy.code as PolicyCode] : undefined;
  const firstStep = policy?.extensions[0]?.upTo;
  const unit = firstStep?.unit === 'MONTHS' ? 'MONTHS' : 'DAYS';
  // Beyond its first step only on a ground the law names (流窜/多次/结伙作案).
  const takesGround =
    policy &&
    EXTENSION_APPROVALS[policy.code as PolicyCode] === 'ARREST_REQUEST_EXTENSION' &&
    firstStep;

  const submit = async () => {
    if (!deadline) return;
    const values = await form.validateFields();
    setSending(true);
    setRefusal(undefined);
    try {
      const view = await answer(
        api.POST('/cases/{id}/extension-proposals', {
          params: { path: { id: caseId } },
          body: {
            taskId: deadline.taskId,
            by: { length: values.length, unit: values.unit },
            reason: values.reason,
            ...(values.ground ? { ground: values.ground } : {}),
          },
        }),
      );
      await onProposed(view);
    } catch (error) {
      setRefusal((error as Error).message);
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={deadline !== undefined}
      title={deadline ? `呈请延长期限：${deadline.policy.label}` : ''}
      okText="呈请审批"
      cancelText="取消"
      confirmLoading={sending}
      onCancel={onClose}
      onOk={() => void submit()}
      afterOpenChange={(visible) => {
        if (visible) setRefusal(undefined);
      }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ unit }}>
        <Space align="start">
          <Form.Item
            name="length"
            label="延长"
            rules={[{ required: true, message: '请填写延长的期限' }]}
          >
            <InputNumber min={1} precision={0} />
          </Form.Item>
          <Form.Item name="unit" label="单位" rules={[{ required: true }]}>
            <Select options={[...EXTENSION_UNITS]} style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Form.Item
          name="reason"
          label="理由"
          rules={[{ required: true, whitespace: true, message: '请填写理由' }]}
        >
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        {takesGround && (
          <Form.Item
            name="ground"
            label={`法定情形（延长超过${describePeriod(firstStep).zh}时必填）`}
            extra="流窜作案、多次作案、结伙作案的重大嫌疑分子，提请批准逮捕的时间可以延长至三十日（刑事诉讼法第九十一条）"
          >
            <Select
              allowClear
              options={Object.entries(ARREST_EXTENSION_GROUNDS).map(([value, label]) => ({
                value,
                label: `${label}（${value}）`,
              }))}
            />
          </Form.Item>
        )}
      </Form>
      {refusal && (
        <Alert
          type="error"
          showIcon
          message="呈请被拒绝"
          description={refusal}
          data-testid="extension-refusal"
        />
      )}
    </Modal>
  );
}

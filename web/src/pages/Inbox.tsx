// 督办: the escalations that went to the caller's role in their scope. Each can be acknowledged
// (签收); a case's can be decided: extend the deadline within the cap the law allows (shown),
// reassign the case to a handler of its unit (from the directory), or order an action.
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ESCALATION_LEVELS, type EscalationLevel } from '../../../domain/escalation';
import { answer, api } from '../api';
import { useNotifications } from '../notifications';
import { currentSession, hasRole, type Person } from '../session';
import { subjectId, subjectPage } from '../subject-pages';
import type { InboxItem } from '../../../api/views';

type Escalation = InboxItem;

/** How loud each level looks (its words are the domain's, ESCALATION_LEVELS). */
const LEVEL_COLOURS: Record<string, string> = {
  REMINDER: 'gold',
  FIRST_LEVEL: 'orange',
  SECOND_LEVEL: 'red',
};

type Decision = 'ACKNOWLEDGE' | 'EXTEND' | 'REASSIGN' | 'ORDER';
const DECISION_LABELS: Record<Decision, string> = {
  ACKNOWLEDGE: '签收',
  EXTEND: '延长期限',
  REASSIGN: '改派',
  ORDER: '督办指令',
};

/** The cap of the extension still open, in a unit an extension is counted in; else none. */
function extendable(escalation: InboxItem) {
  const upTo = escalation.extension?.upTo;
  if (!upTo || upTo.unit === 'END_OF_DAY') return undefined;
  return { ...upTo, unit: upTo.unit };
}

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

function DecisionForm({ decision, escalation }: { decision: Decision; escalation: Escalation }) {
  const [handlers, setHandlers] = useState<Person[]>([]);
  useEffect(() => {
    if (decision !== 'REASSIGN') return;
    void answer<{ items: Person[] }>(
      api.GET('/directory/people', {
        params: { query: { unit: escalation.task.unitId, role: 'HANDLER' } },
      }),
    ).then((body) => setHandlers(body.items));
  }, [decision, escalation.task.unitId]);

  switch (decision) {
    case 'ACKNOWLEDGE':
      return (
        <Form.Item name="note" label="备注（可选）">
          <Input.TextArea maxLength={2000} />
        </Form.Item>
      );
    case 'EXTEND': {
      const offer = escalation.extension!;
      return (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`本次最多延长 ${offer.cap.zh}，须由${offer.approverRole.label}批准`}
          />
          <Form.Item
            name="length"
            label={`延长（${offer.cap.zh.replace(/^\d+/, '')}）`}
            rules={[{ required: true, message: '请填写延长的期限' }]}
          >
            <InputNumber min={1} max={offer.upTo.length} precision={0} />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea maxLength={2000} />
          </Form.Item>
        </>
      );
    }
    case 'REASSIGN':
      return (
        <>
          <Form.Item
            name="handlerId"
            label="新承办人"
            rules={[{ required: true, message: '请选择新承办人' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={handlers.map((p) => ({ value: p.id, label: `${p.name}（${p.id}）` }))}
            />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'ORDER':
      return (
        <Form.Item
          name="instruction"
          label="督办指令"
          rules={[{ required: true, message: '请填写督办指令' }]}
        >
          <Input.TextArea maxLength={2000} />
        </Form.Item>
      );
  }
}

export function Inbox() {
  const [items, setItems] = useState<Escalation[]>();
  const [problem, setProblem] = useState<string>();
  const [open, setOpen] = useState<{ decision: Decision; escalation: Escalation }>();
  const [refusal, setRefusal] = useState<string>();
  const [sending, setSending] = useState(false);
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const state = params.get('state') === 'all' ? 'all' : 'open';
  const session = currentSession();
  const decides = hasRole(session, 'UNIT_LEADER', 'BUREAU_LEADER', 'PROSECUTOR');

  const load = useCallback(() => {
    answer<{ items: Escalation[] }>(api.GET('/me/escalations', { params: { query: { state } } }))
      .then((body) => {
        setItems(body.items);
        setProblem(undefined);
      })
      .catch((error: Error) => setProblem(error.message));
  }, [state]);
  // Every notification may change the list: it reloads without the page being reloaded.
  const { revision } = useNotifications();
  useEffect(load, [load, revision]);

  const send = async (
    decision: Decision,
    escalation: Escalation,
    values: Record<string, unknown>,
  ) => {
    const path = { params: { path: { id: escalation.id } } };
    if (decision === 'ACKNOWLEDGE') {
      const note = values.note as string | undefined;
      await answer(
        api.POST('/escalations/{id}/acknowledgement', { ...path, body: note ? { note } : {} }),
      );
      return;
    }
    const body =
      decision === 'EXTEND'
        ? {
            decision,
            by: { ...extendable(escalation)!, length: values.length as number },
            reason: values.reason as string,
          }
        : decision === 'REASSIGN'
          ? { decision, handlerId: values.handlerId as string, reason: values.reason as string }
          : { decision, instruction: values.instruction as string };
    await answer(api.POST('/escalations/{id}/decision', { ...path, body }));
  };

  const submit = async () => {
    if (!open) return;
    const values = await form.validateFields();
    setSending(true);
    setRefusal(undefined);
    try {
      await send(open.decision, open.escalation, values);
      void message.success(`已${DECISION_LABELS[open.decision]}`);
      setOpen(undefined);
      load();
    } catch (error) {
      setRefusal((error as Error).message);
    } finally {
      setSending(false);
    }
  };

  const choose = (decision: Decision, escalation: Escalation) => {
    setRefusal(undefined);
    form.resetFields();
    setOpen({ decision, escalation });
  };

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          督办
        </Typography.Title>
        <Space>
          <Segmented
            options={[
              { value: 'open', label: '待处理' },
              { value: 'all', label: '全部' },
            ]}
            value={state}
            onChange={(value) => setParams(value === 'open' ? {} : { state: String(value) })}
          />
          <Button onClick={load}>刷新</Button>
        </Space>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Table<Escalation>
        rowKey="id"
        loading={!items && !problem}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有督办事项' }}
        columns={[
          {
            title: '级别',
            key: 'level',
            render: (_, e) => (
              <Tag color={LEVEL_COLOURS[e.level]}>
                {ESCALATION_LEVELS[e.level as EscalationLevel] ?? e.level}
              </Tag>
            ),
          },
          { title: '环节', key: 'step', render: (_, e) => e.task.policy.label },
          {
            title: '办理对象',
            key: 'subject',
            render: (_, e) => (
              <Link to={subjectPage(e.links.subject)}>{subjectId(e.links.subject)}</Link>
            ),
          },
          { title: '单位', key: 'unit', render: (_, e) => e.task.unitId },
          { title: '期限', key: 'due', render: (_, e) => time(e.task.dueAt) },
          { title: '督办时间', key: 'fired', render: (_, e) => time(e.firedAt) },
          {
            title: '处理',
            key: 'actions',
            render: (_, e) =>
              e.answeredAt ? (
                <span>
                  <Tag>{e.answer ?? '已处理'}</Tag>
                  {time(e.answeredAt)}
                </span>
              ) : (
                <Space wrap>
                  <Button
                    size="small"
                    onClick={() => choose('ACKNOWLEDGE', e)}
                    data-decision="ACKNOWLEDGE"
                  >
                    签收
                  </Button>
                  {decides && e.links.decide && extendable(e) && (
                    <Button size="small" onClick={() => choose('EXTEND', e)} data-decision="EXTEND">
                      延长期限
                    </Button>
                  )}
                  {decides && e.links.decide && (
                    <>
                      <Button
                        size="small"
                        onClick={() => choose('REASSIGN', e)}
                        data-decision="REASSIGN"
                      >
                        改派
                      </Button>
                      <Button size="small" onClick={() => choose('ORDER', e)} data-decision="ORDER">
                        督办指令
                      </Button>
                    </>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={open !== undefined}
        title={
          open ? `${DECISION_LABELS[open.decision]} · ${open.escalation.task.policy.label}` : ''
        }
        okText="提交"
        cancelText="取消"
        confirmLoading={sending}
        onCancel={() => setOpen(undefined)}
        onOk={() => void submit().catch(() => undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {open && <DecisionForm decision={open.decision} escalation={open.escalation} />}
        </Form>
        {refusal && (
          <Alert
            type="error"
            showIcon
            message="操作被拒绝"
            description={refusal}
            data-testid="refusal"
          />
        )}
      </Modal>
    </>
  );
}

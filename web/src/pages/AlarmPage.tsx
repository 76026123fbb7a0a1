// 警情详情: an alarm's record, its clocks (arrival by response tier, same-day disposal), and what the
// handler does next: record the arrival, then dispose of it (resolved on scene, transferred, or
// converted to a case, whose page it then links to); an emergency handled on the scene first is
// registered as a case afterwards, and a transferred alarm's handover to the agency is recorded. A
// crime report's transfer waits for the bureau leader's approval (待审批) first.
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { DISPOSITIONS, REGISTERED_CATEGORIES, type AlarmCategory } from '../../../domain/alarm';
import { CASE_KINDS } from '../../../domain/lifecycle';
import type { AlarmView } from '../../../api/views';
import { answer, api } from '../api';
import { Deadlines } from '../components/Deadlines';
import { Proposals } from '../components/Proposals';
import { proposedNotice } from '../proposals';
import { useNotifications } from '../notifications';
import { hasRole, currentSession, type Person } from '../session';

interface AlarmAnswer {
  id: string;
  state: AlarmView;
}

interface DisposalForm {
  disposition: keyof typeof DISPOSITIONS;
  reason?: string;
  agency?: string;
  kind?: 'CRIMINAL' | 'ADMINISTRATIVE';
  title?: string;
  handlerId?: string;
}

interface HandoverForm {
  receivedBy: string;
  agency?: string;
  handedOverAt?: dayjs.Dayjs;
}

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

export function AlarmPage() {
  const { id = '' } = useParams();
  const [view, setView] = useState<AlarmAnswer>();
  const [problem, setProblem] = useState<string>();
  const [disposing, setDisposing] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const [handoverForm] = Form.useForm<HandoverForm>();
  const [refusal, setRefusal] = useState<string>();
  // What the disposal became when it waits for approval (呈请审批).
  const [proposed, setProposed] = useState<string>();
  const [handlers, setHandlers] = useState<Person[]>([]);
  const [form] = Form.useForm<DisposalForm>();
  const disposition = Form.useWatch('disposition', form);
  const handles = hasRole(currentSession(), 'HANDLER');

  // Reads cross (a notification's reload, a step's): an older version never replaces a newer.
  const shown = useRef<{ id: string; version: number }>(undefined);
  const load = useCallback(async () => {
    try {
      const found = await answer<AlarmAnswer>(
        api.GET('/alarms/{id}', { params: { path: { id } } }),
      );
      if (shown.current?.id === id && found.state.version < shown.current.version) return;
      shown.current = { id, version: found.state.version };
      setView(found);
      setProblem(undefined);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }, [id]);
  const { revision } = useNotifications();
  useEffect(() => {
    void load();
  }, [load, revision]);

  const unitId = view?.state.unitId;
  useEffect(() => {
    if (!unitId) return;
    void answer<{ items: Person[] }>(
      api.GET('/directory/people', { params: { query: { unit: unitId, role: 'HANDLER' } } }),
    )
      .then((body) => setHandlers(body.items))
      .catch(() => undefined);
  }, [unitId]);

  /** A step with no fields (arrival, scene handled): sent, then the alarm read again. */
  const record = async (path: '/alarms/{id}/arrival' | '/alarms/{id}/scene-handled') => {
    try {
      await answer(api.POST(path, { params: { path: { id } } }));
      await load();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  const handover = async () => {
    const values = await handoverForm.validateFields();
    setRefusal(undefined);
    try {
      await answer(
        api.POST('/alarms/{id}/handover', {
          params: { path: { id } },
          body: {
            receivedBy: values.receivedBy,
            ...(values.agency ? { agency: values.agency } : {}),
            ...(values.handedOverAt ? { handedOverAt: values.handedOverAt.toISOString() } : {}),
          },
        }),
      );
      setHandingOver(false);
      await load();
    } catch (error) {
      setRefusal((error as Error).message);
    }
  };

  const dispose = async () => {
    const values = await form.validateFields();
    setRefusal(undefined);
    try {
      const after = await answer<AlarmAnswer>(
        api.POST('/alarms/{id}/disposition', {
          params: { path: { id } },
          body: {
            disposition: values.disposition,
            ...(values.reason ? { reason: values.reason } : {}),
            ...(values.agency ? { agency: values.agency } : {}),
            ...(values.disposition === 'CONVERTED_TO_CASE'
              ? {
                  newCase: {
                    kind: values.kind!,
                    title: values.title!,
                    handlerId: values.handlerId!,
                  },
                }
              : {}),
          },
        }),
      );
      setProposed(proposedNotice(view?.state.proposals ?? [], after.state.proposals));
      setDisposing(false);
      await load();
    } catch (error) {
      setRefusal((error as Error).message);
    }
  };

  if (problem && !view) return <Alert type="error" showIcon message={problem} />;
  if (!view) return null;
  const alarm = view.state;
  const stage = alarm.stage.code;
  const registrable =
    alarm.category !== null && REGISTERED_CATEGORIES.includes(alarm.category.code as AlarmCategory);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {alarm.summary}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="状态">
            <Tag color="blue" data-testid="alarm-stage">
              {alarm.stage.label}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="来源">{alarm.source.label}</Descriptions.Item>
          <Descriptions.Item label="类别">{alarm.category?.label ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="响应等级">{alarm.responseTier}级</Descriptions.Item>
          <Descriptions.Item label="管辖单位">{alarm.unitId}</Descriptions.Item>
          <Descriptions.Item label="接警时间">
            {alarm.receivedAt ? time(alarm.receivedAt) : '—'}
          </Descriptions.Item>
          {alarm.disposition && (
            <Descriptions.Item label="处置结果">
              {alarm.disposition.label}
              {alarm.disposition.caseId && (
                <>
                  {' · '}
                  <Link to={`/case/${alarm.disposition.caseId}`} data-testid="case-link">
                    查看案件
                  </Link>
                </>
              )}
            </Descriptions.Item>
          )}
          <Descriptions.Item label="报警人（回执）">
            {alarm.reporter.name ?? '—'}
            {' · '}
            <span data-testid="reporter-contact">{alarm.reporter.contact ?? '未留联系方式'}</span>
          </Descriptions.Item>
          {alarm.disposition?.agency && (
            <Descriptions.Item label="移交单位">{alarm.disposition.agency}</Descriptions.Item>
          )}
          {alarm.handover && (
            <Descriptions.Item label="移交接收">
              <span data-testid="handover">
                {alarm.handover.agency} {alarm.handover.receivedBy}
                {alarm.handover.at ? `（${time(alarm.handover.at)}）` : ''}
              </span>
            </Descriptions.Item>
          )}
          {alarm.sceneHandledAt && (
            <Descriptions.Item label="现场处置完毕">{time(alarm.sceneHandledAt)}</Descriptions.Item>
          )}
          <Descriptions.Item label="警情编号">{alarm.alarmId}</Descriptions.Item>
        </Descriptions>
      </Card>
      {alarm.proposals.length > 0 && (
        <Card title="待审批" data-testid="proposals">
          <Proposals
            owner={{ type: 'ALARM', id }}
            proposals={alarm.proposals}
            deadlines={alarm.deadlines}
            onChange={async () => {
              setProposed(undefined);
              await load();
            }}
          />
        </Card>
      )}
      {handles && stage !== 'DISPOSED' && (
        <Card title="处置">
          {problem && (
            <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />
          )}
          {proposed && (
            <Alert
              type="info"
              showIcon
              message={proposed}
              data-testid="proposed"
              style={{ marginBottom: 12 }}
              closable
              onClose={() => setProposed(undefined)}
            />
          )}
          <Space>
            {stage === 'ALARM_RECEIVED' && (
              <Button
                type="primary"
                onClick={() => void record('/alarms/{id}/arrival')}
                data-action="ARRIVE"
              >
                到场
              </Button>
            )}
            {stage === 'ON_SCENE' && registrable && (
              <Button
                onClick={() => void record('/alarms/{id}/scene-handled')}
                data-action="SCENE_HANDLED"
              >
                现场紧急处置完毕（24小时内受案登记）
              </Button>
            )}
            {stage === 'PENDING_HANDOVER' ? (
              <Button
                type="primary"
                onClick={() => {
                  setRefusal(undefined);
                  handoverForm.resetFields();
                  setHandingOver(true);
                }}
                data-action="HANDOVER"
              >
                移交接收
              </Button>
            ) : (
              <Button
                type="primary"
                onClick={() => {
                  setRefusal(undefined);
                  form.resetFields();
                  if (stage === 'PENDING_REGISTRATION')
                    form.setFieldsValue({ disposition: 'CONVERTED_TO_CASE' });
                  setDisposing(true);
                }}
                data-action="DISPOSE"
              >
                {stage === 'PENDING_REGISTRATION' ? '受案登记（转为案件）' : '处置结果'}
              </Button>
            )}
          </Space>
        </Card>
      )}
      <Card title="时限">
        <Deadlines deadlines={alarm.deadlines} />
      </Card>
      <Modal
        open={handingOver}
        title="移交接收"
        okText="提交"
        cancelText="取消"
        onCancel={() => setHandingOver(false)}
        onOk={() => void handover().catch(() => undefined)}
        destroyOnHidden
      >
        <Form
          form={handoverForm}
          layout="vertical"
          preserve={false}
          initialValues={{ agency: alarm.disposition?.agency }}
        >
          <Form.Item
            name="receivedBy"
            label="接收人"
            rules={[{ required: true, whitespace: true, message: '请填写接收人' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="agency" label="接收单位">
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="handedOverAt" label="移交时间（不填为现在）">
            <DatePicker showTime />
          </Form.Item>
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
      <Modal
        open={disposing}
        title="处置结果"
        okText="提交"
        cancelText="取消"
        onCancel={() => setDisposing(false)}
        onOk={() => void dispose().catch(() => undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="disposition"
            label="处置方式"
            rules={[{ required: true, message: '请选择处置方式' }]}
          >
            <Select
              options={Object.entries(DISPOSITIONS)
                // Handled on the scene, the report is registered: it becomes a case.
                .filter(
                  ([value]) => stage !== 'PENDING_REGISTRATION' || value === 'CONVERTED_TO_CASE',
                )
                .map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          {disposition === 'TRANSFERRED' && (
            <Form.Item
              name="agency"
              label="移交单位"
              rules={[{ required: true, message: '请填写移交单位' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          )}
          {disposition === 'CONVERTED_TO_CASE' ? (
            <>
              <Form.Item
                name="kind"
                label="案件类别"
                rules={[{ required: true, message: '请选择案件类别' }]}
              >
                <Select
                  options={Object.entries(CASE_KINDS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
              <Form.Item
                name="title"
                label="案件名称"
                rules={[{ required: true, message: '请填写案件名称' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item
                name="handlerId"
                label="承办人"
                rules={[{ required: true, message: '请选择承办人' }]}
              >
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={handlers.map((p) => ({ value: p.id, label: `${p.name}（${p.id}）` }))}
                />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="reason" label="理由（刑事、治安警情未转案件时必填）">
              <Input.TextArea maxLength={2000} />
            </Form.Item>
          )}
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
    </Space>
  );
}

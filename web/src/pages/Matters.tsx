// 行政复议/行政诉讼: the matters against the bureau's decisions in the caller's scope, newest copy
// first, filtered by kind, stage and unit as GET /litigation offers (the filter lives in the URL):
// 待履行 lists the decisions against the bureau not yet carried out. Each shows its reply's or
// defence's countdown; the legal office or the case centre registers a new one here.
import { Alert, Button, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { MATTER_ACTIONS, MATTER_KINDS, MATTER_STAGES } from '../../../domain/litigation';
import { answer, api } from '../api';
import { Countdown, useNow } from '../components/Countdown';
import { StepForm } from '../components/StepForm';
import { useUnits } from '../directory';
import {
  decisionText,
  KIND_OPTIONS,
  matterRegistrationBody,
  matterRegistrationFields,
  type MatterListItem,
} from '../litigation';
import { currentSession, hasRole } from '../session';
import { SUBJECT_PAGES } from '../subject-pages';
import { useSubjectList, type ListFilters, type ListPage } from '../subject-list';

const STAGE_FILTERS = [
  { value: 'ALL', label: '全部' },
  ...Object.entries(MATTER_STAGES).map(([value, label]) => ({ value, label })),
];

type Stage = keyof typeof MATTER_STAGES;
type Kind = keyof typeof MATTER_KINDS;
const PAGE = SUBJECT_PAGES.LITIGATION.page;
const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

const readMatters = ({ stage, kind, unit, before }: ListFilters) =>
  answer<ListPage<MatterListItem>>(
    api.GET('/litigation', {
      params: {
        query: {
          ...(stage !== 'ALL' ? { stage: stage as Stage } : {}),
          ...(kind ? { kind: kind as Kind } : {}),
          ...(unit ? { unit } : {}),
          ...(before ? { before } : {}),
          limit: 50,
        },
      },
    }),
  );

export function Matters() {
  const [registering, setRegistering] = useState(false);
  const { items, nextBefore, problem, filters, filter, load } = useSubjectList<MatterListItem>(
    ['kind', 'unit'],
    readMatters,
  );
  const { stage, kind, unit, before } = filters;
  const navigate = useNavigate();
  const units = useUnits();
  const now = useNow();
  const session = currentSession();
  const registers = hasRole(session, ...MATTER_ACTIONS.REGISTER.roles);
  const register = async (values: Record<string, unknown>) => {
    const created = await answer<{ id: string }>(
      api.POST('/litigation', { body: matterRegistrationBody(values) }),
    );
    void navigate(`${PAGE}/${created.id}`);
  };

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          行政复议与行政诉讼
        </Typography.Title>
        <Space wrap>
          <Segmented
            options={STAGE_FILTERS}
            value={stage}
            onChange={(value) => filter({ stage: String(value), before: undefined })}
          />
          <Select
            allowClear
            placeholder="全部种类"
            style={{ minWidth: 120 }}
            value={kind}
            onChange={(value?: string) => filter({ kind: value, before: undefined })}
            options={KIND_OPTIONS}
          />
          <Select
            allowClear
            placeholder="全部单位"
            style={{ minWidth: 200 }}
            value={unit}
            onChange={(value?: string) => filter({ unit: value, before: undefined })}
            options={units.map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }))}
          />
          <Button onClick={load}>刷新</Button>
          {registers && (
            <Button type="primary" data-step="REGISTER" onClick={() => setRegistering(true)}>
              {MATTER_ACTIONS.REGISTER.label}
            </Button>
          )}
        </Space>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Table<MatterListItem>
        rowKey="id"
        loading={!items && !problem}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: '没有行政复议、行政诉讼案件' }}
        columns={[
          {
            title: '种类',
            key: 'kind',
            render: (_, m) => <Link to={`${PAGE}/${m.id}`}>{m.kind.label}</Link>,
          },
          { title: '申请人/原告', dataIndex: 'claimantName' },
          {
            title: '被诉行为',
            key: 'decision',
            ellipsis: true,
            render: (_, m) => decisionText(m.decision),
          },
          { title: '复议机关/法院', dataIndex: 'forum' },
          {
            title: '状态',
            key: 'stage',
            render: (_, m) => (
              <Space>
                <Tag color="blue">{m.stage.label}</Tag>
                {m.outcome && (
                  <Tag color={m.outcome.against ? 'red' : 'default'}>{m.outcome.label}</Tag>
                )}
              </Space>
            ),
          },
          { title: '单位', dataIndex: 'unitId' },
          {
            title: '答复（答辩）期限',
            key: 'due',
            render: (_, m) =>
              m.answeredAt ? (
                <span>
                  <Tag>已提交</Tag>
                  {time(m.answeredAt)}
                </span>
              ) : m.answerDueAt && m.stage.code === 'RESPONDING' && m.copyReceivedAt ? (
                <span>
                  {time(m.answerDueAt)}{' '}
                  <Countdown openedAt={m.copyReceivedAt} dueAt={m.answerDueAt} now={now} />
                </span>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        {before && <Button onClick={() => filter({ before: undefined })}>最新</Button>}
        {nextBefore && <Button onClick={() => filter({ before: nextBefore })}>更早</Button>}
      </Space>
      {registering && (
        <StepForm
          title={MATTER_ACTIONS.REGISTER.label}
          okText="登记"
          fields={(values) => matterRegistrationFields(units, session?.person.unit?.id, values)}
          onSubmit={register}
          onClose={() => setRegistering(false)}
        />
      )}
    </>
  );
}

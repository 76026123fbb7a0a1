// 政府信息公开申请: the requests in the caller's scope, newest receipt first, filtered by stage and
// unit as GET /info-requests offers (the filter lives in the URL), each with its answer's countdown;
// the case centre registers a new one here (its receipt dated by its channel, Art. 31).
import { Alert, Button, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { INFO_REQUEST_ACTIONS, INFO_REQUEST_STAGES } from '../../../domain/info-request';
import { answer, api } from '../api';
import { Countdown, useNow } from '../components/Countdown';
import { StepForm } from '../components/StepForm';
import { useUnits } from '../directory';
import {
  infoRegistrationBody,
  infoRegistrationFields,
  type InfoRequestListItem,
} from '../info-requests';
import { currentSession, hasRole } from '../session';
import { SUBJECT_PAGES } from '../subject-pages';
import { useSubjectList, type ListFilters, type ListPage } from '../subject-list';

const STAGE_FILTERS = [
  { value: 'ALL', label: '全部' },
  ...Object.entries(INFO_REQUEST_STAGES).map(([value, label]) => ({ value, label })),
];

type Stage = keyof typeof INFO_REQUEST_STAGES;
const PAGE = SUBJECT_PAGES.INFO_REQUEST.page;
const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm:ss');

const readInfoRequests = ({ stage, unit, before }: ListFilters) =>
  answer<ListPage<InfoRequestListItem>>(
    api.GET('/info-requests', {
      params: {
        query: {
          ...(stage !== 'ALL' ? { stage: stage as Stage } : {}),
          ...(unit ? { unit } : {}),
          ...(before ? { before } : {}),
          limit: 50,
        },
      },
    }),
  );

export function InfoRequests() {
  const [registering, setRegistering] = useState(false);
  const { items, nextBefore, problem, filters, filter, load } = useSubjectList<InfoRequestListItem>(
    ['unit'],
    readInfoRequests,
  );
  const { stage, unit, before } = filters;
  const navigate = useNavigate();
  const units = useUnits();
  const now = useNow();
  const session = currentSession();
  const registers = hasRole(session, ...INFO_REQUEST_ACTIONS.REGISTER.roles);
  const register = async (values: Record<string, unknown>) => {
    const created = await answer<{ id: string }>(
      api.POST('/info-requests', { body: infoRegistrationBody(values) }),
    );
    void navigate(`${PAGE}/${created.id}`);
  };

  return (
    <>
      <Space style={{ marginBottom: 16, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          政府信息公开申请
        </Typography.Title>
        <Space wrap>
          <Segmented
            options={STAGE_FILTERS}
            value={stage}
            onChange={(value) => filter({ stage: String(value), before: undefined })}
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
              {INFO_REQUEST_ACTIONS.REGISTER.label}
            </Button>
          )}
        </Space>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      <Table<InfoRequestListItem>
        rowKey="id"
        loading={!items && !problem}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: '没有政府信息公开申请' }}
        columns={[
          {
            title: '申请人',
            key: 'applicant',
            render: (_, r) => <Link to={`${PAGE}/${r.id}`}>{r.applicantName}</Link>,
          },
          { title: '所需信息', dataIndex: 'description', ellipsis: true },
          {
            title: '状态',
            key: 'stage',
            render: (_, r) => <Tag color="blue">{r.stage.label}</Tag>,
          },
          { title: '单位', dataIndex: 'unitId' },
          { title: '收到申请', key: 'received', render: (_, r) => time(r.receivedAt) },
          {
            title: '答复期限',
            key: 'due',
            render: (_, r) =>
              r.answeredAt ? (
                <span>
                  <Tag>已答复</Tag>
                  {time(r.answeredAt)}
                </span>
              ) : r.answerDueAt ? (
                <span>
                  {time(r.answerDueAt)}{' '}
                  {r.stage.code === 'IN_PROGRESS' || r.stage.code === 'CONSULTING' ? (
                    <Countdown openedAt={r.receivedAt} dueAt={r.answerDueAt} now={now} />
                  ) : null}
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
          title={INFO_REQUEST_ACTIONS.REGISTER.label}
          okText="登记"
          fields={(values) => infoRegistrationFields(units, session?.person.unit?.id, values)}
          onSubmit={register}
          onClose={() => setRegistering(false)}
        />
      )}
    </>
  );
}

// 执法办案信息公开查询: for the parties, without sign-in, on a phone as well: the query code from the
// receipt gives the case's stage and milestones, nothing personal.
import { Alert, Button, Card, Descriptions, Input, Space, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { answer, api } from '../api';
import type { PublicCaseView } from '../../../api/views';

type PublicCase = PublicCaseView;

const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

export function PublicLookup() {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<PublicCase>();
  const [problem, setProblem] = useState<string>();

  const look = async () => {
    setProblem(undefined);
    setFound(undefined);
    try {
      setFound(
        await answer<PublicCase>(
          api.GET('/public/cases/{queryCode}', { params: { path: { queryCode: code.trim() } } }),
        ),
      );
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3}>执法办案信息公开查询</Typography.Title>
      <Typography.Paragraph type="secondary">请输入受案回执上的查询码。</Typography.Paragraph>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="large"
          placeholder="查询码"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={() => void look()}
          aria-label="查询码"
        />
        <Button size="large" type="primary" onClick={() => void look()} disabled={!code.trim()}>
          查询
        </Button>
      </Space.Compact>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 16 }} />}
      {found && (
        <Card style={{ marginTop: 16 }}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="案件类别">{found.kind.label}</Descriptions.Item>
            <Descriptions.Item label="办理阶段">
              <b data-testid="public-stage">{found.stage.label}</b>
            </Descriptions.Item>
            <Descriptions.Item label="受案时间">{time(found.acceptedAt)}</Descriptions.Item>
            {found.closedAt && (
              <Descriptions.Item label="办结时间">{time(found.closedAt)}</Descriptions.Item>
            )}
            {found.openDeadlines.map((d) => (
              <Descriptions.Item key={d.policy.code} label="当前环节期限">
                {d.policy.label}：{time(d.dueAt)} 前
              </Descriptions.Item>
            ))}
          </Descriptions>
          <Typography.Title level={5}>办理进程</Typography.Title>
          <Timeline
            items={found.milestones.map((m) => ({
              children: `${time(m.at)} ${m.label ?? m.action}`,
            }))}
          />
        </Card>
      )}
    </div>
  );
}

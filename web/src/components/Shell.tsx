// The frame of every signed-in page: the menu, who is signed in, and signing out.
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { ORGANISATION_ROLES, OVERSIGHT_ROLES } from '../../../domain/access';
import { INFO_REQUEST_READERS } from '../../../domain/info-request';
import { MATTER_READERS } from '../../../domain/litigation';
import { Link, useLocation, useNavigate } from 'react-router';
import { clearSession, currentSession } from '../session';
import { SUBJECT_PAGES } from '../subject-pages';
import { Bell } from './Bell';

/** The menu: each group sees the screens of its work. */
function menuFor(roles: string[]) {
  const holds = (group: readonly string[]) => roles.some((r) => group.includes(r));
  // The evaluation and the dashboard admit OVERSIGHT_ROLES; the queues the organisations' roles.
  const oversees = holds(OVERSIGHT_ROLES);
  const courts = holds(ORGANISATION_ROLES);
  return [
    { key: '/', label: <Link to="/">我的待办</Link> },
    { key: '/inbox', label: <Link to="/inbox">督办</Link> },
    ...(roles.includes('HANDLER')
      ? [{ key: '/intake', label: <Link to="/intake">接警登记</Link> }]
      : []),
    ...(courts
      ? [
          {
            key: '/queue',
            label: <Link to="/queue">{roles.includes('JUDGE') ? '审判队列' : '审查起诉队列'}</Link>,
          },
        ]
      : []),
    ...(oversees
      ? [
          { key: '/dashboard', label: <Link to="/dashboard">督办看板</Link> },
          { key: '/stats', label: <Link to="/stats">全案考评</Link> },
        ]
      : []),
    ...(holds(INFO_REQUEST_READERS)
      ? [{ key: INFO_REQUESTS, label: <Link to={INFO_REQUESTS}>信息公开</Link> }]
      : []),
    ...(holds(MATTER_READERS) ? [{ key: MATTERS, label: <Link to={MATTERS}>复议诉讼</Link> }] : []),
    { key: '/lookup', label: <Link to="/lookup">公开查询</Link> },
  ];
}

const INFO_REQUESTS = SUBJECT_PAGES.INFO_REQUEST.page;
const MATTERS = SUBJECT_PAGES.LITIGATION.page;

export function Shell({ children }: { children: React.ReactNode }) {
  const session = currentSession()!;
  const navigate = useNavigate();
  const location = useLocation();
  const where = session.person.unit?.name ?? session.person.org?.name ?? '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          执法办案工作台
        </Typography.Title>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[location.pathname]}
          items={menuFor(session.person.roles.map((r) => r.code))}
          style={{ flex: 1, minWidth: 0 }}
        />
        <Space>
          <Bell />
          <span style={{ color: '#fff' }} data-testid="signed-in-as">
            {session.person.name}（{where}）
          </span>
          {session.person.roles.map((r) => (
            <Tag key={r.code} color="blue">
              {r.label}
            </Tag>
          ))}
          <Button
            onClick={() => {
              clearSession();
              void navigate('/login');
            }}
          >
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}

// 消息: the bell with the unread count, and the latest notifications with links to their pages.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, List, Popover, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useNotifications } from '../notifications';
import { subjectPage } from '../subject-pages';

export function Bell() {
  const { unread, items, markAllRead } = useNotifications();
  const [open, setOpen] = useState(false);
  const [permission, setPermission] = useState(
    'Notification' in window ? Notification.permission : 'denied',
  );
  const content = (
    <div style={{ width: 380 }}>
      <Space style={{ marginBottom: 8 }}>
        <Button size="small" onClick={() => void markAllRead()} disabled={unread === 0}>
          全部标为已读
        </Button>
        {permission === 'default' && (
          <Button
            size="small"
            onClick={() => void Notification.requestPermission().then(setPermission)}
          >
            开启浏览器通知
          </Button>
        )}
      </Space>
      <List
        size="small"
        dataSource={items.slice(0, 20)}
        locale={{ emptyText: '暂无消息' }}
        renderItem={(n) => (
          <List.Item data-notification={n.id}>
            <List.Item.Meta
              title={
                <Link to={subjectPage(n.links.subject)} onClick={() => setOpen(false)}>
                  {n.read ? n.title : <b>{n.title}</b>}
                </Link>
              }
              description={
                <Typography.Text type="secondary">
                  {n.task.policy.label} · {dayjs(n.createdAt).format('MM-DD HH:mm:ss')}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
  return (
    <Popover content={content} title="消息" trigger="click" open={open} onOpenChange={setOpen}>
      <Badge count={unread} size="small" data-testid="unread">
        <Button shape="circle" icon={<BellOutlined />} aria-label="消息" />
      </Badge>
    </Popover>
  );
}

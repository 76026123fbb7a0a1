// 登录. For development and demonstrations: pick a person of the directory and sign in as them.
// Where development sign-in is off (production), the API answers 404 and the page says so.
import { Alert, Card, Col, Row, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { answer, api } from '../api';
import { saveSession, type Person, type Session } from '../session';

export function SignIn() {
  const [people, setPeople] = useState<Person[]>();
  const [problem, setProblem] = useState<string>();
  const [params] = useSearchParams();
  const navigate = useNavigate();

  useEffect(() => {
    answer<{ items: Person[] }>(api.GET('/sign-in/people'))
      .then((body) => setPeople(body.items))
      .catch((error: Error) => setProblem(error.message));
  }, []);

  const signIn = async (person: Person) => {
    try {
      const session = await answer<Session>(
        api.POST('/sign-in', { body: { personId: person.id } }),
      );
      saveSession(session);
      const next = params.get('next');
      void navigate(next?.startsWith('/') ? next : '/', { replace: true });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  const groups = new Map<string, Person[]>();
  for (const person of people ?? []) {
    const where = person.unit?.name ?? person.org?.name ?? '其他';
    groups.set(where, [...(groups.get(where) ?? []), person]);
  }

  return (
    <div style={{ maxWidth: 1100, margin: '32px auto', padding: '0 16px' }}>
      <Typography.Title level={2}>执法办案工作台 · 登录</Typography.Title>
      {params.get('expired') && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="登录已过期，请重新登录"
        />
      )}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="开发与演示用登录：选择名录中的人员即以其身份登录（生产环境不可用，须使用统一身份认证的令牌）。"
      />
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} />}
      {!people && !problem && <Spin />}
      {[...groups].map(([where, members]) => (
        <div key={where} style={{ marginBottom: 24 }}>
          <Typography.Title level={4}>{where}</Typography.Title>
          <Row gutter={[12, 12]}>
            {members.map((person) => (
              <Col key={person.id} xs={24} sm={12} md={8} lg={6}>
                <Card
                  hoverable
                  size="small"
                  onClick={() => void signIn(person)}
                  data-person={person.id}
                >
                  <Card.Meta
                    title={person.name}
                    description={
                      <>
                        {person.roles.map((r) => (
                          <Tag key={r.code}>{r.label}</Tag>
                        ))}
                        <div style={{ fontSize: 12, color: '#999' }}>{person.id}</div>
                      </>
                    }
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </div>
      ))}
    </div>
  );
}

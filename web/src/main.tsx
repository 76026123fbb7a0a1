import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { Shell } from './components/Shell';
import { AlarmIntake } from './pages/AlarmIntake';
import { AlarmPage } from './pages/AlarmPage';
import { CasePage } from './pages/CasePage';
import { Dashboard } from './pages/Dashboard';
import { EvaluationPage } from './pages/EvaluationPage';
import { Inbox } from './pages/Inbox';
import { InfoRequestPage } from './pages/InfoRequestPage';
import { InfoRequests } from './pages/InfoRequests';
import { MatterPage } from './pages/MatterPage';
import { Matters } from './pages/Matters';
import { MyWork } from './pages/MyWork';
import { PublicLookup } from './pages/PublicLookup';
import { Queue } from './pages/Queue';
import { SignIn } from './pages/SignIn';
import { NotificationProvider } from './notifications';
import { currentSession } from './session';

dayjs.locale('zh-cn');

/** The pages of signed-in people: anyone else goes to sign-in first, and comes back. */
function SignedIn() {
  const location = useLocation();
  if (!currentSession()) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return (
    <NotificationProvider>
      <Shell>
        <Outlet />
      </Shell>
    </NotificationProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<SignIn />} />
            <Route path="/lookup" element={<PublicLookup />} />
            <Route element={<SignedIn />}>
              <Route path="/" element={<MyWork />} />
              <Route path="/case/:id" element={<CasePage />} />
              <Route path="/inbox" element={<Inbox />} />
              <Route path="/intake" element={<AlarmIntake />} />
              <Route path="/alarm/:id" element={<AlarmPage />} />
              <Route path="/queue" element={<Queue />} />
              <Route path="/stats" element={<EvaluationPage />} />
              <Route path="/dashboard" element={<Dashboard />} />
              <Route path="/info-request" element={<InfoRequests />} />
              <Route path="/info-request/:id" element={<InfoRequestPage />} />
              <Route path="/matter" element={<Matters />} />
              <Route path="/matter/:id" element={<MatterPage />} />
            </Route>
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);

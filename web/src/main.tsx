import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Shell } from './components/Shell';
import { CasePage } from './pages/CasePage';
import { MyWork } from './pages/MyWork';
import { PublicLookup } from './pages/PublicLookup';
import { SignIn } from './pages/SignIn';
import { currentSession } from './session';

dayjs.locale('zh-cn');

/** A page for signed-in people: anyone else goes to sign-in first, and comes back. */
function SignedIn({ children }: { children: React.ReactNode }) {
  const location = useLocation();
  if (!currentSession()) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <Shell>{children}</Shell>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<SignIn />} />
            <Route path="/lookup" element={<PublicLookup />} />
            <Route
              path="/"
              element={
                <SignedIn>
                  <MyWork />
                </SignedIn>
              }
            />
            <Route
              path="/case/:id"
              element={
                <SignedIn>
                  <CasePage />
                </SignedIn>
              }
            />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);

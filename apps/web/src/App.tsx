import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { OutboxFlusher } from './chat/OutboxFlusher.tsx';
import { Layout } from './Layout.tsx';
import { AuthProvider, useAuth } from './lib/auth.tsx';
import type { Role, User } from './lib/types.ts';
import { ChatPage } from './pages/ChatPage.tsx';
import { SignInPage, SignUpPage } from './pages/SignIn.tsx';

const ProfilePage = lazy(() => import('./pages/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));
const ResetPasswordPage = lazy(() =>
  import('./pages/ResetPassword.tsx').then((m) => ({ default: m.ResetPasswordPage })),
);
const ProgressPage = lazy(() => import('./pages/ProgressPage.tsx'));
const TeacherApp = lazy(() => import('./teacher/TeacherApp.tsx'));
const AdminApp = lazy(() => import('./admin/AdminApp.tsx'));

export function homeFor(user: User): string {
  if (user.role === 'admin') return '/admin';
  if (user.role === 'teacher') return '/teacher';
  return '/chat';
}

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, loading } = useAuth();
  const [location] = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Redirect to={`/signin?next=${encodeURIComponent(location)}`} />;
  if (roles && !roles.includes(user.role)) return <Redirect to={homeFor(user)} />;
  return <>{children}</>;
}

function Home() {
  const { user, loading } = useAuth();
  if (loading) return <Loading />;
  return <Redirect to={user ? homeFor(user) : '/signin'} />;
}

function TitleSync() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = t('app.name');
    document.documentElement.lang = i18n.language;
  }, [t, i18n.language]);
  return null;
}

export function App() {
  return (
    <AuthProvider>
      <TitleSync />
      <OutboxFlusher />
      <Layout>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/" component={Home} />
            <Route path="/signin" component={SignInPage} />
            <Route path="/signup" component={SignUpPage} />
            <Route path="/reset-password" component={ResetPasswordPage} />
            <Route path="/chat/:id?">
              {(params) => (
                <Guard roles={['student']}>
                  <ChatPage conversationId={params.id ?? null} />
                </Guard>
              )}
            </Route>
            <Route path="/progress">
              <Guard roles={['student']}>
                <ProgressPage />
              </Guard>
            </Route>
            <Route path="/profile">
              <Guard>
                <ProfilePage />
              </Guard>
            </Route>
            <Route path="/teacher" nest>
              <Guard roles={['teacher', 'admin']}>
                <TeacherApp />
              </Guard>
            </Route>
            <Route path="/admin" nest>
              <Guard roles={['admin']}>
                <AdminApp />
              </Guard>
            </Route>
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </Suspense>
      </Layout>
    </AuthProvider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="page narrow">
      <h1>{t('common.notFound')}</h1>
    </section>
  );
}

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { ConnectionStatus } from './chat/ConnectionStatus.tsx';
import { flushOutbox } from './chat/flushOutbox.ts';
import { applyLocale } from './i18n.ts';
import { useAuth } from './lib/auth.tsx';
import { outbox } from './lib/queue.ts';
import type { Locale } from './lib/types.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { user, update } = useAuth();
  const current = (i18n.language === 'fil' ? 'fil' : 'en') as Locale;
  const next: Locale = current === 'en' ? 'fil' : 'en';
  return (
    <button
      type="button"
      className="btn ghost small"
      onClick={() => {
        applyLocale(next);
        if (user) void update({ locale: next }).catch(() => undefined);
      }}
    >
      <span className="sr-only">{t('lang.switchTo')} </span>
      <span lang={next}>{next === 'fil' ? 'Filipino' : 'English'}</span>
    </button>
  );
}

function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const [location] = useLocation();
  const active = location === href || location.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, signOut } = useAuth();
  const [, navigate] = useLocation();
  /** Sends the unsent messages first; asks before signing out leaves any behind on a shared phone. */
  async function leave() {
    if (user) {
      const waiting = await flushOutbox(outbox, user.id);
      if (waiting > 0 && !window.confirm(t('auth.unsentWarning', { count: waiting }))) return;
    }
    await signOut().catch(() => undefined);
    navigate('/signin');
  }
  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          <img src="/icon.svg" alt="" width="28" height="28" />
          <span>{t('app.name')}</span>
        </Link>
        <div className="topbar-tools">
          <ConnectionStatus />
          <LanguageSwitch />
          {user && (
            <button type="button" className="btn ghost small" onClick={() => void leave()}>
              {t('auth.signOut')}
            </button>
          )}
        </div>
      </header>
      {user && (
        <nav className="mainnav" aria-label={t('nav.label')}>
          {user.role === 'student' && (
            <>
              <NavLink href="/chat">{t('nav.chat')}</NavLink>
              <NavLink href="/progress">{t('nav.progress')}</NavLink>
            </>
          )}
          {(user.role === 'teacher' || user.role === 'admin') && (
            <NavLink href="/teacher">{t('nav.teacher')}</NavLink>
          )}
          {user.role === 'admin' && <NavLink href="/admin">{t('nav.admin')}</NavLink>}
          <NavLink href="/profile">{t('nav.profile')}</NavLink>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

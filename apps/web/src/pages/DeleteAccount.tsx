import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { Field } from '../components/Field.tsx';
import { confirmsUsername, isWrongPassword } from '../lib/account.ts';
import { errorMessage } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import type { User } from '../lib/types.ts';

/**
 * "Delete my account": a danger zone that opens a confirmation form. The user types their username (the
 * delete button stays disabled until it matches) and their password (DELETE /me checks it), then lands on
 * the sign-in page with a notice.
 */
export function DeleteAccount({ user }: { user: User }) {
  const { t } = useTranslation();
  const { deleteAccount } = useAuth();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState('');
  /** The failure itself, worded at render time: a language switch re-words it. */
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const opener = useRef<HTMLButtonElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const alert = useRef<HTMLParagraphElement>(null);
  const wasOpen = useRef(false);
  const matches = confirmsUsername(typed, user.username);

  useEffect(() => {
    if (open) confirmHeading.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  function cancel() {
    setOpen(false);
    setTyped('');
    setPassword('');
    setError(null);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!matches || !password || busy) return;
    setBusy(true);
    setError(null);
    try {
      await deleteAccount(password, () => navigate('/signin?notice=account-deleted', { replace: true }));
    } catch (err) {
      setBusy(false);
      setError(err);
      if (isWrongPassword(err)) {
        setPassword('');
        requestAnimationFrame(() => passwordInput.current?.focus());
      } else {
        requestAnimationFrame(() => alert.current?.focus());
      }
    }
  }

  const items =
    user.role === 'student'
      ? [
          t('account.lossConversations'),
          t('account.lossPractice'),
          t('account.lossProgress'),
          t('account.lossClasses'),
        ]
      : [t('account.lossSignIn'), t('account.lossProfile')];

  return (
    <section className="card danger-zone" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('account.deleteTitle')}</h2>
      <p>{t('account.deleteIntro')}</p>
      {!open ? (
        <button ref={opener} type="button" className="btn danger-outline" onClick={() => setOpen(true)}>
          {t('account.deleteOpen')}
        </button>
      ) : (
        <form className="form confirm-delete" onSubmit={(e) => void submit(e)} noValidate>
          <h3 ref={confirmHeading} tabIndex={-1}>
            {t('account.confirmTitle')}
          </h3>
          <p>{t('account.lossLead')}</p>
          <ul className="loss-list">
            {items.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
          {user.role !== 'student' && <p>{t('account.keepsStaff')}</p>}
          <p className="muted">{t('account.exportFirst')}</p>
          <Field
            label={t('account.typeUsername', { username: user.username })}
            hint={t('account.typeUsernameHint')}
          >
            {(id, describedBy) => (
              <input
                id={id}
                name="confirm_username"
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                aria-describedby={describedBy}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('account.password')}>
            {(id, describedBy) => (
              <input
                ref={passwordInput}
                id={id}
                name="confirm_password"
                type="password"
                autoComplete="current-password"
                aria-describedby={describedBy}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          {error !== null && (
            <p ref={alert} className="error" role="alert" tabIndex={-1}>
              {errorMessage(error, t)}
            </p>
          )}
          <div className="row">
            <button type="submit" className="btn danger" disabled={!matches || !password || busy}>
              {busy ? t('common.wait') : t('account.deleteConfirm')}
            </button>
            <button type="button" className="btn ghost" onClick={cancel} disabled={busy}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { Field } from '../components/Field.tsx';
import {
  type CodeProblem,
  checkNewPassword,
  checkResetCode,
  PASSWORD_MAX,
  PASSWORD_MIN,
  type PasswordProblem,
  resetPassword,
} from '../lib/account.ts';
import { errorMessage } from '../lib/api.ts';

interface Problems {
  code: CodeProblem | null;
  password: Exclude<PasswordProblem, 'passwordMismatch'> | null;
  confirm: 'passwordMismatch' | null;
}

function validate(code: string, password: string, confirm: string): Problems {
  const pw = checkNewPassword(password, confirm);
  return {
    code: checkResetCode(code),
    password: pw === 'passwordMismatch' ? null : pw,
    confirm: pw === 'passwordMismatch' ? pw : null,
  };
}

/** "I have a reset code": a student sets a new password with the one-time code from their teacher. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problems, setProblems] = useState<Problems | null>(null);
  /** The failure itself, worded at render time: a language switch re-words it. */
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const inputs = {
    code: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const alert = useRef<HTMLParagraphElement>(null);

  useEffect(() => heading.current?.focus(), []);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const found = validate(code, password, confirm);
    const first = (['code', 'password', 'confirm'] as const).find((k) => found[k]);
    if (first) {
      setProblems(found);
      inputs[first].current?.focus();
      return;
    }
    setProblems(null);
    setBusy(true);
    try {
      await resetPassword(code, password);
      navigate('/signin?notice=password-reset', { replace: true });
    } catch (err) {
      setBusy(false);
      setError(err);
      requestAnimationFrame(() => alert.current?.focus());
    }
  }

  // Messages are recomputed as the user types once a submit has shown them, so fixed fields clear at once.
  const shown = problems ? validate(code, password, confirm) : null;
  const message = (p: string | null | undefined) =>
    p ? t(`reset.problems.${p}`, { min: PASSWORD_MIN, max: PASSWORD_MAX }) : null;

  return (
    <section className="page narrow auth" aria-labelledby={headingId}>
      <h1 id={headingId} ref={heading} tabIndex={-1}>
        {t('reset.title')}
      </h1>
      <p className="lead">{t('reset.lead')}</p>
      <form onSubmit={(e) => void submit(e)} className="card form" noValidate>
        <Field label={t('reset.code')} hint={t('reset.codeHint')} error={message(shown?.code)}>
          {(id, describedBy) => (
            <input
              ref={inputs.code}
              id={id}
              name="reset_code"
              autoComplete="one-time-code"
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              required
              aria-invalid={shown?.code ? true : undefined}
              aria-describedby={describedBy}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('profile.newPassword')}
          hint={t('auth.passwordHint')}
          error={message(shown?.password)}
        >
          {(id, describedBy) => (
            <input
              ref={inputs.password}
              id={id}
              name="new_password"
              type="password"
              autoComplete="new-password"
              required
              aria-invalid={shown?.password ? true : undefined}
              aria-describedby={describedBy}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('reset.confirm')} error={message(shown?.confirm)}>
          {(id, describedBy) => (
            <input
              ref={inputs.confirm}
              id={id}
              name="confirm_password"
              type="password"
              autoComplete="new-password"
              required
              aria-invalid={shown?.confirm ? true : undefined}
              aria-describedby={describedBy}
              value={confirm}
              onChange={(e) => setConfirm(e.target.value)}
            />
          )}
        </Field>
        {error !== null && (
          <p ref={alert} className="error" role="alert" tabIndex={-1}>
            {errorMessage(error, t)}
          </p>
        )}
        <button className="btn primary block" type="submit" disabled={busy}>
          {busy ? t('common.wait') : t('reset.submit')}
        </button>
      </form>
      <p className="center">
        <Link href="/signin">{t('reset.backToSignIn')}</Link>
      </p>
    </section>
  );
}

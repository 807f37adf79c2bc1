import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatExpiry, issueResetCode, type ResetCode } from '../lib/account.ts';
import { errorMessage } from '../lib/api.ts';
import { ErrorNote } from './Field.tsx';

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'ready'; code: ResetCode }
  | { kind: 'error'; message: string };

/**
 * "Reset password" for one student: issues a one-time code (POST /users/:id/password-reset-token) and shows
 * it once in a modal dialog with its expiry and a copy button. Closing the dialog forgets the code and
 * returns focus to the button.
 */
export function ResetCodeButton({ person }: { person: { id: string; display_name: string } }) {
  const { t, i18n } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const codeText = useRef<HTMLElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  const retryButton = useRef<HTMLButtonElement>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [copied, setCopied] = useState<'copied' | 'manual' | null>(null);
  const headingId = useId();
  const name = person.display_name;

  async function issue() {
    setState({ kind: 'loading' });
    setCopied(null);
    if (!dialog.current?.open) dialog.current?.showModal();
    try {
      const code = await issueResetCode(person.id);
      // Closed while the request ran: the code is never shown, so don't keep it.
      if (!dialog.current?.open) return;
      setState({ kind: 'ready', code });
      requestAnimationFrame(() => copyButton.current?.focus());
    } catch (e) {
      if (!dialog.current?.open) return;
      setState({ kind: 'error', message: errorMessage(e, t) });
      requestAnimationFrame(() => retryButton.current?.focus());
    }
  }

  async function copy(token: string) {
    try {
      await navigator.clipboard.writeText(token);
      setCopied('copied');
    } catch {
      // No clipboard (plain-http school server, or permission refused): select the code for a manual copy.
      const el = codeText.current;
      const selection = window.getSelection();
      if (el && selection) selection.selectAllChildren(el);
      setCopied('manual');
    }
  }

  return (
    <>
      <button
        ref={opener}
        type="button"
        className="btn small"
        aria-label={t('reset.issueFor', { name })}
        onClick={() => void issue()}
      >
        {t('reset.issue')}
      </button>
      <dialog
        ref={dialog}
        className="dialog"
        aria-labelledby={headingId}
        onClose={() => {
          setState({ kind: 'idle' });
          setCopied(null);
          opener.current?.focus();
        }}
      >
        <h2 id={headingId}>{t('reset.dialogTitle', { name })}</h2>
        <div aria-live="polite">
          {state.kind === 'loading' && <p className="muted">{t('reset.issuing')}</p>}
          {state.kind === 'ready' && (
            <>
              <p className="reset-label">{t('reset.codeLabel')}</p>
              <p className="reset-code">
                <code ref={codeText} lang="en" translate="no">
                  {state.code.token}
                </code>
              </p>
              <p>{t('reset.expires', { time: formatExpiry(state.code.expires_at, i18n.language) })}</p>
            </>
          )}
          {state.kind === 'error' && <ErrorNote message={state.message} />}
        </div>
        {state.kind === 'ready' && (
          <>
            <p className="note">{t('reset.handOver', { name })}</p>
            <p className="muted">{t('reset.howToUse')}</p>
          </>
        )}
        <div className="row">
          {state.kind === 'ready' && (
            <button
              ref={copyButton}
              type="button"
              className="btn primary"
              onClick={() => void copy(state.code.token)}
            >
              {t('reset.copy')}
            </button>
          )}
          {state.kind === 'error' && (
            <button ref={retryButton} type="button" className="btn primary" onClick={() => void issue()}>
              {t('reset.retry')}
            </button>
          )}
          <button type="button" className="btn ghost" onClick={() => dialog.current?.close()}>
            {state.kind === 'ready' ? t('reset.done') : t('common.close')}
          </button>
        </div>
        <p className={copied === 'copied' ? 'copy-status success' : 'copy-status'} role="status">
          {copied === 'copied' ? t('reset.copied') : copied === 'manual' ? t('reset.copyManual') : ''}
        </p>
      </dialog>
    </>
  );
}

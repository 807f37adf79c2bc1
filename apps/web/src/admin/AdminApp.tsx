import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Field } from '../components/Field.tsx';
import { ResetCodeButton } from '../components/ResetCodeButton.tsx';
import { StackedTable } from '../components/StackedTable.tsx';
import { useValidityMessages } from '../components/validity.ts';
import { formatExpiry } from '../lib/account.ts';
import { del, errorMessage, get, post, put } from '../lib/api.ts';
import { useAuth } from '../lib/auth.tsx';
import type { ClassSummary, User } from '../lib/types.ts';
import {
  needsTest,
  type Provider,
  type ProviderConfig,
  type ProviderTestResult,
  providerBody,
  testOutcome,
} from './provider.ts';

function Users() {
  const { user: me } = useAuth();
  const { t } = useTranslation();
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [invite, setInvite] = useState<string | null>(null);
  useEffect(() => {
    get<{ users: User[] }>('/admin/users')
      .then((r) => setUsers(r.users))
      .catch((e: unknown) => setError(errorMessage(e, t)));
  }, [t]);
  async function createInvite() {
    try {
      const r = await post<{ invite_code: string }>('/admin/invitations', { role: 'teacher' });
      setInvite(r.invite_code);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }
  return (
    <section className="card" aria-labelledby="users-h">
      <h2 id="users-h">{t('admin.users')}</h2>
      <ErrorNote message={error} />
      <div className="row">
        <button type="button" className="btn" onClick={() => void createInvite()}>
          {t('admin.inviteTeacher')}
        </button>
        {invite && (
          <output className="success">
            {t('admin.inviteCode')}: <code className="join-code">{invite}</code>
          </output>
        )}
      </div>
      {users && (
        <StackedTable
          labelledBy="users-h"
          rows={users}
          rowKey={(u) => u.id}
          columns={[
            { label: t('admin.name'), cell: (u) => u.display_name },
            { label: t('auth.username'), cell: (u) => u.username },
            { label: t('admin.role'), cell: (u) => t(`roles.${u.role}`) },
            { label: t('profile.grade'), cell: (u) => u.grade_level ?? '–' },
            {
              label: t('reset.column'),
              cell: (u) =>
                u.id === me?.id ? (
                  <span className="muted">{t('reset.staffSelf')}</span>
                ) : (
                  <ResetCodeButton person={u} />
                ),
            },
          ]}
        />
      )}
    </section>
  );
}

function Classes() {
  const { t } = useTranslation();
  const [classes, setClasses] = useState<ClassSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    get<{ classes: ClassSummary[] }>('/admin/classes')
      .then((r) => setClasses(r.classes))
      .catch((e: unknown) => setError(errorMessage(e, t)));
  }, [t]);
  return (
    <section className="card" aria-labelledby="aclasses-h">
      <h2 id="aclasses-h">{t('teacher.classes')}</h2>
      <ErrorNote message={error} />
      {classes && (
        <StackedTable
          labelledBy="aclasses-h"
          rows={classes}
          rowKey={(c) => c.id}
          columns={[
            { label: t('teacher.className'), cell: (c) => c.name },
            { label: t('profile.grade'), cell: (c) => c.grade_level },
            { label: t('teacher.joinCode'), cell: (c) => <code>{c.join_code}</code> },
            { label: t('admin.students'), cell: (c) => c.student_count },
          ]}
        />
      )}
    </section>
  );
}

function ProviderForm() {
  const { t } = useTranslation();
  const validity = useValidityMessages();
  const [cfg, setCfg] = useState<ProviderConfig>({ provider: 'embedded' });
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [passed, setPassed] = useState<Record<string, unknown> | null>(null);
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    get<ProviderConfig>('/admin/provider')
      .then((r) => setCfg(r))
      .catch((e: unknown) => setError(errorMessage(e, t)));
  }, [t]);

  async function testConnection() {
    const body = providerBody(cfg, apiKey);
    setError(null);
    setTested(null);
    setTesting(true);
    let outcome: unknown;
    try {
      outcome = await post<ProviderTestResult>('/admin/provider/test', body);
    } catch (err) {
      outcome = err;
    }
    setTesting(false);
    const shown = testOutcome(outcome, cfg.model ?? undefined);
    if (!shown) return setError(errorMessage(outcome, t));
    setTested({ ok: shown.ok, text: t(shown.key, shown.values) });
    setPassed(shown.ok ? body : null);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    const body = providerBody(cfg, apiKey);
    if (needsTest(body, passed)) return setError(t('admin.test.required'));
    try {
      await put('/admin/provider', body);
      setApiKey('');
      setPassed(null);
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err, t));
    }
  }

  const providers: Provider[] = ['embedded', 'gemini', 'openai-compatible'];
  return (
    <form {...validity} className="card form" onSubmit={(e) => void save(e)}>
      <h2>{t('admin.provider')}</h2>
      <p className="muted">{t('admin.providerHint')}</p>
      <fieldset className="field">
        <legend>{t('admin.engine')}</legend>
        <div className="choices">
          {providers.map((p) => (
            <label key={p} className="choice">
              <input
                type="radio"
                name="provider"
                value={p}
                checked={cfg.provider === p}
                onChange={() => setCfg({ ...cfg, provider: p })}
              />
              <span>
                <strong>{t(`admin.providers.${p}`)}</strong>
                <small>{t(`admin.providers.${p}Hint`)}</small>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {cfg.provider !== 'embedded' && (
        <>
          <Field label={t('admin.model')}>
            {(id) => (
              <input
                id={id}
                value={cfg.model ?? ''}
                onChange={(e) => setCfg({ ...cfg, model: e.target.value })}
              />
            )}
          </Field>
          {cfg.provider === 'openai-compatible' && (
            <Field label={t('admin.baseUrl')}>
              {(id) => (
                <input
                  id={id}
                  type="url"
                  placeholder="https://…/v1"
                  value={cfg.base_url ?? ''}
                  onChange={(e) => setCfg({ ...cfg, base_url: e.target.value })}
                />
              )}
            </Field>
          )}
          <Field
            label={t('admin.apiKey')}
            hint={cfg.api_key_set ? t('admin.apiKeySet') : t('admin.apiKeyHint')}
          >
            {(id, hintId) => (
              <input
                id={id}
                type="password"
                autoComplete="off"
                aria-describedby={hintId}
                value={apiKey}
                onChange={(e) => setApiKey(e.target.value)}
              />
            )}
          </Field>
        </>
      )}
      <ErrorNote message={error} />
      {tested && (
        <p className={tested.ok ? 'success' : 'error'} role="status">
          {tested.text}
        </p>
      )}
      {saved && (
        <p className="success" role="status">
          {t('profile.saved')}
        </p>
      )}
      <div className="row">
        {cfg.provider !== 'embedded' && (
          <button type="button" className="btn" disabled={testing} onClick={() => void testConnection()}>
            {testing ? t('common.wait') : t('admin.test.button')}
          </button>
        )}
        <button type="submit" className="btn primary">
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}

interface ApiKeyRow {
  id: string;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** The school's API keys for POST /orchestrate: create one (shown once), see each one's last use, revoke. */
function ApiKeys() {
  const { t, i18n } = useTranslation();
  const validity = useValidityMessages();
  const [keys, setKeys] = useState<ApiKeyRow[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () =>
      get<{ api_keys: ApiKeyRow[] }>('/admin/api-keys')
        .then((r) => setKeys(r.api_keys))
        .catch((e: unknown) => setError(errorMessage(e, t))),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);
  const act = async (work: () => Promise<void>) => {
    setError(null);
    try {
      await work();
      await load();
    } catch (err) {
      setError(errorMessage(err, t));
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await post<{ api_key: string }>('/admin/api-keys', { name: name.trim() });
      setCreated(r.api_key);
      setName('');
    });
  };
  const when = (iso: string | null) => (iso ? formatExpiry(iso, i18n.language) : t('admin.keyNeverUsed'));
  return (
    <section className="card" aria-labelledby="keys-h">
      <h2 id="keys-h">{t('admin.apiKeys')}</h2>
      <p className="muted">{t('admin.apiKeysHint')}</p>
      <ErrorNote message={error} />
      <form {...validity} className="row" onSubmit={create}>
        <Field label={t('admin.keyName')}>
          {(id) => (
            <input id={id} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="btn">
          {t('admin.createKey')}
        </button>
      </form>
      {created && (
        <output className="success">
          {t('admin.keyCreated')}: <code>{created}</code>
        </output>
      )}
      {keys && keys.length > 0 && (
        <StackedTable
          labelledBy="keys-h"
          rows={keys}
          rowKey={(k) => k.id}
          columns={[
            { label: t('admin.keyName'), cell: (k) => k.name },
            { label: t('admin.keyCreatedAt'), cell: (k) => formatExpiry(k.created_at, i18n.language) },
            { label: t('admin.keyLastUsed'), cell: (k) => when(k.last_used_at) },
            {
              label: t('admin.keyStatus'),
              cell: (k) =>
                k.revoked_at ? (
                  t('admin.keyRevoked', { time: formatExpiry(k.revoked_at, i18n.language) })
                ) : (
                  <button
                    type="button"
                    className="btn"
                    aria-label={t('admin.revokeKeyNamed', { name: k.name })}
                    onClick={() => void act(() => del(`/admin/api-keys/${k.id}`))}
                  >
                    {t('admin.revokeKey')}
                  </button>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}

export default function AdminApp() {
  const { t } = useTranslation();
  return (
    <section className="page wide">
      <h1>{t('admin.title')}</h1>
      <ProviderForm />
      <Users />
      <Classes />
      <ApiKeys />
    </section>
  );
}

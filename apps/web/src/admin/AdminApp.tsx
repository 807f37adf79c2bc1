import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Field } from '../components/Field.tsx';
import { ResetCodeButton } from '../components/ResetCodeButton.tsx';
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
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" tabIndex={0} aria-labelledby="users-h">
          <table className="table stack">
            <thead>
              <tr>
                <th scope="col">{t('admin.name')}</th>
                <th scope="col">{t('auth.username')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('profile.grade')}</th>
                <th scope="col">{t('reset.column')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td data-label={t('admin.name')}>{u.display_name}</td>
                  <td data-label={t('auth.username')}>{u.username}</td>
                  <td data-label={t('admin.role')}>{t(`roles.${u.role}`)}</td>
                  <td data-label={t('profile.grade')}>{u.grade_level ?? '–'}</td>
                  <td data-label={t('reset.column')}>
                    {u.id === me?.id ? (
                      <span className="muted">{t('reset.staffSelf')}</span>
                    ) : (
                      <ResetCodeButton person={u} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
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
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" tabIndex={0} aria-labelledby="aclasses-h">
          <table className="table stack">
            <thead>
              <tr>
                <th scope="col">{t('teacher.className')}</th>
                <th scope="col">{t('profile.grade')}</th>
                <th scope="col">{t('teacher.joinCode')}</th>
                <th scope="col">{t('admin.students')}</th>
              </tr>
            </thead>
            <tbody>
              {classes.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('teacher.className')}>{c.name}</td>
                  <td data-label={t('profile.grade')}>{c.grade_level}</td>
                  <td data-label={t('teacher.joinCode')}>
                    <code>{c.join_code}</code>
                  </td>
                  <td data-label={t('admin.students')}>{c.student_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}

function ProviderForm() {
  const { t } = useTranslation();
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
    <form className="card form" onSubmit={(e) => void save(e)}>
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
      <form className="row" onSubmit={create}>
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
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        <section className="table-scroll" tabIndex={0} aria-labelledby="keys-h">
          <table className="table stack">
            <thead>
              <tr>
                <th scope="col">{t('admin.keyName')}</th>
                <th scope="col">{t('admin.keyCreatedAt')}</th>
                <th scope="col">{t('admin.keyLastUsed')}</th>
                <th scope="col">{t('admin.keyStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td data-label={t('admin.keyName')}>{k.name}</td>
                  <td data-label={t('admin.keyCreatedAt')}>{formatExpiry(k.created_at, i18n.language)}</td>
                  <td data-label={t('admin.keyLastUsed')}>{when(k.last_used_at)}</td>
                  <td data-label={t('admin.keyStatus')}>
                    {k.revoked_at ? (
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
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
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

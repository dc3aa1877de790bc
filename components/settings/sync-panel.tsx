import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_FOLDER, OFF, originPattern, type SyncConnection, type SyncStatus } from '../../lib/sync/sync-config';
import { t } from '../../platform/i18n';
import { syncStatusText } from '../shared/sync-status-text';

export interface SyncServices {
  status(): Promise<SyncStatus>;
  connect(connection: SyncConnection): Promise<SyncStatus>;
  /** Accepts the first connection's preview. */
  confirm(): Promise<SyncStatus>;
  syncNow(allowMassDelete: boolean): Promise<SyncStatus>;
  disconnect(): Promise<SyncStatus>;
  /** Asks the reader to grant the server's origin; must run in the click itself. */
  requestOrigin(pattern: string): Promise<boolean>;
  /** Calls back with each status the background writes; returns the way to stop. */
  watch(callback: (status: SyncStatus) => void): () => void;
}

/** Sync through the reader's WebDAV folder: connect, sync now, disconnect, and where it stands. */
export function SyncPanel({ services }: { services: SyncServices }) {
  const [status, setStatus] = useState<SyncStatus>(OFF);
  const [form, setForm] = useState({ url: '', user: '', password: '', folder: DEFAULT_FOLDER, passphrase: '' });
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void services.status().then(setStatus);
    return services.watch(setStatus);
  }, [services]);
  const field = (name: keyof typeof form) => (event: Event) => {
    const { value } = event.target as HTMLInputElement;
    setForm((current) => ({ ...current, [name]: value }));
  };
  const act = (run: () => Promise<SyncStatus>) => {
    setBusy(true);
    void run()
      .then(setStatus)
      .catch((error: unknown) => setStatus({ ...status, state: 'error', code: 'failed', detail: String(error) }))
      .finally(() => setBusy(false));
  };
  const connect = (event: Event) => {
    event.preventDefault();
    let pattern: string;
    try {
      pattern = originPattern(form.url.trim());
    } catch {
      setStatus({ ...OFF, state: 'error', code: 'sync-folder-missing', detail: form.url });
      return;
    }
    // The permission prompt first, while the click still counts as the reader's.
    const granted = services.requestOrigin(pattern);
    act(async () => {
      if (!(await granted)) return { ...OFF, state: 'error', code: 'sync-no-permission', detail: pattern };
      const status = await services.connect(form);
      // The passphrase has done its work (the key is made); the page keeps no copy once it opened the folder.
      if (status.state !== 'error') setForm((current) => ({ ...current, passphrase: '' }));
      return status;
    });
  };
  const connected = status.server !== null;
  return (
    <section class="sync" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('syncTitle')}</h2>
      <p class="sync-hint">{t('syncHint')}</p>
      {!connected && (
        <form class="sync-form" onSubmit={connect}>
          <label>
            {t('syncUrl')}
            <input name="sync-url" type="url" required placeholder="https://dav.jianguoyun.com/dav/" value={form.url} onInput={field('url')} />
          </label>
          <label>
            {t('syncUser')}
            <input name="sync-user" type="text" required autocomplete="username" value={form.user} onInput={field('user')} />
          </label>
          <label>
            {t('syncPassword')}
            <input name="sync-password" type="password" required autocomplete="current-password" value={form.password} onInput={field('password')} />
          </label>
          <label>
            {t('syncFolder')}
            <input name="sync-folder" type="text" value={form.folder} onInput={field('folder')} />
          </label>
          <label>
            {t('syncPassphrase')}
            <input
              name="sync-passphrase"
              type="password"
              autocomplete="new-password"
              aria-describedby="sync-passphrase-hint"
              value={form.passphrase}
              onInput={field('passphrase')}
            />
          </label>
          <p id="sync-passphrase-hint" class="sync-hint">
            {t('syncPassphraseHint')}
          </p>
          <button type="submit" data-action="sync-connect" disabled={busy}>
            {t('syncConnect')}
          </button>
        </form>
      )}
      {connected && (
        <p class="sync-server">
          {t('syncConnectedTo', status.user ?? '', status.server ?? '')}
        </p>
      )}
      <p
        class="sync-status"
        data-role="sync-status"
        data-state={busy && status.state !== 'error' ? 'syncing' : status.state}
        data-last-sync={status.lastSync ? new Date(status.lastSync).toISOString() : ''}
        role="status"
      >
        {syncStatusText(status)}
      </p>
      {connected && (
        <div class="sync-actions">
          {status.state === 'preview' && (
            <button type="button" data-action="sync-confirm" disabled={busy} onClick={() => act(() => services.confirm())}>
              {t('syncPreviewConfirm')}
            </button>
          )}
          {status.code === 'sync-mass-delete' && (
            <button type="button" data-action="sync-confirm" disabled={busy} onClick={() => act(() => services.syncNow(true))}>
              {t('syncConfirm')}
            </button>
          )}
          {status.state !== 'preview' && (
            <button type="button" data-action="sync-now" disabled={busy} onClick={() => act(() => services.syncNow(false))}>
              {t('syncNow')}
            </button>
          )}
          <button type="button" data-action="sync-disconnect" disabled={busy} onClick={() => act(() => services.disconnect())}>
            {t('syncDisconnect')}
          </button>
        </div>
      )}
    </section>
  );
}

/**
 * Sync in the background, with the browser's parts injected (storage, fetch,
 * the origin permission, the archive): connect, run, disconnect, and the
 * status the pages show. One run at a time; a run asked for while one runs
 * is run once after it.
 */
import type { ArchiveDb } from '../archive/schema';
import { codeOf, detailOf } from '../error-codes';
import { createArchiveSyncStore } from './archive-sync-store';
import type { Writing } from '../archive/write-marker';
import { createPacer } from './request-pacer';
import { folderUrl, newDeviceId, OFF, originPattern, SYNC_KEYS, type SyncConfig, type SyncConnection, type SyncStatus } from './sync-config';
import type { SyncPreview } from './sync-preview';
import { SyncError } from './sync-errors';
import type { KeyStore } from './key-store';
import { EMPTY_MEMO, openFolder, runSync, type SyncMemo, type SyncReport } from './sync-run';
import { previewFolder } from './sync-preview';
import { createDavClient, type FetchLike } from './webdav-client';

export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  set(values: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface SyncControllerDeps {
  archive: () => Promise<ArchiveDb>;
  /** Around each write of the archive: the background's write marker. */
  writing?: Writing;
  /** Around each write that changes articles (a batch applied); by default `writing`. */
  writingArticles?: Writing;
  storage: KeyValue;
  /** The folder's key, when it is encrypted. */
  keys: KeyStore;
  fetch: FetchLike;
  /** Whether the extension holds this origin pattern. */
  hasOrigin: (pattern: string) => Promise<boolean>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => Uint8Array;
  deviceName: string;
  /** After a run that changed the archive. */
  onChanged: (report: SyncReport) => void;
  /** Whenever the status changes. */
  onStatus?: (status: SyncStatus) => void;
}

export { SYNC_KEYS };

export function createSyncController(deps: SyncControllerDeps) {
  const { storage } = deps;
  let running: Promise<SyncStatus> | null = null;
  let again = false;

  const status = async (): Promise<SyncStatus> => ({ ...OFF, ...((await storage.get<SyncStatus>(SYNC_KEYS.status)) ?? {}) });
  async function setStatus(next: SyncStatus): Promise<SyncStatus> {
    await storage.set({ [SYNC_KEYS.status]: next });
    deps.onStatus?.(next);
    return next;
  }

  /** Runs `work` with a client for `config`'s folder, the request budget kept across runs. */
  async function withClient<T>(config: Pick<SyncConfig, 'url' | 'folder' | 'user' | 'password'>, work: (client: ReturnType<typeof createDavClient>) => Promise<T>): Promise<T> {
    const pace = (await storage.get<{ spent: number[]; blockedUntil: number }>(SYNC_KEYS.pace)) ?? { spent: [], blockedUntil: 0 };
    const pacer = createPacer({ now: deps.now, sleep: deps.sleep, ...pace });
    try {
      if (!(await deps.hasOrigin(originPattern(config.url)))) throw new SyncError('sync-no-permission', `${originPattern(config.url)} is not granted`);
      return await work(createDavClient({ base: folderUrl(config), user: config.user, password: config.password, fetch: deps.fetch, pacer, now: deps.now }));
    } finally {
      await storage.set({ [SYNC_KEYS.pace]: pacer.state() });
    }
  }

  const failed = (error: unknown) => ({
    state: 'error' as const,
    code: codeOf(error),
    detail: detailOf(error),
    retryAt: error instanceof SyncError ? error.retryAt : null,
  });

  async function runOnce(allowMassDelete: boolean): Promise<SyncStatus> {
    const config = await storage.get<SyncConfig>(SYNC_KEYS.config);
    if (!config) return setStatus(OFF);
    const before = await status();
    // Waiting for the reader to accept the first connection's merge: nothing runs until then.
    // (A connection kept from before there were previews has no such flag, and runs.)
    if (config.confirmed === false) return before;
    const shown = { server: folderUrl(config), user: config.user, encrypted: config.encrypted };
    await setStatus({ ...before, ...shown, state: 'syncing' });
    try {
      const key = config.encrypted ? await deps.keys.load() : null;
      if (config.encrypted && !key) throw new SyncError('sync-passphrase-needed', 'the folder key is gone from this browser');
      return await withClient(config, async (client) => {
        const store = createArchiveSyncStore(await deps.archive(), config.device, deps.writing, deps.writingArticles);
        const memo: SyncMemo = { ...EMPTY_MEMO, ...((await storage.get<SyncMemo>(SYNC_KEYS.memo)) ?? {}) };
        const report = await runSync({
          client,
          store,
          memo,
          saveMemo: (next) => storage.set({ [SYNC_KEYS.memo]: next }),
          deviceName: config.deviceName,
          now: deps.now,
          allowMassDelete,
          key,
        });
        if (report.changed.length || report.corrections) deps.onChanged(report);
        const { changed: _changed, ...last } = report;
        return await setStatus({ ...OFF, ...shown, state: 'ok', lastSync: deps.now(), last });
      });
    } catch (error) {
      return await setStatus({ ...before, ...shown, preview: null, ...failed(error) });
    }
  }

  return {
    status,

    /** Runs now (or right after the run in progress). */
    syncNow({ allowMassDelete = false }: { allowMassDelete?: boolean } = {}): Promise<SyncStatus> {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        let result: SyncStatus;
        do {
          again = false;
          result = await runOnce(allowMassDelete);
        } while (again);
        return result;
      })().finally(() => {
        running = null;
      });
      return running;
    },

    /**
     * Connects to a folder: opens it (or makes it) with the passphrase, if
     * any, and stops there, keeping nothing, when the passphrase does not
     * open it. Then a new device on the server, and sync's records started
     * afresh, so the first run merges this archive with the folder's (never
     * replaces either). A folder that already holds articles waits for the
     * reader to accept what the merge will do (confirm()); an empty one
     * syncs at once. The archive itself is not touched until then.
     */
    async connect(connection: SyncConnection): Promise<SyncStatus> {
      await running?.catch(() => {});
      const { passphrase, ...settings } = connection;
      const shown = { server: folderUrl(settings), user: settings.user, encrypted: passphrase !== '' };
      await setStatus({ ...OFF, ...shown, state: 'syncing' });
      let opened: { key: CryptoKey | null; preview: SyncPreview };
      try {
        const db = await deps.archive();
        opened = await withClient(settings, async (client) => {
          const key = await openFolder(client, { passphrase: passphrase || null, key: null });
          return { key, preview: await previewFolder(client, key, await db.getAllKeys('articles')) };
        });
      } catch (error) {
        // Nothing kept: the form stays, with the reason.
        await storage.remove([SYNC_KEYS.config, SYNC_KEYS.memo]);
        return setStatus({ ...OFF, ...failed(error) });
      }
      const store = createArchiveSyncStore(await deps.archive(), 'reset', deps.writing);
      await store.reset();
      await deps.keys.save(opened.key);
      const confirmed = opened.preview.remote === 0;
      const config: SyncConfig = { ...settings, device: newDeviceId(deps.random()), deviceName: deps.deviceName, encrypted: opened.key !== null, confirmed };
      await storage.remove([SYNC_KEYS.memo, SYNC_KEYS.status]);
      await storage.set({ [SYNC_KEYS.config]: config });
      if (!confirmed) return setStatus({ ...OFF, ...shown, state: 'preview', preview: opened.preview });
      return this.syncNow();
    },

    /** The reader accepted the first connection's preview: merge now. */
    async confirm(): Promise<SyncStatus> {
      const config = await storage.get<SyncConfig>(SYNC_KEYS.config);
      if (!config) return setStatus(OFF);
      if (config.confirmed === false) await storage.set({ [SYNC_KEYS.config]: { ...config, confirmed: true } });
      return this.syncNow();
    },

    /** Stops syncing and forgets the server and password; the archive stays as it is. */
    async disconnect(): Promise<SyncStatus> {
      await running?.catch(() => {});
      await storage.remove([SYNC_KEYS.config, SYNC_KEYS.memo, SYNC_KEYS.status]);
      await createArchiveSyncStore(await deps.archive(), 'reset', deps.writing).reset();
      await deps.keys.save(null);
      return setStatus(OFF);
    },

    /** Connected, and past the first connection's preview: the runs the alarms start may go. */
    async connected(): Promise<boolean> {
      const config = await storage.get<SyncConfig>(SYNC_KEYS.config);
      return config !== undefined && config.confirmed !== false;
    },
  };
}

export type SyncController = ReturnType<typeof createSyncController>;

/**
 * Sync in the background, with the browser's parts injected (storage, fetch,
 * the origin permission, the archive): connect, run, disconnect, and the
 * status the pages show. One run at a time; a run asked for while one runs
 * is run once after it.
 */
import type { ArchiveDb } from '../archive/schema';
import { codeOf, detailOf } from '../error-codes';
import { createArchiveSyncStore, type Writing } from './archive-sync-store';
import { createPacer } from './request-pacer';
import { folderUrl, newDeviceId, OFF, originPattern, type SyncConfig, type SyncConnection, type SyncStatus } from './sync-config';
import { SyncError } from './sync-errors';
import { EMPTY_MEMO, runSync, type SyncMemo, type SyncReport } from './sync-run';
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
  storage: KeyValue;
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

export const SYNC_KEYS = { config: 'syncConfig', memo: 'syncMemo', status: 'syncStatus', pace: 'syncPace' } as const;

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

  async function runOnce(allowMassDelete: boolean): Promise<SyncStatus> {
    const config = await storage.get<SyncConfig>(SYNC_KEYS.config);
    if (!config) return setStatus(OFF);
    const before = await status();
    const shown = { server: folderUrl(config), user: config.user };
    await setStatus({ ...before, ...shown, state: 'syncing' });
    const pace = (await storage.get<{ spent: number[]; blockedUntil: number }>(SYNC_KEYS.pace)) ?? { spent: [], blockedUntil: 0 };
    const pacer = createPacer({ now: deps.now, sleep: deps.sleep, ...pace });
    try {
      if (!(await deps.hasOrigin(originPattern(config.url)))) throw new SyncError('sync-no-permission', `${originPattern(config.url)} is not granted`);
      const client = createDavClient({ base: folderUrl(config), user: config.user, password: config.password, fetch: deps.fetch, pacer, now: deps.now });
      const store = createArchiveSyncStore(await deps.archive(), config.device, deps.writing);
      const memo: SyncMemo = { ...EMPTY_MEMO, ...((await storage.get<SyncMemo>(SYNC_KEYS.memo)) ?? {}) };
      const report = await runSync({
        client,
        store,
        memo,
        saveMemo: (next) => storage.set({ [SYNC_KEYS.memo]: next }),
        deviceName: config.deviceName,
        now: deps.now,
        allowMassDelete,
      });
      if (report.changed.length || report.corrections) deps.onChanged(report);
      const { changed: _changed, ...last } = report;
      return await setStatus({ ...OFF, ...shown, state: 'ok', lastSync: deps.now(), last });
    } catch (error) {
      return await setStatus({
        ...before,
        ...shown,
        state: 'error',
        code: codeOf(error),
        detail: detailOf(error),
        retryAt: error instanceof SyncError ? error.retryAt : null,
      });
    } finally {
      await storage.set({ [SYNC_KEYS.pace]: pacer.state() });
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
     * Connects to a folder: a new device on the server, and sync's records
     * started afresh, so the first run merges this archive with the folder's
     * (never replaces either). The archive itself is not touched.
     */
    async connect(connection: SyncConnection): Promise<SyncStatus> {
      await running?.catch(() => {});
      const store = createArchiveSyncStore(await deps.archive(), 'reset', deps.writing);
      await store.reset();
      const config: SyncConfig = { ...connection, device: newDeviceId(deps.random()), deviceName: deps.deviceName };
      await storage.remove([SYNC_KEYS.memo, SYNC_KEYS.status]);
      await storage.set({ [SYNC_KEYS.config]: config });
      return this.syncNow();
    },

    /** Stops syncing and forgets the server and password; the archive stays as it is. */
    async disconnect(): Promise<SyncStatus> {
      await running?.catch(() => {});
      await storage.remove([SYNC_KEYS.config, SYNC_KEYS.memo, SYNC_KEYS.status]);
      await createArchiveSyncStore(await deps.archive(), 'reset', deps.writing).reset();
      return setStatus(OFF);
    },

    async connected(): Promise<boolean> {
      return (await storage.get(SYNC_KEYS.config)) !== undefined;
    },
  };
}

export type SyncController = ReturnType<typeof createSyncController>;

import { browser } from 'wxt/browser';
import type { ArchiveEvents } from '../../lib/archive/archive-events';
import type { ArchiveDb } from '../../lib/archive/schema';
import type { Writing, WriteMarker } from '../../lib/archive/write-marker';
import type { Handlers } from '../../lib/protocol';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { archiveKeyStore } from '../../lib/sync/key-store';
import { createSyncController, type KeyValue } from '../../lib/sync/sync-controller';
import { receive } from '../../platform/messaging';

export const SYNC_MESSAGES = ['bg:sync-connect', 'bg:sync-confirm', 'bg:sync-now', 'bg:sync-status', 'bg:sync-disconnect'] as const;
type SyncMessage = (typeof SYNC_MESSAGES)[number];

const ALARM = { every: 'sync', soon: 'sync-soon' } as const;
/** Minutes between syncs, and after a change before one. */
const PERIOD = 15;
const AFTER_CHANGE = 0.5;

const storage: KeyValue = {
  async get<T>(key: string) {
    return (await browser.storage.local.get(key))[key] as T | undefined;
  },
  set: (values) => browser.storage.local.set(values),
  remove: (keys) => browser.storage.local.remove(keys),
};

const deviceName = () => (/Firefox\//.test(navigator.userAgent) ? 'Firefox' : 'Chromium');

/**
 * Sync through the reader's WebDAV folder, when they turned it on: every 15
 * minutes, half a minute after a change, at browser start, and when asked.
 */
export function setupSync(archive: () => Promise<ArchiveDb>, events: ArchiveEvents, marker: WriteMarker, writingArticles: Writing = marker.during): void {
  let applying = false;
  const sync = createSyncController({
    archive,
    writing: marker.during,
    writingArticles,
    storage,
    keys: archiveKeyStore(archive),
    fetch: (url, init) => fetch(url, init),
    hasOrigin: (pattern) => browser.permissions.contains({ origins: [pattern] }),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => crypto.getRandomValues(new Uint8Array(8)),
    deviceName: deviceName(),
    onChanged(report) {
      // The indexer and tabs hear of what arrived; this sync does not schedule another for it.
      applying = true;
      try {
        if (report.changed.length) events.emit({ type: 'articles-imported', count: report.changed.length });
        if (report.corrections) events.emit({ type: 'corrections-changed', by: 'sync' });
      } finally {
        applying = false;
      }
    },
  });
  const schedule = async () => {
    if (await sync.connected()) await browser.alarms.create(ALARM.every, { periodInMinutes: PERIOD });
    else await browser.alarms.clear(ALARM.every);
  };
  const handlers: Handlers<SyncMessage> = {
    async 'bg:sync-connect'(connection) {
      const status = await sync.connect(connection);
      await schedule();
      return status;
    },
    async 'bg:sync-confirm'() {
      const status = await sync.confirm();
      await schedule();
      return status;
    },
    'bg:sync-now': ({ allowMassDelete }) => sync.syncNow({ allowMassDelete }),
    'bg:sync-status': () => sync.status(),
    async 'bg:sync-disconnect'() {
      const status = await sync.disconnect();
      await schedule();
      return status;
    },
  };
  receive(BACKGROUND_RULES, handlers);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM.every || alarm.name === ALARM.soon) void sync.syncNow();
  });
  events.subscribe((event) => {
    const local = event.type === 'article-changed' || event.type === 'articles-imported' || (event.type === 'corrections-changed' && event.by === 'reader');
    if (applying || !local) return;
    void sync.connected().then(async (on) => {
      if (on) await browser.alarms.create(ALARM.soon, { delayInMinutes: AFTER_CHANGE });
    });
  });
  browser.runtime.onStartup.addListener(() => {
    void sync.connected().then(async (on) => {
      if (on) await sync.syncNow();
    });
  });
  void schedule().catch((error: unknown) => console.warn('[EM Lens] could not schedule sync', error));
}

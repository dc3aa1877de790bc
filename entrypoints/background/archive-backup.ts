import { browser, type Browser } from 'wxt/browser';
import type { ArchiveDb } from '../../lib/archive/schema';
import { backupBlob, nextTask, WRITER_PORT, type WriterReply } from '../../lib/backup/backup-file';
import { afterBackup, BACKUP_LOG_KEY, backupDue, backupFileName, backupsOn, readLog, type BackupLog } from '../../lib/backup/backup-plan';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { SYNC_KEYS } from '../../lib/sync/sync-config';
import { receive } from '../../platform/messaging';
import { settings } from '../../platform/settings';

/** The messages this module answers. */
export const BACKUP_MESSAGES = ['bg:backup-now'] as const;

const ALARM = 'backup';
/** How often the background looks whether a backup is due; the interval itself is the reader's. */
const LOOK_EVERY_MINUTES = 60;

const readBackupLog = async () => readLog((await browser.storage.local.get(BACKUP_LOG_KEY))[BACKUP_LOG_KEY]);

/** A blob: address of the backup file, and how to let it go once downloaded. */
interface Written {
  url: string;
  bytes: number;
  articles: number;
  release: () => Promise<void>;
}

/** Firefox's background is a page, which can make the address itself. */
async function writeHere(archive: () => Promise<ArchiveDb>, at: Date): Promise<Written> {
  const { blob, articles } = await backupBlob(await archive(), at, nextTask);
  const url = URL.createObjectURL(blob);
  return { url, bytes: blob.size, articles, release: async () => URL.revokeObjectURL(url) };
}

/** Chrome's worker cannot: an offscreen document writes it (entrypoints/backup-writer). */
async function writeOffscreen(at: Date): Promise<Written> {
  const offscreen = browser.offscreen;
  // One left by a background that stopped mid-backup would refuse a second.
  if (await offscreen.hasDocument()) await offscreen.closeDocument();
  const reply = new Promise<WriterReply>((resolve) => {
    const connected = (port: Browser.runtime.Port) => {
      if (port.name !== WRITER_PORT) return;
      browser.runtime.onConnect.removeListener(connected);
      port.onMessage.addListener((message) => resolve(message as WriterReply));
      port.onDisconnect.addListener(() => resolve({ ok: false, message: 'the backup writer stopped' }));
    };
    browser.runtime.onConnect.addListener(connected);
  });
  await offscreen.createDocument({
    url: `backup-writer.html?at=${at.getTime()}`,
    reasons: [browser.offscreen.Reason.BLOBS],
    justification: 'Writes the rolling backup file for the downloads API.',
  });
  const written = await reply;
  if (!written.ok) {
    await offscreen.closeDocument().catch(() => {});
    throw new Error(written.message);
  }
  return { url: written.url, bytes: written.bytes, articles: written.articles, release: () => offscreen.closeDocument() };
}

/** Resolves when the download is on disk; rejects with the browser's reason when it is interrupted. */
function downloaded(id: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (state: string | undefined, error: string | undefined) => {
      if (state !== 'complete' && state !== 'interrupted') return;
      browser.downloads.onChanged.removeListener(changed);
      if (state === 'complete') resolve();
      else reject(new Error(`the download was interrupted (${error ?? 'no reason given'})`));
    };
    const changed = (delta: Browser.downloads.DownloadDelta) => {
      if (delta.id === id) settle(delta.state?.current, delta.error?.current);
    };
    browser.downloads.onChanged.addListener(changed);
    // It may have finished before the listener was there.
    void browser.downloads.search({ id }).then(([item]) => settle(item?.state, item?.error));
  });
}

/**
 * Rolling backups to the Downloads folder: the lossless JSON export, on the
 * reader's interval (weekly unless they chose otherwise), keeping the last N
 * files; on unless sync is on. Restoring is the archive page's import.
 */
export function setupBackup(archive: () => Promise<ArchiveDb>): void {
  let running: Promise<BackupLog> | null = null;

  const backUp = async (): Promise<BackupLog> => {
    const at = new Date();
    const name = backupFileName(at);
    const before = await readBackupLog();
    try {
      const written = typeof URL.createObjectURL === 'function' ? await writeHere(archive, at) : await writeOffscreen(at);
      let downloadId: number;
      try {
        downloadId = await browser.downloads.download({ url: written.url, filename: name, conflictAction: 'overwrite', saveAs: false });
        await downloaded(downloadId);
      } finally {
        await written.release();
      }
      const next = afterBackup(before, { downloadId, name, at: at.getTime(), bytes: written.bytes, articles: written.articles }, await settings.backupKeep.getValue());
      // The same day's earlier file was overwritten: only its history entry goes.
      for (const entry of next.erase) await browser.downloads.erase({ id: entry.downloadId });
      for (const entry of next.remove) {
        // Only files this extension wrote, by their download id; one the reader moved or deleted is simply gone.
        await browser.downloads.removeFile(entry.downloadId).catch(() => {});
        await browser.downloads.erase({ id: entry.downloadId });
      }
      await browser.storage.local.set({ [BACKUP_LOG_KEY]: next.log });
      return next.log;
    } catch (error) {
      const log: BackupLog = { ...before, lastError: { at: at.getTime(), message: error instanceof Error ? error.message : String(error) } };
      await browser.storage.local.set({ [BACKUP_LOG_KEY]: log });
      throw error;
    }
  };
  const once = () => {
    running ??= backUp().finally(() => {
      running = null;
    });
    return running;
  };

  const whenDue = async () => {
    const syncOn = (await browser.storage.local.get(SYNC_KEYS.config))[SYNC_KEYS.config] !== undefined;
    const chosen = await settings.backupOn.getValue();
    if (!backupsOn(typeof chosen === 'boolean' ? chosen : null, syncOn)) return;
    if (backupDue(Date.now(), await readBackupLog(), await settings.backupEveryDays.getValue())) await once();
  };
  const lookLater = () => whenDue().catch((error: unknown) => console.warn('[EM Lens] the backup failed', error));

  receive<(typeof BACKUP_MESSAGES)[number]>(BACKGROUND_RULES, { 'bg:backup-now': () => once() });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void lookLater();
  });
  void browser.alarms.get(ALARM).then(async (alarm) => {
    if (!alarm) await browser.alarms.create(ALARM, { delayInMinutes: 1, periodInMinutes: LOOK_EVERY_MINUTES });
  });
}

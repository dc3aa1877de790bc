/**
 * Rolling backups: when one is due, what its file is called, and which of the
 * files made earlier go once there are more than the reader keeps. Pure; the
 * background (entrypoints/background/archive-backup.ts) does the writing.
 */
import { formatBeijingMoment } from '../beijing-time';

/** One backup file this extension wrote to the Downloads folder. */
export interface BackupEntry {
  /** The browser's download id, by which the file is removed again. */
  downloadId: number;
  name: string;
  at: number;
  bytes: number;
  articles: number;
}

/** storage.local under BACKUP_LOG_KEY: what was written, newest first, and the last failure. */
export interface BackupLog {
  backups: BackupEntry[];
  lastError: { at: number; message: string } | null;
}

export const BACKUP_LOG_KEY = 'backupLog';
export const EMPTY_LOG: BackupLog = { backups: [], lastError: null };

export const BACKUP_INTERVALS = [1, 7, 30] as const;
export const KEEP_LIMITS = { min: 1, max: 30 } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Every backup's file name is this, so the reader (and a restore) can find them; one a day at most. */
export const BACKUP_NAME = /^em-lens-backup-\d{4}-\d{2}-\d{2}\.json$/;

/** em-lens-backup-YYYY-MM-DD.json, by Beijing's calendar, as every time EM Lens shows. */
export function backupFileName(at: Date): string {
  return `em-lens-backup-${formatBeijingMoment(at.getTime()).slice(0, 10)}.json`;
}

/** On unless the reader said otherwise; with sync on, off unless they turned it on. */
export function backupsOn(chosen: boolean | null, syncOn: boolean): boolean {
  return chosen ?? !syncOn;
}

/** The interval in days the reader chose, or weekly for anything else. */
export function intervalDays(chosen: number): number {
  return (BACKUP_INTERVALS as readonly number[]).includes(chosen) ? chosen : 7;
}

/** How many files to keep: a whole number within KEEP_LIMITS, else 5. */
export function keepCount(chosen: number): number {
  return Number.isInteger(chosen) && chosen >= KEEP_LIMITS.min && chosen <= KEEP_LIMITS.max ? chosen : 5;
}

/** Whether a backup is due: never made, or the last one an interval ago (or from a clock set back). */
export function backupDue(now: number, log: BackupLog, days: number): boolean {
  const last = log.backups[0];
  if (!last) return true;
  return now - last.at >= intervalDays(days) * DAY_MS || last.at > now;
}

/**
 * The log after a new backup: the new one first; an older one of the same name
 * was overwritten by it (its history entry goes, its file is the new one), and
 * beyond `keep` the oldest files are removed.
 */
export function afterBackup(log: BackupLog, made: BackupEntry, keep: number): { log: BackupLog; erase: BackupEntry[]; remove: BackupEntry[] } {
  const erase = log.backups.filter((entry) => entry.name === made.name);
  const others = log.backups.filter((entry) => entry.name !== made.name).sort((a, b) => b.at - a.at);
  const kept = others.slice(0, keepCount(keep) - 1);
  return { log: { backups: [made, ...kept], lastError: null }, erase, remove: others.slice(kept.length) };
}

/** What is stored, made safe to read: entries of the right shape only. */
export function readLog(stored: unknown): BackupLog {
  if (typeof stored !== 'object' || stored === null) return EMPTY_LOG;
  const { backups, lastError } = stored as Partial<BackupLog>;
  const entries = Array.isArray(backups)
    ? backups.filter(
        (entry): entry is BackupEntry =>
          typeof entry === 'object' && entry !== null && Number.isInteger(entry.downloadId) && typeof entry.name === 'string' &&
          typeof entry.at === 'number' && typeof entry.bytes === 'number' && typeof entry.articles === 'number',
      )
    : [];
  const error = lastError && typeof lastError.at === 'number' && typeof lastError.message === 'string' ? lastError : null;
  return { backups: entries, lastError: error };
}

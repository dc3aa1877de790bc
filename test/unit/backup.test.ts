import { describe, expect, it } from 'vitest';
import { annotateArticle, saveArticle } from '../../lib/archive/articles';
import { openArchive } from '../../lib/archive/db';
import { importArticles } from '../../lib/archive/import-articles';
import { collectArticles } from '../../lib/archive/export-articles';
import { backupBlob, BACKUP_CHUNK } from '../../lib/backup/backup-file';
import {
  afterBackup,
  BACKUP_NAME,
  backupDue,
  backupFileName,
  backupsOn,
  EMPTY_LOG,
  intervalDays,
  keepCount,
  readLog,
  type BackupEntry,
} from '../../lib/backup/backup-plan';
import { parseArchiveJson } from '../../lib/transfer/archive-json';
import { exportFile } from '../../lib/transfer/export-file';
import { fakeRecord } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-12-04T09:30:00+08:00');
const entry = (downloadId: number, at: number, name = backupFileName(new Date(at))): BackupEntry => ({ downloadId, name, at, bytes: 100, articles: 1 });

describe('the backup plan', () => {
  it('names each file by its day in Beijing, under one pattern', () => {
    expect(backupFileName(new Date('2026-01-09T23:59:00+08:00'))).toBe('em-lens-backup-2026-01-09.json');
    expect(backupFileName(new Date('2026-01-09T16:00:00Z'))).toBe('em-lens-backup-2026-01-10.json');
    expect(backupFileName(new Date(T0))).toMatch(BACKUP_NAME);
    expect('em-lens-2026.json').not.toMatch(BACKUP_NAME);
  });

  it('is on by default, off by default with sync on, and the reader’s choice either way', () => {
    expect(backupsOn(null, false)).toBe(true);
    expect(backupsOn(null, true)).toBe(false);
    expect(backupsOn(true, true)).toBe(true);
    expect(backupsOn(false, false)).toBe(false);
  });

  it('takes weekly and 5 files for anything it does not offer', () => {
    expect(intervalDays(1)).toBe(1);
    expect(intervalDays(30)).toBe(30);
    expect(intervalDays(3)).toBe(7);
    expect(keepCount(12)).toBe(12);
    expect(keepCount(0)).toBe(5);
    expect(keepCount(2.5)).toBe(5);
    expect(keepCount(31)).toBe(5);
  });

  it('is due when none was made, an interval after the last one, or when the clock went back', () => {
    expect(backupDue(T0, EMPTY_LOG, 7)).toBe(true);
    const log = { backups: [entry(1, T0)], lastError: null };
    expect(backupDue(T0 + 7 * DAY - 1, log, 7)).toBe(false);
    expect(backupDue(T0 + 7 * DAY, log, 7)).toBe(true);
    expect(backupDue(T0 + DAY, log, 1)).toBe(true);
    expect(backupDue(T0 - DAY, log, 7)).toBe(true);
  });

  it('keeps the newest N files and removes the older ones it made', () => {
    const old = [4, 3, 2, 1, 0].map((days, i) => entry(10 + i, T0 - (days + 1) * 7 * DAY));
    const made = entry(99, T0);
    const { log, remove, erase } = afterBackup({ backups: old, lastError: { at: 1, message: 'full' } }, made, 3);
    expect(log.backups.map((b) => b.downloadId)).toEqual([99, 14, 13]);
    expect(log.lastError).toBeNull();
    expect(remove.map((b) => b.downloadId).sort()).toEqual([10, 11, 12]);
    expect(erase).toEqual([]);
  });

  it('a second backup on the same day replaces the first: its history entry goes, its file is not removed', () => {
    const morning = entry(1, T0 - 60_000);
    const lastWeek = entry(2, T0 - 7 * DAY);
    const { log, remove, erase } = afterBackup({ backups: [morning, lastWeek], lastError: null }, entry(3, T0), 5);
    expect(log.backups.map((b) => b.downloadId)).toEqual([3, 2]);
    expect(erase.map((b) => b.downloadId)).toEqual([1]);
    expect(remove).toEqual([]);
  });

  it('reads a stored log defensively', () => {
    expect(readLog(undefined)).toEqual(EMPTY_LOG);
    expect(readLog({ backups: [entry(1, T0), { downloadId: 'x' }], lastError: 'no' })).toEqual({ backups: [entry(1, T0)], lastError: null });
  });
});

let n = 0;
const fresh = () => openArchive(`backup-${(n += 1)}`);

describe('the backup file', () => {
  it('is the JSON export of the whole archive, written in chunks with a pause before each', async () => {
    const db = await fresh();
    const count = BACKUP_CHUNK * 2 + 7;
    for (let i = 0; i < count; i += 1) await saveArticle(db, fakeRecord(`2026000000000${String(i).padStart(5, "0")}`, { bodyText: `正文 ${i}\n第二行 "引号"` }), T0 + (i % 50) * 1000);
    await annotateArticle(db, '202600000000000003', { tags: ['银行'], note: '多行\n笔记' }, T0 + 60_000);
    const exportedAt = new Date(T0);
    let pauses = 0;
    const { blob, articles } = await backupBlob(db, exportedAt, async () => {
      pauses += 1;
    });
    expect(articles).toBe(count);
    expect(pauses).toBe(3);
    const text = await blob.text();
    const exported = await exportFile(db, 'json', {});
    // exportFile stamps its own time; the rest is the same text.
    const expected = (await exported.data.text()).replace(/"exportedAt": "[^"]+"/, `"exportedAt": "${exportedAt.toISOString()}"`);
    expect(text).toBe(expected);
  });

  it('restores through the import: an empty archive gets every article back', async () => {
    const db = await fresh();
    for (let i = 0; i < 30; i += 1) await saveArticle(db, fakeRecord(`2026000000001${String(i).padStart(5, "0")}`), T0 + i);
    await annotateArticle(db, '202600000000100005', { tags: ['券商'], note: '看好' }, T0 + 1000);
    const { blob } = await backupBlob(db, new Date(T0), async () => {});
    const parsed = parseArchiveJson(await blob.text());
    if (!parsed.ok) throw new Error(parsed.problem);
    const restored = await fresh();
    await importArticles(restored, parsed.articles);
    expect(await collectArticles(restored)).toEqual(await collectArticles(db));
  });

  it('of an empty archive is an export of no articles', async () => {
    const { blob, articles } = await backupBlob(await fresh(), new Date(T0), async () => {});
    expect(articles).toBe(0);
    const parsed = parseArchiveJson(await blob.text());
    expect(parsed.ok && parsed.articles).toEqual([]);
  });
});

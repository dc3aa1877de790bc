import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../lib/storage/format-bytes';
import { expectedImportBytes, freeBytes, RESERVE_BYTES, roomFor, storageFacts } from '../../lib/storage/storage-room';

const MB = 1024 * 1024;

describe('room for a write', () => {
  it('lets a write through that leaves the reserve free', () => {
    expect(roomFor({ usage: 100 * MB, quota: 1000 * MB }, 500 * MB)).toEqual({ fits: true, free: 900 * MB });
  });

  it('stops a write that would eat into the reserve, saying what it needs and what is free', () => {
    const room = roomFor({ usage: 900 * MB, quota: 1000 * MB }, 50 * MB);
    expect(room).toEqual({ fits: false, needed: 50 * MB + RESERVE_BYTES, free: 100 * MB });
  });

  it('stops even a small save when the disk is already full', () => {
    expect(roomFor({ usage: 1000 * MB, quota: 1000 * MB }, 30_000).fits).toBe(false);
    // More used than the quota (the browser counts late): nothing is free, not less than nothing.
    expect(roomFor({ usage: 1200 * MB, quota: 1000 * MB }, 1)).toMatchObject({ fits: false, free: 0 });
  });

  it('lets the write through when the browser gives no estimate (the transaction still undoes a full disk)', () => {
    expect(roomFor(null, 10 * MB)).toEqual({ fits: true, free: null });
    expect(roomFor({}, 10 * MB)).toEqual({ fits: true, free: null });
    expect(roomFor({ usage: 5, quota: Number.NaN }, 10 * MB)).toEqual({ fits: true, free: null });
  });

  it('counts an unknown usage as nothing used', () => {
    expect(freeBytes({ quota: 10 * MB })).toBe(10 * MB);
  });

  it('expects an import to take a little more than its JSON, with its search index', () => {
    expect(expectedImportBytes(100 * MB)).toBeGreaterThan(100 * MB);
    expect(expectedImportBytes(100 * MB)).toBeLessThan(150 * MB);
    expect(expectedImportBytes(-1)).toBe(0);
  });
});

describe('what the settings page shows of storage', () => {
  it('takes the archive’s own IndexedDB usage where the browser gives it, and warns when little is free', () => {
    expect(storageFacts({ usage: 300 * MB, quota: 10_000 * MB, usageDetails: { indexedDB: 250 * MB } })).toEqual({
      archiveBytes: 250 * MB,
      free: 9_700 * MB,
      low: false,
    });
    expect(storageFacts({ usage: 300 * MB, quota: 400 * MB }).low).toBe(true);
    expect(storageFacts(null)).toEqual({ archiveBytes: null, free: null, low: false });
  });

  it('words sizes in binary units, three figures at most', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512 * 1024)).toBe('512 KB');
    expect(formatBytes(38.2 * MB)).toBe('38.2 MB');
    expect(formatBytes(1.46 * 1024 * MB)).toBe('1.46 GB');
    expect(formatBytes(Number.NaN)).toBe('?');
  });
});

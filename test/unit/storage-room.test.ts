import { describe, expect, it } from 'vitest';
import { expectedImportBytes, freeBytes, RESERVE_BYTES, roomFor } from '../../lib/storage/storage-room';

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

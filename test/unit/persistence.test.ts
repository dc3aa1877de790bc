import { describe, expect, it } from 'vitest';
import { askPersistence, keepingOf, readEstimate, readPersistence } from '../../lib/storage/persistence';

describe('persistent storage', () => {
  it('asks once when the storage is best-effort, and reports what the browser granted', async () => {
    let asked = 0;
    let granted = false;
    const storage = {
      persisted: async () => granted,
      persist: async () => {
        asked += 1;
        granted = true;
        return true;
      },
    };
    expect(await askPersistence(storage)).toBe('persisted');
    expect(await askPersistence(storage)).toBe('persisted');
    expect(asked).toBe(1);
  });

  it('reports best-effort when the browser refuses', async () => {
    expect(await askPersistence({ persisted: async () => false, persist: async () => false })).toBe('best-effort');
  });

  it('cannot ask in a worker (no persist) but still says what holds', async () => {
    expect(await askPersistence({ persisted: async () => false })).toBe('best-effort');
    expect(await askPersistence({ persisted: async () => true })).toBe('persisted');
  });

  it('says unknown where there is no storage manager or it fails', async () => {
    expect(await readPersistence(undefined)).toBe('unknown');
    expect(await readPersistence({ persisted: () => Promise.reject(new Error('denied')) })).toBe('unknown');
    expect(await readEstimate(undefined)).toBeNull();
    expect(await readEstimate({ estimate: () => Promise.reject(new Error('denied')) })).toBeNull();
    expect(await readEstimate({ estimate: async () => ({ usage: 1, quota: 2 }) })).toEqual({ usage: 1, quota: 2 });
  });

  it('counts unlimited storage as kept where the browser does not report it persistent (Chrome)', () => {
    expect(keepingOf('best-effort', true)).toBe('unlimited');
    expect(keepingOf('persisted', true)).toBe('persisted');
    expect(keepingOf('best-effort', false)).toBe('best-effort');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../lib/archive/db';
import { storeChunks, storeKeys } from '../../lib/archive/store-chunks';

let n = 0;
const fresh = () => openArchive(`store-chunks-${(n += 1)}`);

async function metaWith(count: number) {
  const db = await fresh();
  const tx = db.transaction('meta', 'readwrite');
  await Promise.all([...Array.from({ length: count }, (_, i) => tx.store.put({ i }, `k:${String(i).padStart(4, '0')}`)), tx.store.put('other', 'z'), tx.done]);
  return db;
}

async function readAll(db: Awaited<ReturnType<typeof fresh>>, options: Parameters<typeof storeChunks>[2]) {
  const sizes: number[] = [];
  const keys: IDBValidKey[] = [];
  const values: unknown[] = [];
  for await (const chunk of storeChunks(db, 'meta', options)) {
    sizes.push(chunk.keys.length);
    keys.push(...chunk.keys);
    values.push(...chunk.values);
  }
  return { sizes, keys, values };
}

const withoutRecords = () => {
  const proto = IDBObjectStore.prototype as unknown as { getAllRecords?: unknown };
  const kept = proto.getAllRecords;
  delete proto.getAllRecords;
  return () => {
    if (kept) proto.getAllRecords = kept;
  };
};

describe('reading a store in chunks', () => {
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });

  for (const path of ['getAllRecords', 'getAllKeys and getAll'] as const) {
    it(`gives every record once, in key order, across chunk ends (${path})`, async () => {
      if (path !== 'getAllRecords') restore = withoutRecords();
      // The path under test is the one the store offers.
      expect(typeof (IDBObjectStore.prototype as unknown as { getAllRecords?: unknown }).getAllRecords).toBe(path === 'getAllRecords' ? 'function' : 'undefined');
      const db = await metaWith(1234);
      const { sizes, keys, values } = await readAll(db, { count: 500, range: { lower: 'k:', upper: 'k:\uffff' } });
      expect(sizes).toEqual([500, 500, 234]);
      expect(keys).toEqual(Array.from({ length: 1234 }, (_, i) => `k:${String(i).padStart(4, '0')}`));
      expect(values.map((value) => (value as { i: number }).i)).toEqual(Array.from({ length: 1234 }, (_, i) => i));
      // A whole store: the key outside the range too; a chunk that ends the store exactly, then nothing more.
      expect((await readAll(db, { count: 1235 })).sizes).toEqual([1235]);
      db.close();
    });
  }

  it('gives nothing for an empty store, and stops cleanly when the reader stops early', async () => {
    const db = await fresh();
    expect((await readAll(db, {})).sizes).toEqual([]);
    const filled = await metaWith(30);
    for await (const chunk of storeChunks(filled, 'meta', { count: 10 })) {
      expect(chunk.keys).toHaveLength(10);
      break;
    }
    db.close();
    filled.close();
  });

  it('reads every key in order, a chunk per transaction, whether or not the last chunk is full', async () => {
    const db = await metaWith(1234);
    const all = await db.getAllKeys('meta');
    expect(await storeKeys(db, 'meta', 100)).toEqual(all);
    expect(await storeKeys(db, 'meta', 1235)).toEqual(all);
    expect(await storeKeys(db, 'meta', 617)).toEqual(all);
    expect(await storeKeys(await fresh(), 'meta', 10)).toEqual([]);
    db.close();
  });
});

// An index's keys read with the platform's cursor: what sync compares on
// every run (when each article changed, when sync last took it in).
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { indexKeys } from '../../lib/archive/index-keys';

let dbNo = 0;

async function storeOf(rows: Array<{ id: string; at?: unknown }>) {
  const db = await openDB(`index-keys-${++dbNo}`, 1, {
    upgrade(upgrade) {
      upgrade.createObjectStore('rows', { keyPath: 'id' }).createIndex('by-at', 'at');
    },
  });
  const tx = db.transaction('rows', 'readwrite');
  await Promise.all([...rows.map((row) => tx.store.put(row)), tx.done]);
  return db;
}

describe('indexKeys', () => {
  it('gives every [primary key, index key] pair in the index’s order, ties by primary key', async () => {
    const db = await storeOf([
      { id: 'c', at: 2 },
      { id: 'a', at: 3 },
      { id: 'b', at: 2 },
      { id: 'd', at: 1 },
    ]);
    const tx = db.transaction('rows');
    expect(await indexKeys(tx.store.index('by-at'))).toEqual([
      ['d', 1],
      ['b', 2],
      ['c', 2],
      ['a', 3],
    ]);
  });

  it('leaves out rows whose value is no key, and keeps to a range', async () => {
    const db = await storeOf([
      { id: 'a', at: 5 },
      { id: 'b', at: 'not a number but a key' },
      { id: 'c' },
      { id: 'd', at: { no: 'key' } },
      { id: 'e', at: 9 },
    ]);
    const tx = db.transaction('rows');
    const index = tx.store.index('by-at');
    expect(await indexKeys(index)).toEqual([
      ['a', 5],
      ['e', 9],
      ['b', 'not a number but a key'],
    ]);
    expect(await indexKeys(index, IDBKeyRange.bound(6, 10))).toEqual([['e', 9]]);
  });

  it('gives nothing for an empty index, and the transaction still completes', async () => {
    const db = await storeOf([]);
    const tx = db.transaction('rows');
    expect(await indexKeys(tx.store.index('by-at'))).toEqual([]);
    await expect(tx.done).resolves.toBeUndefined();
  });

  it('runs beside other requests of the same transaction', async () => {
    const db = await storeOf(Array.from({ length: 300 }, (_, i) => ({ id: `id-${String(i).padStart(3, '0')}`, at: 300 - i })));
    const tx = db.transaction('rows');
    const [keys, count, first] = await Promise.all([indexKeys<string, number>(tx.store.index('by-at')), tx.store.count(), tx.store.get('id-000')]);
    expect(keys).toHaveLength(300);
    expect(keys[0]).toEqual(['id-299', 1]);
    expect(keys.at(-1)).toEqual(['id-000', 300]);
    expect(count).toBe(300);
    expect(first).toEqual({ id: 'id-000', at: 300 });
    await tx.done;
  });
});

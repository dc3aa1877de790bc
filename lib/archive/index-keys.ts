/**
 * Every key of an index in a range, as [primary key, index key] pairs in the
 * index's order, read with the platform's own key cursor. idb's cursor makes
 * a promise (a listener added and taken off) for each step; sync walks two
 * indexes of the whole archive on every run, and without those promises a
 * run with nothing new took a fifth less time (bench/README.md, Sync).
 */
import { unwrap, type IDBPIndex } from 'idb';

// Any idb index: only its raw IDBIndex is used.
type AnyIndex = IDBPIndex<any, any, any, any, any>;

export function indexKeys<Primary extends IDBValidKey, Key extends IDBValidKey>(index: AnyIndex, range?: IDBKeyRange | null): Promise<Array<[Primary, Key]>> {
  const raw = unwrap(index) as IDBIndex;
  return new Promise((resolve, reject) => {
    const pairs: Array<[Primary, Key]> = [];
    const request = raw.openKeyCursor(range ?? null);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve(pairs);
      pairs.push([cursor.primaryKey as Primary, cursor.key as Key]);
      cursor.continue();
    };
    request.onerror = () => reject(request.error);
  });
}

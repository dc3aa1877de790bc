// The archive's v5 (sync's stores) and v6 (the indexes a sync compares) over
// archives written by earlier versions: every article, its likely counts and
// the reader's corrections come through, and sync then takes the whole
// archive in as it finds it, or, where it had synced before, only what changed.
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { annotateArticle, deleteArticle, getArticle, saveArticle } from '../../lib/archive/articles';
import { changeCorrection, listCorrections } from '../../lib/archive/corrections-store';
import { MIGRATIONS, openArchive } from '../../lib/archive/db';
import { countsForSecids } from '../../lib/archive/facets';
import { createArchiveSyncStore } from '../../lib/sync/archive-sync-store';
import { fakeRecord } from './fixtures';

let dbNo = 0;
const ID = '202601091234567890';

describe('the sync stores (schemas v5 and v6)', () => {
  it('come to a v4 archive with its articles, likely counts and corrections intact', async () => {
    const name = `sync-schema-v4-${++dbNo}`;
    const v4 = await openArchive(name, MIGRATIONS.slice(0, 4));
    expect(v4.version).toBe(4);
    expect([...v4.objectStoreNames]).not.toContain('syncStates');
    await saveArticle(v4, fakeRecord(ID), 1_000);
    await changeCorrection(v4, { set: { secid: '0.000931', name: '中关村', articleId: ID, verdict: 'doubtful' } }, 2_000);
    v4.close();

    const db = await openArchive(name);
    expect(db.version).toBe(7);
    expect(MIGRATIONS).toHaveLength(7);
    expect(await db.count('syncStates')).toBe(0);
    expect(await db.count('syncOutbox')).toBe(0);
    expect((await getArticle(db, ID))?.title).toBe(`文章 ${ID}`);
    expect(await countsForSecids(db, ['0.000931'])).toEqual({ '0.000931': 0 });
    expect(Object.values(await listCorrections(db))).toMatchObject([{ articleId: ID, verdict: 'doubtful' }]);

    const collected = await createArchiveSyncStore(db, 'd0123456789abcdef').collectLocal({ now: 3_000 });
    expect(collected).toMatchObject({ states: 1, batches: 1, deletes: 0 });
    db.close();
  });

  it('come to an archive written by the first version, after every step between', async () => {
    const name = `sync-schema-v1-${++dbNo}`;
    const v1 = await openDB(name, 1, { upgrade: (db, _o, _n, tx) => void MIGRATIONS[0]!(db as never, tx as never) });
    const { bodyText, bodyHtml, ...head } = fakeRecord(ID);
    // A v1 listing: no tags, note, kinds or likely securities.
    await v1.put('articles', { ...head, savedAt: 1, updatedAt: 1, secids: ['0.000931'] });
    await v1.put('bodies', { id: ID, bodyText, bodyHtml });
    v1.close();

    const db = await openArchive(name);
    expect(db.version).toBe(7);
    expect(await getArticle(db, ID)).toMatchObject({ title: `文章 ${ID}`, bodyText, tags: [], note: '' });
    expect(await countsForSecids(db, ['0.000931'])).toEqual({ '0.000931': 1 });
    expect(await db.count('syncStates')).toBe(0);

    const store = createArchiveSyncStore(db, 'd0123456789abcdef');
    expect(await store.collectLocal({ now: 3_000 })).toMatchObject({ states: 1, batches: 1 });
    expect(await db.count('syncStates')).toBe(1);
    expect(await store.outbox()).toHaveLength(1);
    db.close();
  });

  it('after v6, a sync that had taken a v5 archive in takes in only what changed since', async () => {
    const name = `sync-schema-v5-${++dbNo}`;
    const v5 = await openArchive(name, MIGRATIONS.slice(0, 5));
    const ids = ['202601091234567890', '202601091234567891', '202601091234567892'];
    // What a v5 sync left behind, taken from a twin archive that synced the same saves.
    const twin = await openArchive(`${name}-twin`);
    for (const [i, id] of ids.entries()) {
      await saveArticle(v5, fakeRecord(id), 1_000 + i);
      await saveArticle(twin, fakeRecord(id), 1_000 + i);
    }
    expect(await createArchiveSyncStore(twin, 'd0123456789abcdef').collectLocal({ now: 3_000 })).toMatchObject({ states: 3 });
    for (const record of await twin.getAll('syncStates')) await v5.put('syncStates', record);
    for (const key of await twin.getAllKeys('meta')) if (String(key).startsWith('sync')) await v5.put('meta', await twin.get('meta', key), key);
    twin.close();
    v5.close();

    const db = await openArchive(name);
    const store = createArchiveSyncStore(db, 'd0123456789abcdef');
    expect(await store.collectLocal({ now: 4_000 })).toMatchObject({ states: 0, deletes: 0 });
    await annotateArticle(db, ids[1]!, { tags: ['读过'], note: '' }, 5_000);
    await deleteArticle(db, ids[2]!);
    await saveArticle(db, fakeRecord('202601091234567893'), 5_500);
    expect(await store.collectLocal({ now: 6_000 })).toMatchObject({ states: 3, deletes: 1 });
    expect(await store.collectLocal({ now: 7_000 })).toMatchObject({ states: 0, deletes: 0 });
    db.close();
  });

  it('looks at an article whose change time is no index key as changed, not as deleted', async () => {
    const name = `sync-schema-unindexed-${++dbNo}`;
    const db = await openArchive(name);
    const store = createArchiveSyncStore(db, 'd0123456789abcdef');
    await saveArticle(db, fakeRecord(ID), 1_000);
    expect(await store.collectLocal({ now: 2_000 })).toMatchObject({ states: 1 });
    // Written by hand, as an old import or a devtools edit might: updatedAt is no number.
    const listing = (await db.get('articles', ID))!;
    await db.put('articles', { ...listing, updatedAt: 'soon' as unknown as number });
    expect(await store.collectLocal({ now: 3_000 })).toMatchObject({ deletes: 0 });
    expect(await store.collectLocal({ now: 4_000 })).toMatchObject({ deletes: 0 });
    db.close();
  });
});

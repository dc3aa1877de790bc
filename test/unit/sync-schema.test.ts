// The archive's v5 (sync's stores) over archives written by earlier versions:
// every article, its likely counts and the reader's corrections come through,
// and sync then takes the whole archive in as it finds it.
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { getArticle, saveArticle } from '../../lib/archive/articles';
import { changeCorrection, listCorrections } from '../../lib/archive/corrections-store';
import { MIGRATIONS, openArchive } from '../../lib/archive/db';
import { countsForSecids } from '../../lib/archive/facets';
import { createArchiveSyncStore } from '../../lib/sync/archive-sync-store';
import { fakeRecord } from './fixtures';

let dbNo = 0;
const ID = '202601091234567890';

describe('the sync stores (schema v5)', () => {
  it('come to a v4 archive with its articles, likely counts and corrections intact', async () => {
    const name = `sync-schema-v4-${++dbNo}`;
    const v4 = await openArchive(name, MIGRATIONS.slice(0, 4));
    expect(v4.version).toBe(4);
    expect([...v4.objectStoreNames]).not.toContain('syncStates');
    await saveArticle(v4, fakeRecord(ID), 1_000);
    await changeCorrection(v4, { set: { secid: '0.000931', name: '中关村', articleId: ID, verdict: 'doubtful' } }, 2_000);
    v4.close();

    const db = await openArchive(name);
    expect(db.version).toBe(5);
    expect(MIGRATIONS).toHaveLength(5);
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
    expect(db.version).toBe(5);
    expect(await getArticle(db, ID)).toMatchObject({ title: `文章 ${ID}`, bodyText, tags: [], note: '' });
    expect(await countsForSecids(db, ['0.000931'])).toEqual({ '0.000931': 1 });
    expect(await db.count('syncStates')).toBe(0);

    const store = createArchiveSyncStore(db, 'd0123456789abcdef');
    expect(await store.collectLocal({ now: 3_000 })).toMatchObject({ states: 1, batches: 1 });
    expect(await db.count('syncStates')).toBe(1);
    expect(await store.outbox()).toHaveLength(1);
    db.close();
  });
});

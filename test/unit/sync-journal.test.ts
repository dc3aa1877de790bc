// The sync journal (schema v7): every write of an article notes its id, and
// a sync takes in just those, walking the whole archive only once a day, on
// its first run, and after the clock went back.
import { describe, expect, it } from 'vitest';
import { annotateArticle, deleteArticle, restoreArticle, getArticle, saveArticle } from '../../lib/archive/articles';
import { MIGRATIONS, openArchive } from '../../lib/archive/db';
import { createArchiveSyncStore, WALK_EVERY_MS } from '../../lib/sync/archive-sync-store';
import { fakeRecord } from './fixtures';

let dbNo = 0;
const id = (n: number) => `20260109123456${String(n).padStart(4, '0')}`;
const HOUR = 3_600_000;

async function archiveWith(count: number) {
  const db = await openArchive(`sync-journal-${++dbNo}`);
  for (let n = 1; n <= count; n += 1) await saveArticle(db, fakeRecord(id(n)), 1_000 + n);
  return { db, store: createArchiveSyncStore(db, 'd0123456789abcdef') };
}

describe('the sync journal', () => {
  it('holds the ids of saves, annotations, deletes and restores, and a sync takes in those without a walk', async () => {
    const { db, store } = await archiveWith(4);
    const t = 10 * HOUR;
    expect(await store.collectLocal({ now: t })).toMatchObject({ states: 4, walked: true });
    expect(await db.count('syncChanged')).toBe(0);

    await annotateArticle(db, id(1), { tags: ['读过'], note: '' }, t + 1);
    const gone = (await getArticle(db, id(2)))!;
    await deleteArticle(db, id(2));
    await saveArticle(db, fakeRecord(id(5)), t + 2);
    expect((await db.getAllKeys('syncChanged')).sort()).toEqual([id(1), id(2), id(5)]);
    expect(await store.collectLocal({ now: t + HOUR })).toMatchObject({ states: 3, deletes: 1, walked: false });
    expect(await db.count('syncChanged')).toBe(0);

    await restoreArticle(db, gone);
    expect(await store.collectLocal({ now: t + 2 * HOUR })).toMatchObject({ states: 1, deletes: 0, walked: false });
    expect(await store.collectLocal({ now: t + 3 * HOUR })).toMatchObject({ states: 0, walked: false });
    db.close();
  });

  it('misses a write that bypassed it until the daily walk, which finds it', async () => {
    const { db, store } = await archiveWith(3);
    const t = 10 * HOUR;
    await store.collectLocal({ now: t });
    // Written by hand, as a repair might: no note in the journal.
    const listing = (await db.get('articles', id(3)))!;
    await db.put('articles', { ...listing, title: '改过', updatedAt: t + 5 });
    expect(await store.collectLocal({ now: t + HOUR })).toMatchObject({ states: 0, walked: false });
    expect(await store.collectLocal({ now: t + WALK_EVERY_MS })).toMatchObject({ states: 1, walked: true });
    expect(await store.collectLocal({ now: t + WALK_EVERY_MS + HOUR })).toMatchObject({ states: 0, walked: false });
    db.close();
  });

  it('is not trusted after the clock went back, nor after a disconnect', async () => {
    const { db, store } = await archiveWith(2);
    const t = 10 * HOUR;
    await store.collectLocal({ now: t });
    expect(await store.collectLocal({ now: t - HOUR })).toMatchObject({ walked: true });
    await store.reset();
    expect(await store.collectLocal({ now: t })).toMatchObject({ states: 2, walked: true });
    db.close();
  });

  it('counts a journal of deletes against the mass-delete guard as a walk would', async () => {
    const { db, store } = await archiveWith(20);
    await store.collectLocal({ now: 10 * HOUR });
    for (let n = 1; n <= 8; n += 1) await deleteArticle(db, id(n));
    await expect(store.collectLocal({ now: 11 * HOUR })).rejects.toMatchObject({ code: 'sync-mass-delete' });
    expect(await db.count('syncChanged')).toBe(8);
    expect(await store.collectLocal({ now: 11 * HOUR, allowMassDelete: true })).toMatchObject({ deletes: 8, walked: false });
    db.close();
  });

  it('is a store of its own from v7, and an archive before it is written without one', async () => {
    const old = await openArchive(`sync-journal-v6-${++dbNo}`, MIGRATIONS.slice(0, 6));
    await saveArticle(old, fakeRecord(id(1)), 1_000);
    expect([...old.objectStoreNames]).not.toContain('syncChanged');
    old.close();
    const db = await openArchive(old.name);
    expect(await db.count('syncChanged')).toBe(0);
    expect(await createArchiveSyncStore(db, 'd0123456789abcdef').collectLocal({ now: 10 * HOUR })).toMatchObject({ states: 1, walked: true });
    db.close();
  });
});

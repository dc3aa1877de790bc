// Reading the archive of a browser that was killed: its stores straight from
// IndexedDB in an extension page, and the checks every kill must pass. Shared
// by test/e2e/durability.test.mjs and scripts/durability-stress.mjs.
import assert from 'node:assert/strict';
import { generateRecord } from '../../bench/generate/records.mjs';

/** Articles as an export holds them, with real articles' sizes (bench/generate/records.mjs). */
export function durableRecords(size, seed = 0xd0a) {
  return Array.from({ length: size }, (_, i) => ({ ...generateRecord(seed, i), tags: [], note: '' }));
}

export const random = (min, max) => min + Math.floor(Math.random() * (max - min + 1));


/** What a search for a two-character word must find: every article with it in a searched field. */
export function expectedMatches(byId, ids, word) {
  return ids.filter((id) => {
    const r = byId.get(id);
    if (!r) return false;
    const fields = [r.title, r.summary, r.bodyText, r.source ?? '', r.tags.join(' '), r.note, r.mentions.map((m) => `${m.name} ${m.code}`).join(' ')];
    return fields.some((field) => field.includes(word));
  }).length;
}

/** The archive's stores, read in an extension page (the archive's origin) straight from IndexedDB. */
export function archiveState(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    const db = await request(indexedDB.open('em-lens-archive'));
    const tx = db.transaction(['articles', 'bodies'], 'readonly');
    const bodies = tx.objectStore('bodies');
    const [ids, bodyIds, pending] = await Promise.all([
      request(tx.objectStore('articles').getAllKeys()),
      request(bodies.getAllKeys()),
      request(tx.objectStore('articles').index('by-pending').count(1)),
    ]);
    // Each body's length, to tell a whole body from a torn one.
    const lengths = {};
    await new Promise((done, fail) => {
      const cursor = bodies.openCursor();
      cursor.onerror = () => fail(cursor.error);
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return done();
        lengths[at.key] = at.value.bodyText.length;
        at.continue();
      };
    });
    db.close();
    return { ids, bodyIds, pending, lengths };
  });
}

export function countArticles(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    const db = await request(indexedDB.open('em-lens-archive'));
    const tx = db.transaction('articles', 'readonly');
    const [count, pending] = await Promise.all([request(tx.objectStore('articles').count()), request(tx.objectStore('articles').index('by-pending').count(1))]);
    db.close();
    return { count, pending };
  });
}

/** Every article whole (listing and body, the body as it was written) or absent; no body without its article. */
export function assertWholeOrAbsent(state, byId, extra = []) {
  assert.deepEqual([...state.bodyIds].sort(), [...state.ids].sort(), 'every article has its body and every body its article');
  for (const id of state.ids) {
    if (extra.includes(id)) continue;
    assert.equal(state.lengths[id], byId.get(id).bodyText.length, `article ${id} whole`);
  }
}

export async function waitFor(what, test, timeout = 120_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** The last integrity check the background ran (extension storage), once it has run. */
export function lastCheck(page) {
  return page.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('archiveCheck')).archiveCheck ?? null);
}


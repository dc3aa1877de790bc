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


/**
 * Replaces the archive with one as the first release wrote it (schema version
 * 1: articles and bodies, no tags, notes or search index), `records` written
 * in chunks, and keeps the page's connection open: the background's own open,
 * which wants the current version, waits behind it (until the browser is
 * killed), so nothing upgrades the old archive in this session.
 */
export async function writeFirstVersionArchive(page, records, chunk = 250) {
  await page.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    // Asked together: an open of the background's that came between the two would make the current version again.
    const deleted = request(indexedDB.deleteDatabase('em-lens-archive'));
    const open = indexedDB.open('em-lens-archive', 1);
    open.onupgradeneeded = () => {
      const articles = open.result.createObjectStore('articles', { keyPath: 'id' });
      articles.createIndex('by-saved', ['savedAt', 'id']);
      articles.createIndex('by-secid', 'secids', { multiEntry: true });
      open.result.createObjectStore('bodies', { keyPath: 'id' });
    };
    await deleted;
    const db = await request(open);
    db.onversionchange = () => {}; // held: see above
    globalThis.firstVersionArchive = db;
  });
  for (let start = 0; start < records.length; start += chunk) {
    await page.evaluate((part) => {
      const db = globalThis.firstVersionArchive;
      const tx = db.transaction(['articles', 'bodies'], 'readwrite');
      for (const { bodyText, bodyHtml, tags: _tags, note: _note, ...listing } of part) {
        tx.objectStore('articles').put({ ...listing, secids: [...new Set(listing.mentions.map((mention) => mention.secid))] });
        tx.objectStore('bodies').put({ id: listing.id, bodyText, bodyHtml });
      }
      return new Promise((done, fail) => ((tx.oncomplete = () => done()), (tx.onerror = () => fail(tx.error))));
    }, records.slice(start, start + chunk));
  }
}

/** The archive database's version as the browser lists it, without opening it (0: none). */
export function archiveVersion(page) {
  return page.evaluate(async () => (await indexedDB.databases()).find((database) => database.name === 'em-lens-archive')?.version ?? 0);
}

/**
 * Lets go of the connection writeFirstVersionArchive held, so that the open
 * waiting behind it (an extension page's, or the background's) upgrades the
 * archive, and comes back `ms` later with whether the upgrade had committed by
 * then (an open that names no version waits until it has).
 */
export function releaseFirstVersionArchive(page, ms) {
  return page.evaluate(async (wait) => {
    globalThis.firstVersionArchive.close();
    const started = performance.now();
    const probe = indexedDB.open('em-lens-archive');
    probe.onsuccess = () => {
      globalThis.upgradedAfter = performance.now() - started;
      probe.result.close();
    };
    await new Promise((done) => setTimeout(done, wait));
    return { waited: wait, upgradedAfter: globalThis.upgradedAfter ?? null };
  }, ms);
}

/** Every article of the first version's archive, as the upgrade leaves it: empty tags and note, its kinds counted. */
export async function assertFirstVersionUpgraded(page, byId) {
  const listings = await page.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    const db = await request(indexedDB.open('em-lens-archive'));
    const all = await request(db.transaction('articles').objectStore('articles').getAll());
    db.close();
    return all.map((a) => ({ id: a.id, tags: a.tags, note: a.note, kinds: a.kinds }));
  });
  assert.equal(listings.length, byId.size, 'every article of the old archive kept');
  for (const listing of listings) {
    assert.deepEqual(
      { tags: listing.tags, note: listing.note, kinds: listing.kinds },
      { tags: [], note: '', kinds: [...new Set(byId.get(listing.id).mentions.map((mention) => mention.kind))] },
      `article ${listing.id} upgraded`,
    );
  }
}

/** The integrity check asked from the settings page, as the reader asks it, over `articles`: what its report says. */
export async function checkFromSettings(session, articles) {
  const settings = await session.browser.newPage();
  await session.openExtensionPage(settings, 'options.html');
  // The page shows the last check's report at once: this one's is the report after the button was busy.
  await settings.waitForSelector('[data-action="check-archive"]');
  await settings.$eval('[data-action="check-archive"]', (button) => {
    new MutationObserver(() => {
      if (button.disabled) globalThis.checkWasBusy = true;
    }).observe(button, { attributes: true, attributeFilter: ['disabled'] });
  });
  await settings.click('[data-action="check-archive"]');
  await settings.waitForFunction(
    (count) => globalThis.checkWasBusy && !document.querySelector('[data-action="check-archive"]').disabled && document.querySelector(`[data-role="check-report"][data-articles="${count}"]`),
    { timeout: 300_000, polling: 100 },
    articles,
  );
  const report = await settings.$eval('[data-role="check-report"]', (element) => ({ fixed: element.dataset.fixed === 'true', text: element.textContent }));
  await settings.close();
  return report;
}

/**
 * Turns every search index record back into plain arrays, as versions before
 * typed arrays wrote them, and forgets how far the rewrite had gone.
 */
export function indexAsPlainArrays(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    const db = await request(indexedDB.open('em-lens-archive'));
    const tx = db.transaction(['postings', 'segments', 'meta'], 'readwrite');
    const plain = (record) => {
      const copy = { ...record };
      for (const field of ['docs', 'masks', 'ends']) if (field in copy) copy[field] = Array.from(copy[field]);
      return copy;
    };
    let records = 0;
    for (const name of ['postings', 'segments']) {
      const store = tx.objectStore(name);
      const all = await request(store.getAll());
      records += all.length;
      await Promise.all(all.map((record) => request(store.put(plain(record)))));
    }
    tx.objectStore('meta').delete('compactCursor');
    await new Promise((done, fail) => ((tx.oncomplete = done), (tx.onerror = () => fail(tx.error))));
    db.close();
    return records;
  });
}

/** How many search index records are typed arrays and how many plain, and how far the rewrite has gone. */
export function indexForms(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    const db = await request(indexedDB.open('em-lens-archive'));
    const tx = db.transaction(['postings', 'segments', 'meta'], 'readonly');
    let typed = 0;
    let plain = 0;
    for (const name of ['postings', 'segments']) {
      for (const record of await request(tx.objectStore(name).getAll())) {
        if (record.docs instanceof Uint32Array && record.masks instanceof Uint8Array) typed += 1;
        else plain += 1;
      }
    }
    const cursor = await request(tx.objectStore('meta').get('compactCursor'));
    db.close();
    return { typed, plain, cursor: cursor ?? null };
  });
}

/** How far the background's rewrite of the index into typed arrays has gone (meta compactCursor). */
export function compactCursor(page) {
  return page.evaluate(async () => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    const db = await request(indexedDB.open('em-lens-archive'));
    const cursor = await request(db.transaction('meta', 'readonly').objectStore('meta').get('compactCursor'));
    db.close();
    return cursor ?? null;
  });
}

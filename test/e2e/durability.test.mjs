// The archive survives the browser being killed (SIGKILL: no shutdown, as a
// power cut or the OOM killer would) in the middle of a 5,000-article import,
// of the search indexer's batches and of a save; then the same profile starts
// again. After each: every article whole or absent, the import resumable with
// no duplicates, the indexer finishing what was pending, search results those
// the articles call for, and the integrity check run at start-up because the
// last background stopped during a write. An archive of the first schema
// version, killed while the current release upgrades it, is upgraded whole at
// the next start: every article, its facets and its search. The browser keeps
// the archive (unlimitedStorage, persistent storage), as the archive page reads it. A
// search index an earlier version wrote as plain arrays is rewritten as typed
// arrays in the background, killed part way, and finds the same after. And
// *Back up now* writes the JSON export to the Downloads folder, whose import
// gives the same archive in a new profile.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  archiveState,
  archiveVersion,
  assertFirstVersionUpgraded,
  assertWholeOrAbsent,
  countArticles,
  durableRecords,
  expectedMatches,
  compactCursor,
  indexAsPlainArrays,
  indexForms,
  lastCheck,
  checkFromSettings,
  random,
  releaseFirstVersionArchive,
  waitFor,
  writeFirstVersionArchive,
} from './archive-probe.mjs';
import { launchWithExtension } from './browsers.mjs';
import { chooseImportFile, openArchivePage, searchShowsTotal } from './extension-pages.mjs';
import { SEED_URL, serveFixtures } from './fixture-routes.mjs';
import { clickInOverlay, waitForOverlay, waitForSaved } from './overlay-probe.mjs';
import { browsersUnderTest } from './session.mjs';

const SIZE = 5000;
const SEED = '202112302231813952';
const SEARCHED = '公司';
const browsers = browsersUnderTest();

const records = durableRecords(SIZE);
const byId = new Map(records.map((record) => [record.id, record]));

for (const name of browsers) {
  describe(`EM Lens archive across kills in ${name}`, () => {
    const profile = mkdtempSync(join(tmpdir(), `em-lens-durable-${name}-`));
    const dir = mkdtempSync(join(tmpdir(), 'em-lens-durable-file-'));
    const file = join(dir, 'archive.json');
    let session;

    before(() => {
      mkdirSync('test/e2e/artifacts', { recursive: true });
      writeFileSync(file, JSON.stringify({ format: 'em-lens-archive', version: 1, exportedAt: new Date().toISOString(), articles: records }));
    });

    after(async () => {
      await session?.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    });

    const start = async () => {
      session = await launchWithExtension(name, { profile });
      return openArchivePage(session, 'archive.html', { width: 900, height: 700 });
    };
    const kill = async () => {
      await session.kill();
      session = null;
    };
    const importFile = (view) => chooseImportFile(view, file);

    it('keeps the archive out of eviction: persistent storage, and an estimate with room', async () => {
      const view = await start();
      const storage = await view.evaluate(async () => ({
        persisted: await navigator.storage.persisted(),
        estimate: await navigator.storage.estimate(),
      }));
      assert.ok(storage.estimate.quota > storage.estimate.usage, JSON.stringify(storage.estimate));
      let keeping;
      if (name === 'firefox') {
        // unlimitedStorage makes the extension's storage persistent, and Firefox says so.
        assert.equal(storage.persisted, true, 'Firefox reports the archive persistent');
        keeping = 'persisted';
      } else {
        // Chrome answers persist() with false without site engagement, but an
        // origin with unlimitedStorage gets the disk's free space as its quota
        // (not a share of the disk) and is never picked for eviction.
        const { bavail, bsize } = statfsSync(profile);
        const free = bavail * bsize;
        const room = storage.estimate.quota - storage.estimate.usage;
        assert.ok(Math.abs(room - free) < free * 0.1, `quota is the disk's free space: ${room} ≈ ${free}`);
        keeping = storage.persisted ? 'persisted' : 'unlimited';
      }
      const settings = await session.browser.newPage();
      await session.openExtensionPage(settings, 'options.html');
      await settings.waitForSelector(`[data-role="persistence"][data-persistence="${keeping}"]`);
      await settings.waitForSelector('[data-role="storage-free"][data-bytes]');
      await settings.screenshot({ path: `test/e2e/artifacts/${name}-settings-storage.png`, fullPage: true });
      await settings.close();
      await view.close();
    });

    let importedBefore;
    it('killed during a 5,000-article import: whole batches only, then the import resumes without duplicates', async () => {
      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      await importFile(view);
      const threshold = random(500, 3500);
      await waitFor('part of the import', async () => (await countArticles(view)).count >= threshold, 120_000);
      await kill();

      const again = await start();
      const state = await archiveState(again);
      assert.ok(state.ids.length < SIZE, `killed part way (${state.ids.length} of ${SIZE} imported)`);
      assert.equal(state.ids.length % 200, 0, 'whole batches of 200');
      assertWholeOrAbsent(state, byId);
      const check = await waitFor('the check after the unclean stop', () => lastCheck(again), 60_000);
      assert.equal(check.reason, 'start-up');
      assert.equal(check.report.articles >= state.ids.length, true);
      assert.deepEqual(
        { ...check.report, articles: 0, reindexed: 0 },
        { articles: 0, orphanBodies: 0, missingBodies: 0, facetsFixed: 0, reindexed: 0, orphanDocs: 0, badIndexRecords: 0, metaFixed: [], unreadable: 0 },
        'nothing to fix in the stores a kill left',
      );

      importedBefore = state.ids.length;
      await importFile(again);
      await again.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"][data-refused="0"]`, { timeout: 300_000 });
      const report = await again.$eval('[data-role="import-taken"]', (element) => element.textContent);
      assert.ok(report.includes(`新增 ${SIZE - importedBefore}，更新 ${importedBefore}`), report);
      const resumed = await archiveState(again);
      assert.equal(resumed.ids.length, SIZE);
      assertWholeOrAbsent(resumed, byId);
      await again.close();
    });

    it('killed during the indexer’s batches: the next start finishes what was pending, and search finds what the articles call for', async () => {
      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      const { pending } = await countArticles(view);
      assert.ok(pending > 0, 'the import left articles to index');
      const threshold = random(100, Math.max(101, pending - 100));
      await waitFor('part of the indexing', async () => (await countArticles(view)).pending <= threshold, 300_000);
      await kill();

      const again = await start();
      assertWholeOrAbsent(await archiveState(again), byId);
      await waitFor('the indexer to finish', async () => (await countArticles(again)).pending === 0, 600_000);
      const expected = expectedMatches(byId, records.map((record) => record.id), SEARCHED);
      assert.ok(expected > 50 && expected < SIZE, `a word some articles have (${expected})`);
      await searchShowsTotal(again, SEARCHED, expected);
      // Asked from the settings page, the check finds the archive whole: facets, index and bodies as the articles call for.
      assert.equal((await checkFromSettings(session, SIZE)).fixed, false);
      await again.close();
    });

    it('an index an earlier version wrote as plain arrays is rewritten in the background, across a kill, and finds the same', async (t) => {
      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      await waitFor('the indexer to look over its records', async () => (await compactCursor(view))?.store === 'done');
      const written = await indexForms(view);
      assert.ok(written.typed > 0 && written.plain === 0, `this release writes typed arrays (${JSON.stringify(written)})`);
      const indexRecords = await indexAsPlainArrays(view);
      await view.close();
      await kill();

      // The next start rewrites them once nothing waits to be indexed; killed as soon as a chunk has committed.
      let again = await start();
      const begun = await waitFor('the rewrite to begin', async () => {
        const cursor = await compactCursor(again);
        return cursor && (cursor.after || cursor.store === 'done') ? cursor : null;
      }, 120_000);
      await kill();
      again = await start();
      const after = await indexForms(again);
      t.diagnostic(`killed at ${JSON.stringify(begun)}; ${after.typed} of ${indexRecords} index records rewritten then`);
      assert.equal(after.typed + after.plain, indexRecords, 'no index record lost or added by the kill');
      assert.ok(after.typed > 0, 'what was rewritten before the kill stays rewritten');
      await waitFor('the rewrite to finish', async () => (await compactCursor(again))?.store === 'done', 300_000).catch(async (error) => {
        throw new Error(`${error.message}: ${JSON.stringify(await indexForms(again))}`);
      });
      assert.deepEqual(await indexForms(again), { typed: indexRecords, plain: 0, cursor: { store: 'done' } });
      await searchShowsTotal(again, SEARCHED, expectedMatches(byId, records.map((record) => record.id), SEARCHED));
      assert.equal((await checkFromSettings(session, SIZE)).fixed, false);
      await again.close();
    });

    it('killed during a save: the article is whole or absent, and saving again works', async () => {
      const page = await session.browser.newPage();
      await serveFixtures(page);
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      const delay = random(0, 60);
      // A person's click (the overlay ignores untrusted ones).
      await clickInOverlay(page, '[data-action="save"]');
      await new Promise((done) => setTimeout(done, delay));
      await kill();

      const again = await start();
      const state = await archiveState(again);
      assertWholeOrAbsent(state, byId, [SEED]);
      assert.ok(state.ids.length === SIZE || state.ids.length === SIZE + 1);
      if (state.ids.includes(SEED)) assert.ok(state.lengths[SEED] > 100, 'the saved article has its whole body');
      const retry = await session.browser.newPage();
      await serveFixtures(retry);
      await retry.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(retry);
      await clickInOverlay(retry, '[data-action="save"]');
      await waitForSaved(retry, 'true');
      const saved = await archiveState(again);
      assert.equal(saved.ids.length, SIZE + 1);
      assertWholeOrAbsent(saved, byId, [SEED]);
      await retry.close();
      await again.close();
    });
  });
}

for (const name of browsers) {
  describe(`EM Lens archive across a kill during a schema upgrade in ${name}`, () => {
    const OLD = 1500;
    const old = durableRecords(OLD, 0x01d);
    const oldById = new Map(old.map((record) => [record.id, record]));
    const profile = mkdtempSync(join(tmpdir(), `em-lens-upgrade-${name}-`));
    let session;

    after(async () => {
      await session?.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    });

    it('killed while an archive of the first version is upgraded: the next start upgrades it whole, with its facets and search right', async () => {
      session = await launchWithExtension(name, { profile });
      const hand = await session.browser.newPage();
      await session.openExtensionPage(hand, 'popup.html');
      await writeFirstVersionArchive(hand, old);
      assert.equal(await archiveVersion(hand), 1);
      // The archive page's open, which wants the current version, waits behind the hand's connection;
      // the hand lets go, and the upgrade starts then.
      const upgrading = await session.browser.newPage();
      await session.openExtensionPage(upgrading, 'archive.html');
      await new Promise((done) => setTimeout(done, 500));
      const atKill = await releaseFirstVersionArchive(hand, random(100, 1500));
      await session.kill();
      assert.equal(atKill.upgradedAfter, null, `killed ${atKill.waited} ms into the upgrade, before it had committed`);

      session = await launchWithExtension(name, { profile });
      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      assert.equal(await archiveVersion(view), 7, 'upgraded to the current version');
      assertWholeOrAbsent(await archiveState(view), oldById);
      await assertFirstVersionUpgraded(view, oldById);
      await waitFor('the indexer to take in the upgraded archive', async () => (await countArticles(view)).pending === 0, 600_000);
      const expected = expectedMatches(oldById, old.map((record) => record.id), SEARCHED);
      assert.ok(expected > 50 && expected < OLD, `a word some articles have (${expected})`);
      await searchShowsTotal(view, SEARCHED, expected);
      // Asked from the settings page, the check finds the archive whole: facets, index and bodies as the articles call for.
      assert.equal((await checkFromSettings(session, OLD)).fixed, false);
    });
  });
}

for (const name of browsers) {
  describe(`EM Lens rolling backups in ${name}`, () => {
    const downloads = mkdtempSync(join(tmpdir(), `em-lens-downloads-${name}-`));
    const dir = mkdtempSync(join(tmpdir(), 'em-lens-backup-file-'));
    const file = join(dir, 'archive.json');
    const saved = durableRecords(60, 0xb4c).map((record, i) => ({ ...record, tags: i % 3 ? [] : ['备份'], note: i % 5 ? '' : `笔记 ${i}` }));
    const sessions = [];

    after(async () => {
      for (const session of sessions) await session.close().catch(() => {});
      rmSync(downloads, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    });

    const importInto = async (view, path, count) => {
      await chooseImportFile(view, path);
      await view.waitForSelector(`[data-role="import-taken"][data-taken="${count}"][data-refused="0"]`, { timeout: 120_000 });
    };
    /** Every article as the archive page's own export writes it, without the export's time. */
    const exported = (view) =>
      view.evaluate(async () => {
        const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
        const db = await request(indexedDB.open('em-lens-archive'));
        const tx = db.transaction(['articles', 'bodies'], 'readonly');
        const [articles, bodies] = await Promise.all([request(tx.objectStore('articles').getAll()), request(tx.objectStore('bodies').getAll())]);
        db.close();
        const bodyOf = new Map(bodies.map((body) => [body.id, body.bodyText]));
        return articles.map((a) => ({ id: a.id, title: a.title, tags: a.tags, note: a.note, savedAt: a.savedAt, bodyText: bodyOf.get(a.id) }));
      });

    it('backs up now to the Downloads folder, and importing that file restores the archive', async () => {
      writeFileSync(file, JSON.stringify({ format: 'em-lens-archive', version: 1, exportedAt: new Date().toISOString(), articles: saved }));
      const session = await launchWithExtension(name, { downloads });
      sessions.push(session);
      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      await importInto(view, file, saved.length);
      const before = await exported(view);
      assert.equal(before.length, saved.length);

      const settings = await session.browser.newPage();
      await session.openExtensionPage(settings, 'options.html');
      await settings.waitForSelector('[data-setting="backup-on"]');
      assert.equal(await settings.$eval('[data-setting="backup-on"]', (box) => box.checked), true, 'on by default without sync');
      await settings.click('[data-action="back-up-now"]');
      await settings.waitForSelector(`[data-role="last-backup"][data-articles="${saved.length}"]`, { timeout: 120_000 });
      const shown = await settings.$eval('[data-role="last-backup"]', (line) => ({ name: line.dataset.name, bytes: Number(line.dataset.bytes), text: line.textContent }));
      assert.match(shown.name, /^em-lens-backup-\d{4}-\d{2}-\d{2}\.json$/);
      assert.ok(shown.text.includes(shown.name), shown.text);
      assert.equal(await settings.$('[data-role="backup-error"]'), null);
      await settings.screenshot({ path: `test/e2e/artifacts/${name}-settings-backup.png`, fullPage: true });

      const written = join(downloads, shown.name);
      await waitFor('the backup file on disk', () => existsSync(written), 30_000);
      assert.deepEqual(readdirSync(downloads), [shown.name], 'one file, no partial download left');
      const backup = JSON.parse(readFileSync(written, 'utf8'));
      assert.equal(backup.format, 'em-lens-archive');
      assert.equal(backup.articles.length, saved.length);
      assert.equal(readFileSync(written).length, shown.bytes);
      await session.close();
      sessions.pop();

      // A new profile, as on a new computer: the archive page's import of the backup.
      const fresh = await launchWithExtension(name);
      sessions.push(fresh);
      const restored = await openArchivePage(fresh, 'archive.html', { width: 900, height: 700 });
      await importInto(restored, written, saved.length);
      const sorted = (list) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      assert.deepEqual(sorted(await exported(restored)), sorted(before));
    });
  });
}

// Hands that write the archive at the same moment, in the built extension:
// two tabs saving one article at once, a save while an import runs, deletes
// while the indexer works. After each, what the reader sees is what the
// writes call for (one article, each once, the deleted ones gone from the
// list and from search) and the archive's own check finds nothing to fix:
// no facet counted twice, no index entry of a deleted article. (The note
// edited in two places at once is in archive.test.mjs.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveState, assertWholeOrAbsent, checkFromSettings, countArticles, durableRecords, expectedMatches, waitFor } from './archive-probe.mjs';
import { launchWithExtension } from './browsers.mjs';
import { chooseImportFile, openArchivePage, searchShowsTotal } from './extension-pages.mjs';
import { SEED_URL, serveFixtures } from './fixture-routes.mjs';
import { generatedArticle } from './generated-pages.mjs';
import { archiveFrame, waitForOverlay, waitForSaved } from './overlay-probe.mjs';
import { browsersUnderTest } from './session.mjs';

const SEED = '202112302231813952';
const SIZE = 2000;
const SEARCHED = '公司';
const browsers = browsersUnderTest();
const records = durableRecords(SIZE, 0xc0c);
const byId = new Map(records.map((record) => [record.id, record]));

/** The check from the settings page, over `articles`: it must find nothing to fix. */
async function checkFindsNothing(session, articles) {
  const report = await checkFromSettings(session, articles);
  assert.equal(report.fixed, false, report.text);
}

/** What a tab's save button sends, sent from its archive frame: no wait for the frame's layout, as a click has. */
async function saveFromFrame(tab, id) {
  const frame = await archiveFrame(tab);
  return frame.evaluate((article) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'bg:save-article', payload: { id: article } }), id);
}

/** Articles as the archive holds them (listing and body text), for expectedMatches on the ones not in the file. */
function storedArticles(view, ids) {
  return view.evaluate(async (wanted) => {
    const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
    const db = await request(indexedDB.open('em-lens-archive'));
    const tx = db.transaction(['articles', 'bodies'], 'readonly');
    const found = await Promise.all(
      wanted.map(async (id) => ({ ...(await request(tx.objectStore('articles').get(id))), bodyText: (await request(tx.objectStore('bodies').get(id))).bodyText })),
    );
    db.close();
    return found;
  }, ids);
}

for (const name of browsers) {
  describe(`EM Lens with hands writing at once in ${name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'em-lens-hands-'));
    const file = join(dir, 'archive.json');
    let session;
    let saved = null;

    before(async () => {
      writeFileSync(file, JSON.stringify({ format: 'em-lens-archive', version: 1, exportedAt: new Date().toISOString(), articles: records }));
      session = await launchWithExtension(name);
    });

    after(async () => {
      await session?.close().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    });

    it('two tabs saving the same article at the same moment: one article, whole, counted once, and both tabs say saved', async () => {
      const tabs = [];
      for (let i = 0; i < 2; i += 1) {
        const tab = await session.browser.newPage();
        await serveFixtures(tab);
        await tab.goto(SEED_URL, { waitUntil: 'load' });
        await waitForOverlay(tab);
        tabs.push(tab);
      }
      // Sent from both archive frames at once: two clicks a person makes cannot land closer together
      // than that (and a tab in the background takes no click).
      const replies = await Promise.all(tabs.map((tab) => saveFromFrame(tab, SEED)));
      assert.deepEqual(replies.map((reply) => reply.ok), [true, true], JSON.stringify(replies));
      assert.deepEqual(replies.map((reply) => reply.data.created).sort(), [false, true], 'one save made the article, the other found it');
      for (const tab of tabs) await waitForSaved(tab, 'true');

      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      const state = await archiveState(view);
      assert.deepEqual(state.ids, [SEED]);
      assert.ok(state.lengths[SEED] > 100, 'its whole body');
      assert.deepEqual(
        await view.$$eval('[data-article-id]', (rows) => rows.map((row) => row.getAttribute('data-article-id'))),
        [SEED],
        'listed once',
      );
      // Each save counted the article's securities: twice would show in the check.
      await checkFindsNothing(session, 1);
      for (const tab of tabs) await tab.close();
      await view.close();
    });

    it('a save while an import runs: every imported article and the saved one, each once and whole', async () => {
      const url = generatedArticle([['0.000931', '中关村']], '导入时保存的文章');
      saved = url.match(/(\d+)\.html$/)[1];
      const tab = await session.browser.newPage();
      await serveFixtures(tab);
      await tab.goto(url, { waitUntil: 'load' });
      await waitForOverlay(tab);

      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      await chooseImportFile(view, file);
      await waitFor('the import under way', async () => (await countArticles(view)).count > 1 + 100, 120_000);
      const sent = await view.evaluate(() => document.querySelector('[data-role="import-taken"]') === null);
      const reply = await saveFromFrame(tab, saved);
      assert.ok(sent, 'the save was sent while the import ran');
      assert.equal(reply.ok && reply.data.created, true, JSON.stringify(reply));
      await waitForSaved(tab, 'true', 60_000);
      await view.waitForSelector(`[data-role="import-taken"][data-taken="${SIZE}"][data-refused="0"]`, { timeout: 300_000 });

      const state = await archiveState(view);
      assert.equal(state.ids.length, SIZE + 2);
      assert.ok(state.ids.includes(saved) && state.ids.includes(SEED));
      assertWholeOrAbsent(state, byId, [saved, SEED]);
      assert.ok(state.lengths[saved] > 0, 'the saved article has its body');
      await tab.close();
      await view.close();
    });

    it('deletes while the indexer works: the deleted articles are gone from the list and from search, the rest found', async () => {
      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      const { pending } = await countArticles(view);
      assert.ok(pending > 200, `the import left articles to index (${pending})`);
      // Every tenth imported article, deleted as the archive page deletes one, all at once, while the indexer is busy.
      const doomed = records.filter((_record, i) => i % 10 === 0).map((record) => record.id);
      const replies = await view.evaluate(
        (ids) => Promise.all(ids.map((id) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ type: 'bg:delete-article', payload: { id } }))),
        doomed,
      );
      assert.ok(replies.every((reply) => reply.ok && reply.data.deleted), JSON.stringify(replies.find((reply) => !reply.ok || !reply.data.deleted)));
      assert.ok((await countArticles(view)).pending > 0, 'deleted while articles still waited to be indexed');
      await waitFor('the indexer to finish', async () => (await countArticles(view)).pending === 0, 600_000);

      const left = records.map((record) => record.id).filter((id) => !doomed.includes(id));
      const extras = new Map((await storedArticles(view, [SEED, saved])).map((article) => [article.id, article]));
      const expected = expectedMatches(byId, left, SEARCHED) + expectedMatches(extras, [SEED, saved], SEARCHED);
      assert.ok(expected > 50, `a word many articles have (${expected})`);
      await searchShowsTotal(view, SEARCHED, expected);
      const shown = await view.$$eval('[data-article-id]', (rows) => rows.map((row) => row.getAttribute('data-article-id')));
      assert.ok(shown.length > 0 && shown.every((id) => !doomed.includes(id)), 'no deleted article among the results');
      const state = await archiveState(view);
      assert.equal(state.ids.length, SIZE + 2 - doomed.length);
      await checkFindsNothing(session, SIZE + 2 - doomed.length);
      await view.close();
    });
  });
}

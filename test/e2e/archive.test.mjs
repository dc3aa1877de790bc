// The archive as a research tool, end to end in both browsers: three saved
// articles found by Chinese terms and codes, filtered by a security, read in
// the reader, tagged, exported and imported into a fresh profile.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from './browsers.mjs';
import { CAIFUHAO_URL, LEGACY_URL, SEED_URL } from './fixture-routes.mjs';
import { archiveFrame, clickInOverlay, readOverlay, waitForOverlay, waitForSaved } from './overlay-probe.mjs';
import {
  captureDownloads,
  listedIds,
  openArchivePage,
  searchFor,
  sendFromExtension,
  takeDownload,
  waitForExtensionTab,
  waitForIds,
} from './extension-pages.mjs';
import { browsersUnderTest, startArticleSession } from './session.mjs';

const ARTIFACTS = 'test/e2e/artifacts';
const SEED = '202112302231813952';
const LEGACY = '201905191126530972';
const CAIFUHAO = '20190124053117311720040';
const browsers = browsersUnderTest();

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;
/** A Beijing day, YYYY-MM-DD, of a moment in ms. */
const day = (ms) => new Date(ms + BEIJING).toISOString().slice(0, 10);

/**
 * Four copies of the seed article from an export, saved in three Beijing
 * weeks (two in the first, five weeks back; one two weeks after; one now),
 * each with 中关村's price at its save.
 */
function savedOverWeeks(exported) {
  const today = Math.floor((Date.now() + BEIJING) / DAY);
  const monday = (today - ((today + 3) % 7) - 5 * 7) * DAY - BEIJING;
  const [seed] = articlesOf(exported.bytes).filter((article) => article.id === SEED);
  const copy = (n, savedAt, price) => {
    const id = `20260601000000000${n}`;
    return { ...seed, id, url: `https://finance.eastmoney.com/a/${id}.html`, title: `时期之${n}`, savedAt, updatedAt: savedAt, tags: [], note: '', quotesAtSave: { '0.000931': { price, changePct: 0, time: savedAt } } };
  };
  return { monday, articles: [copy(1, monday + 10 * 3_600_000, 5.5), copy(2, monday + 3 * DAY, 5.8), copy(3, monday + 14 * DAY + 3_600_000, 6.2), copy(4, Date.now() - 60_000, 6.6)] };
}

function articlesOf(jsonBytes) {
  const file = JSON.parse(jsonBytes.toString('utf8'));
  assert.equal(file.format, 'em-lens-archive');
  assert.equal(file.version, 1);
  return file.articles;
}

for (const name of browsers) {
  describe(`EM Lens archive in ${name}`, () => {
    let session;
    let page;
    let exported;

    before(async () => {
      ({ session, page } = await startArticleSession(name));
    });

    after(async () => {
      await session?.close();
    });

    it('saves articles by the button, by the shortcut path and by auto-save, and badges the toolbar', async () => {
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');

      // The keyboard shortcut and the context menu both save the article the tab shows, in the background
      // (bg:save-tab is that path, for an extension page); the tab's frame shows it saved.
      await page.goto(LEGACY_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await waitForSaved(page, 'false');
      const popup = await openArchivePage(session);
      const replies = await popup.evaluate(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const tabs = await api.tabs.query({});
        return Promise.all(tabs.map((tab) => api.runtime.sendMessage({ type: 'bg:save-tab', payload: { tabId: tab.id } })));
      });
      assert.deepEqual(
        replies.filter((reply) => reply.data?.saved),
        [{ ok: true, data: { saved: true } }],
        `one tab shows an article: ${JSON.stringify(replies)}`,
      );
      await waitForSaved(page, 'true');

      // Save every article opened: switched on in the popup.
      await popup.click('[data-setting="auto-save"]');
      await popup.waitForFunction(() => document.querySelector('[data-setting="auto-save"]').checked, { polling: 100 });
      await popup.waitForFunction(async () => (await (globalThis.browser ?? globalThis.chrome).storage.local.get('autoSave')).autoSave === true, { polling: 100 });
      await page.goto(CAIFUHAO_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await waitForSaved(page, 'true');
      await popup.click('[data-setting="auto-save"]');

      const badges = await popup.evaluate(async () => {
        const api = globalThis.browser ?? globalThis.chrome;
        const tabs = await api.tabs.query({});
        return Promise.all(tabs.map((tab) => api.action.getBadgeText({ tabId: tab.id })));
      });
      assert.ok(badges.includes('✓'), `a tab's toolbar badge says saved: ${JSON.stringify(badges)}`);
      await popup.close();
    });

    it('finds each article by a Chinese term and by a code', async () => {
      const popup = await openArchivePage(session);
      await waitForIds(popup, [CAIFUHAO, LEGACY, SEED]);
      await searchFor(popup, '证券化', [SEED]);
      await searchFor(popup, '知识产权', [SEED]);
      await searchFor(popup, '000931', [SEED]);
      await searchFor(popup, '茅台', [LEGACY]);
      await searchFor(popup, '600519', [LEGACY]);
      await searchFor(popup, '券商', [CAIFUHAO]);
      await searchFor(popup, '600030', [CAIFUHAO]);
      await searchFor(popup, '证券', [SEED, CAIFUHAO, LEGACY]);
      const marked = await popup.$$eval(`[data-article-id="${SEED}"] [data-role="snippet"] mark`, (marks) =>
        marks.map((mark) => mark.textContent),
      );
      assert.ok(marked.length > 0 && marked.every((text) => text === '证券'), JSON.stringify(marked));
      await popup.screenshot({ path: `${ARTIFACTS}/${name}-popup-search.png` });
      await popup.close();
    });

    it('filters by a security, and the overlay badge opens that view', async () => {
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      const frame = await archiveFrame(page);
      await frame.waitForFunction(() => document.querySelector('[data-archive-secid="90.BK0473"]')?.getAttribute('data-archive-count') === '2', {
        timeout: 10_000,
        polling: 100,
      });
      // The seed is only doubtfully about 证券: its badge counts, and opens, every article that mentions it.
      await clickInOverlay(page, '[data-archive-secid="90.BK0473"]');
      const observer = await openArchivePage(session);
      await waitForExtensionTab(observer, '/archive.html?secid=90.BK0473&doubtful=include');
      await observer.close();

      // The archive page's start view: what the reader has been reading about; a bar opens that security's view.
      const start = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      await start.waitForSelector('[data-role="reading-about"] [data-secid]', { timeout: 10_000 });
      const bars = await start.$$eval('[data-role="reading-about"] [data-secid]', (list) => list.map((bar) => [bar.getAttribute('data-secid'), Number(bar.getAttribute('data-count'))]));
      assert.ok(bars.length >= 2 && bars.every(([, count], i) => count >= 1 && (i === 0 || count <= bars[i - 1][1])), JSON.stringify(bars));
      await start.screenshot({ path: `${ARTIFACTS}/${name}-reading-about.png` });
      await start.click(`[data-role="reading-about"] [data-secid="${bars[0][0]}"]`);
      await start.waitForSelector(`[data-role="security-view"][data-secid="${bars[0][0]}"]`, { timeout: 10_000 });
      await start.close();

      const view = await openArchivePage(session, 'archive.html?secid=90.BK0473&doubtful=include', { width: 900, height: 700 });
      await waitForIds(view, [CAIFUHAO, SEED], 'security view');
      const heading = await view.$eval('[data-role="security-view"]', (el) => el.textContent);
      assert.match(heading, /证券.*BK0473.*2 篇/);
      // Its timeline: the two saved articles, a bar a week, drawn on a canvas with a text alternative.
      await view.waitForSelector('[data-role="timeline"][data-drawn="true"]', { timeout: 10_000 });
      const timeline = await view.$eval('[data-role="timeline"]', (figure) => ({
        articles: figure.getAttribute('data-articles'),
        unit: figure.getAttribute('data-unit'),
        buckets: Number(figure.getAttribute('data-buckets')),
        canvas: figure.querySelectorAll('canvas').length,
        label: figure.querySelector('[role="img"]').getAttribute('aria-label'),
      }));
      assert.equal(timeline.articles, '2');
      assert.equal(timeline.unit, 'week');
      assert.ok(timeline.buckets >= 1 && timeline.canvas >= 1, JSON.stringify(timeline));
      assert.match(timeline.label, /2 篇存档文章提及/);
      await view.screenshot({ path: `${ARTIFACTS}/${name}-security-timeline.png` });
      await view.select('select[data-filter="secid"]', '1.600519');
      await waitForIds(view, [LEGACY], 'filter by 贵州茅台');
      await view.select('select[data-filter="kind"]', 'us');
      await waitForIds(view, [LEGACY], 'and by kind');
      await view.select('select[data-filter="secid"]', '');
      await view.select('select[data-filter="kind"]', 'index');
      await waitForIds(view, [LEGACY], 'by kind alone');
      await view.close();
    });

    it('opens an article in the reader, offline, and tags it there; the tag then finds it', async () => {
      const popup = await openArchivePage(session);
      await waitForIds(popup, [CAIFUHAO, LEGACY, SEED]);
      await popup.click(`[data-article-id="${SEED}"] [data-action="read"]`);
      const observer = await openArchivePage(session);
      await waitForExtensionTab(observer, `/reader.html?id=${SEED}`);
      await observer.close();
      if (!popup.isClosed()) await popup.close().catch(() => {});

      const reader = await session.browser.newPage();
      await reader.setViewport({ width: 900, height: 900 });
      await session.openExtensionPage(reader, `reader.html?id=${SEED}`);
      await reader.waitForSelector(`[data-article-id="${SEED}"]`);
      const shown = await reader.evaluate(() => ({
        title: document.querySelector('h1').textContent,
        body: document.querySelector('[data-role="reader-body"]').textContent,
        badges: [...document.querySelectorAll('[data-secid]')].map((badge) => badge.getAttribute('data-secid')),
        scripts: document.querySelectorAll('[data-role="reader-body"] script, [data-role="reader-body"] iframe').length,
      }));
      assert.equal(shown.title, '北京首个专利许可知识产权证券化项目已设立 发行规模3.37亿元');
      assert.match(shown.body, /知识产权证券化支持科技企业创新发展/);
      assert.doesNotMatch(shown.body, /妙想AI|责任编辑/);
      assert.deepEqual(shown.badges, ['90.BK0473', '0.000931']);
      assert.equal(shown.scripts, 0);

      await reader.$eval('input[name="tags"]', (input) => {
        input.value = '待复盘，专利';
      });
      await reader.$eval('textarea[name="note"]', (input) => {
        input.value = '北京第一单';
      });
      await reader.click('[data-action="save-annotation"]');
      await reader.waitForFunction(() => document.querySelector('[data-role="annotation"] [role="status"]')?.textContent === '已保存', { polling: 100 });
      await reader.screenshot({ path: `${ARTIFACTS}/${name}-reader.png` });
      await reader.close();

      const again = await openArchivePage(session);
      await searchFor(again, '待复盘', [SEED]);
      await searchFor(again, '北京第一单', [SEED]);
      await searchFor(again, '', [CAIFUHAO, LEGACY, SEED]);
      await again.select('select[data-filter="tag"]', '专利');
      await waitForIds(again, [SEED], 'tag filter');
      await again.close();
    });

    it('the popup and the archive page editing one note at once: the last writer’s note is kept, the other is offered back and comes back on undo', async () => {
      // Each tab in front while it is used: a background tab's renderer may be paused.
      const editNote = async (view, note) => {
        await view.bringToFront();
        await view.click(`[data-article-id="${SEED}"] [data-action="annotate"]`);
        await view.waitForSelector(`[data-article-id="${SEED}"] textarea[name="note"]`);
        return async () => {
          await view.bringToFront();
          await view.$eval(`[data-article-id="${SEED}"] textarea[name="note"]`, (input, text) => {
            input.value = text;
          }, note);
          await view.click(`[data-article-id="${SEED}"] [data-action="save-annotation"]`);
        };
      };
      // What the archive holds, read from its IndexedDB in the extension's page.
      const stored = (view) =>
        view.evaluate(async (id) => {
          const request = (r) => new Promise((done, fail) => ((r.onsuccess = () => done(r.result)), (r.onerror = () => fail(r.error))));
          const db = await request(indexedDB.open('em-lens-archive'));
          const listing = await request(db.transaction('articles', 'readonly').objectStore('articles').get(id));
          db.close();
          return { note: listing.note, tags: listing.tags };
        }, SEED);
      const popup = await openArchivePage(session);
      const page = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      await waitForIds(popup, [CAIFUHAO, LEGACY, SEED]);
      await waitForIds(page, [CAIFUHAO, LEGACY, SEED]);
      // Both editors open on the same note; the popup saves first, the archive page after.
      const savePopup = await editNote(popup, '弹窗里写的');
      const savePage = await editNote(page, '存档页写的');
      await savePopup();
      await popup.waitForFunction((id) => document.querySelector(`[data-article-id="${id}"] .note`)?.textContent === '弹窗里写的', { polling: 100 }, SEED);
      await savePage();
      await page.waitForSelector('[data-role="undo-toast"][data-kind="note-replaced"]', { timeout: 10_000 });
      assert.match(await page.$eval('[data-role="undo-toast"]', (toast) => toast.textContent), /弹窗里写的/);
      await page.waitForFunction((id) => document.querySelector(`[data-article-id="${id}"] .note`)?.textContent === '存档页写的', { polling: 100 }, SEED);
      assert.equal((await stored(page)).note, '存档页写的');
      await page.screenshot({ path: `${ARTIFACTS}/${name}-note-replaced.png` });
      await page.bringToFront();
      await page.click('[data-role="undo-toast"] [data-action="undo"]');
      await page.waitForFunction((id) => document.querySelector(`[data-article-id="${id}"] .note`)?.textContent === '弹窗里写的', { polling: 100 }, SEED);
      assert.equal(await page.$('[data-role="undo-toast"]'), null);
      assert.deepEqual(await stored(page), { note: '弹窗里写的', tags: ['待复盘', '专利'] });
      // The popup never had its note replaced: no toast there.
      assert.equal(await popup.$('[data-role="undo-toast"]'), null);
      // Put back as the reader left it, for the exports below.
      const restore = await editNote(page, '北京第一单');
      await restore();
      await page.waitForFunction((id) => document.querySelector(`[data-article-id="${id}"] .note`)?.textContent === '北京第一单', { polling: 100 }, SEED);
      await popup.close();
      await page.close();
    });

    it('exports JSON, Markdown and CSV', async () => {
      const view = await openArchivePage(session, 'archive.html', { width: 900, height: 700 });
      await waitForIds(view, [CAIFUHAO, LEGACY, SEED]);
      await captureDownloads(view);
      await view.click('.transfer summary');
      await view.click('[data-action="export-json"][data-scope="all"]');
      exported = await takeDownload(view);
      assert.match(exported.name, /^em-lens-\d{12}\.json$/);
      assert.deepEqual(
        articlesOf(exported.bytes).map((a) => [a.id, a.tags]),
        [
          [CAIFUHAO, []],
          [LEGACY, []],
          [SEED, ['待复盘', '专利']],
        ],
      );
      await view.click('[data-action="export-markdown"][data-scope="all"]');
      const zip = await takeDownload(view);
      assert.match(zip.name, /markdown\.zip$/);
      assert.equal(zip.bytes.subarray(0, 2).toString('latin1'), 'PK');
      assert.ok(zip.bytes.includes(Buffer.from(`${SEED}.md`)), 'the zip holds the seed article as Markdown');
      await view.click('[data-action="export-csv"][data-scope="all"]');
      const csv = await takeDownload(view);
      assert.equal(csv.bytes.toString('utf8').trimEnd().split('\r\n').length, 4);
      await view.close();
    });

    it('narrows the list to a period of the security view’s timeline, and a saved-price point names its article and opens it', async () => {
      const { articles, monday } = savedOverWeeks(exported);
      const [one, two, three, four] = articles.map((article) => article.id);
      const fresh = await launchWithExtension(name);
      try {
        const view = await openArchivePage(fresh, 'archive.html', { width: 900, height: 700 });
        const outcome = await sendFromExtension(view, { type: 'bg:import-articles', payload: { articles } });
        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        await fresh.openExtensionPage(view, 'archive.html?secid=0.000931&doubtful=include');
        await waitForIds(view, [four, three, two, one], 'security view');
        await view.waitForSelector('[data-role="timeline"][data-drawn="true"] [data-period]', { timeout: 10_000 });
        const bars = await view.$$eval('[data-period]', (list) => list.map((bar) => [bar.getAttribute('data-period'), bar.getAttribute('data-count')]));
        assert.deepEqual(bars.slice(0, 2), [[day(monday), '2'], [day(monday + 14 * DAY), '1']]);

        // A click on the first week's bar: exactly its two articles, counted, in the address, as a chip, its bar marked.
        await view.click(`[data-period="${day(monday)}"]`);
        const narrowed = async () => {
          await waitForIds(view, [two, one], 'the chosen week');
          await view.waitForSelector('[data-role="archive-total"][data-total="2"]');
          return view.evaluate(() => ({
            search: location.search,
            chip: document.querySelector('[data-role="period-chip"]')?.textContent,
            chosen: document.querySelector('[data-role="timeline"]').getAttribute('data-chosen'),
            pressed: document.querySelector('[data-period][aria-pressed="true"]')?.getAttribute('data-period'),
            articles: document.querySelector('[data-role="timeline"]').getAttribute('data-articles'),
          }));
        };
        const sunday = day(monday + 6 * DAY);
        const expected = {
          search: `?secid=0.000931&saved-from=${day(monday)}&saved-to=${sunday}&doubtful=include`,
          chip: `保存于 ${day(monday)} 至 ${sunday}×`,
          chosen: day(monday),
          pressed: day(monday),
          articles: '4',
        };
        assert.deepEqual(await narrowed(), expected);
        // The back button takes it away, and forward brings it back.
        await view.evaluate(() => history.back());
        await waitForIds(view, [four, three, two, one], 'back');
        assert.equal(await view.$('[data-role="period-chip"]'), null);
        await view.evaluate(() => history.forward());
        assert.deepEqual(await narrowed(), expected);
        // The address alone brings it back, as a reload or a bookmark does.
        await fresh.openExtensionPage(view, `archive.html${expected.search}`);
        assert.deepEqual(await narrowed(), expected);
        await view.click('[data-action="clear-period"]');
        await waitForIds(view, [four, three, two, one], 'the period cleared');

        // From the keyboard: the bars are one tab stop, the arrow keys go between them, Enter chooses.
        await view.waitForSelector('[data-role="timeline"][data-drawn="true"] [data-period]', { timeout: 10_000 });
        await view.focus('[data-period][tabindex="0"]');
        await view.keyboard.press('Home');
        await view.keyboard.press('ArrowRight');
        await view.keyboard.press('Enter');
        await waitForIds(view, [three], 'the week chosen from the keyboard');
        await view.keyboard.press('Enter');
        await waitForIds(view, [four, three, two, one], 'the chosen bar chosen again');

        // A saved-price point: focused, it names its article, the date and the price; under the pointer, the same.
        await view.waitForSelector('[data-role="timeline"][data-drawn="true"] [data-role="price-point"]', { timeout: 10_000 });
        await view.focus('[data-role="price-point"]');
        const card = (text) =>
          view.waitForFunction((want) => document.querySelector('[data-role="point-article"]')?.textContent.includes(want), { timeout: 10_000, polling: 100 }, text);
        await card('时期之4');
        assert.match(await view.$eval('[data-role="point-article"]', (element) => element.textContent), /时期之4.*保存时价格 6\.6/);
        await view.keyboard.press('ArrowLeft');
        await card('时期之3');
        const spot = await view.$eval('[data-role="price-point"]', (element) => {
          const box = element.getBoundingClientRect();
          return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
        });
        await view.evaluate(() => document.activeElement.blur());
        await view.mouse.move(spot.x, spot.y - 60);
        await view.waitForFunction(() => !document.querySelector('[data-role="point-article"]'), { timeout: 10_000, polling: 100 });
        await view.mouse.move(spot.x, spot.y);
        await card('时期之3');
        assert.match(await view.$eval('[data-role="point-article"]', (element) => element.textContent), new RegExp(`时期之3${day(monday + 14 * DAY)} 01:00:00 保存时价格 6\\.2`));
        await view.screenshot({ path: `${ARTIFACTS}/${name}-timeline-point.png` });
        await view.mouse.click(spot.x, spot.y);
        await waitForExtensionTab(view, `/reader.html?id=${three}`);
        await view.close();
      } finally {
        await fresh.close();
      }
    });

    it('draws the start view and the security view’s timeline in dark mode', async () => {
      const dark = await launchWithExtension(name, { colorScheme: 'dark' });
      try {
        const view = await openArchivePage(dark, 'archive.html', { width: 900, height: 700 });
        const { articles } = savedOverWeeks(exported);
        const outcome = await sendFromExtension(view, { type: 'bg:import-articles', payload: { articles: [...articlesOf(exported.bytes), ...articles] } });
        assert.equal(outcome.ok, true, JSON.stringify(outcome));
        await dark.openExtensionPage(view, 'archive.html');
        await view.waitForSelector('[data-role="reading-about"] [data-secid]', { timeout: 10_000 });
        assert.equal(await view.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches), true, 'the page sees prefers-color-scheme: dark');
        await view.screenshot({ path: `${ARTIFACTS}/${name}-reading-about-dark.png` });
        await dark.openExtensionPage(view, 'archive.html?secid=0.000931&doubtful=include');
        await view.waitForSelector('[data-role="timeline"][data-drawn="true"] [data-role="price-point"]', { timeout: 10_000 });
        await view.focus('[data-role="price-point"]');
        await view.keyboard.press('ArrowLeft');
        await view.waitForFunction(() => document.querySelector('[data-role="point-article"]')?.textContent.includes('时期之3'), { timeout: 10_000, polling: 100 });
        await view.screenshot({ path: `${ARTIFACTS}/${name}-security-timeline-dark.png` });
        await view.close();
      } finally {
        await dark.close();
      }
    });

    it('imports the export into a fresh profile, and exporting there gives the same articles', async () => {
      const fresh = await launchWithExtension(name);
      try {
        const view = await openArchivePage(fresh, 'archive.html', { width: 900, height: 700 });
        assert.deepEqual(await listedIds(view), []);
        const dir = mkdtempSync(join(tmpdir(), 'em-lens-import-'));
        const file = join(dir, 'export.json');
        writeFileSync(file, exported.bytes);
        const bad = join(dir, 'bad.json');
        writeFileSync(bad, '{"format":"em-lens-archive","version":9,"articles":[]}');

        // One open import box, chosen three times (a toggle of its summary would close it again).
        await view.click('.transfer summary');
        const input = await view.$('input[type="file"][data-action="import"]');
        await input.uploadFile(bad);
        await view.waitForFunction(() => document.querySelector('[data-role="import-report"]')?.textContent.includes('不支持的存档版本'), { polling: 100 });
        assert.deepEqual(await listedIds(view), []);

        await input.uploadFile(file);
        await view.waitForSelector('[data-role="import-taken"][data-taken="3"][data-refused="0"]');
        await waitForIds(view, [CAIFUHAO, LEGACY, SEED]);
        await input.uploadFile(file); // again: merged by id, no duplicates
        await view.waitForFunction(() => document.querySelector('[data-role="import-taken"]')?.textContent.includes('更新 3'), { polling: 100 });
        await waitForIds(view, [CAIFUHAO, LEGACY, SEED]);
        await searchFor(view, '待复盘', [SEED]);

        await captureDownloads(view);
        await view.click('[data-action="export-json"][data-scope="all"]');
        const second = await takeDownload(view);
        assert.deepEqual(articlesOf(second.bytes), articlesOf(exported.bytes));
        await view.close();
      } finally {
        await fresh.close();
      }
    });
  });
}

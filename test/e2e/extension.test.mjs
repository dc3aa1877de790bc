// End to end, with the built extension, in real Chromium and real Firefox.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import {
  LEGACY_URL,
  LIST_URL,
  OTHER_SITE_URL,
  SEED_MOBILE_URL,
  SEED_URL,
} from './fixture-routes.mjs';
import { afterContentScriptRan, clickInOverlay, readOverlay, waitForOverlay, waitForQuoteState, waitForSaved } from './overlay-probe.mjs';
import { browsersUnderTest, startArticleSession } from './session.mjs';

const ARTIFACTS = 'test/e2e/artifacts';
const SEED_ID = '202112302231813952';
const LEGACY_ID = '201905191126530972';
function addressOf(url) {
  return url.startsWith('about:neterror') ? new URLSearchParams(url.slice(url.indexOf('?'))).get('u') : url;
}

const browsers = browsersUnderTest();
mkdirSync(ARTIFACTS, { recursive: true });

for (const name of browsers) {
  describe(`EM Lens in ${name}`, () => {
    /** @type {Awaited<ReturnType<typeof startArticleSession>>['session']} */
    let session;
    /** @type {import('puppeteer-core').Page} */
    let page;

    before(async () => {
      ({ session, page } = await startArticleSession(/** @type {'chrome'|'firefox'} */ (name)));
    });

    after(async () => {
      await session?.close();
    });

    async function openPopup() {
      const popup = await session.browser.newPage();
      await popup.setViewport({ width: 420, height: 600 });
      await session.openExtensionPage(popup, 'popup.html');
      await popup.waitForFunction(() => document.querySelector('main.archive')?.getAttribute('aria-busy') === 'false', { polling: 100 });
      return popup;
    }

    async function listedIds(popup) {
      return popup.$$eval('[data-article-id]', (rows) => rows.map((row) => row.getAttribute('data-article-id')));
    }

    /** After the content script has had its chance on `url`, and with a real article in the same tab showing its overlay. */
    async function expectNoOverlay(url) {
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await page.goto(url, { waitUntil: 'load' });
      await afterContentScriptRan(page);
      assert.equal(await page.$('[data-em-lens="overlay"]'), null, `no overlay on ${url}`);
      assert.equal(await readOverlay(page), null);
    }

    it('shows no overlay on a list page or on a page outside Eastmoney', async () => {
      await expectNoOverlay(LIST_URL);
      await expectNoOverlay(OTHER_SITE_URL);
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page); // the same tab does show one on an article
    });

    it('badges the seed article: two securities, three mentions each, before the body', async () => {
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      const overlay = await readOverlay(page);
      assert.equal(overlay.hosts, 1);
      assert.equal(overlay.articleId, SEED_ID);
      assert.match(overlay.text, /中国证券报/);
      assert.match(overlay.text, /2021-12-30 21:05/);
      assert.match(overlay.text, /提及 2 只证券/);
      assert.deepEqual(
        overlay.badges.map(({ secid, kind, count }) => [secid, kind, count]),
        [
          ['90.BK0473', 'sector', '3'],
          ['0.000931', 'stock', '3'],
        ],
      );
      assert.match(overlay.badges[1].text, /中关村.*000931.*股票.*×3/);
      const placement = await page.evaluate(() => {
        const host = document.querySelector('[data-em-lens="overlay"]');
        return { next: host.nextElementSibling?.id, mode: host.shadowRoot ? 'open' : 'closed' };
      });
      assert.deepEqual(placement, { next: 'ContentBody', mode: 'open' });
    });

    it('keeps the page CSS out of the overlay and its own CSS out of the page', async () => {
      const styles = await page.evaluate(() => {
        const badge = document.querySelector('[data-em-lens="overlay"]').shadowRoot.querySelector('[data-secid]');
        const style = getComputedStyle(badge);
        const pageItem = getComputedStyle(document.querySelector('.infos .item'));
        return {
          saveBackground: style.backgroundColor,
          saveFontSize: style.fontSize,
          pageItemColor: pageItem.color,
          pageItemDisplay: pageItem.display,
          documentStyles: document.querySelectorAll('style[wxt-shadow-root-document-styles]').length,
        };
      });
      // The fixture styles every button hotpink at 30px; the overlay keeps its own look.
      assert.notEqual(styles.saveBackground, 'rgb(255, 105, 180)');
      assert.equal(styles.saveFontSize, '13px');
      assert.equal(styles.pageItemColor, 'rgb(136, 136, 136)');
      assert.equal(styles.pageItemDisplay, 'inline-block');
      assert.equal(styles.documentStyles, 0);
    });

    it('scrolls to each mention in turn when a badge is clicked', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const expected of [0, 1, 2, 0]) {
        await clickInOverlay(page, '[data-secid="0.000931"]');
        await page.waitForFunction(
          (index) => {
            const mentions = [...document.querySelectorAll('#ContentBody [data-code="0,000931"]')].filter(
              (element) => !element.closest('[style*="display:none"]'),
            );
            const focused = document.querySelector('[data-em-lens-focus]');
            if (mentions.indexOf(focused) !== index) return false;
            const box = focused.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= window.innerHeight;
          },
          { timeout: 10_000, polling: 100 },
          expected,
        );
      }
      const overlay = await readOverlay(page);
      assert.match(overlay.badges.find((badge) => badge.secid === '0.000931').text, /1\/3/);
    });

    it('saves the article, and shows it saved after a reload', async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      assert.equal((await readOverlay(page)).saved, 'false');
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      await page.screenshot({ path: `${ARTIFACTS}/${name}-overlay.png` });
      await page.reload({ waitUntil: 'load' });
      await waitForOverlay(page);
      await waitForSaved(page, 'true');
    });

    it('keeps one entry when the same article is saved from its mobile URL', async () => {
      await page.goto(SEED_MOBILE_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await waitForSaved(page, 'true');
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      await page.goto(LEGACY_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      assert.equal((await readOverlay(page)).badges.length, 7);
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
    });

    it('lists saved articles in the popup, newest first, with their badges', async () => {
      const popup = await openPopup();
      assert.deepEqual(await listedIds(popup), [LEGACY_ID, SEED_ID]);
      const seedRow = await popup.$eval(`[data-article-id="${SEED_ID}"]`, (row) => ({
        text: row.textContent,
        badges: [...row.querySelectorAll('[data-secid]')].map((badge) => badge.getAttribute('data-secid')),
      }));
      assert.match(seedRow.text, /北京首个专利许可知识产权证券化项目已设立/);
      assert.match(seedRow.text, /中国证券报 · 2021-12-30 21:05/);
      assert.deepEqual(seedRow.badges, ['90.BK0473', '0.000931']);
      await popup.screenshot({ path: `${ARTIFACTS}/${name}-popup.png` });
      await popup.close();
    });

    it('draws the popup’s first rows from the background’s copy of the newest page, the rows the archive then shows', async () => {
      const popup = await session.browser.newPage();
      await popup.setViewport({ width: 420, height: 600 });
      // What the list was drawn from the moment its first row appeared.
      await popup.evaluateOnNewDocument(() => {
        new MutationObserver((_, observer) => {
          const list = document.querySelector('ol.articles');
          if (!list?.querySelector('[data-article-id]')) return;
          observer.disconnect();
          window.__firstRows = {
            from: list.getAttribute('data-rows'),
            ids: [...list.querySelectorAll('[data-article-id]')].map((row) => row.getAttribute('data-article-id')),
          };
        }).observe(document, { childList: true, subtree: true });
      });
      await session.openExtensionPage(popup, 'popup.html');
      await popup.waitForFunction(() => document.querySelector('main.archive')?.getAttribute('aria-busy') === 'false', { polling: 100 });
      // The copy the background keeps, in the popup's session storage: the two saved articles, newest first, counted.
      const copy = await popup.evaluate(async () => (await (globalThis.browser ?? globalThis.chrome).storage.session.get('newestPage')).newestPage);
      assert.deepEqual(
        copy.page.items.map((item) => item.listing.id),
        [LEGACY_ID, SEED_ID],
      );
      assert.equal(copy.page.total, 2);
      // Firefox runs no preload script in an extension page over WebDriver BiDi, so there only the copy and the list
      // it ends with are seen; that the list draws the copy first is the unit tests' (newest-page.test.tsx) there.
      if (name === 'chrome') assert.deepEqual(await popup.evaluate(() => window.__firstRows), { from: 'copy', ids: [LEGACY_ID, SEED_ID] });
      assert.deepEqual(await listedIds(popup), [LEGACY_ID, SEED_ID]);
      assert.equal(await popup.$eval('ol.articles', (list) => list.getAttribute('data-rows')), 'archive');
      await popup.close();
    });

    it('refuses a malformed save message and writes nothing', async () => {
      const popup = await openPopup();
      const reply = await popup.evaluate(() =>
        (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({
          type: 'bg:save-article',
          payload: { record: { id: '202601010000000001', title: '<img src=x onerror=alert(1)>' } },
        }),
      );
      assert.equal(reply.ok, false);
      assert.equal(reply.code, 'wrong-sender');
      assert.match(reply.detail, /bg:save-article/);
      await popup.close();
      const again = await openPopup();
      assert.deepEqual(await listedIds(again), [LEGACY_ID, SEED_ID]);
      await again.close();
    });

    it('opens the original article from the popup', async () => {
      const popup = await openPopup();
      // New tabs are not intercepted: offline, Firefox shows its network error
      // page for the address, which still names the URL that was opened.
      const opened = session.browser.waitForTarget((target) => target.type() === 'page' && addressOf(target.url()) === SEED_URL, {
        timeout: 10_000,
      });
      await popup.click(`[data-article-id="${SEED_ID}"] [data-action="open"]`);
      const target = await opened;
      const tab = await target.page();
      await tab?.close();
      if (!popup.isClosed()) await popup.close().catch(() => {});
    });

    it('deletes an article from the popup, and the overlay then offers to save it again', async () => {
      const popup = await openPopup();
      await popup.click(`[data-article-id="${SEED_ID}"] [data-action="delete"]`);
      await popup.waitForFunction((id) => !document.querySelector(`[data-article-id="${id}"]`), { polling: 100 }, SEED_ID);
      assert.deepEqual(await listedIds(popup), [LEGACY_ID]);
      // The background's copy of the newest page, which the next popup draws first, follows the delete.
      await popup.waitForFunction(
        async (id) => {
          const copy = (await (globalThis.browser ?? globalThis.chrome).storage.session.get('newestPage')).newestPage;
          return JSON.stringify(copy?.page.items.map((item) => item.listing.id)) === JSON.stringify([id]);
        },
        { polling: 100, timeout: 10_000 },
        LEGACY_ID,
      );
      await popup.close();
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await waitForSaved(page, 'false');
    });
  });
}

// Badges that tell the truth, end to end: the seed's two mis-linked
// securities flagged with reasons, a reader's correction that outlives a
// reload and reaches the popup's counts, and key figures that find their text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_URL, serveFixtures } from './fixture-routes.mjs';
import { clickInOverlay, waitForJudged, waitForOverlay, waitForSaved } from './overlay-probe.mjs';
import { stopBackgroundWorker } from './browsers.mjs';
import { browsersUnderTest, startArticleSession } from './session.mjs';

const SEED_ID = '202112302231813952';

/** What a reader sees of each badge: its verdict, the reason it gives, whose verdict it is. */
function readVerdicts(page) {
  return page.evaluate(async () => {
    const root = document.querySelector('[data-em-lens="overlay"]').shadowRoot;
    const badges = [];
    for (const badge of root.querySelectorAll('.badge[data-secid]')) {
      // The reason is on the badge's card, which is drawn when it first opens (focus, as a keyboard reader opens it).
      badge.focus();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      badges.push({
        secid: badge.getAttribute('data-secid'),
        doubtful: badge.getAttribute('data-doubtful'),
        doubtfulMentions: badge.getAttribute('data-doubtful-mentions'),
        byReader: badge.getAttribute('data-by-reader'),
        title: badge.getAttribute('title'),
        reason: badge.closest('.badge-group').querySelector('[data-role="doubt-reason"]')?.textContent ?? null,
        border: getComputedStyle(badge).borderTopStyle,
      });
      badge.blur();
    }
    return { total: root.querySelector('[data-role="doubtful-total"]')?.textContent ?? null, badges };
  });
}

for (const name of browsersUnderTest()) {
  describe(`Relevance in ${name}`, () => {
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

    it('flags the seed’s 证券 and 中关村 as doubtful, dimmed, each with its reason', async () => {
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await waitForJudged(page);
      const { total, badges } = await readVerdicts(page);
      assert.equal(total, '其中 2 个存疑');
      assert.deepEqual(
        badges.map(({ secid, doubtful, doubtfulMentions }) => [secid, doubtful, doubtfulMentions]),
        [
          ['90.BK0473', 'true', '3'],
          ['0.000931', 'true', '3'],
        ],
      );
      const [sector, stock] = badges;
      assert.equal(sector.reason, '存疑：「证券」只是媒体名称「证券报」的一部分，不是这只证券');
      assert.equal(stock.reason, '存疑：「中关村」只是另一家机构「中关村担保」名称的一部分，不是这只证券');
      assert.match(sector.title, /存疑：「证券」只是媒体名称/);
      assert.equal(sector.border, 'dashed');
      // The reason shows on keyboard focus too, not on hover alone.
      await page.locator('[data-em-lens="overlay"] >>> .badge[data-secid="0.000931"]').setTimeout(5_000).wait();
      const shownOnFocus = await page.evaluate(async () => {
        const root = document.querySelector('[data-em-lens="overlay"]').shadowRoot;
        const badge = root.querySelector('.badge[data-secid="0.000931"]');
        badge.focus();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const card = badge.closest('.badge-group').querySelector('[data-role="quote-card"]');
        return getComputedStyle(card).display !== 'none' && getComputedStyle(card).visibility !== 'hidden';
      });
      assert.equal(shownOnFocus, true);
      await page.screenshot({ path: `test/e2e/artifacts/${name}-relevance.png` });
    });

    it('shows key figures that find their place in the text', async () => {
      const figures = await page.evaluate(() =>
        [...document.querySelector('[data-em-lens="overlay"]').shadowRoot.querySelectorAll('[data-figure]')].map((figure) => ({
          text: figure.getAttribute('data-figure'),
          value: figure.getAttribute('data-value'),
          unit: figure.getAttribute('data-unit'),
        })),
      );
      assert.ok(figures.length >= 2 && figures.length <= 5, `between two and five figures, not ${figures.length}`);
      assert.deepEqual(figures.find((figure) => figure.text === '3.37亿元'), { text: '3.37亿元', value: '337000000', unit: '元' });
      assert.deepEqual(figures.find((figure) => figure.text === '15家'), { text: '15家', value: '15', unit: '家' });
      await page.evaluate(() => window.scrollTo(0, 0));
      await clickInOverlay(page, '[data-figure="15家"]');
      await page.waitForFunction(
        () => {
          const selection = document.getSelection();
          if (selection?.toString() !== '15家') return false;
          const box = selection.getRangeAt(0).getBoundingClientRect();
          return box.top >= 0 && box.bottom <= window.innerHeight && selection.anchorNode.parentElement.closest('#ContentBody') !== null;
        },
        { timeout: 10_000, polling: 100 },
      );
    });

    it('takes the reader’s "yes, this security" in every open tab at once, keeps it after a reload, and counts it in the popup', async () => {
      const other = await session.browser.newPage();
      await serveFixtures(other);
      await other.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(other);
      await waitForJudged(other);
      await page.bringToFront();
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      await clickInOverlay(page, '[data-correct-secid="0.000931"]');
      await clickInOverlay(page, '[data-correct="likely-article"]');
      await page.waitForFunction(
        () =>
          document
            .querySelector('[data-em-lens="overlay"]')
            .shadowRoot.querySelector('.badge[data-secid="0.000931"]')
            ?.getAttribute('data-by-reader') === 'article',
        { timeout: 10_000, polling: 100 },
      );
      let { total, badges } = await readVerdicts(page);
      assert.equal(total, '其中 1 个存疑');
      // The other tab, untouched, follows.
      await other.waitForFunction(
        () =>
          document
            .querySelector('[data-em-lens="overlay"]')
            .shadowRoot.querySelector('.badge[data-secid="0.000931"]')
            ?.getAttribute('data-doubtful') === 'false',
        { timeout: 10_000, polling: 100 },
      );
      await other.close();
      // Likely first now: the corrected stock, then the still doubtful sector.
      assert.deepEqual(badges.map(({ secid, doubtful }) => [secid, doubtful]), [
        ['0.000931', 'false'],
        ['90.BK0473', 'true'],
      ]);

      await page.reload({ waitUntil: 'load' });
      await waitForOverlay(page);
      await waitForJudged(page);
      ({ badges } = await readVerdicts(page));
      assert.deepEqual(badges.map(({ secid, doubtful, byReader }) => [secid, doubtful, byReader]), [
        ['0.000931', 'false', 'article'],
        ['90.BK0473', 'true', null],
      ]);

      const popup = await session.browser.newPage();
      await session.openExtensionPage(popup, 'popup.html');
      await popup.waitForFunction(() => document.querySelector('main.archive')?.getAttribute('aria-busy') === 'false', { polling: 100 });
      const counted = () =>
        popup.$$eval('select[data-filter="secid"] option', (options) => options.map((option) => [option.value, option.textContent]));
      await popup.waitForFunction(() => document.querySelectorAll('select[data-filter="secid"] option').length > 1, { polling: 100 });
      const likelyOnly = await counted();
      assert.ok(likelyOnly.some(([value, text]) => value === '0.000931' && /· 1$/.test(text)), JSON.stringify(likelyOnly));
      assert.ok(!likelyOnly.some(([value]) => value === '90.BK0473'), JSON.stringify(likelyOnly));
      const rowBadges = await popup.$$eval(`[data-article-id="${SEED_ID}"] .mini-badge`, (badges) =>
        badges.map((badge) => [badge.getAttribute('data-secid'), badge.getAttribute('data-doubtful')]),
      );
      assert.deepEqual(rowBadges, [
        ['0.000931', 'false'],
        ['90.BK0473', 'true'],
      ]);
      await popup.click('input[data-filter="doubtful"]');
      await popup.waitForFunction(
        () => [...document.querySelectorAll('select[data-filter="secid"] option')].some((option) => option.value === '90.BK0473'),
        { polling: 100, timeout: 10_000 },
      );
      await popup.close();
    });

    // Chromium stops an idle background after 30 s, so the first article of a
    // morning finds it asleep. (Firefox suspends its event page too, but gives
    // a test no way to do it from outside.)
    if (name === 'chrome') {
      it('judges an article in a new tab after the background was stopped, with the reader’s correction still there', async () => {
        assert.ok(await stopBackgroundWorker(session.browser, session.extensionBase), 'the background’s service worker was running');
        const fresh = await session.browser.newPage();
        await serveFixtures(fresh);
        await fresh.goto(SEED_URL, { waitUntil: 'load' });
        await waitForOverlay(fresh);
        await waitForJudged(fresh);
        const { total, badges } = await readVerdicts(fresh);
        assert.equal(total, '其中 1 个存疑');
        assert.deepEqual(badges.map(({ secid, doubtful, byReader }) => [secid, doubtful, byReader]), [
          ['0.000931', 'false', 'article'],
          ['90.BK0473', 'true', null],
        ]);
        await fresh.close();
      });
    }
  });
}

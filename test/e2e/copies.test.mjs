// An Eastmoney article republished on another site, read when the person asks
// from the toolbar (activeTab): the same overlay, saved as the original entry.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { COPY_URL, SEED_URL } from './fixture-routes.mjs';
import { afterContentScriptRan, clickInOverlay, readOverlay, waitForOverlay, waitForQuoteState, waitForSaved } from './overlay-probe.mjs';
import { openArchivePage, waitForIds } from './extension-pages.mjs';
import { browsersUnderTest, startArticleSession } from './session.mjs';

const SEED_ID = '202112302231813952';
const browsers = browsersUnderTest();

// Triggering the toolbar action needs the driver's help: Chromium's DevTools
// protocol has it (Extensions.triggerAction); WebDriver BiDi in Firefox has no
// equivalent, so there the reading itself is covered by test/unit/article-copy.test.ts.
for (const name of browsers.filter((browser) => browser === 'chrome')) {
  describe(`EM Lens on a copy of an article, from the toolbar, in ${name}`, () => {
    let session;
    let page;

    before(async () => {
      ({ session, page } = await startArticleSession(name));
    });

    after(async () => {
      await session?.close();
    });

    it('shows nothing on the copy until asked, then the overlay of the original, saved as one entry', async () => {
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');

      await page.goto(COPY_URL, { waitUntil: 'load' });
      await afterContentScriptRan(page);
      assert.equal(await page.$('[data-em-lens="overlay"]'), null, 'no permission, no overlay, until the toolbar is used');

      const extension = [...(await session.browser.extensions()).values()][0];
      const popupOpened = session.browser.waitForTarget((target) => target.url().endsWith('/popup.html'), { timeout: 10_000 });
      await page.bringToFront();
      await page.triggerExtensionAction(extension);
      const popup = await (await popupOpened).asPage();
      await popup.waitForSelector('[data-action="read-page"]', { timeout: 10_000 });
      await popup.click('[data-action="read-page"]');

      await waitForOverlay(page);
      const overlay = await readOverlay(page);
      assert.equal(overlay.articleId, SEED_ID);
      assert.deepEqual(
        overlay.badges.map((b) => [b.secid, b.count]),
        [
          ['90.BK0473', '3'],
          ['0.000931', '3'],
        ],
      );
      // The copy is the original entry: the overlay learns so from the archive.
      await waitForSaved(page, 'true');
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      const list = await openArchivePage(session);
      await waitForIds(list, [SEED_ID]);
      await list.close();
    });
  });
}

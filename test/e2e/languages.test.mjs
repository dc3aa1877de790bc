// The UI in each language: Simplified Chinese by default (every other test
// runs in it), English for a browser in English.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_URL } from './fixture-routes.mjs';
import { clickInOverlay, readOverlay, waitForOverlay, waitForSaved } from './overlay-probe.mjs';
import { openArchivePage, waitForIds } from './extension-pages.mjs';
import { browsersUnderTest, startArticleSession } from './session.mjs';

const ARTIFACTS = 'test/e2e/artifacts';
const browsers = browsersUnderTest();

for (const name of browsers) {
  describe(`EM Lens in English in ${name}`, () => {
    let session;
    let page;

    before(async () => {
      ({ session, page } = await startArticleSession(name, { locale: 'en' }));
    });

    after(async () => {
      await session?.close();
    });

    it('speaks English in the overlay, the popup, the reader and the settings', async () => {
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      // The archive strip draws in its own frame, after the page's load: its Save button first.
      await waitForSaved(page, 'false');
      const overlay = await readOverlay(page);
      assert.match(overlay.text, /EM Lens.*2 securities mentioned/);
      assert.match(overlay.archiveText, /Save/);
      assert.match(overlay.badges[1].text, /中关村000931Stock×3/);
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      assert.match((await readOverlay(page)).archiveText, /Saved.*In your archive/);
      await page.screenshot({ path: `${ARTIFACTS}/${name}-overlay-en.png` });

      const popup = await openArchivePage(session);
      await waitForIds(popup, ['202112302231813952']);
      const popupText = await popup.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        heading: document.querySelector('h1').textContent,
        placeholder: document.querySelector('input[type="search"]').placeholder,
        actions: [...document.querySelectorAll('[data-article-id] .row-actions button')].map((b) => b.textContent),
        extName: (globalThis.browser ?? globalThis.chrome).i18n.getMessage('extName'),
      }));
      assert.deepEqual(popupText, {
        lang: 'en',
        title: 'EM Lens archive',
        heading: 'EM Lens archive',
        placeholder: 'Search titles, text, security names or codes, tags, notes',
        actions: ['Read', 'Tags/note', 'Delete'],
        extName: 'EM Lens',
      });
      await popup.screenshot({ path: `${ARTIFACTS}/${name}-popup-en.png` });
      await popup.close();

      const settings = await session.browser.newPage();
      await session.openExtensionPage(settings, 'options.html');
      await settings.waitForSelector('[data-setting="live-quotes"]');
      assert.match(await settings.evaluate(() => document.body.textContent), /EM Lens settings.*Live quotes.*Red up, green down/);
      await settings.close();
    });
  });
}

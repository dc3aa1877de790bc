// The Edge package (`wxt build -b edge`, zipped by `npm run zip`) in the
// engine Edge and the Chromium-based browsers common in China run on: it
// loads, badges the seed article, saves it, and lists it in the popup.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SEED_URL } from './fixture-routes.mjs';
import { clickInOverlay, readOverlay, waitForOverlay, waitForSaved } from './overlay-probe.mjs';
import { openArchivePage, waitForIds } from './extension-pages.mjs';
import { browsersUnderTest, startArticleSession } from './session.mjs';

const EDGE_BUILD = '.output/edge-mv3';

if (browsersUnderTest().includes('chrome')) {
  describe('the Edge package in a Chromium engine', () => {
    let session;
    let page;

    before(async () => {
      ({ session, page } = await startArticleSession('chrome', { build: EDGE_BUILD }));
    });

    after(async () => {
      await session?.close();
    });

    it('is a Manifest V3 build with the same permissions as the Chrome one', () => {
      const edge = JSON.parse(readFileSync(`${EDGE_BUILD}/manifest.json`, 'utf8'));
      const chrome = JSON.parse(readFileSync('.output/chrome-mv3/manifest.json', 'utf8'));
      assert.equal(edge.manifest_version, 3);
      assert.deepEqual(edge.permissions, chrome.permissions);
      assert.deepEqual(edge.host_permissions, chrome.host_permissions);
      assert.equal(edge.browser_specific_settings, undefined);
    });

    it('badges, saves and lists the seed article', async () => {
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      assert.deepEqual(
        (await readOverlay(page)).badges.map((badge) => badge.secid),
        ['90.BK0473', '0.000931'],
      );
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      const popup = await openArchivePage(session);
      await waitForIds(popup, ['202112302231813952']);
      await popup.close();
    });
  });
}

// Accessibility end to end, in real Chromium and real Firefox: axe-core on the
// popup, the archive page, the reader and the settings page, and inside the
// overlay's open shadow root; then the same with the system in dark mode, where
// every page must turn dark and still read well. Prices come from the local
// quote server, so that the red and green of the quotes are checked too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SEED_URL } from './fixture-routes.mjs';
import { archiveFrame, clickInOverlay, waitForOverlay, waitForSaved } from './overlay-probe.mjs';
import { openArchivePage, searchFor, waitForIds } from './extension-pages.mjs';
import { startQuoteServer } from './quote-server.mjs';
import { browsersUnderTest, startArticleSession } from './session.mjs';

const ARTIFACTS = 'test/e2e/artifacts';
const SEED = '202112302231813952';
const browsers = browsersUnderTest();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// axe's shadow DOM selector: the host in the page, then the panel in its open shadow root.
const OVERLAY = { include: [{ fromShadowDom: ['[data-em-lens="overlay"]', '.panel'] }] };
const QUOTES = {
  '0.000931': { name: '中关村', price: 4.12, changePct: 2.31, change: 0.09, high: 4.2, low: 4.0, prevClose: 4.03 },
  '90.BK0473': { name: '证券', price: 1020.5, changePct: -0.85, change: -8.7, high: 1031.2, low: 1015.1, prevClose: 1029.2 },
};

mkdirSync(ARTIFACTS, { recursive: true });

/**
 * Runs axe in the page (the whole document, or `context`) and returns its violations.
 * axe goes in through the driver's evaluate, not a <script>: the extension's
 * pages allow no inline script, and evaluate works in both browsers.
 * @param {import('puppeteer-core').Page | import('puppeteer-core').Frame} page
 */
async function axeViolations(page, context = null) {
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (ctx) => {
    const results = await window.axe.run(ctx ?? document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        html: node.html.slice(0, 160),
        summary: node.failureSummary ?? '',
      })),
    }));
  }, context);
}

function describeViolations(violations) {
  return violations
    .map(
      (violation) =>
        `  [${violation.impact}] ${violation.id}: ${violation.help}\n` +
        violation.nodes
          .map((node) => `    ${JSON.stringify(node.target)} ${node.html}\n      ${node.summary.replace(/\n/g, '\n      ')}`)
          .join('\n'),
    )
    .join('\n');
}

/** No serious or critical violation; lesser ones are reported as diagnostics. */
async function expectAccessible(t, page, where, context = null) {
  const violations = await axeViolations(page, context);
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  for (const violation of violations) {
    if (!blocking.includes(violation)) t.diagnostic(`${where}: ${violation.impact} ${violation.id} on ${violation.nodes.length} element(s)`);
  }
  assert.equal(blocking.length, 0, `${where}: axe found serious or critical violations; all violations:\n${describeViolations(violations)}`);
}

/** Relative luminance (0 black … 1 white) of a computed `rgb()`/`rgba()` colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/[\d.]+/g).slice(0, 3).map((value) => {
    const channel = Number(value) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const panelColours = (page) =>
  page.evaluate(() => {
    const panel = document.querySelector('[data-em-lens="overlay"]').shadowRoot.querySelector('.panel');
    const style = getComputedStyle(panel);
    return { background: style.backgroundColor, color: style.color, dark: matchMedia('(prefers-color-scheme: dark)').matches };
  });

const bodyColours = (page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, color: style.color, dark: matchMedia('(prefers-color-scheme: dark)').matches };
  });

async function waitForQuotes(page) {
  await page.waitForFunction(
    (ids) => ids.every((id) => document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelector(`[data-secid="${id}"][data-price]`)),
    { timeout: 10_000, polling: 100 },
    Object.keys(QUOTES),
  );
}

/**
 * A browser with the extension, quotes from the local server, and the seed
 * article open in `page` (not yet saved).
 * @param {'chrome' | 'firefox'} name
 * @param {{ colorScheme?: 'dark' }} [options]
 */
async function startSession(name, options) {
  const server = await startQuoteServer();
  server.setQuotes(QUOTES);
  const { session, page } = await startArticleSession(name, {
    ...options,
    async beforePage(started) {
      const setup = await openArchivePage(started);
      await setup.evaluate((base) => (globalThis.browser ?? globalThis.chrome).storage.local.set({ quoteApiBase: base }), server.url);
      await setup.close();
    },
  });
  await page.goto(SEED_URL, { waitUntil: 'load' });
  await waitForOverlay(page);
  await waitForQuotes(page);
  return { session, server, page };
}

async function openPage(session, path, ready, viewport = { width: 900, height: 800 }) {
  const page = await session.browser.newPage();
  await page.setViewport(viewport);
  await session.openExtensionPage(page, path);
  await page.waitForFunction(ready, { polling: 100, timeout: 10_000 });
  return page;
}

const readerReady = (id) => `document.querySelector('[data-article-id="${id}"] [data-role="reader-body"]')?.textContent.length > 0`;
const settingsReady = `document.querySelector('main.settings')?.getAttribute('aria-busy') === 'false'`;

for (const name of browsers) {
  describe(`Accessibility in ${name}`, () => {
    let session;
    let server;
    /** @type {import('puppeteer-core').Page} */
    let page;

    before(async () => {
      ({ session, server, page } = await startSession(/** @type {'chrome'|'firefox'} */ (name)));
    });

    after(async () => {
      await session?.close();
      await server?.close();
    });

    it('popup with an empty archive', async (t) => {
      const popup = await openArchivePage(session);
      await popup.waitForSelector('[data-role="empty-archive"]');
      await expectAccessible(t, popup, 'popup, empty archive');
      await popup.close();
    });

    it('overlay, in its shadow root: with quotes, before and right after saving', async (t) => {
      await page.bringToFront();
      await expectAccessible(t, page, 'overlay', OVERLAY);
      // The quote card, as keyboard focus shows it.
      await page.focus('[data-em-lens="overlay"] >>> [data-secid="0.000931"]');
      await page.waitForFunction(
        () => {
          const badge = document.querySelector('[data-em-lens="overlay"]').shadowRoot.querySelector('[data-secid="0.000931"]');
          const card = badge?.parentElement?.querySelector('[data-role="quote-card"]');
          return card && getComputedStyle(card).display !== 'none';
        },
        { polling: 100, timeout: 5_000 },
      );
      await expectAccessible(t, page, 'overlay with a quote card open', OVERLAY);
      await page.evaluate(() => document.activeElement?.blur());
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      await expectAccessible(t, page, 'overlay after saving', OVERLAY);
      // The archive frame, the extension's own page inside the overlay: saved, then with its tags and note editor open.
      const frame = await archiveFrame(page);
      await expectAccessible(t, frame, 'archive frame after saving');
      await clickInOverlay(page, '[data-action="annotate"]');
      await frame.waitForSelector('textarea[name="note"]');
      await expectAccessible(t, frame, 'archive frame with the tags and note editor');
      await clickInOverlay(page, '[data-action="annotate"]');
    });

    it('popup listing the saved article, and searching it', async (t) => {
      const popup = await openArchivePage(session);
      await waitForIds(popup, [SEED]);
      await expectAccessible(t, popup, 'popup');
      await searchFor(popup, '证券', [SEED]);
      await popup.waitForSelector('[data-role="snippet"] mark');
      await expectAccessible(t, popup, 'popup, searching 证券');
      await popup.close();
    });

    it('archive page, and its security view', async (t) => {
      const archive = await openArchivePage(session, 'archive.html', { width: 1000, height: 800 });
      await waitForIds(archive, [SEED]);
      await expectAccessible(t, archive, 'archive page');
      await archive.close();
      const security = await openArchivePage(session, 'archive.html?secid=0.000931&doubtful=include', { width: 1000, height: 800 });
      await waitForIds(security, [SEED]);
      await expectAccessible(t, security, 'security view');
      await security.close();
    });

    it('reader', async (t) => {
      const reader = await openPage(session, `reader.html?id=${SEED}`, readerReady(SEED));
      await expectAccessible(t, reader, 'reader');
      await reader.close();
    });

    it('settings page', async (t) => {
      const options = await openPage(session, 'options.html', settingsReady);
      await expectAccessible(t, options, 'settings');
      await options.close();
    });

    // Puppeteer emulates media features over CDP only; Firefox (WebDriver BiDi)
    // refuses, and the dark-scheme suite below covers it with a dark profile.
    if (name === 'chrome') it('follows a colour scheme emulated for one page', async () => {
      const popup = await openArchivePage(session);
      const light = await bodyColours(popup);
      assert.equal(light.dark, false);
      assert.ok(luminance(light.background) > 0.8, `light popup background ${light.background}`);
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const dark = await bodyColours(popup);
      assert.equal(dark.dark, true);
      assert.ok(luminance(dark.background) < 0.05, `dark popup background ${dark.background}`);
      assert.ok(luminance(dark.color) > 0.6, `dark popup text ${dark.color}`);
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
      assert.equal((await bodyColours(popup)).background, light.background);
      await popup.close();
    });
  });

  describe(`Dark scheme in ${name}`, () => {
    let session;
    let server;
    /** @type {import('puppeteer-core').Page} */
    let page;

    before(async () => {
      // The system's scheme, set at launch, as a user's dark desktop would:
      // Chromium's --force-dark-mode, Firefox's ui.systemUsesDarkTheme.
      ({ session, server, page } = await startSession(/** @type {'chrome'|'firefox'} */ (name), { colorScheme: 'dark' }));
    });

    after(async () => {
      await session?.close();
      await server?.close();
    });

    it('turns the overlay dark, and it still reads well', async (t) => {
      await page.bringToFront();
      const colours = await panelColours(page);
      assert.equal(colours.dark, true, 'the page sees prefers-color-scheme: dark');
      assert.ok(luminance(colours.background) < 0.05, `overlay panel background ${colours.background}`);
      assert.ok(luminance(colours.color) > 0.6, `overlay text ${colours.color}`);
      await expectAccessible(t, page, 'dark overlay', OVERLAY);
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      await expectAccessible(t, page, 'dark overlay after saving', OVERLAY);
      // The archive frame turns dark with the panel around it.
      const frame = await archiveFrame(page);
      const strip = await frame.$eval('[data-role="archive-strip"]', (element) => ({ background: getComputedStyle(element).backgroundColor, color: getComputedStyle(element).color }));
      assert.ok(luminance(strip.background) < 0.05, `archive frame background ${strip.background}`);
      assert.ok(luminance(strip.color) > 0.6, `archive frame text ${strip.color}`);
      await expectAccessible(t, frame, 'dark archive frame after saving');
      await page.evaluate(() => document.querySelector('[data-em-lens="overlay"]').scrollIntoView({ block: 'start' }));
      await page.evaluate(() => window.scrollBy(0, -80));
      await page.screenshot({ path: `${ARTIFACTS}/${name}-overlay-dark.png` });
    });

    it('turns the popup dark, and it still reads well', async (t) => {
      const popup = await openArchivePage(session);
      await waitForIds(popup, [SEED]);
      const colours = await bodyColours(popup);
      assert.equal(colours.dark, true);
      assert.ok(luminance(colours.background) < 0.05, `popup background ${colours.background}`);
      assert.ok(luminance(colours.color) > 0.6, `popup text ${colours.color}`);
      await expectAccessible(t, popup, 'dark popup');
      await searchFor(popup, '证券', [SEED]);
      await popup.waitForSelector('[data-role="snippet"] mark');
      await expectAccessible(t, popup, 'dark popup, searching 证券');
      await popup.screenshot({ path: `${ARTIFACTS}/${name}-popup-dark.png` });
      await popup.close();
    });

    it('turns the archive page, the reader and the settings dark, and they still read well', async (t) => {
      const pages = [
        ['archive page', () => openArchivePage(session, 'archive.html?secid=0.000931', { width: 1000, height: 800 })],
        ['reader', () => openPage(session, `reader.html?id=${SEED}`, readerReady(SEED))],
        ['settings', () => openPage(session, 'options.html', settingsReady)],
      ];
      for (const [where, open] of pages) {
        const opened = await open();
        const colours = await bodyColours(opened);
        assert.ok(luminance(colours.background) < 0.05, `${where} background ${colours.background}`);
        assert.ok(luminance(colours.color) > 0.6, `${where} text ${colours.color}`);
        await expectAccessible(t, opened, `dark ${where}`);
        await opened.close();
      }
    });
  });
}

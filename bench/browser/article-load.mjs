// One load of an article page in a tab, and what its performance timeline
// says about it: navigation timing, first contentful paint and, with the
// bench build loaded, the content script's marks (bench-marks.ts).

/**
 * @param {import('puppeteer-core').Page} page
 * @param {string} url
 * @param {{ overlay?: boolean }} options overlay: wait for the overlay's marks (false without the extension)
 */
export async function loadArticle(page, url, { overlay = true } = {}) {
  await page.bringToFront();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(
    (withOverlay) =>
      performance.getEntriesByName('first-contentful-paint').length > 0 &&
      (!withOverlay || performance.getEntriesByName('em-lens:painted').length > 0),
    { timeout: 60_000 },
    overlay,
  );
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    return {
      dcl: nav.domContentLoadedEventStart,
      load: nav.loadEventEnd,
      fcp: at('first-contentful-paint'),
      start: at('em-lens:start'),
      read: at('em-lens:read'),
      rendered: at('em-lens:rendered'),
      painted: at('em-lens:painted'),
      elements: document.getElementsByTagName('*').length,
      mentions: document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelectorAll('[data-secid]').length ?? 0,
      isolated: crossOriginIsolated,
    };
  });
}

// Serves the fixture pages and the generated stress pages at Eastmoney
// addresses by request interception, refusing everything else (as the e2e
// harness does, test/e2e/fixture-routes.mjs).
//
// Pages are sent cross-origin isolated (COOP + COEP) unless asked not to: that
// lifts Chromium's performance.now() resolution from 100 µs to 5 µs, which the
// sub-millisecond figures on the seed page need. The new-tab measurement
// serves them as Eastmoney does, without, since isolation changes how a
// new tab's process is chosen and what frames the page may hold.
import { ROUTES } from '../../test/e2e/fixture-routes.mjs';

const withoutScheme = (url) => url.replace(/^https?:/, '');

const HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * @param {import('puppeteer-core').Page} page
 * @param {Map<string, string>} generated  URL → HTML of generated pages
 * @param {{ isolated?: boolean }} [options]
 */
export async function servePages(page, generated = new Map(), { isolated = true } = {}) {
  const bodies = new Map([...generated].map(([url, html]) => [withoutScheme(url), html]));
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const key = /^https?:/.test(url) ? withoutScheme(url) : null;
    const body = key && (bodies.get(key) ?? ROUTES.get(key)?.());
    if (body) {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers: isolated ? HEADERS : {}, body });
    } else if (/^(data|blob|chrome-extension|moz-extension|about):/.test(url)) {
      void request.continue();
    } else {
      void request.abort('blockedbyclient');
    }
  });
}

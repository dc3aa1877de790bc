// Fixture pages served at their real addresses by request interception; every
// other request is refused, so no test depends on (or reaches) the network.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SEED_URL = 'https://finance.eastmoney.com/a/202112302231813952.html';
export const SEED_LEGACY_URL = 'http://finance.eastmoney.com/news/1355,202112302231813952.html';
export const SEED_MOBILE_URL = 'https://wap.eastmoney.com/a/202112302231813952.html';
export const LEGACY_URL = 'http://finance.eastmoney.com/news/1354,201905191126530972.html';
export const CAIFUHAO_URL = 'https://caifuhao.eastmoney.com/news/20190124053117311720040';
export const LIST_URL = 'https://finance.eastmoney.com/a/cgspl.html';
export const COPY_URL = 'https://finews.withounder.com/emnews/2021/12/30/202112302231813952.html';
export const OTHER_SITE_URL = 'https://news.example.org/finance/202112302231813952.html';

const fixture = (name) => readFileSync(resolve('test/fixtures', name), 'utf8');

// Keyed without the scheme: Chromium upgrades http:// navigations to https://.
const withoutScheme = (url) => url.replace(/^https?:/, '');

export const ROUTES = new Map(
  [
  [SEED_URL, () => fixture('current-seed.html')],
  [SEED_LEGACY_URL, () => fixture('current-seed.html')],
  [SEED_MOBILE_URL, () => fixture('mobile-article.html')],
  [LEGACY_URL, () => fixture('legacy-variants.html')],
  [CAIFUHAO_URL, () => fixture('caifuhao-article.html')],
  [LIST_URL, () => fixture('list-page.html')],
  // An article copy on a site that is not Eastmoney: same markup, no overlay.
  [OTHER_SITE_URL, () => fixture('current-seed.html')],
  [COPY_URL, () => fixture('copy-page.html')],
  ].map(([url, body]) => [withoutScheme(url), body]),
);

/** @param {import('puppeteer-core').Page} page */
export async function serveFixtures(page) {
  await page.setRequestInterception(true);
  // A request can be gone by the time it is answered (a page navigated away):
  // that is no failure of the test.
  const settle = (answer) => void answer.catch(() => {});
  page.on('request', (request) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const route = /^https?:/.test(url) ? ROUTES.get(withoutScheme(url)) : undefined;
    if (route) {
      settle(request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: route() }));
    } else if (/^(data|blob|chrome-extension|moz-extension|about):/.test(url)) {
      settle(request.continue());
    } else {
      settle(request.abort('blockedbyclient'));
    }
  });
}

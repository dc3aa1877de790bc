// The article pages the page-level measurements load, each at its own
// Eastmoney address: the seed fixture, then the generated stress pages.
import { SEED_URL } from '../../test/e2e/fixture-routes.mjs';
import { domStressPage, mentionStressPage, securitiesArticlePage } from './stress-page.mjs';

const address = (id) => `https://finance.eastmoney.com/a/${id}.html`;

/**
 * @returns {Array<{ key: string, label: string, url: string, html: string | null, heavy?: boolean }>}
 *   html null: served from test/fixtures; heavy: a load takes seconds, so it gets fewer runs
 */
export function benchPages() {
  const pages = [{ key: 'seed', label: 'seed page', url: SEED_URL, html: null }];
  const roundUp = '202112302231900006';
  pages.push({ key: 'securities-20', label: '20 securities', url: address(roundUp), html: securitiesArticlePage({ id: roundUp, securities: 20 }) });
  // 20,000: the hardening issue's page of bad markup names that many.
  for (const [n, mentions] of [[1, 1_000], [2, 10_000], [5, 20_000]]) {
    const id = `20211230223190000${n}`;
    pages.push({ key: `mentions-${mentions}`, label: `${mentions.toLocaleString('en')} mentions`, url: address(id), html: mentionStressPage({ id, mentions }) });
  }
  for (const [n, elements] of [[3, 50_000], [4, 200_000]]) {
    const id = `20211230223190000${n}`;
    const html = domStressPage({ id, elements });
    pages.push({ key: `nodes-${elements}`, label: `${elements.toLocaleString('en')} nodes`, url: address(id), html, heavy: elements > 100_000 });
  }
  return pages;
}

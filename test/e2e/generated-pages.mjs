// Article pages made on the spot, for tests that need securities no other
// fixture mentions (a quote cache holds what the fixtures already asked for).
import { ROUTES } from './fixture-routes.mjs';

let next = 1;

/** Serves a current-template article marking up `securities` ([secid, name]) and returns its URL. */
export function generatedArticle(securities, title = '测试文章') {
  const id = `2026010100000${String(next++).padStart(5, '0')}`;
  const url = `https://finance.eastmoney.com/a/${id}.html`;
  const mentions = securities
    .map(([secid, name]) => {
      const [market, code] = secid.split('.');
      const prefix = market === '90' ? 'bk' : 'stock';
      return `<span id="${prefix}_${secid}"><a href="http://quote.eastmoney.com/unify/r/${secid}" class="keytip" data-code="${market},${code}">${name}</a></span>`;
    })
    .join('、');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}_东方财富网</title></head><body>
<div class="mainleft"><div id="topbox"><div class="title">${title}</div>
<div class="infos"><div class="item">2026年01月01日 10:00</div><div class="item">来源：测试</div></div></div>
<div class="txtinfos" id="ContentBody"><p>　　本文提到${mentions}。</p></div></div></body></html>`;
  ROUTES.set(url.replace(/^https?:/, ''), () => html);
  return url;
}

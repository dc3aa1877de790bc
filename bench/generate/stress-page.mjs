// Article pages far bigger than real ones, in the current desktop template
// (the seed's: #topbox, .infos, #ContentBody), to see how the overlay's cost
// grows: with marked mentions (1,000, 10,000) and with DOM size (50,000,
// 200,000 elements, half inside the body, half around it as Eastmoney's
// sidebars and comment lists are).
import { createRandom } from '../prng.mjs';
import { prose, sentence } from './chinese-text.mjs';
import { mentionMarkup, securityPool } from './securities.mjs';

/** Distinct securities on a stress page: a long sector report names about this many. */
const DISTINCT_SECURITIES = 50;

function shell({ id, title, body, aside }) {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${title}_东方财富网</title>
<link rel="canonical" href="http://finance.eastmoney.com/a/${id}.html">
<style>body{font:16px/1.8 serif;margin:0}.mainleft{width:680px;margin:0 auto;padding:20px}.infos .item{display:inline-block;margin-right:16px;color:#888}</style>
</head><body>
<div class="header">东方财富网 &gt; 财经频道 &gt; 正文</div>
<div class="mainleft">
<div id="topbox"><div class="title">${title}</div>
<div class="infos"><div class="item">2021年12月30日 21:05</div><div class="item">来源：<a href="http://www.cs.com.cn/">中国证券报</a></div></div></div>
<div class="abstract"><div class="b-review">【摘要】${title}。</div></div>
<div class="txtinfos" id="ContentBody">
<p style="display:none">隐藏段落：${sentence(createRandom(1))}</p>
${body}
<p class="em_media">（文章来源：中国证券报）</p>
<p>　　（责任编辑：DF523）</p>
</div></div>
<div class="sidebar">${aside}</div>
<div class="footer">东方财富网版权所有</div>
</body></html>`;
}

/** Paragraphs carrying `count` marked mentions of `distinct` securities, about four a paragraph. */
function mentionParagraphs(random, count, distinct = DISTINCT_SECURITIES) {
  const pool = securityPool(random, distinct);
  const seen = new Set();
  const paragraphs = [];
  for (let placed = 0; placed < count; ) {
    let html = '';
    for (let i = 0; i < 4 && placed < count; i += 1, placed += 1) {
      const security = random.pick(pool);
      html += sentence(random, random.int(10, 30)) + mentionMarkup(security, !seen.has(security.secid));
      seen.add(security.secid);
    }
    paragraphs.push(`<p>　　${html}${sentence(random)}</p>`);
  }
  return paragraphs.join('\n');
}

/** A page with `mentions` marked mentions in its body. */
export function mentionStressPage({ id, mentions, seed = 7 }) {
  const random = createRandom(seed + mentions);
  return shell({ id, title: `${mentions}处证券提及的压力测试文章`, body: mentionParagraphs(random, mentions), aside: '' });
}

/**
 * An article of ordinary length (about 3,000 characters in 12 paragraphs)
 * naming `securities` securities 48 times, as a sector round-up does: the
 * "about 20 securities" page of the new-tab measurement.
 */
export function securitiesArticlePage({ id, securities, seed = 13 }) {
  const random = createRandom(seed + securities);
  return shell({ id, title: `${securities}只个股与板块的行业综述`, body: mentionParagraphs(random, 48, securities), aside: '' });
}

/**
 * A page of about `elements` elements: body paragraphs of five inline
 * elements each, a sidebar of news lists (three elements an item), and 200
 * marked mentions, as a long but ordinary article has.
 */
export function domStressPage({ id, elements, seed = 11 }) {
  const random = createRandom(seed + elements);
  const paragraphs = [mentionParagraphs(random, 200)];
  for (let made = 0; made < elements / 2; made += 6) {
    const bits = [];
    for (let i = 0; i < 5; i += 1) {
      const tag = random.pick(['strong', 'em', 'span', 'a', 'b']);
      bits.push(`${sentence(random, random.int(6, 20))}<${tag}${tag === 'a' ? ' href="#"' : ''}>${prose(random, 6)}</${tag}>`);
    }
    paragraphs.push(`<p>　　${bits.join('')}</p>`);
  }
  const items = [];
  for (let made = 0; made < elements / 2; made += 3) {
    items.push(`<li><a href="https://finance.eastmoney.com/a/x.html">${sentence(random, 14)}</a><span class="time">12-30</span></li>`);
  }
  const lists = [];
  for (let i = 0; i < items.length; i += 50) lists.push(`<ul class="news-list">${items.slice(i, i + 50).join('')}</ul>`);
  return shell({ id, title: `约${elements}个元素的压力测试文章`, body: paragraphs.join('\n'), aside: lists.join('\n') });
}

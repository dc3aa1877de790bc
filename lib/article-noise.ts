/**
 * What inside an Eastmoney article body is not the article: hidden paragraphs,
 * account-opening promotions, the AI-assistant link, ad images, the source
 * line, 责任编辑 and 郑重声明 paragraphs.
 */

const NOISE_SELECTOR = [
  '[hidden]',
  '[style*="display:none" i]',
  '[style*="display: none" i]',
  '[style*="visibility:hidden" i]',
  '[style*="visibility: hidden" i]',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'form',
  'a.toplink',
  'img.em_handle_adv_close',
  '.ad_context3',
  '[class*="ad_context"]',
  'p.em_media',
  'p.res-edit',
  '.res-edit',
].join(',');

const NOISE_TEXT = [
  /^[（(]?\s*责任编辑[：:]/,
  /^[（(]?\s*郑重声明[：:]?/,
  /一站式开户交易/,
  /^[（(]?\s*文章来源[：:]/,
];

const TEXT_BLOCKS = 'p, div, section';

/** Every element of `body` whose subtree a reader of the article does not want. */
export function collectNoise(body: Element): Set<Element> {
  const noise = new Set<Element>(body.querySelectorAll(NOISE_SELECTOR));
  for (const block of body.querySelectorAll(TEXT_BLOCKS)) {
    // Only leaf-ish blocks: a wrapper div holding the whole article must not
    // be dropped because its first line is a promotion.
    if (block.querySelector(TEXT_BLOCKS)) continue;
    const text = (block.textContent ?? '').trim().replace(/^[\s\u3000]+/, '');
    if (NOISE_TEXT.some((pattern) => pattern.test(text)) || isLinksOnly(block, text)) noise.add(block);
  }
  return noise;
}

/**
 * A paragraph that is nothing but links and marks no security: "原文链接",
 * "返回首页 | 下一篇", promotions. The article's own sentences are never only links.
 */
function isLinksOnly(block: Element, text: string): boolean {
  if (!text || block.querySelector('[data-code], span[id^="stock_"], span[id^="bk_"]')) return false;
  const links = [...block.querySelectorAll('a')].map((link) => link.textContent ?? '').join('');
  return links.replace(/[\s\u3000｜|·]+/g, '') === text.replace(/[\s\u3000｜|·]+/g, '');
}

/**
 * Whether `element` lies inside noise, checking ancestors up to `body`.
 * `memo` keeps repeated checks over thousands of mentions linear.
 */
export function isInNoise(
  element: Element,
  body: Element,
  noise: Set<Element>,
  memo: Map<Element, boolean>,
): boolean {
  const path: Element[] = [];
  let node: Element | null = element;
  let verdict = false;
  while (node && node !== body) {
    const known = memo.get(node);
    if (known !== undefined) {
      verdict = known;
      break;
    }
    path.push(node);
    if (noise.has(node)) {
      verdict = true;
      break;
    }
    node = node.parentElement;
  }
  for (const visited of path) memo.set(visited, verdict);
  return verdict;
}

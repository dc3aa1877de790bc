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

/**
 * The classes NOISE_SELECTOR names: with `style` and `hidden`, all that can
 * make a span or link noise. Keep the two lists together.
 */
const NOISE_CLASS = /toplink|em_handle_adv_close|ad_context|em_media|res-edit/;

const NOISE_TEXT = [
  /^[（(]?\s*责任编辑[：:]/,
  /^[（(]?\s*郑重声明[：:]?/,
  /一站式开户交易/,
  /^[（(]?\s*文章来源[：:]/,
];

/** Words every NOISE_TEXT pattern needs: one cheap test settles most paragraphs. */
const NOISE_WORDS = /责任编辑|郑重声明|一站式开户交易|文章来源/;

const TEXT_BLOCKS = 'p, div, section';

const NOISE_TAGS = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'form']);
const TEXT_BLOCK_TAGS = new Set(['p', 'div', 'section']);

/**
 * Whether `element`'s own subtree is not the article: its markup says so (hidden,
 * an ad, the source line) or it is a leaf-ish text block that reads as noise.
 */
export function isNoiseElement(element: Element): boolean {
  if (NOISE_TAGS.has(element.localName)) return true;
  // Every other noise selector needs an attribute: most elements are settled without matching.
  if (element.hasAttributes() && element.matches(NOISE_SELECTOR)) return true;
  return TEXT_BLOCK_TAGS.has(element.localName) && isNoiseBlock(element);
}

/**
 * isNoiseElement, settled for most spans and links without matching
 * selectors: every marked mention is checked, so this is on the hot path.
 */
export function isNoiseInlineElement(element: Element): boolean {
  if (element.hasAttribute('style') || element.hasAttribute('hidden') || NOISE_CLASS.test(element.getAttribute('class') ?? '')) {
    return isNoiseElement(element);
  }
  return element.localName !== 'span' && element.localName !== 'a' && isNoiseElement(element);
}

function isNoiseBlock(block: Element): boolean {
  // Only leaf-ish blocks: a wrapper div holding the whole article must not
  // be dropped because its first line is a promotion.
  if (block.querySelector(TEXT_BLOCKS)) return false;
  const raw = block.textContent ?? '';
  if (NOISE_WORDS.test(raw)) {
    const text = raw.trim();
    if (NOISE_TEXT.some((pattern) => pattern.test(text))) return true;
  }
  return isLinksOnly(block, raw);
}

/** Every element of `body` whose subtree a reader of the article does not want. */
export function collectNoise(body: Element): Set<Element> {
  const noise = new Set<Element>(body.querySelectorAll(NOISE_SELECTOR));
  for (const block of body.querySelectorAll(TEXT_BLOCKS)) {
    if (isNoiseBlock(block)) noise.add(block);
  }
  return noise;
}

/**
 * A paragraph that is nothing but links and marks no security: "原文链接",
 * "返回首页 | 下一篇", promotions. The article's own sentences are never only links.
 */
function isLinksOnly(block: Element, text: string): boolean {
  if (block.querySelector('[data-code], span[id^="stock_"], span[id^="bk_"]') || !text.trim()) return false;
  const links = [...block.querySelectorAll('a')].map((link) => link.textContent ?? '').join('');
  return links.replace(/[\s\u3000｜|·]+/g, '') === text.replace(/[\s\u3000｜|·]+/g, '');
}

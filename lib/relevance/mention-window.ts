/**
 * Each marked mention's window: its text and what its block says right before
 * and after it. Cheap enough for pages of 10,000 mentions: each block's text
 * is joined once, with the offset of each of its text nodes, and shared by the
 * mentions in it; no layout or style is read.
 */
import type { MarkedMention } from '../mentions';
import type { MentionWindow } from './types';

/** How many characters of context each side: enough for a name, a code or a clause. */
export const WINDOW_REACH = 24;

const BLOCK_TAGS = new Set(['p', 'div', 'section', 'article', 'li', 'td', 'th', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body']);

interface BlockText {
  text: string;
  offsets: Map<Node, number>;
}

export function mentionWindows(marked: MarkedMention[], body: Element, reach = WINDOW_REACH): MentionWindow[] {
  const blockOfParent = new Map<Element, Element>();
  const texts = new Map<Element, BlockText>();
  const windows: MentionWindow[] = [];
  for (const { element } of marked) {
    const parent = element.parentElement ?? body;
    let block = blockOfParent.get(parent);
    if (!block) {
      block = nearestBlock(parent, body);
      blockOfParent.set(parent, block);
    }
    let blockText = texts.get(block);
    if (!blockText) {
      blockText = joinText(block);
      texts.set(block, blockText);
    }
    const text = element.textContent ?? '';
    const first = firstText(element);
    const at = first ? blockText.offsets.get(first) : undefined;
    if (at === undefined) {
      windows.push({ before: '', text: squash(text), after: '' });
      continue;
    }
    windows.push({
      // The block's own indent is markup, not text: a copy with other indenting gives the same window.
      before: squash(blockText.text.slice(Math.max(0, at - reach), at)).trimStart(),
      text: squash(text),
      after: squash(blockText.text.slice(at + text.length, at + text.length + reach)).trimEnd(),
    });
  }
  return windows;
}

function nearestBlock(from: Element, body: Element): Element {
  for (let node: Element | null = from; node && node !== body; node = node.parentElement) {
    if (BLOCK_TAGS.has(node.localName)) return node;
  }
  return body;
}

function joinText(block: Element): BlockText {
  const chunks: string[] = [];
  const offsets = new Map<Node, number>();
  let length = 0;
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.nodeValue ?? '';
    offsets.set(node, length);
    chunks.push(value);
    length += value.length;
  }
  return { text: chunks.join(''), offsets };
}

function firstText(element: Element): Node | null {
  const first = element.firstChild;
  if (first && first.nodeType === 3) return first;
  return element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode();
}

/** Indents and line breaks are layout, not text: one space at most. */
function squash(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ');
}

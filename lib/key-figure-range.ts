/**
 * A body's figures read from its text nodes, and back from a figure's offsets
 * to a DOM Range, so the overlay can scroll to it and flash it. Both walk the
 * same text nodes (noise left out), once, with no layout read.
 */
import { isNoiseElement } from './article-noise';
import { readFigures, type KeyFigure } from './key-figures';

/**
 * How much of a body the overlay reads figures from: several times the
 * longest ordinary article, so a report's figures are all read, while a page
 * of hundreds of thousands of characters costs no more than that.
 */
export const FIGURE_TEXT_LIMIT = 30_000;

/** The body's text nodes in order, noise left out, until `limit` characters are taken. */
function textNodes(body: Element, limit = Infinity): Text[] {
  const noise = new Map<Element, boolean>();
  const isNoise = (element: Element | null): boolean => {
    if (!element || element === body) return false;
    let known = noise.get(element);
    if (known === undefined) {
      known = isNoiseElement(element) || isNoise(element.parentElement);
      noise.set(element, known);
    }
    return known;
  };
  const nodes: Text[] = [];
  let taken = 0;
  const walker = body.ownerDocument.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node && taken < limit; node = walker.nextNode()) {
    if (!isNoise(node.parentElement)) {
      nodes.push(node as Text);
      taken += (node as Text).data.length;
    }
  }
  return nodes;
}

/** The body's text as the figures' offsets count it: its text nodes joined, noise left out, up to about `limit` characters. */
export function figureText(body: Element, limit = FIGURE_TEXT_LIMIT): string {
  return textNodes(body, limit).map((node) => node.data).join('');
}

/** Where the body first says `text`, as offsets into figureText(body); null where it does not. */
export function findInBody(body: Element, text: string): Pick<KeyFigure, 'start' | 'end' | 'text'> | null {
  const start = figureText(body).indexOf(text);
  return start < 0 ? null : { start, end: start + text.length, text };
}

/** The figures of a body, with offsets into figureText(body). */
export function bodyFigures(body: Element): KeyFigure[] {
  return readFigures(figureText(body), 'body');
}

/** The Range a body figure covers, or null when the body has changed since it was read. */
export function figureRange(body: Element, figure: Pick<KeyFigure, 'start' | 'end' | 'text'>): Range | null {
  let offset = 0;
  let start: [Text, number] | null = null;
  let covered = '';
  for (const node of textNodes(body)) {
    const length = node.data.length;
    if (!start && figure.start < offset + length) start = [node, figure.start - offset];
    if (start) covered += node.data.slice(node === start[0] ? start[1] : 0, Math.min(length, figure.end - offset));
    if (start && figure.end <= offset + length) {
      if (covered !== figure.text) return null;
      const range = body.ownerDocument.createRange();
      range.setStart(start[0], start[1]);
      range.setEnd(node, figure.end - offset);
      return range;
    }
    offset += length;
  }
  return null;
}

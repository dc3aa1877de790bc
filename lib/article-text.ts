/** An article body as plain text: one paragraph a line, full-width indents and noise gone. */

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'BR', 'LI', 'TR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6',
  'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'UL', 'OL', 'PRE', 'HR',
]);

export function bodyText(body: Element, skip: (element: Element) => boolean = () => false): string {
  const chunks: string[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        chunks.push(child.nodeValue ?? '');
      } else if (child.nodeType === 1) {
        const element = child as Element;
        if (skip(element)) continue;
        const block = BLOCK_TAGS.has(element.tagName.toUpperCase());
        if (block) chunks.push('\n');
        walk(element);
        if (block) chunks.push('\n');
      }
    }
  };
  walk(body);
  return tidyText(chunks.join(''));
}

/** Trim each line (ASCII and full-width spaces), collapse runs of spaces, drop empty lines. */
export function tidyText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((line) => line.length > 0)
    .join('\n');
}

/** The opening of a text, cut at a sentence end where one is near. */
export function openingOf(text: string, maxLength = 160): string {
  const flat = text.replace(/\n+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength);
  const sentenceEnd = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('！'), cut.lastIndexOf('？'));
  return sentenceEnd > maxLength / 2 ? cut.slice(0, sentenceEnd + 1) : `${cut}…`;
}

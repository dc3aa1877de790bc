/** The piece of an article that shows why it matched, with the matches marked. */

export interface Snippet {
  /** Alternating plain and matched parts: [plain, match, plain, match, …]. */
  parts: string[];
}

/** Every [start, end) where a term occurs in `text`, case-insensitively, merged where they overlap. */
function findMatches(text: string, terms: string[]): Array<[number, number]> {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    if (!term) continue;
    let from = 0;
    for (let at = lower.indexOf(term, from); at !== -1; at = lower.indexOf(term, from)) {
      ranges.push([at, at + term.length]);
      from = at + term.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** Whether every term occurs in at least one of the texts. */
export function containsAll(texts: string[], terms: string[]): boolean {
  const lower = texts.map((text) => text.toLowerCase());
  return terms.every((term) => lower.some((text) => text.includes(term)));
}

/** About `width` characters around the first match, matches marked; null when nothing matches. */
export function snippetOf(text: string, terms: string[], width = 80): Snippet | null {
  const matches = findMatches(text, terms);
  const first = matches[0];
  if (!first) return null;
  const start = Math.max(0, first[0] - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const parts: string[] = [];
  let cursor = start;
  for (const [from, to] of matches) {
    if (from >= end) break;
    const clippedFrom = Math.max(from, start);
    parts.push(text.slice(cursor, clippedFrom), text.slice(clippedFrom, Math.min(to, end)));
    cursor = Math.min(to, end);
  }
  parts.push(text.slice(cursor, end));
  if (start > 0) parts[0] = `…${parts[0]}`;
  if (end < text.length) parts[parts.length - 1] += '…';
  return { parts: parts.map((part) => part.replace(/\s+/g, ' ')) };
}

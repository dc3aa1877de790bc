/**
 * Tokens for searching Chinese without spaces: every pair of adjacent CJK
 * characters (bigrams), the last character of each CJK run on its own (so a
 * one-character query still has a token to look up), and Latin/digit words
 * lower-cased (codes like 000931, tickers like AAPL).
 *
 * "知识产权证券化" → 知识 识产 产权 权证 证券 券化 化
 */

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const RUN = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|((?:(?![\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+)/gu;
const MAX_WORD = 24;

/** Distinct tokens of a text, in first-seen order. */
export function tokensOf(text: string): string[] {
  const tokens = new Set<string>();
  for (const match of text.normalize('NFKC').matchAll(RUN)) {
    const [, cjk, word] = match;
    if (cjk) {
      for (let i = 0; i + 1 < cjk.length; i += 1) tokens.add(cjk.slice(i, i + 2));
      tokens.add(cjk.at(-1)!);
    } else if (word) {
      tokens.add(word.toLowerCase().slice(0, MAX_WORD));
    }
  }
  return [...tokens];
}

export interface QueryTerm {
  /** The term as typed, normalised, for highlighting and phrase checks. */
  text: string;
  /** Tokens every match must contain. */
  tokens: string[];
  /** A Latin/digit word or a single CJK character: match tokens that start with it. */
  prefix: boolean;
}

/**
 * A query is words separated by spaces, all of which must match. Within a
 * word, CJK and Latin parts split into their own terms ("茅台ETF" → 茅台, etf).
 */
export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  for (const match of query.normalize('NFKC').matchAll(RUN)) {
    const [, cjk, word] = match;
    const text = (cjk ?? word!.toLowerCase()).slice(0, 64);
    if (seen.has(text)) continue;
    seen.add(text);
    if (cjk && cjk.length > 1) {
      const tokens = new Set<string>();
      for (let i = 0; i + 1 < text.length; i += 1) tokens.add(text.slice(i, i + 2));
      terms.push({ text, tokens: [...tokens], prefix: false });
    } else {
      terms.push({ text, tokens: [text.slice(0, MAX_WORD)], prefix: true });
    }
  }
  return terms;
}


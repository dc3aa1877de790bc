/**
 * An export file read as a stream of text, for files too large to hold as
 * one string (a backup of tens of thousands of articles): the top-level
 * fields are taken as they come, and the `articles` array is cut into its
 * elements, each parsed on its own as soon as it is whole. Nothing but the
 * element being read is held. Each element is held to a size and a nesting
 * depth, as the whole file is when it is read at once.
 */
import type { ArchiveFileProblem } from './archive-json';

export interface StreamLimits {
  /** The most characters one article may take. */
  elementChars: number;
  /** The deepest nesting the file may have (the file itself is depth 1). */
  depth: number;
}

export class ArchiveStreamError extends Error {
  constructor(readonly problem: ArchiveFileProblem) {
    super(`archive stream: ${problem.problem}`);
  }
}

/**
 * Feeds text in with `push`; each whole article comes out of `onArticle`,
 * in order. `end` says the file is done and returns its other top-level
 * fields (format, version, corrections…), parsed.
 */
export function createArchiveSplitter(onArticle: (article: unknown) => void, limits: StreamLimits) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** At depth 1: the key being read or last read, and the text of the value under it. */
  let key = '';
  let keyText: string | null = null;
  let value: string | null = null;
  let inArticles = false;
  let awaitingArray = false;
  let element: string | null = null;
  let started = false;
  const fields: Record<string, unknown> = {};

  const fail = (problem: ArchiveFileProblem): never => {
    throw new ArchiveStreamError(problem);
  };
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return fail({ problem: 'not-json' });
    }
  };
  const closeValue = () => {
    if (value !== null && key !== 'articles') fields[key] = parse(value);
    value = null;
  };

  function push(text: string): void {
    // Whole runs of plain characters are copied at once; only structure is looked at one by one.
    let runStart = 0;
    const flush = (end: number) => {
      if (end <= runStart) return;
      const run = text.slice(runStart, end);
      if (element !== null) {
        element += run;
        if (element.length > limits.elementChars) fail({ problem: 'too-large', limitMb: limits.elementChars / 2 ** 20 });
      } else if (value !== null) value += run;
      else if (keyText !== null) keyText += run;
    };
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) {
          inString = false;
          if (keyText !== null && depth === 1 && value === null && element === null) {
            flush(i + 1);
            runStart = i + 1;
            key = String(parse(keyText));
            keyText = null;
          }
        }
        continue;
      }
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
      if (awaitingArray) {
        if (c !== 0x5b) fail({ problem: 'no-list' });
        awaitingArray = false;
        inArticles = true;
        depth += 1;
        runStart = i + 1;
        continue;
      }
      if (!started) {
        if (c !== 0x7b) fail({ problem: 'not-archive' });
        started = true;
        depth = 1;
        runStart = i + 1;
        continue;
      }
      if (depth === 0) fail({ problem: 'not-json' });
      if (c === 0x22) {
        // The articles are objects; a string among them is no article list.
        if (inArticles && depth === 2) fail({ problem: 'no-list' });
        inString = true;
        // A key at depth 1, when no value is open.
        if (depth === 1 && value === null && element === null && !inArticles) {
          flush(i);
          runStart = i;
          keyText = '';
        }
        continue;
      }
      if (depth === 1 && value === null && c === 0x3a) {
        // The value after a key: the articles array is cut up, any other is kept whole.
        flush(i);
        runStart = i + 1;
        if (key === 'articles') awaitingArray = true;
        else value = '';
        continue;
      }
      if (c === 0x7b || c === 0x5b) {
        depth += 1;
        if (depth > limits.depth) fail({ problem: 'too-deep', limit: limits.depth });
        if (inArticles && depth === 3 && element === null) {
          flush(i);
          runStart = i;
          element = '';
        }
        continue;
      }
      if (c === 0x7d || c === 0x5d) {
        depth -= 1;
        if (element !== null && depth === 2) {
          flush(i + 1);
          runStart = i + 1;
          const whole = element;
          element = null;
          onArticle(parse(whole));
        } else if (inArticles && depth === 1) {
          flush(i);
          runStart = i + 1;
          inArticles = false;
          fields.articles = true;
        } else if (depth === 0) {
          flush(i);
          runStart = i + 1;
          closeValue();
        }
        continue;
      }
      if (c === 0x2c && depth === 1) {
        flush(i);
        runStart = i + 1;
        closeValue();
        continue;
      }
      if (inArticles && depth === 2 && c !== 0x2c) fail({ problem: 'no-list' });
    }
    flush(text.length);
  }

  function end(): Record<string, unknown> {
    if (!started || depth !== 0 || inString) fail({ problem: 'not-json' });
    return fields;
  }

  /** The top-level fields read so far (an export writes format and version before its articles). */
  const head = (): Readonly<Record<string, unknown>> => fields;

  return { push, end, head };
}

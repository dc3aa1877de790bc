/**
 * How deeply a JSON text nests, found without parsing it. A file of a few
 * megabytes of "[[[[…" parses, then overflows the stack of whatever walks
 * the value next (JSON.stringify, the structured clone of a message), and
 * the import ends with no report at all; counting brackets outside strings
 * first costs one pass over the text and refuses such a file up front.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * The deepest nesting of arrays and objects in `text` (0 for a bare value),
 * or the first depth above `limit` once it is reached: no need to read on.
 * Text that is not JSON gets a number too; JSON.parse refuses it after.
 */
export function jsonNestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      // Skip the string: to its closing quote, past escaped ones.
      for (i += 1; i < text.length; i += 1) {
        const inner = text.charCodeAt(i);
        if (inner === BACKSLASH) i += 1;
        else if (inner === QUOTE) break;
      }
    } else if (OPENERS.has(code)) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (CLOSERS.has(code)) {
      depth -= 1;
    }
  }
  return deepest;
}

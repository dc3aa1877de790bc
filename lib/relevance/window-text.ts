/** Pieces of a mention's window the rules share. */
import type { MentionWindow } from './types';

/** Punctuation that ends a clause: evidence beyond it is about something else. */
const CLAUSE_BREAK = /[，。；！？!?;：:\n]/;

/** The clause the mention sits in: before back to the last break, after up to the next. */
export function clauseOf(window: MentionWindow): { before: string; after: string } {
  let start = window.before.length;
  while (start > 0 && !CLAUSE_BREAK.test(window.before[start - 1]!)) start -= 1;
  const end = window.after.search(CLAUSE_BREAK);
  return { before: window.before.slice(start), after: end < 0 ? window.after : window.after.slice(0, end) };
}

export const isHan = (char: string | undefined): boolean => char !== undefined && char >= '\u4e00' && char <= '\u9fff';

/** The Han characters right before the mention, at most `max`. */
export function hanTail(text: string, max: number): string {
  let start = text.length;
  while (start > 0 && text.length - start < max && isHan(text[start - 1])) start -= 1;
  return text.slice(start);
}

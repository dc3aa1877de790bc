/** Pieces of a mention's window the rules share. */
import type { MentionWindow } from './types';

/** Punctuation that ends a clause: evidence beyond it is about something else. */
const CLAUSE_BREAKS = new Set('，。；！？!?;：:\n');

/** The clause the mention sits in: before back to the last break, after up to the next. */
export function clauseOf(window: MentionWindow): { before: string; after: string } {
  const { before, after } = window;
  let start = before.length;
  while (start > 0 && !CLAUSE_BREAKS.has(before[start - 1]!)) start -= 1;
  let end = 0;
  while (end < after.length && !CLAUSE_BREAKS.has(after[end]!)) end += 1;
  return { before: before.slice(start), after: after.slice(0, end) };
}

/** Whether `text` ends in one of `chars`: a set look-up, where a `[…]$` pattern would scan the whole text. */
export function endsWithOneOf(text: string, chars: Set<string>): boolean {
  return text.length > 0 && chars.has(text[text.length - 1]!);
}

export const isHan = (char: string | undefined): boolean => char !== undefined && char >= '\u4e00' && char <= '\u9fff';

/** The Han characters right before the mention, at most `max`. */
export function hanTail(text: string, max: number): string {
  let start = text.length;
  while (start > 0 && text.length - start < max && isHan(text[start - 1])) start -= 1;
  return text.slice(start);
}

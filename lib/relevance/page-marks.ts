/**
 * What the content script sends to be judged: the window of each of the first
 * marks of every security, read from the page without loading the rules
 * themselves, which live in the background (lib/relevance/page-judgement.ts).
 */
import type { MarkedMention } from '../mentions';
import { mentionWindows } from './mention-window';
import { MARKS_KEPT, type MentionWindow } from './types';

export type PageMark = MentionWindow & { secid: string };

export function pageMarks(marked: MarkedMention[], body: Element, perSecurity = MARKS_KEPT): PageMark[] {
  const taken = new Map<string, number>();
  const chosen = marked.filter(({ security }) => {
    const count = taken.get(security.secid) ?? 0;
    taken.set(security.secid, count + 1);
    return count < perSecurity;
  });
  const windows = mentionWindows(chosen, body);
  return chosen.map(({ security }, i) => ({ secid: security.secid, ...windows[i]! }));
}

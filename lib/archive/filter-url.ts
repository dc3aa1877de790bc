/** The archive page keeps its filter in the address, so a filtered view can be linked, reloaded and gone back to. */
import { beijingDayStart, type ArchiveFilter } from './query';
import type { SecurityKind } from '../securities';

const KEYS = ['text', 'secid', 'kind', 'source', 'tag', 'from', 'to', 'savedFrom', 'savedTo', 'doubtful'] as const;
const PARAMS: Record<(typeof KEYS)[number], string> = {
  text: 'q',
  secid: 'secid',
  kind: 'kind',
  source: 'source',
  tag: 'tag',
  from: 'from',
  to: 'to',
  savedFrom: 'saved-from',
  savedTo: 'saved-to',
  doubtful: 'doubtful',
};

function accepted(key: (typeof KEYS)[number], value: string): boolean {
  if (key === 'doubtful') return value === 'include';
  // A saved period is a day or nothing: an edited address must not empty the list unasked.
  if (key === 'savedFrom' || key === 'savedTo') return !Number.isNaN(beijingDayStart(value));
  return true;
}

export function filterFromSearch(search: string): ArchiveFilter {
  const params = new URLSearchParams(search);
  const filter: ArchiveFilter = {};
  for (const key of KEYS) {
    const value = params.get(PARAMS[key]);
    if (value && accepted(key, value)) (filter as Record<string, string>)[key] = value.slice(0, 200);
  }
  return filter as ArchiveFilter & { kind?: SecurityKind };
}

export function searchFromFilter(filter: ArchiveFilter): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value) params.set(PARAMS[key], value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Whether two filters differ in more than their search text: such a change is a step the back button takes back. */
export function isNewView(before: ArchiveFilter, after: ArchiveFilter): boolean {
  return searchFromFilter({ ...before, text: undefined }) !== searchFromFilter({ ...after, text: undefined });
}

/** The archive page keeps its filter in the address, so a filtered view can be linked and reloaded. */
import type { ArchiveFilter } from './query';
import type { SecurityKind } from '../securities';

const KEYS = ['text', 'secid', 'kind', 'source', 'tag', 'from', 'to', 'doubtful'] as const;

export function filterFromSearch(search: string): ArchiveFilter {
  const params = new URLSearchParams(search);
  const filter: ArchiveFilter = {};
  for (const key of KEYS) {
    const value = params.get(key === 'text' ? 'q' : key);
    if (value && (key !== 'doubtful' || value === 'include')) (filter as Record<string, string>)[key] = value.slice(0, 200);
  }
  return filter as ArchiveFilter & { kind?: SecurityKind };
}

export function searchFromFilter(filter: ArchiveFilter): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value) params.set(key === 'text' ? 'q' : key, value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

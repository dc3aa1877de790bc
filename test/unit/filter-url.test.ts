import { describe, expect, it } from 'vitest';
import { filterFromSearch, isNewView, searchFromFilter } from '../../lib/archive/filter-url';
import type { ArchiveFilter } from '../../lib/archive/query';

describe('the archive page’s filter in its address', () => {
  it('keeps every filter, the saved period included, through the address and back', () => {
    const filter: ArchiveFilter = {
      text: '知识产权 证券化',
      secid: '0.000931',
      kind: 'stock',
      source: '第一财经',
      tag: '待复盘',
      from: '2026-01-01',
      to: '2026-06-30',
      savedFrom: '2026-06-15',
      savedTo: '2026-06-21',
      doubtful: 'include',
    };
    const search = searchFromFilter(filter);
    expect(new URLSearchParams(search).get('saved-from')).toBe('2026-06-15');
    expect(new URLSearchParams(search).get('saved-to')).toBe('2026-06-21');
    expect(filterFromSearch(search)).toEqual(filter);
    expect(searchFromFilter({})).toBe('');
    expect(filterFromSearch('')).toEqual({});
  });

  it('drops a saved day that is no day, rather than emptying the list', () => {
    expect(filterFromSearch('?secid=0.000931&saved-from=2026-02-30&saved-to=tomorrow')).toEqual({ secid: '0.000931' });
    expect(filterFromSearch('?saved-from=2026-6-1')).toEqual({});
    expect(filterFromSearch('?saved-to=2026-06-30')).toEqual({ savedTo: '2026-06-30' });
  });

  it('counts a new filter, not new search text, as a step back', () => {
    const view: ArchiveFilter = { secid: '0.000931', text: '证' };
    expect(isNewView(view, { ...view, text: '证券' })).toBe(false);
    expect(isNewView(view, { ...view, savedFrom: '2026-06-15', savedTo: '2026-06-21' })).toBe(true);
    expect(isNewView({ ...view, savedFrom: '2026-06-15', savedTo: '2026-06-21' }, view)).toBe(true);
  });
});

import type { Facet } from '../../lib/archive/db';
import type { ArchiveFilter } from '../../lib/archive/query';
import type { SecurityKind } from '../../lib/securities';
import { KIND_LABELS } from '../shared/kind-labels';

export interface Facets {
  secid: Facet[];
  kind: Facet[];
  source: Facet[];
  tag: Facet[];
}

interface Props {
  filter: ArchiveFilter;
  facets: Facets;
  onChange: (filter: ArchiveFilter) => void;
}

/** Filters that combine with the search: security, kind, source, tag, published dates. */
export function FilterBar({ filter, facets, onChange }: Props) {
  const set = (patch: Partial<ArchiveFilter>) => onChange({ ...filter, ...patch });
  const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value || undefined;
  const any = Boolean(filter.secid || filter.kind || filter.source || filter.tag || filter.from || filter.to);
  return (
    <div class="filters" role="group" aria-label="筛选">
      <select aria-label="按证券筛选" data-filter="secid" value={filter.secid ?? ''} onChange={(e) => set({ secid: value(e) })}>
        <option value="">全部证券</option>
        {facets.secid.map((facet) => (
          <option value={facet.value}>
            {facet.name ?? facet.value} {facet.value.split('.')[1]} · {facet.count}
          </option>
        ))}
      </select>
      <select
        aria-label="按类别筛选"
        data-filter="kind"
        value={filter.kind ?? ''}
        onChange={(e) => set({ kind: value(e) as SecurityKind | undefined })}
      >
        <option value="">全部类别</option>
        {facets.kind.map((facet) => (
          <option value={facet.value}>
            {KIND_LABELS[facet.value as SecurityKind] ?? facet.value} · {facet.count}
          </option>
        ))}
      </select>
      <select aria-label="按来源筛选" data-filter="source" value={filter.source ?? ''} onChange={(e) => set({ source: value(e) })}>
        <option value="">全部来源</option>
        {facets.source.map((facet) => (
          <option value={facet.value}>
            {facet.value} · {facet.count}
          </option>
        ))}
      </select>
      {facets.tag.length > 0 && (
        <select aria-label="按标签筛选" data-filter="tag" value={filter.tag ?? ''} onChange={(e) => set({ tag: value(e) })}>
          <option value="">全部标签</option>
          {facets.tag.map((facet) => (
            <option value={facet.value}>
              #{facet.value} · {facet.count}
            </option>
          ))}
        </select>
      )}
      <span class="dates">
        <input type="date" aria-label="发布日期从" data-filter="from" value={filter.from ?? ''} onChange={(e) => set({ from: value(e) })} />
        <span aria-hidden="true">–</span>
        <input type="date" aria-label="发布日期到" data-filter="to" value={filter.to ?? ''} onChange={(e) => set({ to: value(e) })} />
      </span>
      {any && (
        <button
          type="button"
          class="link"
          data-action="clear-filters"
          onClick={() => onChange({ text: filter.text })}
        >
          清除筛选
        </button>
      )}
    </div>
  );
}

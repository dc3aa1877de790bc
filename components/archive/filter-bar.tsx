import type { Facet, FacetType } from '../../lib/archive/schema';
import { isFiltered, type ArchiveFilter } from '../../lib/archive/query';
import type { SecurityKind } from '../../lib/securities';
import { kindLabel } from '../shared/kind-labels';
import { t } from '../../platform/i18n';

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

/** Filters that combine with the search: security, kind, source, tag, published dates, and the timeline's saved period. */
export function FilterBar({ filter, facets, onChange }: Props) {
  const set = (patch: Partial<ArchiveFilter>) => onChange({ ...filter, ...patch });
  const value = (event: Event) => (event.target as HTMLInputElement | HTMLSelectElement).value || undefined;
  const any = isFiltered(filter);
  return (
    <div class="filters" role="group" aria-label={t('filters')}>
      <select aria-label={t('bySecurity')} data-filter="secid" value={filter.secid ?? ''} onChange={(e) => set({ secid: value(e) })}>
        <option value="">{t('allSecurities')}</option>
        {withChosen(facets.secid, 'secid', filter.secid).map((facet) => (
          <option key={facet.value} value={facet.value} selected={facet.value === filter.secid}>
            {facet.name ?? facet.value} {facet.value.split('.')[1]}{countOf(facet)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('byKind')}
        data-filter="kind"
        value={filter.kind ?? ''}
        onChange={(e) => set({ kind: value(e) as SecurityKind | undefined })}
      >
        <option value="">{t('allKinds')}</option>
        {facets.kind.map((facet) => (
          <option key={facet.value} value={facet.value} selected={facet.value === filter.kind}>
            {kindLabel(facet.value as SecurityKind)} · {facet.count}
          </option>
        ))}
      </select>
      <select aria-label={t('bySource')} data-filter="source" value={filter.source ?? ''} onChange={(e) => set({ source: value(e) })}>
        <option value="">{t('allSources')}</option>
        {withChosen(facets.source, 'source', filter.source).map((facet) => (
          <option key={facet.value} value={facet.value} selected={facet.value === filter.source}>
            {facet.value}{countOf(facet)}
          </option>
        ))}
      </select>
      {facets.tag.length > 0 && (
        <select aria-label={t('byTag')} data-filter="tag" value={filter.tag ?? ''} onChange={(e) => set({ tag: value(e) })}>
          <option value="">{t('allTags')}</option>
          {withChosen(facets.tag, 'tag', filter.tag).map((facet) => (
            <option key={facet.value} value={facet.value} selected={facet.value === filter.tag}>
              #{facet.value}{countOf(facet)}
            </option>
          ))}
        </select>
      )}
      <span class="dates">
        <input type="date" aria-label={t('publishedFrom')} data-filter="from" value={filter.from ?? ''} onChange={(e) => set({ from: value(e) })} />
        <span aria-hidden="true">–</span>
        <input type="date" aria-label={t('publishedTo')} data-filter="to" value={filter.to ?? ''} onChange={(e) => set({ to: value(e) })} />
      </span>
      {(filter.savedFrom || filter.savedTo) && (
        <span class="filter-chip" data-role="period-chip">
          {t('savedPeriod', filter.savedFrom ?? '…', filter.savedTo ?? '…')}
          <button
            type="button"
            class="chip-clear"
            data-action="clear-period"
            aria-label={t('clearPeriod')}
            title={t('clearPeriod')}
            onClick={() => set({ savedFrom: undefined, savedTo: undefined })}
          >
            ×
          </button>
        </span>
      )}
      <label class="switch-inline" title={t('includeDoubtful')}>
        <input
          type="checkbox"
          data-filter="doubtful"
          checked={filter.doubtful === 'include'}
          onChange={(e) => set({ doubtful: (e.target as HTMLInputElement).checked ? 'include' : undefined })}
        />{' '}
        {t('includeDoubtful')}
      </label>
      {any && (
        <button
          type="button"
          class="link"
          data-action="clear-filters"
          onClick={() => onChange({ text: filter.text })}
        >
          {t('clearFilters')}
        </button>
      )}
    </div>
  );
}

/**
 * The listed facets, and the chosen value if they lack it (the lists come
 * after the first rows, and hold the most common only), so that the select
 * shows what the list is filtered by from the first frame.
 */
function withChosen(facets: Facet[], type: FacetType, chosen: string | undefined): Facet[] {
  if (!chosen || facets.some((facet) => facet.value === chosen)) return facets;
  return [...facets, { type, value: chosen, count: 0 }];
}

/** " · 12"; nothing for a chosen value not counted yet. */
function countOf(facet: Facet): string {
  return facet.count > 0 ? ` · ${facet.count}` : '';
}

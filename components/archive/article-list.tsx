import type { ResultItem } from '../../lib/archive/query';
import { ArticleRow, type RowActions } from './article-row';
import { t } from '../../platform/i18n';
import { RenderGuard, UnshowableRow } from '../shared/render-guard';

interface Props extends RowActions {
  items: ResultItem[];
  focusSecid?: string;
  /** The rows are the background's copy of the newest page, until the archive's own read replaces them. */
  fromCopy?: boolean;
  /** Loads the next page; null when every article is listed. */
  onMore: (() => void) | null;
}

export function ArticleList({ items, focusSecid, fromCopy = false, onMore, ...actions }: Props) {
  return (
    <>
      <ol class="articles" data-rows={fromCopy ? 'copy' : 'archive'}>
        {items.map((item) => (
          // One record no row can draw is one marked row, never an empty list.
          <RenderGuard key={item.listing.id} resetKey={item.listing} fallback={<UnshowableRow article={item.listing} />}>
            <ArticleRow article={item.listing} snippet={item.snippet} focusSecid={focusSecid} {...actions} />
          </RenderGuard>
        ))}
      </ol>
      {onMore && (
        <button type="button" class="more" data-action="more" onClick={onMore}>
          {t('more')}
        </button>
      )}
    </>
  );
}

import type { ResultItem } from '../../lib/archive/query';
import { ArticleRow, type RowActions } from './article-row';
import { t } from '../../platform/i18n';

interface Props extends RowActions {
  items: ResultItem[];
  focusSecid?: string;
  /** Loads the next page; null when every article is listed. */
  onMore: (() => void) | null;
}

export function ArticleList({ items, focusSecid, onMore, ...actions }: Props) {
  return (
    <>
      <ol class="articles">
        {items.map((item) => (
          <ArticleRow key={item.listing.id} article={item.listing} snippet={item.snippet} focusSecid={focusSecid} {...actions} />
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

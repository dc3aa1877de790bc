import type { ArticleListing } from '../../lib/archive/db';
import { ArticleRow } from './article-row';

interface Props {
  items: ArticleListing[];
  onOpen: (url: string) => void;
  onDelete: (id: string) => void;
  /** Loads the next page; null when every article is listed. */
  onMore: (() => void) | null;
}

export function ArticleList({ items, onOpen, onDelete, onMore }: Props) {
  return (
    <>
      <ol class="articles">
        {items.map((item) => (
          <ArticleRow key={item.id} article={item} onOpen={onOpen} onDelete={onDelete} />
        ))}
      </ol>
      {onMore && (
        <button type="button" class="more" data-action="more" onClick={onMore}>
          加载更多
        </button>
      )}
    </>
  );
}

import { useCallback, useEffect, useState } from 'preact/hooks';
import { ArticleList } from '../../components/archive/article-list';
import { EmptyArchive } from '../../components/archive/empty-archive';
import { UndoToast } from '../../components/archive/undo-toast';
import { deleteArticle, getArticle, listArticles, restoreArticle, type PageCursor } from '../../lib/archive/articles';
import type { ArchiveDb, ArticleListing } from '../../lib/archive/db';

const PAGE_SIZE = 30;

interface Props {
  archive: () => Promise<ArchiveDb>;
  openUrl: (url: string) => void;
}

type Removed = Awaited<ReturnType<typeof getArticle>>;

/** The toolbar popup: saved articles, newest first, a page at a time. */
export function ArchiveApp({ archive, openUrl }: Props) {
  const [items, setItems] = useState<ArticleListing[] | null>(null);
  const [next, setNext] = useState<PageCursor | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [removed, setRemoved] = useState<Removed>(undefined);

  const load = useCallback(
    async (after: PageCursor | null) => {
      try {
        const page = await listArticles(await archive(), { limit: PAGE_SIZE, after });
        setItems((current) => (after && current ? [...current, ...page.items] : page.items));
        setNext(page.next);
        setTotal(page.total);
      } catch (failure) {
        setError(`读取存档失败：${failure instanceof Error ? failure.message : String(failure)}`);
      }
    },
    [archive],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  const remove = async (id: string) => {
    const db = await archive();
    const full = await getArticle(db, id);
    await deleteArticle(db, id);
    setItems((current) => current?.filter((item) => item.id !== id) ?? null);
    setTotal((count) => Math.max(0, count - 1));
    setRemoved(full);
  };

  const undo = async () => {
    if (!removed) return;
    await restoreArticle(await archive(), removed);
    setRemoved(undefined);
    await load(null);
  };

  return (
    <main class="archive" aria-busy={items === null}>
      <header class="archive-head">
        <h1>EM Lens 存档</h1>
        {items !== null && <span class="archive-count" data-role="archive-total">{total} 篇</span>}
      </header>
      {error && (
        <p class="archive-error" role="alert">
          {error}
        </p>
      )}
      {items !== null && items.length === 0 && !error && <EmptyArchive />}
      {items !== null && items.length > 0 && (
        <ArticleList
          items={items}
          onOpen={openUrl}
          onDelete={(id) => void remove(id)}
          onMore={next ? () => void load(next) : null}
        />
      )}
      {removed && <UndoToast title={removed.title} onUndo={() => void undo()} onDismiss={() => setRemoved(undefined)} />}
    </main>
  );
}

import type { ArticleListing } from '../../lib/archive/db';
import { formatBeijingTime } from '../../lib/beijing-time';
import { byProminence } from '../../lib/mentions';
import { KIND_LABELS } from '../shared/kind-labels';

const BADGES_SHOWN = 6;

interface Props {
  article: ArticleListing;
  onOpen: (url: string) => void;
  onDelete: (id: string) => void;
}

/** One saved article: title (opens the original), where and when, what it mentions, delete. */
export function ArticleRow({ article, onOpen, onDelete }: Props) {
  const mentions = [...article.mentions].sort(byProminence);
  const shown = mentions.slice(0, BADGES_SHOWN);
  const facts = [article.source, formatBeijingTime(article.publishedAt)].filter(Boolean).join(' · ');
  return (
    <li class="article" data-article-id={article.id}>
      <a
        class="article-title"
        href={article.url}
        data-action="open"
        onClick={(event) => {
          event.preventDefault();
          onOpen(article.url);
        }}
      >
        {article.title}
      </a>
      <div class="article-facts">{facts}</div>
      {shown.length > 0 && (
        <ul class="mini-badges" aria-label="文中证券">
          {shown.map((mention) => (
            <li
              class={`mini-badge kind-${mention.kind}`}
              data-secid={mention.secid}
              data-kind={mention.kind}
              data-count={mention.count}
              title={`${mention.code} · ${KIND_LABELS[mention.kind]} · 提及 ${mention.count} 次`}
            >
              {mention.name}
              <span class="mini-count">×{mention.count}</span>
            </li>
          ))}
          {mentions.length > shown.length && <li class="mini-more">+{mentions.length - shown.length}</li>}
        </ul>
      )}
      <button
        type="button"
        class="delete"
        data-action="delete"
        aria-label={`从存档删除：${article.title}`}
        title="从存档删除"
        onClick={() => onDelete(article.id)}
      >
        删除
      </button>
    </li>
  );
}

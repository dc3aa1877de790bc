import { useState } from 'preact/hooks';
import type { ArticleListing } from '../../lib/article-model';
import { formatBeijingTime } from '../../lib/beijing-time';
import { byProminence } from '../../lib/mentions';
import type { Snippet } from '../../lib/search/snippet';
import { MiniBadge } from '../shared/mini-badge';
import { doubtText } from '../shared/relevance-text';
import { AnnotationEditor } from '../shared/annotation-editor';
import { HighlightedSnippet } from './highlighted-snippet';
import { t } from '../../platform/i18n';

const BADGES_SHOWN = 6;

export interface RowActions {
  onOpen: (url: string) => void;
  onRead: (id: string) => void;
  onDelete: (id: string) => void;
  onSelectSecurity: (secid: string, doubtful: boolean) => void;
  onAnnotate: (id: string, annotation: { tags: string[]; note: string }) => Promise<void>;
}

interface Props extends RowActions {
  article: ArticleListing;
  snippet: Snippet | null;
  /** In a security view: the security whose mention count this row shows. */
  focusSecid?: string;
}

/** One saved article: title (opens the original), where and when, why it matched, what it mentions, actions. */
export function ArticleRow({ article, snippet, focusSecid, ...actions }: Props) {
  const [editing, setEditing] = useState(false);
  const likely = new Set(article.likelySecids ?? article.secids);
  // The securities the article is likely about come first; doubtful ones follow, dimmed.
  const mentions = [...article.mentions].sort((a, b) => Number(!likely.has(a.secid)) - Number(!likely.has(b.secid)) || byProminence(a, b));
  const shown = mentions.slice(0, BADGES_SHOWN);
  const focused = focusSecid ? article.mentions.find((m) => m.secid === focusSecid) : undefined;
  const facts = [article.source, formatBeijingTime(article.publishedAt)].filter(Boolean).join(' · ');
  return (
    <li class="article" data-article-id={article.id}>
      <a
        class="article-title"
        href={article.url}
        data-action="open"
        title={t('openOriginal')}
        onClick={(event) => {
          event.preventDefault();
          actions.onOpen(article.url);
        }}
      >
        {article.title}
      </a>
      <div class="article-facts">
        {facts}
        {focused && (
          <span class="focus-count" data-role="mention-count">
            {' '}
            · {t('mentionCount', focused.name, focused.count)}
          </span>
        )}
      </div>
      {snippet && <HighlightedSnippet snippet={snippet} />}
      {shown.length > 0 && (
        <ul class="mini-badges" aria-label={t('securities')}>
          {shown.map((mention) => (
            <MiniBadge
              mention={mention}
              saved={article.quotesAtSave?.[mention.secid]}
              focused={mention.secid === focusSecid}
              doubt={likely.has(mention.secid) ? null : doubtText(mention)}
              onSelect={actions.onSelectSecurity}
            />
          ))}
          {mentions.length > shown.length && <li class="mini-more">+{mentions.length - shown.length}</li>}
        </ul>
      )}
      {(article.tags.length > 0 || article.note) && !editing && (
        <div class="annotations">
          {article.tags.map((tag) => (
            <span class="tag" data-tag={tag}>
              #{tag}
            </span>
          ))}
          {article.note && <span class="note" title={article.note}>{article.note}</span>}
        </div>
      )}
      {editing && (
        <AnnotationEditor
          tags={article.tags}
          note={article.note}
          onSave={async (annotation) => {
            await actions.onAnnotate(article.id, annotation);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <div class="row-actions">
        <button type="button" data-action="read" title={t('readTitle')} onClick={() => actions.onRead(article.id)}>
          {t('read')}
        </button>
        <button type="button" data-action="annotate" aria-expanded={editing} onClick={() => setEditing(!editing)}>
          {t('annotateOpen')}
        </button>
        <button
          type="button"
          class="delete"
          data-action="delete"
          aria-label={t('deleteLabel', article.title)}
          title={t('deleteTitle')}
          onClick={() => actions.onDelete(article.id)}
        >
          {t('delete')}
        </button>
      </div>
    </li>
  );
}

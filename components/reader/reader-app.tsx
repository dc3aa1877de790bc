import { useEffect, useMemo, useState } from 'preact/hooks';
import { getArticle } from '../../lib/archive/articles';
import type { ArchiveDb } from '../../lib/archive/schema';
import type { Annotation, ArticleListing, ArticleRecord } from '../../lib/article-model';
import { formatBeijingTime } from '../../lib/beijing-time';
import { byProminence } from '../../lib/mentions';
import type { createSender } from '../../lib/protocol';
import { readerHtml } from '../../lib/reader-html';
import { AnnotationEditor } from '../shared/annotation-editor';
import { MiniBadge } from '../shared/mini-badge';
import { doubtText } from '../shared/relevance-text';
import { RenderGuard, titleOf } from '../shared/render-guard';
import { useNoteTakeBack } from '../shared/note-take-back';
import { NoteReplacedToast } from '../shared/undo-toast';
import { language, t } from '../../platform/i18n';

interface Props {
  id: string;
  archive: () => Promise<ArchiveDb>;
  send: ReturnType<typeof createSender>;
  openArchive: (secid: string, doubtful: boolean) => void;
}

export type Loaded = ArticleListing & ArticleRecord;

/** A saved article from the archive, offline: nothing from the original page runs or loads. */
export function ReaderApp({ id, archive, send, openArchive }: Props) {
  const [article, setArticle] = useState<Loaded | null | undefined>(undefined);
  // A note another hand wrote after the editor opened, replaced by the reader's: offered back.
  const notes = useNoteTakeBack(send);
  // Bumped when Undo writes the other note back, so the editor opens on what the archive now holds.
  const [editorKey, setEditorKey] = useState(0);

  const load = async () => setArticle((await getArticle(await archive(), id)) ?? null);
  useEffect(() => {
    void load();
  }, [id]);

  useEffect(() => {
    document.title = article ? `${article.title} · EM Lens` : t('readerTitle');
  }, [article]);

  if (article === undefined) return <main class="reader" aria-busy="true" />;
  if (article === null) {
    return (
      <main class="reader" data-role="reader-missing">
        <p>{t('readerMissing')}</p>
      </main>
    );
  }
  return (
    <RenderGuard
      resetKey={article}
      fallback={
        <main class="reader" data-article-id={article.id} data-role="unshowable-article">
          <p class="muted">{t('articleUnshowable')}</p>
          {titleOf(article) && <h1>{titleOf(article)}</h1>}
        </main>
      }
    >
      <ReaderArticle
        article={article}
        openArchive={openArchive}
        editorKey={editorKey}
        onAnnotate={async (annotation) => {
          await notes.annotate(article.id, article.title, annotation);
          await load();
        }}
      />
      {notes.replaced && (
        <NoteReplacedToast
          title={notes.replaced.title}
          theirs={notes.replaced.theirs}
          onUndo={() =>
            void (async () => {
              await notes.takeBack();
              await load();
              setEditorKey((key) => key + 1);
            })()
          }
          onDismiss={notes.dismiss}
        />
      )}
    </RenderGuard>
  );
}

interface ArticleProps {
  article: Loaded;
  openArchive: (secid: string, doubtful: boolean) => void;
  onAnnotate: (annotation: Annotation & { was: Annotation }) => Promise<void>;
  /** A new key opens the editor afresh on the article's tags and note. */
  editorKey?: number;
}

/** The article itself: what the guard above replaces with a notice if it cannot be drawn. */
export function ReaderArticle({ article, openArchive, onAnnotate, editorKey = 0 }: ArticleProps) {
  const [loadImages, setLoadImages] = useState(false);
  const body = useMemo(() => readerHtml(article.bodyHtml, { loadImages }), [article, loadImages]);
  const likely = new Set(article.likelySecids ?? article.secids);
  const mentions = [...article.mentions].sort((a, b) => Number(!likely.has(a.secid)) - Number(!likely.has(b.secid)) || byProminence(a, b));
  return (
    <main class="reader" data-article-id={article.id}>
      <article>
        <header>
          <h1>{article.title}</h1>
          <p class="reader-facts">
            {[article.source, article.author && t('author', article.author), formatBeijingTime(article.publishedAt)]
              .filter(Boolean)
              .join(' · ')}
            <span class="muted">{t('savedOn', new Date(article.savedAt).toLocaleString(language() === 'zh' ? 'zh-CN' : 'en', { hour12: false }))}</span>
          </p>
          <p>
            <a href={article.url} target="_blank" rel="noopener noreferrer" data-action="open">
              {t('openOriginal')}
            </a>
          </p>
          {mentions.length > 0 && (
            <ul class="mini-badges" aria-label={t('securities')}>
              {mentions.map((mention) => (
                <MiniBadge
                  mention={mention}
                  saved={article.quotesAtSave?.[mention.secid]}
                  detailed
                  doubt={likely.has(mention.secid) ? null : doubtText(mention)}
                  onSelect={openArchive}
                />
              ))}
            </ul>
          )}
          {article.keyFigures && article.keyFigures.length > 0 && (
            <ul class="key-figures" aria-label={t('keyFigures')} data-role="key-figures">
              {article.keyFigures.slice(0, 5).map((figure) => (
                <li data-figure={figure.text} data-value={figure.value} data-unit={figure.unit}>
                  {figure.label && <span class="muted">{figure.label} </span>}
                  <strong>{figure.text}</strong>
                </li>
              ))}
            </ul>
          )}
          {article.summary && <p class="reader-summary">{article.summary}</p>}
        </header>
        <AnnotationEditor
          key={editorKey}
          tags={article.tags}
          note={article.note}
          onSave={onAnnotate}
        />
        {body.images > 0 && !loadImages && (
          <p class="muted">
            {t('imagesHeld', body.images)}{' '}
            <button type="button" class="link" data-action="load-images" onClick={() => setLoadImages(true)}>
              {t('loadImages')}
            </button>
          </p>
        )}
        {/* Sanitised twice: when read from the page and again here. */}
        <div class="reader-body" data-role="reader-body" dangerouslySetInnerHTML={{ __html: body.html }} />
      </article>
    </main>
  );
}

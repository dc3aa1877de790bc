import { useState } from 'preact/hooks';
import type { ArticleStatus } from '../../lib/article-model';
import type { ShownSecurity } from '../../lib/protocol';
import { AnnotationEditor } from '../shared/annotation-editor';
import { SaveButton, type SaveState } from './save-button';
import { t } from '../../platform/i18n';
import { formatBeijingMoment } from '../../lib/beijing-time';

interface Props {
  saveState: SaveState;
  status: ArticleStatus | null;
  /** The article's securities as its badges show them; empty for an article without any. */
  securities: ShownSecurity[];
  /** Saved articles per secid. */
  counts: Record<string, number>;
  error: string | null;
  /** The version a save replaced, kept and restorable; `justReplaced`: this frame's save did it. */
  previous: { title: string; replacedAt: number } | null;
  justReplaced: boolean;
  onRestorePrevious: () => void;
  onSave: () => void;
  onAnnotate: (annotation: { tags: string[]; note: string }) => Promise<void>;
  onOpenArchive: (security: ShownSecurity) => void;
  /** The editor opened or closed: the frame grows or shrinks with it. */
  onEditing?: (editing: boolean) => void;
}

/**
 * What the reader keeps of this article, in the overlay: Save, its tags and
 * note, and how many saved articles mention each of its securities. Two
 * lines of fixed height whatever they hold, so the frame's size tells the
 * page nothing of it; only the editor, opened by the reader, adds to it.
 */
export function ArchiveStrip(props: Props) {
  const [editing, setEditing] = useState(false);
  const edit = (next: boolean) => {
    setEditing(next);
    props.onEditing?.(next);
  };
  const saved = props.saveState === 'saved';
  const tags = props.status?.tags ?? [];
  const note = props.status?.note ?? '';
  const counted = props.securities.filter((security) => (props.counts[security.secid] ?? 0) > 0);
  return (
    <section class="panel strip" data-role="archive-strip" aria-label={t('archiveStripLabel')}>
      <div class="strip-line">
        <SaveButton state={props.saveState} onSave={props.onSave} />
        {props.error ? (
          <span class="error strip-text" role="alert" title={props.error}>
            {props.error}
          </span>
        ) : props.justReplaced && props.previous ? (
          <span class="strip-text replaced" role="status" data-role="replaced-notice" title={t('replacedTitle', props.previous.title)}>
            {t('replacedNotice')}
          </span>
        ) : (
          <span class="strip-text" data-role="overlay-annotations" title={[...tags.map((tag) => `#${tag}`), note].filter(Boolean).join(' ')}>
            {saved && <span class="saved-note">{t('inArchive')}</span>}
            {saved && tags.map((tag) => <span class="tag">#{tag}</span>)}
            {saved && note && <span class="note">{note}</span>}
          </span>
        )}
        {saved && props.previous && (
          <button
            type="button"
            class="link"
            data-action="restore-previous"
            title={t('restorePreviousTitle', props.previous.title, formatBeijingMoment(props.previous.replacedAt))}
            onClick={props.onRestorePrevious}
          >
            {t('restorePrevious')}
          </button>
        )}
        {saved && (
          <button type="button" class="link" data-action="annotate" aria-expanded={editing} onClick={() => edit(!editing)}>
            {tags.length || note ? t('annotateOpen') : t('annotateAdd')}
          </button>
        )}
      </div>
      {props.securities.length > 0 && (
        <div class="strip-line archive-counts" data-role="archive-counts">
          {counted.length ? (
            <>
              <span class="muted">{t('archiveCountsLabel')}</span>
              {counted.map((security) => {
                const count = props.counts[security.secid]!;
                return (
                  <button
                    type="button"
                    class="archive-link"
                    data-action="open-archive"
                    data-archive-secid={security.secid}
                    data-archive-count={count}
                    data-doubtful={security.doubtful ? 'true' : 'false'}
                    title={t('archiveCountTitle', count, security.name)}
                    onClick={() => props.onOpenArchive(security)}
                  >
                    {security.name} {count}
                  </button>
                );
              })}
            </>
          ) : (
            <span class="muted">{t('archiveCountsNone')}</span>
          )}
        </div>
      )}
      {saved && editing && (
        <AnnotationEditor
          compact
          tags={tags}
          note={note}
          onSave={async (annotation) => {
            await props.onAnnotate(annotation);
            edit(false);
          }}
          onCancel={() => edit(false)}
        />
      )}
    </section>
  );
}

import type { Annotation } from '../../lib/article-model';
import { t } from '../../platform/i18n';

interface Props {
  /** What happened, in one line. */
  text: string;
  /** Which toast, for styles and tests: a delete, or a note another hand had just written. */
  kind?: 'deleted' | 'note-replaced';
  onUndo: () => void;
  onDismiss: () => void;
}

/** Shown after a delete, or a note that replaced another hand's, so a slip costs nothing. */
export function UndoToast({ text, kind = 'deleted', onUndo, onDismiss }: Props) {
  return (
    <div class="toast" role="status" data-role="undo-toast" data-kind={kind}>
      <span class="toast-text">{text}</span>
      <button type="button" data-action="undo" onClick={onUndo}>
        {t('undo')}
      </button>
      <button type="button" class="toast-close" aria-label={t('close')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** The first words of a note (or its tags), on one line. */
function glimpse({ tags, note }: Annotation): string {
  const characters = [...(note || tags.map((tag) => `#${tag}`).join(' ')).replace(/\s+/g, ' ').trim()];
  return characters.length > 60 ? `${characters.slice(0, 59).join('')}…` : characters.join('');
}

/** After a note replaced one another hand had written since the editor opened: what it was, and Undo to write it back. */
export function NoteReplacedToast({ title, theirs, onUndo, onDismiss }: { title: string; theirs: Annotation; onUndo: () => void; onDismiss: () => void }) {
  return <UndoToast kind="note-replaced" text={t('noteReplacedToast', title, glimpse(theirs) || t('noteEmpty'))} onUndo={onUndo} onDismiss={onDismiss} />;
}

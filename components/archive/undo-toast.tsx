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

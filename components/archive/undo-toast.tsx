import { t } from '../../platform/i18n';
interface Props {
  title: string;
  onUndo: () => void;
  onDismiss: () => void;
}

/** Shown after a delete, so a slip of the mouse costs nothing. */
export function UndoToast({ title, onUndo, onDismiss }: Props) {
  return (
    <div class="toast" role="status">
      <span class="toast-text">{t('deletedToast', title)}</span>
      <button type="button" data-action="undo" onClick={onUndo}>
        {t('undo')}
      </button>
      <button type="button" class="toast-close" aria-label={t('close')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

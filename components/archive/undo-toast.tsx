interface Props {
  title: string;
  onUndo: () => void;
  onDismiss: () => void;
}

/** Shown after a delete, so a slip of the mouse costs nothing. */
export function UndoToast({ title, onUndo, onDismiss }: Props) {
  return (
    <div class="toast" role="status">
      <span class="toast-text">已删除「{title}」</span>
      <button type="button" data-action="undo" onClick={onUndo}>
        撤销
      </button>
      <button type="button" class="toast-close" aria-label="关闭" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

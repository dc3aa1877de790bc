export type SaveState = 'unknown' | 'unsaved' | 'saving' | 'saved';

interface Props {
  state: SaveState;
  onSave: (event: Event) => void;
}

const LABELS: Record<SaveState, string> = {
  unknown: '保存',
  unsaved: '保存',
  saving: '保存中…',
  saved: '已保存',
};

/** Saves the article to the archive; saving again updates the one entry. */
export function SaveButton({ state, onSave }: Props) {
  const saved = state === 'saved';
  return (
    <button
      type="button"
      class={`save${saved ? ' is-saved' : ''}`}
      data-action="save"
      data-saved={saved ? 'true' : 'false'}
      aria-pressed={saved}
      disabled={state === 'saving'}
      title={saved ? '已在存档中；再次点击以更新' : '保存到 EM Lens 存档'}
      onClick={onSave}
    >
      <span aria-hidden="true">{saved ? '★' : '☆'}</span> {LABELS[state]}
    </button>
  );
}

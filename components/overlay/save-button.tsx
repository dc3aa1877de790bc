import { t, type MessageKey } from '../../platform/i18n';
export type SaveState = 'unknown' | 'unsaved' | 'saving' | 'saved';

interface Props {
  state: SaveState;
  onSave: (event: Event) => void;
}

const LABELS = { unknown: 'save', unsaved: 'save', saving: 'saving', saved: 'saved' } as const satisfies Record<SaveState, MessageKey>;

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
      // Until the archive has answered there is no article to save yet.
      disabled={state === 'saving' || state === 'unknown'}
      title={saved ? t('savedTitle') : t('saveTitle')}
      onClick={onSave}
    >
      <span aria-hidden="true">{saved ? '★' : '☆'}</span> {t(LABELS[state])}
    </button>
  );
}

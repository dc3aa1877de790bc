import { useRef, useState } from 'preact/hooks';
import type { Annotation } from '../../lib/article-model';
import { parseTags } from '../../lib/archived-article';
import { t } from '../../platform/i18n';

interface Props {
  tags: string[];
  note: string;
  /**
   * `was`: the tags and note the editor opened on, so the archive can tell
   * when another hand changed them meanwhile. `event` is the submit, for
   * callers that act only on what a person did.
   */
  onSave: (annotation: Annotation & { was: Annotation }, event: Event) => Promise<void>;
  onCancel?: () => void;
  compact?: boolean;
}

/** Tags (comma separated) and a free note for one article. */
export function AnnotationEditor({ tags, note, onSave, onCancel, compact = false }: Props) {
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const opened = useRef<Annotation>({ tags, note });
  const submit = async (event: Event) => {
    event.preventDefault();
    // Read the fields themselves at submit: what is in them is what gets saved.
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setState('saving');
    try {
      const saved = { tags: parseTags(String(form.get('tags') ?? '')), note: String(form.get('note') ?? '').trim() };
      await onSave({ ...saved, was: opened.current }, event);
      // Saved again from the same editor, it is this save that the archive holds.
      opened.current = saved;
      setState('saved');
    } catch {
      setState('failed');
    }
  };
  return (
    <form
      class={`annotation${compact ? ' compact' : ''}`}
      data-role="annotation"
      onSubmit={submit}
      onKeyDown={(event) => {
        // Escape closes the editor, as it closes every other panel.
        if (event.key === 'Escape' && onCancel) {
          event.stopPropagation();
          onCancel();
        }
      }}
    >
      <label>
        <span>{t('tags')}</span>
        <input type="text" name="tags" defaultValue={tags.join('，')} placeholder={t('tagsPlaceholder')} />
      </label>
      <label>
        <span>{t('note')}</span>
        <textarea name="note" rows={compact ? 1 : 3} defaultValue={note} placeholder={t('notePlaceholder')} />
      </label>
      <span class="annotation-actions">
        <button type="submit" data-action="save-annotation" disabled={state === 'saving'}>
          {t('saveAnnotation')}
        </button>
        {onCancel && (
          <button type="button" class="link" onClick={onCancel}>
            {t('collapse')}
          </button>
        )}
        <span class="muted" role="status">
          {state === 'saved' ? t('saved') : state === 'failed' ? t('failed') : ''}
        </span>
      </span>
    </form>
  );
}

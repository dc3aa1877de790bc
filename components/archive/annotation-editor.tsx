import { useState } from 'preact/hooks';
import { parseTags } from '../../lib/archived-article';

interface Props {
  tags: string[];
  note: string;
  /** `event` is the submit, for callers that act only on what a person did. */
  onSave: (annotation: { tags: string[]; note: string }, event: Event) => Promise<void>;
  onCancel?: () => void;
  compact?: boolean;
}

/** Tags (comma separated) and a free note for one article. */
export function AnnotationEditor({ tags, note, onSave, onCancel, compact = false }: Props) {
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const submit = async (event: Event) => {
    event.preventDefault();
    // Read the fields themselves at submit: what is in them is what gets saved.
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setState('saving');
    try {
      await onSave({ tags: parseTags(String(form.get('tags') ?? '')), note: String(form.get('note') ?? '').trim() }, event);
      setState('saved');
    } catch {
      setState('failed');
    }
  };
  return (
    <form class={`annotation${compact ? ' compact' : ''}`} data-role="annotation" onSubmit={submit}>
      <label>
        <span>标签</span>
        <input type="text" name="tags" defaultValue={tags.join('，')} placeholder="用逗号分隔，如：ABS，季度复盘" />
      </label>
      <label>
        <span>笔记</span>
        <textarea name="note" rows={compact ? 1 : 3} defaultValue={note} placeholder="写下你的想法" />
      </label>
      <span class="annotation-actions">
        <button type="submit" data-action="save-annotation" disabled={state === 'saving'}>
          保存标签和笔记
        </button>
        {onCancel && (
          <button type="button" class="link" onClick={onCancel}>
            收起
          </button>
        )}
        <span class="muted" role="status">
          {state === 'saved' ? '已保存' : state === 'failed' ? '保存失败' : ''}
        </span>
      </span>
    </form>
  );
}

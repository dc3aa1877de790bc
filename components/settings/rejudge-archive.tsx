import { useState } from 'preact/hooks';
import { t } from '../../platform/i18n';

type State = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; checked: number; changed: number } | { kind: 'failed'; message: string };

/** One button: every archived article judged again by today's relevance rules, from the text windows its record kept. */
export function RejudgeArchive({ rejudge }: { rejudge: () => Promise<{ checked: number; changed: number }> }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'running' });
    try {
      setState({ kind: 'done', ...(await rejudge()) });
    } catch (failure) {
      setState({ kind: 'failed', message: failure instanceof Error ? failure.message : String(failure) });
    }
  };
  return (
    <div class="setting">
      <button type="button" data-action="rejudge-archive" disabled={state.kind === 'running'} onClick={() => void run()}>
        {t('rejudgeArchive')}
      </button>
      {state.kind === 'done' && (
        <small role="status" data-role="rejudge-result" data-checked={state.checked} data-changed={state.changed}>
          {t('rejudgeDone', state.checked, state.changed)}
        </small>
      )}
      {state.kind === 'failed' && (
        <small role="alert" class="error">
          {t('rejudgeFailed', state.message)}
        </small>
      )}
    </div>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { ArchiveStrip } from '../../components/overlay/archive-strip';
import type { SaveState } from '../../components/overlay/save-button';
import { CodedError } from '../../lib/error-codes';
import { isFrameNudge } from '../../lib/frame-post';
import type { FrameArticle } from '../../lib/protocol';
import { errorText, t } from '../../platform/i18n';
import { send } from '../../platform/messaging';
import { reportHeight } from './report-height';

const shownSave = (article: FrameArticle): SaveState => (article.save?.phase === 'saving' ? 'saving' : article.status.saved ? 'saved' : 'unsaved');

/**
 * The archive strip with its state, answered by the background for the
 * article this frame's tab shows. Whatever changes, the frame only learns
 * that it should ask again.
 */
export function ArchiveStripApp() {
  const [article, setArticle] = useState<FrameArticle | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('unknown');
  const [error, setError] = useState<string | null>(null);
  const [justReplaced, setJustReplaced] = useState(false);
  const current = useRef<FrameArticle | null>(null);
  // One question at a time, and at most one more after it, however many nudges come (a page can send them too).
  const asking = useRef<Promise<void> | null>(null);
  const askAgain = useRef(false);

  const ask = async () => {
    try {
      const next = await send('bg:frame-article', {});
      current.current = next;
      setArticle(next);
      setSaveState(shownSave(next));
      setError(next.save?.phase === 'failed' ? t('saveFailed', errorText(new CodedError(next.save.code, ''))) : null);
    } catch (failure) {
      current.current = null;
      setSaveState('unknown');
      setError(errorText(failure));
    }
  };
  const load = (): Promise<void> => {
    if (asking.current) {
      askAgain.current = true;
      return asking.current;
    }
    asking.current = (async () => {
      do {
        askAgain.current = false;
        await ask();
      } while (askAgain.current);
      asking.current = null;
    })();
    return asking.current;
  };

  const save = async () => {
    const shown = current.current;
    if (!shown) return;
    setSaveState('saving');
    setError(null);
    try {
      const { replaced } = await send('bg:save-article', { id: shown.id });
      setJustReplaced(replaced);
      await load();
    } catch (failure) {
      setSaveState(shown.status.saved ? 'saved' : 'unsaved');
      setError(t('saveFailed', errorText(failure)));
    }
  };

  useEffect(() => {
    void load();
    const stopReporting = reportHeight();
    const onMessage = (event: MessageEvent) => {
      if (event.source === parent && isFrameNudge(event.data)) void load();
    };
    window.addEventListener('message', onMessage);
    return () => {
      stopReporting();
      window.removeEventListener('message', onMessage);
    };
  }, []);

  return (
    <ArchiveStrip
      saveState={saveState}
      status={article?.status ?? null}
      securities={article?.securities ?? []}
      counts={article?.counts ?? {}}
      error={error}
      previous={article?.previous ?? null}
      justReplaced={justReplaced}
      onRestorePrevious={async () => {
        const shown = current.current;
        if (!shown) return;
        setJustReplaced(false);
        try {
          await send('bg:restore-previous', { id: shown.id });
          await load();
        } catch (failure) {
          setError(errorText(failure));
        }
      }}
      onSave={() => void save()}
      onAnnotate={async (annotation) => {
        const shown = current.current;
        if (!shown) return;
        await send('bg:annotate-article', { id: shown.id, ...annotation });
        await load();
      }}
      onOpenArchive={(security) => void send('bg:open-archive', { secid: security.secid, doubtful: security.doubtful })}
    />
  );
}

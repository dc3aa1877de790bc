import { useEffect, useRef, useState } from 'preact/hooks';
import { ArchiveStrip } from '../../components/overlay/archive-strip';
import type { SaveState } from '../../components/overlay/save-button';
import { CodedError } from '../../lib/error-codes';
import type { FrameArticle } from '../../lib/protocol';
import { FRAME_RULES } from '../../lib/protocol-frame';
import { errorText, t } from '../../platform/i18n';
import { receive, send } from '../../platform/messaging';
import { reportHeight } from './report-height';

/** The archive strip with its state, answered by the background for the article this frame's tab shows. */
export function ArchiveStripApp() {
  const [article, setArticle] = useState<FrameArticle | null>(null);
  const [saveState, setSaveState] = useState<SaveState>('unknown');
  const [error, setError] = useState<string | null>(null);
  const [justReplaced, setJustReplaced] = useState(false);
  const current = useRef<FrameArticle | null>(null);

  const load = async () => {
    try {
      const next = await send('bg:frame-article', {});
      current.current = next;
      setArticle(next);
      setSaveState(next.status.saved ? 'saved' : 'unsaved');
      setError(null);
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const save = async () => {
    const shown = current.current;
    if (!shown || saveState === 'saving') return;
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
    const stopReceiving = receive(FRAME_RULES, {
      async 'frame:article-changed'({ id }) {
        if (id !== current.current?.id) return { seen: false };
        await load();
        return { seen: true };
      },
      async 'frame:refresh'({ tabId }) {
        // Before the first answer the frame does not know its tab: any tab's news may be its own.
        if (current.current && tabId !== current.current.tabId) return { seen: false };
        await load();
        return { seen: true };
      },
      async 'frame:tab-save'(save) {
        if (save.tabId !== current.current?.tabId) return { seen: false };
        if (save.phase === 'saving') {
          setSaveState('saving');
          setError(null);
        } else {
          setSaveState(current.current.status.saved ? 'saved' : 'unsaved');
          setError(t('saveFailed', errorText(new CodedError(save.code, ''))));
        }
        return { seen: true };
      },
    });
    return () => {
      stopReporting();
      stopReceiving();
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

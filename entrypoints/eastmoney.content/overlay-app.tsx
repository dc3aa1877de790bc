import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Overlay } from '../../components/overlay/overlay';
import type { SaveState } from '../../components/overlay/save-button';
import { mentionElements } from '../../lib/mentions';
import type { ArticleStatus } from '../../lib/protocol';
import { readArticle, type ArticleHead } from '../../lib/read-article';
import { receive, send } from '../../platform/messaging';
import type { Quote } from '../../lib/quotes/quote-reply';
import { autoSaveSetting, colourSetting, liveQuotesSetting } from '../../platform/settings';
import { focusMention } from './mention-focus';
import { startQuoteRefresher } from './quote-refresher';

interface Props {
  article: ArticleHead;
  /** Called with a clean-up to run when the content script is invalidated. */
  onCleanup: (cleanup: () => void) => void;
}

/** The overlay with its state: saved or not, tags and note, archive counts, where each badge last scrolled to. */
export function OverlayApp({ article, onCleanup }: Props) {
  const [saveState, setSaveState] = useState<SaveState>('unknown');
  const [status, setStatus] = useState<ArticleStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [positions, setPositions] = useState<Record<string, number>>({});
  const [archiveCounts, setArchiveCounts] = useState<Record<string, number>>({});
  const [quotes, setQuotes] = useState<Record<string, Quote>>({});
  const [colours, setColours] = useState<'red-up' | 'green-up'>('red-up');
  const saving = useRef<Promise<boolean> | null>(null);
  const secids = useMemo(() => article.mentions.map((m) => m.secid), [article]);

  const show = (next: ArticleStatus) => {
    setStatus(next);
    setSaveState(next.saved ? 'saved' : 'unsaved');
    if (secids.length) {
      void send('securities:counts', { secids })
        .then(({ counts }) => setArchiveCounts(counts))
        .catch(() => {});
    }
  };

  const save = (): Promise<boolean> => {
    // One save at a time: a click, the shortcut and auto-save never race.
    saving.current ??= (async () => {
      setSaveState('saving');
      setError(null);
      try {
        // Read again at save time: the record includes paragraphs added since load.
        const record = readArticle(document, location.href);
        if (!record) throw new Error('这一页已读不到文章正文');
        await send('article:save', { record });
        show(await send('article:status', { id: article.id }));
        return true;
      } catch (failure) {
        setSaveState(status?.saved ? 'saved' : 'unsaved');
        setError(`保存失败：${failure instanceof Error ? failure.message : String(failure)}`);
        return false;
      } finally {
        saving.current = null;
      }
    })();
    return saving.current;
  };

  useEffect(() => {
    void (async () => {
      try {
        const current = await send('article:status', { id: article.id });
        show(current);
        if (!current.saved && (await autoSaveSetting.getValue())) await save();
      } catch {
        setSaveState('unsaved');
      }
    })();
    onCleanup(
      receive({
        async 'overlay:save'() {
          return { saved: await save() };
        },
        async 'article:changed'({ id, status: next }) {
          if (id !== article.id) return { seen: false };
          show(next);
          return { seen: true };
        },
      }),
    );
  }, [article.id]);

  // Quotes fill in when they arrive; the overlay never waits for them. The
  // settings apply at once, in every open tab.
  useEffect(() => {
    let stopQuotes = () => {};
    const applyLive = (live: boolean) => {
      stopQuotes();
      stopQuotes = live ? startQuoteRefresher(secids, setQuotes) : () => {};
      if (!live) setQuotes({});
    };
    void liveQuotesSetting.getValue().then(applyLive);
    void colourSetting.getValue().then(setColours);
    const unwatchLive = liveQuotesSetting.watch(applyLive);
    const unwatchColours = colourSetting.watch(setColours);
    onCleanup(() => {
      stopQuotes();
      unwatchLive();
      unwatchColours();
    });
  }, [secids]);

  // Element lists per security, found once: clicks only step through them.
  const elementsBySecid = useMemo(() => {
    const map = new Map<string, Element[]>();
    for (const { element, security } of mentionElements(article.body)) {
      const list = map.get(security.secid) ?? [];
      list.push(element);
      map.set(security.secid, list);
    }
    return map;
  }, [article.body]);

  const selectSecurity = (secid: string) => {
    const elements = (elementsBySecid.get(secid) ?? []).filter((element) => element.isConnected);
    if (!elements.length) return;
    const next = ((positions[secid] ?? 0) % elements.length) + 1;
    setPositions({ ...positions, [secid]: next });
    focusMention(elements[next - 1]!);
  };

  const annotate = async (annotation: { tags: string[]; note: string }) => {
    show(await send('article:annotate', { id: article.id, ...annotation }));
  };

  return (
    <Overlay
      articleId={article.id}
      source={article.source}
      publishedAt={article.publishedAt}
      mentions={article.mentions}
      saveState={saveState}
      error={error}
      positions={positions}
      archiveCounts={archiveCounts}
      quotes={quotes}
      colours={colours}
      tags={status?.tags ?? []}
      note={status?.note ?? ''}
      onSave={() => void save()}
      onSelectSecurity={selectSecurity}
      onOpenArchive={(secid) => void send('archive:open', { secid })}
      onAnnotate={annotate}
    />
  );
}

import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Overlay } from '../../components/overlay/overlay';
import type { SaveState } from '../../components/overlay/save-button';
import { mentionElements } from '../../lib/mentions';
import { createSender } from '../../lib/protocol';
import { readArticle, type ArticleHead } from '../../lib/read-article';
import { focusMention } from './mention-focus';

const send = createSender((message) => browser.runtime.sendMessage(message));

/** The overlay with its state: whether the article is saved, and where each badge last scrolled to. */
export function OverlayApp({ article }: { article: ArticleHead }) {
  const [saveState, setSaveState] = useState<SaveState>('unknown');
  const [error, setError] = useState<string | null>(null);
  const [positions, setPositions] = useState<Record<string, number>>({});

  useEffect(() => {
    send('article:status', { id: article.id })
      .then((status) => setSaveState((state) => (state === 'unknown' ? (status.saved ? 'saved' : 'unsaved') : state)))
      .catch(() => setSaveState((state) => (state === 'unknown' ? 'unsaved' : state)));
  }, [article.id]);

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

  const save = async () => {
    setSaveState('saving');
    setError(null);
    try {
      // Read again at save time: the record includes paragraphs added since load.
      const record = readArticle(document, location.href);
      if (!record) throw new Error('这一页已读不到文章正文');
      await send('article:save', { record });
      setSaveState('saved');
    } catch (failure) {
      setSaveState('unsaved');
      setError(`保存失败：${failure instanceof Error ? failure.message : String(failure)}`);
    }
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
      onSave={save}
      onSelectSecurity={selectSecurity}
    />
  );
}

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { OverlayPanel } from '../../components/overlay/overlay-panel';
import type { QuoteState } from '../../components/overlay/overlay-panel';
import type { SaveState } from '../../components/overlay/save-button';
import { errorText, t } from '../../platform/i18n';
import type { ArticleStatus } from '../../lib/article-model';
import type { Quote } from '../../lib/quotes/quote-reply';
import type { ArticleHead } from '../../lib/article-head';
import { TAB_RULES } from '../../lib/protocol-tab';
import { receive, send } from '../../platform/messaging';
import { settings } from '../../platform/settings';
import { removeInlineBadges, syncInlineBadges } from './inline-badges';
import { focusMention, focusRange } from './mention-focus';
import type { CorrectionRequest } from '../../components/overlay/correction-menu';
import type { Mention } from '../../lib/article-model';
import { summaryOfHead } from '../../lib/article-head';
import { figureRange, figureText, findInBody } from '../../lib/key-figure-range';
import type { KeyFigure } from '../../lib/key-figures';
import type { PageJudgement, PageJudgementRequest } from '../../lib/relevance/page-judgement';
import { pageMarks } from '../../lib/relevance/page-marks';
import { watchCorrections } from '../../platform/corrections';
import { startQuoteRefresher } from './quote-refresher';

/**
 * Only a person's own clicks act on the archive. The overlay's shadow root is
 * open (users' scripts read it), so a page script can reach its buttons; the
 * events it dispatches are not trusted, and are ignored.
 */
const byPerson = (event: Event) => event.isTrusted;


const NOT_JUDGED: PageJudgement = { verdicts: {}, figures: [] };

/** The overlay with its state: saved or not, tags and note, archive counts, quotes, where each badge last scrolled to. */
export function OverlayApp({ article }: { article: ArticleHead }) {
  const [saveState, setSaveState] = useState<SaveState>('unknown');
  const [status, setStatus] = useState<ArticleStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [positions, setPositions] = useState<Record<string, number>>({});
  const [archiveCounts, setArchiveCounts] = useState<{ counts: Record<string, number>; all: Record<string, number> }>({ counts: {}, all: {} });
  const [quotes, setQuotes] = useState<Record<string, Quote>>({});
  const [quoteState, setQuoteState] = useState<QuoteState>('waiting');
  const [colours, setColours] = useState<'red-up' | 'green-up'>('red-up');
  const [inline, setInline] = useState(false);
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  // The last answer and the reading it was for: a page that grows keeps its old verdicts until the new ones come.
  const [judged, setJudged] = useState<{ article: ArticleHead; answer: PageJudgement } | null>(null);
  const judgement = judged?.answer ?? NOT_JUDGED;
  const [hideDoubtful, setHideDoubtful] = useState(false);
  const saving = useRef<Promise<boolean> | null>(null);
  /** The securities and saved state the archive counts were last asked for: the counts change only with them. */
  const counted = useRef<string | null>(null);
  const secids = useMemo(() => article.mentions.map((m) => m.secid), [article]);
  const secidKey = secids.join(',');

  const show = (next: ArticleStatus) => {
    setStatus(next);
    setSaveState(next.saved ? 'saved' : 'unsaved');
    const asking = `${secidKey}|${next.saved}`;
    if (secids.length && counted.current !== asking) {
      counted.current = asking;
      void send('bg:count-mentions', { secids })
        .then(setArchiveCounts)
        .catch(() => {});
    }
  };

  const save = (): Promise<boolean> => {
    // One save at a time: a click, the shortcut and auto-save never race.
    saving.current ??= (async () => {
      setSaveState('saving');
      setError(null);
      try {
        // The background reads the page at save time, so the record includes paragraphs added since load.
        show((await send('bg:save-article', { id: article.id })).status);
        return true;
      } catch (failure) {
        setSaveState(status?.saved ? 'saved' : 'unsaved');
        setError(t('saveFailed', errorText(failure)));
        return false;
      } finally {
        saving.current = null;
      }
    })();
    return saving.current;
  };

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const current = await send('bg:article-status', { id: article.id });
        if (cancelled) return;
        show(current);
        if (!current.saved && (await settings.autoSave.getValue())) await save();
      } catch {
        if (!cancelled) setSaveState('unsaved');
      }
    })();
    const stopReceiving = receive(TAB_RULES, {
      async 'tab:start-save'() {
        return { saved: await save() };
      },
      async 'tab:article-changed'({ id, status: next }) {
        if (id !== article.id) return { seen: false };
        show(next);
        return { seen: true };
      },
    });
    return () => {
      cancelled = true;
      stopReceiving();
    };
  }, [article.id]);

  // Quotes fill in when they arrive; the overlay never waits for them. The
  // settings apply at once, in every open tab.
  useEffect(() => {
    let stopQuotes = () => {};
    const applyLive = (live: boolean) => {
      stopQuotes();
      setQuoteState(live ? 'waiting' : 'off');
      stopQuotes = live
        ? startQuoteRefresher(secids, (next) => {
            setQuotes(next);
            setQuoteState('answered');
          })
        : () => {};
      if (!live) setQuotes({});
    };
    void settings.liveQuotes.getValue().then(applyLive);
    void settings.colours.getValue().then(setColours);
    void settings.inlineBadges.getValue().then(setInline);
    const unwatch = [
      settings.liveQuotes.watch(applyLive),
      settings.colours.watch(setColours),
      settings.inlineBadges.watch(setInline),
      settings.collapsed.watch(setCollapsed),
    ];
    return () => {
      stopQuotes();
      for (const stop of unwatch) stop();
    };
  }, [secidKey]);

  useEffect(() => {
    void settings.collapsed.getValue().then((value) => setCollapsed((current) => current ?? value));
    void settings.hideDoubtful.getValue().then(setHideDoubtful);
    return settings.hideDoubtful.watch(setHideDoubtful);
  }, []);

  // Verdicts and figures from the background, where the rules live: asked
  // for as the badges are drawn (a layout effect: an effect would wait for the
  // next frame, and the page's load behind it), answered a few ms later. A
  // correction made in any tab asks again.
  useLayoutEffect(() => {
    let cancelled = false;
    let request: PageJudgementRequest | null = null;
    const ask = () => {
      if (!article.body.isConnected) return;
      request ??= {
        id: article.id,
        securities: article.mentions.map(({ secid, name, count }) => ({ secid, name, count })),
        marks: pageMarks(article.marked, article.body),
        title: article.title,
        summary: summaryOfHead(document, article),
        text: figureText(article.body),
      };
      if (import.meta.env.MODE === 'bench') performance.mark('em-lens:judge-asked');
      void send('bg:judge-page', request)
        .then((answer) => {
          if (cancelled) return;
          if (import.meta.env.MODE === 'bench') performance.mark('em-lens:judge-answered');
          setJudged({ article, answer });
          if (import.meta.env.MODE === 'bench') requestAnimationFrame(() => performance.mark('em-lens:judged'));
        })
        .catch(() => {});
    };
    ask();
    const unwatch = watchCorrections(ask);
    return () => {
      cancelled = true;
      unwatch();
    };
  }, [article]);

  const mentions = useMemo(
    () => article.mentions.map((mention) => ({ ...mention, relevance: judgement.verdicts[mention.secid]?.relevance })),
    [article, judgement],
  );
  const shown = useMemo(
    () => Object.fromEntries(Object.entries(judgement.verdicts).map(([secid, verdict]) => [secid, verdict.shown])),
    [judgement],
  );

  const selectFigure = (figure: KeyFigure) => {
    // A figure of the title or summary is found where the body says it too; else the article's top is shown.
    const inBody = figure.source === 'body' ? figure : findInBody(article.body, figure.text);
    const range = inBody && figureRange(article.body, inBody);
    if (range) focusRange(range);
    else article.body.scrollIntoView({ block: 'start' });
  };

  const correct = async (mention: Mention, request: CorrectionRequest, event: Event) => {
    if (!byPerson(event)) return;
    const scope = 'undo' in request ? request.undo : request.scope;
    const subject = { secid: mention.secid, name: mention.name, articleId: scope === 'article' ? article.id : null };
    try {
      await send('bg:correct-mention', {
        change: 'undo' in request ? { clear: subject } : { set: { ...subject, verdict: request.verdict } },
      });
      counted.current = null;
      if (status) show(status);
    } catch (failure) {
      setError(t('correctFailed', errorText(failure)));
    }
  };

  // Element lists per security, from the reading itself: no second pass over the body.
  const elementsBySecid = useMemo(() => {
    const map = new Map<string, Element[]>();
    for (const { element, security } of article.marked) {
      const list = map.get(security.secid) ?? [];
      list.push(element);
      map.set(security.secid, list);
    }
    return map;
  }, [article]);

  useEffect(() => {
    if (!inline) return;
    const first = new Map([...elementsBySecid].map(([secid, elements]) => [secid, elements[0]!]));
    const doubtful = new Set(Object.keys(shown).filter((secid) => shown[secid]!.verdict === 'doubtful'));
    syncInlineBadges(first, mentions, quotes, colours, doubtful);
    return () => removeInlineBadges(article.body);
  }, [inline, elementsBySecid, quotes, colours, shown]);

  const selectSecurity = (secid: string) => {
    const elements = (elementsBySecid.get(secid) ?? []).filter((element) => element.isConnected);
    if (!elements.length) return;
    const next = ((positions[secid] ?? 0) % elements.length) + 1;
    setPositions({ ...positions, [secid]: next });
    focusMention(elements[next - 1]!);
  };

  return (
    <OverlayPanel
      articleId={article.id}
      source={article.source}
      publishedAt={article.publishedAt}
      mentions={mentions}
      saveState={saveState}
      error={error}
      positions={positions}
      archiveCounts={archiveCounts.counts}
      allArchiveCounts={archiveCounts.all}
      quotes={quotes}
      quoteState={quoteState}
      colours={colours}
      collapsed={collapsed ?? false}
      shown={shown}
      judged={judged?.article === article}
      hideDoubtful={hideDoubtful}
      figures={judgement.figures}
      onSelectFigure={selectFigure}
      onCorrect={(mention, request, event) => void correct(mention, request, event)}
      onToggle={() => setCollapsed(!(collapsed ?? false))}
      tags={status?.tags ?? []}
      note={status?.note ?? ''}
      onSave={(event) => {
        if (byPerson(event)) void save();
      }}
      onSelectSecurity={selectSecurity}
      onOpenArchive={(secid, event) => {
        // A doubtful badge opens every saved article that mentions it, as its count says.
        if (byPerson(event)) void send('bg:open-archive', { secid, doubtful: shown[secid]?.verdict === 'doubtful' });
      }}
      onAnnotate={async (annotation, event) => {
        if (!byPerson(event)) return;
        show(await send('bg:annotate-article', { id: article.id, ...annotation }));
      }}
    />
  );
}

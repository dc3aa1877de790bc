import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { OverlayPanel } from '../../components/overlay/overlay-panel';
import type { QuoteState } from '../../components/overlay/overlay-panel';
import { errorText, t } from '../../platform/i18n';
import type { Quote } from '../../lib/quotes/quote-reply';
import type { ArticleHead } from '../../lib/article-head';
import { ARCHIVE_FRAME_PATH, receive, send } from '../../platform/messaging';
import { TAB_RULES } from '../../lib/protocol-tab';
import { browser } from 'wxt/browser';
import { ArchiveFrame } from '../../components/overlay/archive-frame';
import type { IntradayState } from '../../components/overlay/quote-card';
import type { IntradayDays } from '../../lib/quotes/intraday-reply';
import type { IntradayAnswer } from '../../lib/protocol';
import { committedUrlOf } from '../../lib/page-record-result';
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
 * Only a person's own clicks correct a verdict. The overlay's shadow root is
 * open (users' scripts read it), so a page script can reach its buttons; the
 * events it dispatches are not trusted, and are ignored.
 */
const byPerson = (event: Event) => event.isTrusted;


const INTRADAY_FRESH_MS = 60_000;

const NOT_JUDGED: PageJudgement = { verdicts: {}, figures: [] };

/** The overlay with its state: quotes, verdicts, where each badge last scrolled to; the reader's archive is in its frame. */
export function OverlayApp({ article }: { article: ArticleHead }) {
  const [error, setError] = useState<string | null>(null);
  const [positions, setPositions] = useState<Record<string, number>>({});
  const [quotes, setQuotes] = useState<Record<string, Quote>>({});
  const [quoteState, setQuoteState] = useState<QuoteState>('waiting');
  const [colours, setColours] = useState<'red-up' | 'green-up'>('red-up');
  const [inline, setInline] = useState(false);
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  // The last answer and the reading it was for: a page that grows keeps its old verdicts until the new ones come.
  const [judged, setJudged] = useState<{ article: ArticleHead; answer: PageJudgement } | null>(null);
  const judgement = judged?.answer ?? NOT_JUDGED;
  const [hideDoubtful, setHideDoubtful] = useState(false);
  const [intraday, setIntraday] = useState<Record<string, IntradayState>>({});
  /** How often the background said the archive frame's content changed: each one nudges the frame to ask again. */
  const [nudges, setNudges] = useState(0);
  const secids = useMemo(() => article.mentions.map((m) => m.secid), [article]);
  const secidKey = secids.join(',');

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
  // for once the badges are painted (their windows and the text are read
  // then, not before the first paint), answered a few ms later. A correction
  // made in any tab asks again.
  useEffect(() => {
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

  useEffect(
    () =>
      receive(TAB_RULES, {
        async 'tab:archive-changed'() {
          setNudges((count) => count + 1);
          return { nudged: true };
        },
      }),
    [],
  );

  // The background binds this tab to the article, and answers the archive
  // frame from it; told again as the securities or their verdicts change.
  const shownKey = mentions.map((mention) => `${mention.secid}:${shown[mention.secid]?.verdict ?? ''}`).join(',');
  useEffect(() => {
    void send('bg:show-article', {
      id: article.id,
      committedUrl: committedUrlOf(performance),
      securities: mentions.map(({ secid, name }) => ({ secid, name, doubtful: shown[secid]?.verdict === 'doubtful' })),
      // A refusal (the page moved its address to another article's) is the frame's to say.
    }).catch(() => {});
  }, [article.id, shownKey]);

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

  // A card asks for its day's line when it opens (hover or focus), again a minute later (a new minute row is
  // due while trading) or for other days; the background caches, so asking again costs a message.
  const openCard = (secid: string, days?: IntradayDays) => {
    const known = intraday[secid];
    const wanted = days ?? known?.days ?? 1;
    if (known?.days === wanted && Date.now() - known.askedAt < INTRADAY_FRESH_MS) return;
    const askedAt = Date.now();
    setIntraday((all) => ({ ...all, [secid]: { days: wanted, answer: all[secid]?.days === wanted ? (all[secid]?.answer ?? null) : null, askedAt } }));
    void send('bg:get-intraday', { secid, days: wanted })
      .catch((): IntradayAnswer => ({ status: 'unavailable' }))
      .then((answer) =>
        setIntraday((all) => (all[secid]?.askedAt === askedAt ? { ...all, [secid]: { days: wanted, answer, askedAt } } : all)),
      );
  };

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
      error={error}
      positions={positions}
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
      onSelectSecurity={selectSecurity}
      intraday={intraday}
      onOpenCard={openCard}
      archive={<ArchiveFrame src={browser.runtime.getURL(ARCHIVE_FRAME_PATH)} nudges={nudges} />}
    />
  );
}

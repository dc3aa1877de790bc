import type { ComponentChildren } from 'preact';
import type { Mention } from '../../lib/article-model';
import type { Quote } from '../../lib/quotes/quote-reply';
import { formatBeijingTime } from '../../lib/beijing-time';
import { SecurityBadge } from './security-badge';
import { KeyFigureList } from './key-figure-list';
import type { CorrectionRequest } from './correction-menu';
import type { KeyFigure } from '../../lib/key-figures';
import type { ShownVerdict } from '../../lib/relevance/corrections';
import { doubtText } from '../shared/relevance-text';
import { t } from '../../platform/i18n';
import type { IntradayState } from './quote-card';
import type { IntradayDays } from '../../lib/quotes/intraday-reply';

/** `answered` once the background has replied, whatever the reply held. */
export type QuoteState = 'off' | 'waiting' | 'answered';

export interface OverlayPanelProps {
  articleId: string;
  source: string | null;
  publishedAt: string | null;
  /** Already sorted: most mentioned first. */
  mentions: Mention[];
  error: string | null;
  positions: Record<string, number>;
  /** Live quotes by secid; empty while none has arrived or quotes are off. */
  quotes: Record<string, Quote>;
  /** Whether quotes are off, asked for, or answered (with numbers or without). */
  quoteState: QuoteState;
  /** Which colour means up. */
  colours: 'red-up' | 'green-up';
  /** Each security's verdict as the reader sees it (the rules', or their own correction); absent until judged. */
  shown: Record<string, ShownVerdict>;
  /** Whether the verdicts and figures have come back from the background. */
  judged: boolean;
  /** Leave doubtful badges out (a setting); they are shown dimmed and last otherwise. */
  hideDoubtful: boolean;
  /** Up to five, most telling first; empty until read. */
  figures: KeyFigure[];
  onSelectFigure: (figure: KeyFigure) => void;
  onCorrect: (mention: Mention, request: CorrectionRequest, event: Event) => void;
  /** Folded to the header line: badges hidden until unfolded. */
  collapsed: boolean;
  onToggle: () => void;
  onSelectSecurity: (secid: string) => void;
  /** Each security's intraday line for its card, once asked. */
  intraday?: Record<string, IntradayState>;
  onOpenCard?: (secid: string, days?: IntradayDays) => void;
  /** The reader's own archive of this article (Save, tags and note, counts): the frame no page script reaches. */
  archive: ComponentChildren;
}

const NOT_JUDGED: ShownVerdict = { verdict: 'likely', byReader: null };

/** The panel above an article: where it is from, what it mentions, and below its head the reader's archive of it. */
export function OverlayPanel(props: OverlayPanelProps) {
  const judged = props.mentions.map((mention) => {
    const shown = props.shown[mention.secid] ?? NOT_JUDGED;
    return { mention, shown, doubt: shown.verdict === 'doubtful' ? doubtText(mention, shown.byReader) : null };
  });
  const doubtfulCount = judged.filter((item) => item.doubt !== null).length;
  // Likely first, doubtful after, each in the order given (most mentioned first).
  const badges = [...judged.filter((item) => !item.doubt), ...(props.hideDoubtful ? [] : judged.filter((item) => item.doubt))];
  const mentions = props.mentions;
  const facts = [props.source, formatBeijingTime(props.publishedAt)].filter(Boolean);
  return (
    <section
      class={`panel colours-${props.colours}`}
      data-role="summary"
      data-article-id={props.articleId}
      data-quotes={props.quoteState}
      data-relevance={props.judged ? 'judged' : 'waiting'}
      aria-label={t('overlayLabel')}
    >
      <header class="head">
        <span class="brand" title="EM Lens">{t('brand')}</span>
        <span class="facts">
          {facts.map((fact) => (
            <span class="fact">{fact}</span>
          ))}
          <span class="fact" data-role="mention-total">
            {mentions.length ? t('mentionTotal', mentions.length) : t('noMentions')}
          </span>
          {doubtfulCount > 0 && (
            <span class="fact doubtful-total" data-role="doubtful-total" data-doubtful-count={doubtfulCount}>
              {t('relevanceDoubtfulTotal', doubtfulCount)}
            </span>
          )}
        </span>
        {mentions.length > 0 && (
          <button
            type="button"
            class="toggle"
            data-action="toggle"
            aria-expanded={!props.collapsed}
            aria-controls="em-lens-badges"
            title={props.collapsed ? t('expandTitle') : t('collapseTitle')}
            onClick={props.onToggle}
          >
            {props.collapsed ? t('expand') : t('collapse')}
          </button>
        )}
      </header>
      {props.archive}
      {mentions.length > 0 && !props.collapsed && (
        <div class="badges" id="em-lens-badges" role="list">
          {badges.map(({ mention, shown, doubt }) => (
            <div role="listitem" key={mention.secid}>
              <SecurityBadge
                mention={mention}
                shown={shown}
                doubt={doubt}
                onCorrect={props.onCorrect}
                position={props.positions[mention.secid] ?? 0}
                quote={props.quotes[mention.secid]}
                onSelect={props.onSelectSecurity}
                intraday={props.intraday?.[mention.secid]}
                colours={props.colours}
                onOpenCard={props.onOpenCard}
              />
            </div>
          ))}
        </div>
      )}
      {!props.collapsed && <KeyFigureList figures={props.figures} onSelect={props.onSelectFigure} />}
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
    </section>
  );
}

import type { Mention } from '../../lib/article-model';
import { directionOf, type Quote } from '../../lib/quotes/quote-reply';
import { formatChangePct } from '../../lib/quotes/quote-snapshot';
import { kindLabel } from '../shared/kind-labels';
import { QuoteCard, type IntradayState } from './quote-card';
import type { IntradayDays } from '../../lib/quotes/intraday-reply';
import { CorrectionMenu, type CorrectionRequest } from './correction-menu';
import type { ShownVerdict } from '../../lib/relevance/corrections';
import { t } from '../../platform/i18n';

interface Props {
  mention: Mention;
  /** 1-based position of the mention last scrolled to, or 0 before the first click. */
  position: number;
  /** The live quote, when one has arrived. */
  quote: Quote | undefined;
  /** The rules' verdict, or the reader's own correction. */
  shown: ShownVerdict;
  /** Why it is doubtful, in words; null when it is likely. */
  doubt: string | null;
  onSelect: (secid: string) => void;
  /** The day's line for the card, and the card's opening (hover or focus), which asks for it. */
  intraday?: IntradayState;
  colours?: 'red-up' | 'green-up';
  onOpenCard?: (secid: string, days?: IntradayDays) => void;
  onCorrect: (mention: Mention, request: CorrectionRequest, event: Event) => void;
}

/** One security the article mentions; a click steps through its mentions in the text. */
export function SecurityBadge({ mention, position, quote, shown, doubt, onSelect, onCorrect, intraday, colours, onOpenCard }: Props) {
  const priced = quote !== undefined && (quote.price !== null || quote.changePct !== null);
  const direction = priced ? directionOf(quote.changePct) : undefined;
  const quoteText = priced ? t('badgeQuote', quote.price ?? '—', formatChangePct(quote.changePct) || '—') : '';
  const doubtLine = doubt ? t('relevanceDoubtfulBadge', doubt) : '';
  const label = `${t('badgeLabel', mention.name, mention.code, kindLabel(mention.kind), mention.count)}${quoteText}`;
  return (
    <span
      class={`badge-group${doubt ? ' is-doubtful' : ''}`}
      onMouseEnter={() => onOpenCard?.(mention.secid)}
      onFocusCapture={() => onOpenCard?.(mention.secid)}
      onKeyDown={(event) => {
        // Escape hides the quote card shown while the badge has focus.
        if (event.key === 'Escape') (event.target as HTMLElement).blur();
      }}
    >
      <button
        type="button"
        class={`badge kind-${mention.kind}${direction ? ` dir-${direction}` : ''}`}
        data-secid={mention.secid}
        data-kind={mention.kind}
        data-count={mention.count}
        data-position={position || undefined}
        data-price={priced && quote.price !== null ? quote.price : undefined}
        data-change-pct={priced && quote.changePct !== null ? quote.changePct : undefined}
        data-direction={direction}
        data-doubtful={doubt ? 'true' : 'false'}
        data-doubtful-mentions={mention.relevance?.doubtfulMentions ?? 0}
        data-by-reader={shown.byReader ?? undefined}
        aria-description={doubtLine || undefined}
        title={`${label}${doubtLine ? `\n${doubtLine}` : ''}${t('badgeHint')}`}
        onClick={() => onSelect(mention.secid)}
      >
        <span class="badge-name">{mention.name}</span>
        <span class="badge-code">{mention.code}</span>
        <span class="badge-kind">{kindLabel(mention.kind)}</span>
        {priced && (
          <span class="badge-quote" data-role="quote">
            {quote.price !== null && <span class="price">{quote.price}</span>}
            {quote.changePct !== null && <span class="change">{formatChangePct(quote.changePct)}</span>}
          </span>
        )}
        <span class="badge-count">{position ? `${position}/${mention.count}` : `×${mention.count}`}</span>
      </button>
      {/* Drawn once it has first opened (hover or focus asks for its day's line): most of a
          page's badges are never opened, and a card under each was most of the overlay's first render. */}
      {intraday && (
        <QuoteCard
          mention={mention}
          quote={quote}
          doubt={doubtLine}
          confirmed={shown.byReader !== null && !doubt}
          intraday={intraday}
          colours={colours}
          onDays={(days) => onOpenCard?.(mention.secid, days)}
        />
      )}
      <CorrectionMenu mention={mention} shown={shown} onCorrect={(request, event) => onCorrect(mention, request, event)} />
    </span>
  );
}

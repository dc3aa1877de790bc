import { formatBeijingClock } from '../../lib/beijing-time';
import type { Mention } from '../../lib/article-model';
import { formatChangePct } from '../../lib/quotes/quote-snapshot';
import type { Quote } from '../../lib/quotes/quote-reply';
import { marketName, securityLinks } from '../../lib/securities';
import { language, t, type MessageKey } from '../../platform/i18n';
import type { IntradayAnswer } from '../../lib/protocol';
import type { IntradayDays } from '../../lib/quotes/intraday-reply';
import { IntradayChart } from './intraday-chart';

/** The card's line where the chart would be, for each answer without one. */
const MISSING: Record<Exclude<IntradayAnswer['status'], 'ok' | 'off' | 'other-hours'>, MessageKey> = {
  empty: 'intradayNoRows',
  odd: 'intradayOdd',
  unavailable: 'intradayUnavailable',
};

/** What the card knows of the day's line: nothing asked yet, on its way, or the answer. */
export type IntradayState = { days: IntradayDays; answer: IntradayAnswer | null; askedAt: number } | undefined;

const number = (value: number | null) => (value === null ? '—' : String(value));

/** The details behind a badge, on hover or focus: the quote in full and where to read more. */
export function QuoteCard({
  mention,
  quote,
  doubt = '',
  confirmed = false,
  intraday,
  colours = 'red-up',
  onDays,
}: {
  /** The day's line, once the card has opened and asked for it. */
  intraday?: IntradayState;
  colours?: 'red-up' | 'green-up';
  onDays?: (days: IntradayDays) => void;
  mention: Mention;
  quote: Quote | undefined;
  /** Why the article is likely not about it; empty when it likely is. */
  doubt?: string;
  /** The reader said it is this security. */
  confirmed?: boolean;
}) {
  const links = securityLinks(mention.secid, mention.code);
  const doubtfulMentions = mention.relevance?.doubtfulMentions ?? 0;
  return (
    <div class="quote-card" role="tooltip" data-role="quote-card">
      <div class="card-title">
        <strong>{quote?.name ?? mention.name}</strong> {mention.code} · {marketName(mention.market, mention.code, language())}
      </div>
      {doubt && <p data-role="doubt-reason">{doubt}</p>}
      {confirmed && <p class="muted">{t('relevanceByReaderYes')}</p>}
      {!doubt && doubtfulMentions > 0 && <p class="muted">{t('relevanceDoubtfulMentions', mention.count, doubtfulMentions)}</p>}
      {quote ? (
        <dl>
          <dt>{t('quoteLast')}</dt>
          <dd>{number(quote.price)}</dd>
          <dt>{t('quoteChange')}</dt>
          <dd>
            {number(quote.change)} {formatChangePct(quote.changePct)}
          </dd>
          <dt>{t('quoteHigh')}</dt>
          <dd>{number(quote.high)}</dd>
          <dt>{t('quoteLow')}</dt>
          <dd>{number(quote.low)}</dd>
          <dt>{t('quotePrevClose')}</dt>
          <dd>{number(quote.prevClose)}</dd>
          <dt>{t('quoteTime')}</dt>
          <dd>{formatBeijingClock(quote.time) || '—'}</dd>
        </dl>
      ) : (
        <p class="muted">{t('noQuote')}</p>
      )}
      {intraday && intraday.answer?.status !== 'off' && intraday.answer?.status !== 'other-hours' && (
        <div class="intraday-box">
          <div class="intraday-days" role="group" aria-label={t('intradayToday')}>
            {([1, 5] as const).map((days) => (
              <button type="button" class="link" data-intraday-days={days} aria-pressed={intraday.days === days} onClick={() => onDays?.(days)}>
                {t(days === 1 ? 'intradayToday' : 'intradayFiveDays')}
              </button>
            ))}
          </div>
          {intraday.answer?.status === 'ok' ? (
            <IntradayChart chart={intraday.answer.chart} colours={colours} />
          ) : intraday.answer ? (
            <p class="muted" data-role="intraday-missing" data-reason={intraday.answer.status}>
              {t(MISSING[intraday.answer.status])}
            </p>
          ) : (
            <p class="muted" data-role="intraday-waiting">
              {t('intradayWaiting')}
            </p>
          )}
        </div>
      )}
      <div class="card-links">
        <a href={links.quote} target="_blank" rel="noopener noreferrer">
          {t('quotePage')}
        </a>
        <a href={links.guba} target="_blank" rel="noopener noreferrer">
          {t('guba')}
        </a>
      </div>
    </div>
  );
}

import { formatBeijingClock } from '../../lib/beijing-time';
import type { Mention } from '../../lib/article-model';
import { formatChangePct } from '../../lib/quotes/quote-snapshot';
import type { Quote } from '../../lib/quotes/quote-reply';
import { marketName, securityLinks } from '../../lib/securities';
import { language, t } from '../../platform/i18n';

const number = (value: number | null) => (value === null ? '—' : String(value));

/** The details behind a badge, on hover or focus: the quote in full and where to read more. */
export function QuoteCard({ mention, quote }: { mention: Mention; quote: Quote | undefined }) {
  const links = securityLinks(mention.secid, mention.code);
  return (
    <div class="quote-card" role="tooltip" data-role="quote-card">
      <div class="card-title">
        <strong>{quote?.name ?? mention.name}</strong> {mention.code} · {marketName(mention.market, mention.code, language())}
      </div>
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

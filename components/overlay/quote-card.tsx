import { formatBeijingClock } from '../../lib/beijing-time';
import type { Mention } from '../../lib/mentions';
import { formatChangePct } from '../../lib/quotes/quote-snapshot';
import type { Quote } from '../../lib/quotes/quote-reply';
import { marketName, securityLinks } from '../../lib/securities';

const number = (value: number | null) => (value === null ? '—' : String(value));

/** The details behind a badge, on hover or focus: the quote in full and where to read more. */
export function QuoteCard({ mention, quote }: { mention: Mention; quote: Quote | undefined }) {
  const links = securityLinks(mention.secid, mention.code);
  return (
    <div class="quote-card" role="tooltip" data-role="quote-card">
      <div class="card-title">
        <strong>{quote?.name ?? mention.name}</strong> {mention.code} · {marketName(mention.market, mention.code)}
      </div>
      {quote ? (
        <dl>
          <dt>最新</dt>
          <dd>{number(quote.price)}</dd>
          <dt>涨跌</dt>
          <dd>
            {number(quote.change)} {formatChangePct(quote.changePct)}
          </dd>
          <dt>最高</dt>
          <dd>{number(quote.high)}</dd>
          <dt>最低</dt>
          <dd>{number(quote.low)}</dd>
          <dt>昨收</dt>
          <dd>{number(quote.prevClose)}</dd>
          <dt>时间</dt>
          <dd>{formatBeijingClock(quote.time) || '—'}</dd>
        </dl>
      ) : (
        <p class="muted">暂无行情</p>
      )}
      <div class="card-links">
        <a href={links.quote} target="_blank" rel="noopener noreferrer">
          行情
        </a>
        <a href={links.guba} target="_blank" rel="noopener noreferrer">
          股吧
        </a>
      </div>
    </div>
  );
}

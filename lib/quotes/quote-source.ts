/** Which quote API to ask (the quotes', or the intraday lines'): Eastmoney's, or (end-to-end tests only) a server on loopback. */
import { DEFAULT_QUOTE_API } from './quote-reply';

const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}$/;

export function quoteApiBase(configured: string | null | undefined, fallback: string = DEFAULT_QUOTE_API): string {
  return configured && LOOPBACK.test(configured) ? configured : fallback;
}

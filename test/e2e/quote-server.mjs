// A stand-in for Eastmoney's batch quote endpoint (/api/qt/ulist.np/get), so
// end-to-end runs can show live quotes without the network and can make the
// quote API fail, stall or answer oddly on purpose. It answers in the shape
// lib/quotes/quote-reply.ts reads (fltt=2: decimals, "-" for missing values).
import { createServer } from 'node:http';

const PATH = '/api/qt/ulist.np/get';
// Eastmoney's intraday line (push2his), the same shape: see lib/quotes/intraday-reply.ts.
const TRENDS_PATH = '/api/qt/stock/trends2/get';
const LOOPBACK = new Set(['127.0.0.1', '::1']);
export const MODES = ['ok', 'fail500', 'slow', 'empty', 'object-diff', 'dash'];

/**
 * @param {{ port?: number, host?: string, slowMs?: number }} [options]
 */
export async function startQuoteServer({ port = 0, host = '127.0.0.1', slowMs = 10_000 } = {}) {
  // Loopback only: this server answers anyone, and a test machine's LAN is not "anyone".
  if (!LOOPBACK.has(host)) throw new Error(`quote server binds to loopback only, not ${host}`);

  /** @type {Map<string, Record<string, unknown>>} */
  let quotes = new Map();
  /** @type {Map<string, { preClose: number, day: string, closes: number[], name?: string }>} */
  let trends = new Map();
  let mode = 'ok';
  /** @type {{ url: string, time: number }[]} */
  const requests = [];
  /** Responses held back in 'slow' mode, answered on time or on close. */
  const held = new Set();

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://quote-server');
    requests.push({ url: request.url ?? '/', time: Date.now() });
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Cache-Control', 'no-store');
    if (request.method === 'OPTIONS') {
      response.setHeader('Access-Control-Allow-Methods', 'GET');
      response.writeHead(204).end();
      return;
    }
    if (request.method === 'GET' && url.pathname === TRENDS_PATH) {
      if (mode === 'fail500') {
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
        return;
      }
      const secid = url.searchParams.get('secid') ?? '';
      response.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(JSON.stringify(trendsFor(secid, trends.get(secid))));
      return;
    }
    if (request.method !== 'GET' || url.pathname !== PATH) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const secids = (url.searchParams.get('secids') ?? '').split(',').filter(Boolean);
    if (mode === 'fail500') {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal error');
      return;
    }
    const body = JSON.stringify(replyFor(secids, mode, quotes));
    let timer;
    const forget = () => {
      held.delete(send);
      clearTimeout(timer);
    };
    function send() {
      forget();
      if (!response.writableEnded && !response.destroyed) {
        response.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }).end(body);
      }
    }
    if (mode === 'slow') {
      held.add(send);
      timer = setTimeout(send, slowMs);
      // A client that gave up (the extension's timeout) needs no answer.
      response.once('close', forget);
      return;
    }
    send();
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('quote server has no TCP address');
  const hostInUrl = address.family === 'IPv6' || address.family === 6 ? `[${address.address}]` : address.address;

  return {
    /** Base URL to pass as the quote API base, e.g. http://127.0.0.1:41234 */
    url: `http://${hostInUrl}:${address.port}`,
    /** @param {Map<string, object> | Record<string, object>} next secid → { price, changePct, change, high, low, prevClose, name, time } */
    setQuotes(next) {
      quotes = new Map(next instanceof Map ? next : Object.entries(next));
    },
    /**
     * A day's intraday line per secid: its previous close, its Beijing day and one close a minute from 09:30.
     * @param {Record<string, { preClose: number, day: string, closes: number[], name?: string }>} next
     */
    setTrends(next) {
      trends = new Map(Object.entries(next));
    },
    /** @param {string} next */
    setMode(next) {
      if (!MODES.includes(next)) throw new Error(`unknown quote server mode ${next}; known: ${MODES.join(', ')}`);
      mode = next;
    },
    requests,
    async close() {
      for (const send of [...held]) send();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

function replyFor(secids, mode, quotes) {
  if (mode === 'empty') return envelope(null);
  const items = secids.filter((secid) => quotes.has(secid)).map((secid) => item(secid, quotes.get(secid), mode === 'dash'));
  // Eastmoney answers data: null when no requested secid is known.
  if (items.length === 0) return envelope(null);
  const diff = mode === 'object-diff' ? Object.fromEntries(items.map((entry, index) => [String(index), entry])) : items;
  return envelope({ total: items.length, diff });
}

function envelope(data) {
  return { rc: 0, rt: 11, svr: 177617938, lt: 1, full: 1, dlmkts: '', data };
}

function item(secid, quote, dashes) {
  const [market, code] = secid.split('.');
  const value = (field) => (dashes || quote[field] === undefined || quote[field] === null ? '-' : quote[field]);
  return {
    f2: value('price'),
    f3: value('changePct'),
    f4: value('change'),
    f12: code,
    f13: Number(market),
    f14: quote.name ?? code,
    f15: value('high'),
    f16: value('low'),
    f18: value('prevClose'),
    f124: dashes ? '-' : (quote.time ?? Math.floor(Date.now() / 1000)),
  };
}

/** A minute's clock by its place in the day: 09:30 … 11:30, then 13:01 … 15:00. */
function clockOf(slot) {
  const minute = slot <= 120 ? 9 * 60 + 30 + slot : 13 * 60 + (slot - 120);
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function trendsFor(secid, day) {
  if (!day) return envelope(null);
  const [market, code] = secid.split('.');
  let volume = 0;
  let amount = 0;
  const rows = day.closes.map((close, slot) => {
    const open = slot ? day.closes[slot - 1] : close;
    volume += 1000;
    amount += 1000 * close;
    return `${day.day} ${clockOf(slot)},${open.toFixed(2)},${close.toFixed(2)},${Math.max(open, close).toFixed(2)},${Math.min(open, close).toFixed(2)},1000,${(100_000 * close).toFixed(2)},${(amount / volume).toFixed(3)}`;
  });
  return envelope({ code, market: Number(market), name: day.name ?? code, decimal: 2, preClose: day.preClose, trendsTotal: 241, trends: rows });
}

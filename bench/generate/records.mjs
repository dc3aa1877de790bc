// Archive records as the extension stores them (lib/article-record.ts), with
// the sizes real Eastmoney articles have: bodies of 1,000–5,000 characters,
// 0–20 securities each, the sanitised HTML beside the text. Record i depends
// only on (seed, i), so an archive of 50,000 is the archive of 10,000 plus
// 40,000 more, filled in any number of steps.
import { createRandom } from '../prng.mjs';
import { SOURCES, personName, prose, sentence } from './chinese-text.mjs';
import { mentionMarkup, securityPool } from './securities.mjs';

const POOL = securityPool(createRandom(0x5ec), 3000);
const FIRST_SAVED = Date.UTC(2024, 0, 1);
const SAVE_INTERVAL_MS = 7 * 60_000;

const pad = (value, width = 2) => String(value).padStart(width, '0');

function beijingTime(random) {
  const date = new Date(Date.UTC(random.int(2019, 2025), random.int(0, 11), random.int(1, 28), random.int(0, 23), random.int(0, 59)));
  const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const hm = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return { iso: `${ymd}T${hm}:00+08:00`, compact: ymd.replaceAll('-', '') + hm.replace(':', '') };
}

function pickDistinct(random, list, count) {
  const chosen = new Set();
  while (chosen.size < count) chosen.add(random.pick(list));
  return [...chosen];
}

/** @param {number} seed @param {number} index */
export function generateRecord(seed, index) {
  const random = createRandom((seed * 1_000_003 + index) >>> 0);
  const published = beijingTime(random);
  const id = published.compact + pad(index, 6);
  const securities = pickDistinct(random, POOL, random.int(0, 20));
  const counts = securities.map(() => random.int(1, 4));
  const bodyLength = random.int(1000, 5000);

  // Paragraphs of prose; each mention is placed into a random paragraph, the
  // first one of each security carrying the keytip markup, as Eastmoney does.
  const paragraphs = [];
  for (let length = 0; length < bodyLength; ) {
    const text = prose(random, random.int(80, 400));
    paragraphs.push({ text, html: text });
    length += text.length;
  }
  securities.forEach((security, order) => {
    for (let n = 0; n < counts[order]; n += 1) {
      const paragraph = random.pick(paragraphs);
      const tail = sentence(random, 12);
      paragraph.text += security.name + tail;
      paragraph.html += sanitisedMention(security, n === 0) + tail;
    }
  });

  const bodyText = paragraphs.map((paragraph) => paragraph.text).join('\n');
  return {
    id,
    url: `https://finance.eastmoney.com/a/${id}.html`,
    title: sentence(random, random.int(12, 30)).slice(0, -1),
    publishedAt: published.iso,
    source: random.pick(SOURCES),
    author: random.next() < 0.4 ? personName(random) : null,
    summary: bodyText.slice(0, 160).replace(/\n/g, ' '),
    bodyText,
    bodyHtml: paragraphs.map((paragraph) => `<p>\u3000\u3000${paragraph.html}</p>`).join(''),
    mentions: securities.map(({ secid, market, code, kind, name }, order) => ({ secid, market, code, kind, name, count: counts[order], order })),
    template: 'current',
    savedAt: FIRST_SAVED + index * SAVE_INTERVAL_MS,
  };
}

/** What lib/sanitize.ts leaves of Eastmoney's mention markup: no ids, classes or `web`; links get rel. */
function sanitisedMention(security, first) {
  return mentionMarkup(security, first)
    .replace(/ (id|class|web)="[^"]*"/g, '')
    .replace(/<a href="([^"]*)"/, '<a href="$1" rel="noopener noreferrer"');
}

/** Records [from, to) in batches, generated lazily so 50,000 never sit in memory at once. */
export function* recordBatches(seed, from, to, batchSize) {
  for (let start = from; start < to; start += batchSize) {
    const batch = [];
    for (let index = start; index < Math.min(to, start + batchSize); index += 1) batch.push(generateRecord(seed, index));
    yield batch;
  }
}

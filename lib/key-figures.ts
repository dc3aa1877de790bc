/**
 * The figures a reader scans an article for: amounts with their unit and
 * scale (3.37亿元, 2.5万亿美元), counts with a measure word (15家, 44单),
 * percentages and 个百分点, each with its label, normalised value, and place
 * in the text it came from.
 */
import { parseChineseNumber } from './chinese-number';

export type FigureSource = 'title' | 'summary' | 'body';

export interface KeyFigure {
  /** As written: "3.37亿元". */
  text: string;
  /** Normalised: 3.37亿元 → 337000000. */
  value: number;
  /** 元, 美元, 港元, 家, 只, 单, 项, %, 个百分点, … */
  unit: string;
  /** The nearest noun phrase that says what the figure is: 发行规模, 高新技术企业. */
  label: string;
  source: FigureSource;
  /** Offsets of `text` in the source's text. */
  start: number;
  end: number;
}

export interface FigureTexts {
  title?: string;
  summary?: string;
  body?: string;
}

const MONEY = ['美元', '港元', '欧元', '日元', '英镑', '元'];
const COUNTS = ['家', '只', '单', '项', '笔', '款', '支', '辆', '人次', '吨', '股'];
const NUMBER = '(\\d+(?:,\\d{3})*(?:\\.\\d+)?|[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿点]*)';
/** Every unit a figure can have. */
export const FIGURE_UNITS = [...MONEY, ...COUNTS, '%', '个百分点'] as const;
const FIGURE = new RegExp(
  `百分之${NUMBER}|${NUMBER}\\s?(万亿|亿|万|千)?(个百分点|[%％]|${[...MONEY, ...COUNTS].join('|')})`,
  'g',
);
const SCALES: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3 };
/** Words between a label and its figure: 不超过10亿元, 合计3.37亿元. */
const LEAD_IN = /(?:不超过|不低于|超过|高达|达到|约为|分别为|共计|合计|累计|总计|同比|环比|增长|下降|约|达|为|至|逾|近|超|了|的|共)+$/;
const SOURCE_RANK: Record<FigureSource, number> = { title: 0, summary: 1, body: 2 };

/** Every figure in one text, in reading order. */
export function readFigures(text: string, source: FigureSource): KeyFigure[] {
  const figures: KeyFigure[] = [];
  FIGURE.lastIndex = 0;
  for (let match = FIGURE.exec(text); match; match = FIGURE.exec(text)) {
    const start = match.index;
    // A number glued to letters or digits before it is a code or an id, not a figure.
    if (/[0-9A-Za-z.]/.test(text[start - 1] ?? '')) continue;
    const percentWords = match[1];
    const written = percentWords ?? match[2]!;
    const number = /\d/.test(written[0]!) ? Number(written.replace(/,/g, '')) : parseChineseNumber(written);
    if (number === null || !Number.isFinite(number)) continue;
    const unitWord = percentWords === undefined ? match[4]! : '%';
    const unit = unitWord === '％' ? '%' : unitWord;
    const scale = percentWords === undefined && match[3] ? SCALES[match[3]]! : 1;
    const end = start + match[0].length;
    figures.push({ text: match[0], value: round(number * scale), unit, label: labelOf(text, start, end, unit), source, start, end });
  }
  return figures;
}

/** Floating point makes 3.37 × 1e8 into 336999999.99999994. */
function round(value: number): number {
  return Number(value.toPrecision(12));
}

function labelOf(text: string, start: number, end: number, unit: string): string {
  const before = hanRun(text.slice(Math.max(0, start - 16), start).replace(LEAD_IN, ''), 'tail');
  // A count names what it counts after it: 15家高新技术企业, 44单知识产权证券化产品.
  const after = hanRun(text.slice(end, end + 12), 'head');
  return COUNTS.includes(unit) ? after || before : before || after;
}

function hanRun(text: string, side: 'head' | 'tail'): string {
  const run = side === 'tail' ? /[\u4e00-\u9fff]{1,8}$/.exec(text) : /^[\u4e00-\u9fff]{1,10}/.exec(text);
  return run ? run[0] : '';
}

/**
 * All the figures of an article, most telling first: title and summary
 * before the body; within each, the largest of each unit before the second
 * largest of any, so that amounts, counts and shares all get a place; money
 * before shares before counts at the same rank. One figure per value and unit.
 */
export function keyFigures(texts: FigureTexts): KeyFigure[] {
  const all: KeyFigure[] = [];
  for (const source of ['title', 'summary', 'body'] as const) {
    const text = texts[source];
    if (text) all.push(...readFigures(text, source));
  }
  const seen = new Set<string>();
  const unique = all.filter((figure) => {
    const key = `${figure.value} ${figure.unit}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rankInUnit = new Map<KeyFigure, number>();
  const groups = new Map<string, KeyFigure[]>();
  for (const figure of unique) {
    const key = `${figure.source} ${figure.unit}`;
    groups.set(key, [...(groups.get(key) ?? []), figure]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => b.value - a.value).forEach((figure, rank) => rankInUnit.set(figure, rank));
  }
  return unique.sort(
    (a, b) =>
      SOURCE_RANK[a.source] - SOURCE_RANK[b.source] ||
      rankInUnit.get(a)! - rankInUnit.get(b)! ||
      unitPriority(a.unit) - unitPriority(b.unit) ||
      b.value - a.value,
  );
}

function unitPriority(unit: string): number {
  if (MONEY.includes(unit)) return 0;
  return unit === '%' || unit === '个百分点' ? 1 : 2;
}

export function topFigures(texts: FigureTexts, limit = 5): KeyFigure[] {
  return keyFigures(texts).slice(0, limit);
}

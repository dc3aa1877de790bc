// The one table `npm run bench` prints: a figure a row, its median, spread,
// number of runs, goal and whether the median meets it.

function formatValue(value, unit) {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  if (unit === 'B') return value >= 10_000 ? `${(value / 1000).toFixed(1)} kB` : `${Math.round(value)} B`;
  if (unit === '×') return `${value.toFixed(value >= 100 ? 0 : 2)}×`;
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

function spreadOf(row) {
  if (row.n < 2) return '';
  return `${formatValue(row.p10, row.unit)} – ${formatValue(row.p90, row.unit)}`;
}

const COLUMNS = [
  ['Figure', (row) => row.label],
  ['Median', (row) => formatValue(row.median, row.unit)],
  ['p10 – p90', spreadOf],
  ['n', (row) => String(row.n)],
  ['Goal', (row) => row.goal?.text ?? ''],
  ['Met', (row) => (row.goal ? (row.goal.met ? 'yes' : 'NO') : '')],
  ['Note', (row) => row.note ?? ''],
];

/** Display width: CJK and other wide characters take two columns. */
const width = (text) => [...text].reduce((sum, char) => sum + (/[\u1100-\uffff]/.test(char) && !/[–—×≤≥→÷µ]/.test(char) ? 2 : 1), 0);
const pad = (text, size) => text + ' '.repeat(Math.max(0, size - width(text)));

export function renderTable(rows) {
  const cells = rows.map((row) => COLUMNS.map(([, cell]) => cell(row)));
  const sizes = COLUMNS.map(([title], i) => Math.max(width(title), ...cells.map((line) => width(line[i]))));
  const line = (values) => `| ${values.map((value, i) => pad(value, sizes[i])).join(' | ')} |`;
  return [line(COLUMNS.map(([title]) => title)), `|${sizes.map((size) => '-'.repeat(size + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

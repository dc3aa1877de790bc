// The goals from the issue ("Benchmarks: the numbers a user feels"). A miss
// is reported, never a failure: the bench measures, it does not gate.
const ms = (max) => ({ max, text: `≤ ${max} ms` });

export const GOALS = {
  'overlay.seed': ms(16),
  'overlay.mentions-10000': ms(100),
  // Relevance issue: what verdicts and figures add, on the seed and at 10,000 mentions.
  'relevance.seed': ms(1),
  'relevance.mentions-10000': ms(10),
  extractionRatio: { max: 3, text: '≤ 3×' },
  pageLoadRatio: { max: 1.05, text: '≤ 1.05×' },
  'save.50000': ms(50),
  'popup.50000': ms(150),
  // Search: the first page of results for a common term, a rare one and a
  // stock code; and how many times faster than reading every body.
  'search.common.10000': ms(50),
  'search.rare.10000': ms(50),
  'search.code.10000': ms(50),
  'search.common.50000': ms(200),
  'search.rare.50000': ms(200),
  'search.code.50000': ms(200),
  searchScanRatio: { min: 20, text: '≥ 20×' },
  'bundle.content': { max: 40_000, text: '≤ 40 kB' },
  // Sync issue: a first sync of 50,000 articles, one change, a sync with nothing new (3 + 2 devices).
  'sync.first.requests': { max: 200, text: '≤ 200' },
  'sync.first.time': { max: 180_000, text: '< 3 min' },
  'sync.first.memory': { max: 200, text: '< 200 MB' },
  'sync.change.requests': { max: 5, text: '≤ 5' },
  'sync.change.time': ms(2000),
  'sync.idle.requests': { max: 5, text: '≤ 5' },
};

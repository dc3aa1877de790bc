// The goals from the issue ("Benchmarks: the numbers a user feels"). A miss
// is reported, never a failure: the bench measures, it does not gate.
const ms = (max) => ({ max, text: `≤ ${max} ms` });

export const GOALS = {
  'overlay.seed': ms(16),
  'overlay.mentions-10000': ms(100),
  extractionRatio: { max: 3, text: '≤ 3×' },
  pageLoadRatio: { max: 1.05, text: '≤ 1.05×' },
  'save.50000': ms(50),
  'popup.50000': ms(150),
  'bundle.content': { max: 40_000, text: '≤ 40 kB' },
};

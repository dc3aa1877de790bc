// The functions a V8 CPU profile (.cpuprofile) spent its time in: self time
// and total (self and callees) by function and file, largest first.
//
//   node bench/trace/profile-top.mjs bench/profiles/sync-download.cpuprofile [rows]
import { readFileSync } from 'node:fs';

const [path, rows = '25'] = process.argv.slice(2);
if (!path) throw new Error('usage: node bench/trace/profile-top.mjs <file.cpuprofile> [rows]');
const profile = JSON.parse(readFileSync(path, 'utf8'));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

// Each sample's time is the gap to the next sample.
const hits = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  hits.set(profile.samples[i], (hits.get(profile.samples[i]) ?? 0) + ms);
}
const nameOf = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}:${node.callFrame.columnNumber + 1}` : ''}`.trim();
};
const self = new Map();
const total = new Map();
let all = 0;
for (const [id, ms] of hits) {
  all += ms;
  const name = nameOf(nodes.get(id));
  self.set(name, (self.get(name) ?? 0) + ms);
  // Inclusive: once per function on the sample's stack, however often it recurs.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const outer = nameOf(nodes.get(at));
    if (seen.has(outer)) continue;
    seen.add(outer);
    total.set(outer, (total.get(outer) ?? 0) + ms);
  }
}
const table = (map, title) => {
  console.log(`\n${title}`);
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / all) * 100).toFixed(1).padStart(5)}%  ${name}`);
  }
};
console.log(`${path}: ${(all / 1000).toFixed(1)} s sampled`);
table(self, 'Self time');
table(total, 'Total time (with callees)');

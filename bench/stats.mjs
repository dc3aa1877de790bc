// A figure is the summary of repeated runs: the median is what a user
// typically gets, p10/p90 and min/max how much it moves between runs.

/** @param {number[]} sorted @param {number} p in [0, 1] */
function quantile(sorted, p) {
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** @param {number[]} runs */
export function summarize(runs) {
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p10: quantile(sorted, 0.1),
    p90: quantile(sorted, 0.9),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

/**
 * One row of the table and of results.json.
 * A goal has a `max` the median must not exceed, or a `min` it must reach.
 * @param {{ id: string, label: string, unit: string, runs: number[], goal?: { max?: number, min?: number, text: string } | null, note?: string, detail?: object }} spec
 */
export function figure({ id, label, unit, runs, goal = null, note, detail }) {
  const summary = summarize(runs);
  return {
    id,
    label,
    unit,
    ...summary,
    runs: runs.map((value) => Math.round(value * 1000) / 1000),
    goal: goal && { ...goal, met: goal.min !== undefined ? summary.median >= goal.min : summary.median <= goal.max },
    ...(note && { note }),
    ...(detail && { detail }),
  };
}

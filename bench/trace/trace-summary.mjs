// Reads a Chromium trace: the renderer main thread that loaded `url`, and its
// self time by event name, split into before DOMContentLoaded, inside it and
// after it (to the end of the trace), with the script each event ran for.

/** Complete events (B/E pairs folded into X) of one thread, sorted by start. */
function completeEvents(events) {
  const out = [];
  const open = [];
  for (const event of events) {
    if (event.ph === 'X') out.push({ ...event });
    else if (event.ph === 'B') open.push(event);
    else if (event.ph === 'E') {
      const begin = open.pop();
      if (begin) out.push({ ...begin, ph: 'X', dur: event.ts - begin.ts, args: { ...begin.args, ...event.args } });
    }
  }
  return out.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
}

/** Self time of each event: its duration less its children's. */
function withSelfTime(events) {
  const stack = [];
  for (const event of events) {
    event.self = event.dur;
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= event.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) {
      parent.self -= event.dur;
      event.parent = parent;
    }
    stack.push(event);
  }
  return events;
}

const scriptOf = (event) => {
  for (let at = event; at; at = at.parent) {
    const data = at.args?.data ?? at.args?.beginData ?? at.args ?? {};
    const url = data.url ?? data.fileName ?? data.stackTrace?.[0]?.url ?? at.args?.fileName;
    if (url) return /extension:\/\//.test(url) ? 'ours' : /^https?:/.test(url) ? 'page' : url.slice(0, 40);
  }
  return 'blink';
};

/** @param {number | null} paintedMs the overlay's paint, ms after navigation start */
export function summarizeTrace(trace, url, paintedMs = null) {
  const events = trace.traceEvents ?? trace;
  const threadNames = new Map();
  for (const event of events) if (event.ph === 'M' && event.name === 'thread_name') threadNames.set(`${event.pid}:${event.tid}`, event.args.name);
  const parse = events.find((event) => event.name === 'ParseHTML' && (event.args?.beginData?.url ?? '').includes(url.replace(/^https?:/, '')));
  if (!parse) return 'no ParseHTML of the page in the trace';
  const key = `${parse.pid}:${parse.tid}`;
  const thread = withSelfTime(completeEvents(events.filter((event) => `${event.pid}:${event.tid}` === key && event.ph !== 'M')));
  const frame = parse.args.beginData.frame;
  // The frame's first document is the initial about:blank: the page's marks are the ones around its parse.
  const marks = (name) => events.filter((event) => event.pid === parse.pid && event.name === name && event.args?.frame === frame).map((event) => event.ts);
  const navigationStart = Math.max(...marks('navigationStart').filter((ts) => ts <= parse.ts));
  const dclStart = Math.min(...marks('domContentLoadedEventStart').filter((ts) => ts >= parse.ts));
  const dclEnd = Math.min(...marks('domContentLoadedEventEnd').filter((ts) => ts >= parse.ts));
  const painted = paintedMs != null && navigationStart ? navigationStart + paintedMs * 1000 : Infinity;
  const phases = { 'before DOMContentLoaded': [], 'inside DOMContentLoaded': [], 'DOMContentLoaded → overlay painted': [], 'after the paint': [] };
  const names = Object.keys(phases);
  for (const event of thread) {
    if (event.self <= 0 || (navigationStart && event.ts < navigationStart)) continue;
    const phase = event.ts < dclStart ? names[0] : event.ts < dclEnd ? names[1] : event.ts < painted ? names[2] : names[3];
    phases[phase].push(event);
  }
  const at = (ts) => (ts && navigationStart ? ((ts - navigationStart) / 1000).toFixed(1) : '?');
  const lines = [`renderer ${threadNames.get(key)} pid ${parse.pid}; DCL ${at(dclStart)}–${at(dclEnd)} ms after navigation start`];
  for (const [phase, list] of Object.entries(phases)) {
    const byName = new Map();
    for (const event of list) {
      const name = `${event.name} [${scriptOf(event)}]`;
      byName.set(name, (byName.get(name) ?? 0) + event.self);
    }
    const total = [...byName.values()].reduce((a, b) => a + b, 0);
    lines.push(`\n${phase}: ${(total / 1000).toFixed(2)} ms busy`);
    for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 16)) lines.push(`  ${(us / 1000).toFixed(2).padStart(7)} ms  ${name}`);
  }
  return lines.join('\n');
}

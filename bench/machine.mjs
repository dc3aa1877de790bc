// What the figures were measured on: they mean little without it.
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { execFileSync } from 'node:child_process';

/** @param {string} executable */
export function describeMachine(executable) {
  const cores = cpus();
  let browser = 'unknown';
  try {
    // Debian's wrapper script prints a harmless shell warning on stderr; only stdout matters.
    browser = execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // Left as unknown: the figures are still worth writing.
  }
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    browser,
    date: new Date().toISOString(),
    // Anything else running on the machine moves the figures: worth knowing.
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

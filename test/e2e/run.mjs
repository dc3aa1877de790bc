// Runs the end-to-end suite in both browsers. A missing browser is installed
// through test/e2e/install-browsers.sh where this machine allows it; otherwise
// the run fails and says exactly what to run. It never skips a browser quietly.
// The same holds for rclone, the WebDAV server the sync tests run against.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { BROWSERS } from './browsers.mjs';
import { RCLONE } from './webdav-server.mjs';

const wanted = (process.env.E2E_BROWSERS ?? 'chrome,firefox').split(',').map((name) => name.trim());
const missing = () => [
  ...wanted.filter((name) => ![BROWSERS[name]?.executable ?? '/nonexistent', ...(BROWSERS[name]?.needs ?? [])].every((path) => existsSync(path))),
  ...(existsSync(RCLONE) ? [] : ['rclone']),
];
const installCommand =
  'sudo bash test/e2e/install-browsers.sh   (apt-get install -y chromium chromium-l10n firefox-esr firefox-esr-l10n-zh-cn fonts-wqy-microhei rclone)';

for (const name of wanted) {
  if (!BROWSERS[name]) {
    console.error(`Unknown browser "${name}" in E2E_BROWSERS; known: ${Object.keys(BROWSERS).join(', ')}`);
    process.exit(2);
  }
}

if (missing().length) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`Missing browsers or tools: ${missing().join(', ')}. Install them with:\n  ${installCommand}`);
    process.exit(1);
  }
  console.log(`Installing missing browsers or tools: ${missing().join(', ')}`);
  const install = spawnSync('bash', ['test/e2e/install-browsers.sh'], { stdio: 'inherit' });
  if (install.status !== 0 || missing().length) {
    console.error(`Could not install ${missing().join(', ')}. Install them with:\n  ${installCommand}`);
    process.exit(1);
  }
}

console.log(`End-to-end in: ${wanted.join(', ')}`);
const run = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', 'test/e2e/extension.test.mjs', 'test/e2e/archive.test.mjs', 'test/e2e/quotes.test.mjs', 'test/e2e/hardening.test.mjs', 'test/e2e/copies.test.mjs',
    'test/e2e/languages.test.mjs',
    'test/e2e/accessibility.test.mjs',
    'test/e2e/relevance.test.mjs',
    'test/e2e/packages.test.mjs',
    'test/e2e/durability.test.mjs',
    'test/e2e/concurrent-hands.test.mjs',
    'test/e2e/sync.test.mjs',
  ],
  { stdio: 'inherit', env: { ...process.env, E2E_BROWSERS: wanted.join(',') } },
);
process.exit(run.status ?? 1);

// The floor the new-tab measurement subtracts: an extension whose content
// script does nothing, declared as ours is (same pages, document_start), so
// that what it costs a load (the browser's own work to inject a content
// script into a new renderer) is told apart from what our script does.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * @param {'chrome' | 'firefox'} engine
 * @param {string} ourBuild the extension whose content script it stands in for
 * @returns {string} its directory
 */
export function writeFloorExtension(engine, ourBuild) {
  const ours = JSON.parse(readFileSync(join(ourBuild, 'manifest.json'), 'utf8')).content_scripts[0];
  const dir = resolve(`.output/floor-extension-${engine}`);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'EM Lens bench floor',
    version: '1.0.0',
    host_permissions: ours.matches,
    content_scripts: [{ matches: ours.matches, run_at: ours.run_at, js: ['floor.js'] }],
    ...(engine === 'firefox' && { browser_specific_settings: { gecko: { id: 'floor@em-lens.invalid' } } }),
  };
  writeFileSync(`${dir}/manifest.json`, JSON.stringify(manifest, null, 2));
  writeFileSync(`${dir}/floor.js`, '// Nothing: the cost of being injected.\n');
  return dir;
}

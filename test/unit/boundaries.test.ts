/**
 * The house rules of the layout (README, "Layout"), read from the imports:
 * each test names the rule, and fails with the file and import that break it.
 */
import { describe, expect, it } from 'vitest';
import { codeOf, importsOf, reachedFrom, sourceFiles } from './import-graph';

const EXTENSION_API = /\b(?:browser|chrome)\.(?:runtime|storage|tabs|scripting|action|i18n|permissions|alarms|downloads|contextMenus|commands)\b/;
const EXTENSION_PACKAGES = /^(wxt|@wxt-dev|webextension-polyfill)(\/|$)/;

const offending = (files: string[], test: (file: string, specifier: string, target: string | null) => boolean) =>
  files.flatMap((file) => importsOf(file).filter((i) => test(file, i.specifier, i.file)).map((i) => `${file} → ${i.specifier}`));

describe('the layout', () => {
  const lib = sourceFiles('lib');

  it('keeps lib/ free of entrypoints/, components/ and platform/', () => {
    expect(offending(lib, (_f, _s, target) => /^(entrypoints|components|platform)\//.test(target ?? ''))).toEqual([]);
  });

  it('keeps lib/ free of the extension API', () => {
    expect(offending(lib, (_f, specifier) => EXTENSION_PACKAGES.test(specifier))).toEqual([]);
    expect(lib.filter((file) => EXTENSION_API.test(codeOf(file)))).toEqual([]);
  });

  it('keeps the content script away from IndexedDB: it sends a message instead', () => {
    const reached = reachedFrom('entrypoints/article-overlay/index.tsx');
    expect(reached.length).toBeGreaterThan(10);
    expect(reached.filter((file) => file.startsWith('lib/archive/') || /\bindexedDB\b|\bIDB[A-Z]\w+/.test(codeOf(file)))).toEqual([]);
    expect(offending(reached.filter((f) => /\.tsx?$/.test(f)), (_f, specifier) => specifier === 'idb' || specifier === 'fake-indexeddb')).toEqual(
      [],
    );
  });

  it('keeps the overlay’s components off the pages’ components', () => {
    const overlay = sourceFiles('components/overlay');
    expect(offending(overlay, (_f, _s, target) => /^components\/(archive|reader|settings)\//.test(target ?? ''))).toEqual([]);
  });

  it('keeps components/ and platform/ from reaching into entrypoints/', () => {
    const parts = [...sourceFiles('components'), ...sourceFiles('platform')];
    expect(offending(parts, (_f, _s, target) => (target ?? '').startsWith('entrypoints/'))).toEqual([]);
  });

  it('has no import cycles inside lib/', () => {
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      for (const { file: next } of importsOf(file)) {
        if (!next?.startsWith('lib/')) continue;
        if (next === path[0]) cycles.push([...path, next].join(' → '));
        else if (!path.includes(next) && path.length < 8) visit(next, [...path, next]);
      }
    };
    for (const file of lib) visit(file, [file]);
    expect(cycles).toEqual([]);
  });
});

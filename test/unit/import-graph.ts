/** The project's own import graph, read from the source: what each file imports, and what a file reaches. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

const ROOT = process.cwd();
const SOURCE = /\.(ts|tsx)$/;

export interface Import {
  specifier: string;
  /** The file it names, relative to the root; null for a package. */
  file: string | null;
  /** `import type`: erased from the build. */
  typeOnly: boolean;
}

export function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir))) {
      const path = join(dir, entry);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (SOURCE.test(entry) && !entry.endsWith('.d.ts')) found.push(path);
    }
  };
  walk(folder);
  return found;
}

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = normalize(join(dirname(from), specifier.split('?')[0]!));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(join(ROOT, candidate)) && statSync(join(ROOT, candidate)).isFile()) return relative(ROOT, join(ROOT, candidate));
  }
  return relative(ROOT, join(ROOT, base));
}

const STATIC = /^\s*(import|export)\s+(type\s+)?([^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
const DYNAMIC = /import\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const imports: Import[] = [];
  for (const match of text.matchAll(STATIC)) {
    if (match[1] === 'export' && !match[3]) continue; // `export const …` is no import
    imports.push({ specifier: match[4]!, file: resolve(file, match[4]!), typeOnly: Boolean(match[2]) });
  }
  for (const match of text.matchAll(DYNAMIC)) imports.push({ specifier: match[1]!, file: resolve(file, match[1]!), typeOnly: false });
  return imports;
}

/** Every project file whose code `entry` loads (type-only imports are erased, so they do not count), with the entry. */
export function reachedFrom(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift()!;
    if (!SOURCE.test(file)) continue;
    for (const imported of importsOf(file)) {
      if (imported.typeOnly || !imported.file || seen.has(imported.file)) continue;
      seen.add(imported.file);
      queue.push(imported.file);
    }
  }
  return [...seen];
}

export function codeOf(file: string): string {
  // Comments may name anything; only the code counts.
  return readFileSync(join(ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

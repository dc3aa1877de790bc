// Issue item 6 (storage): bytes on disk per archived article, against the
// size of the article's JSON record. Disk is the extension's IndexedDB
// directories in the bench profile, weighed once LevelDB has settled;
// navigator.storage.estimate() in the extension's origin is kept beside it.
// Both are differences from the empty archive, so the schema's own overhead
// does not count against the articles.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { figure } from '../stats.mjs';

function bytesUnder(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    total += entry.isDirectory() ? bytesUnder(full) : statSync(full).size;
  }
  return total;
}

/** Every IndexedDB directory of the extension's origin, wherever this Chromium keeps them. */
function extensionDbBytes(profile, extensionId) {
  let total = 0;
  const visit = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = join(path, entry.name);
      if (entry.name.startsWith(`chrome-extension_${extensionId}`) && /indexeddb/i.test(entry.name)) total += bytesUnder(full);
      else visit(full);
    }
  };
  visit(profile);
  return total;
}

/** LevelDB compacts in the background: weigh until two readings a second apart agree (10 s at most). */
async function settledBytes(ctx) {
  let last = -1;
  for (let i = 0; i < 10; i += 1) {
    const now = extensionDbBytes(ctx.session.profile, ctx.session.extensionId);
    if (now === last) return now;
    last = now;
    await new Promise((done) => setTimeout(done, 1000));
  }
  return last;
}

export async function measureStorage(ctx) {
  const disk = await settledBytes(ctx);
  const estimate = await ctx.controlTab.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  const size = ctx.archive.size;
  if (size === 0) {
    ctx.storageBaseline = { disk, estimate };
    return [];
  }
  const perArticle = (disk - ctx.storageBaseline.disk) / size;
  const json = ctx.archive.jsonBytes / size;
  const estimated = (estimate - ctx.storageBaseline.estimate) / size;
  return [
    figure({
      id: `storage.${size}`,
      label: `Disk per article, ${size.toLocaleString('en')} archived`,
      unit: 'B',
      runs: [perArticle],
      note: `${(perArticle / json).toFixed(2)}× its JSON (${Math.round(json)} B); estimate() ${Math.round(estimated)} B`,
      detail: { diskBytes: disk, baselineDiskBytes: ctx.storageBaseline.disk, jsonBytesPerArticle: json, estimateBytesPerArticle: estimated },
    }),
  ];
}

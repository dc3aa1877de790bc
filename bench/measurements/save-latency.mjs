// Issue item 4: click on the overlay's save button to data-saved="true", with
// the archive at its current size. The click is a real one (the e2e tests'
// clickInOverlay), in the overlay's archive frame, where the button is; it is
// timed in that frame, from the click event's own timestamp to the mutation
// that sets data-saved="true", so no round trip to the bench process counts.
// The seed article is removed between runs (through the popup hook) so that
// every run is a first save, as a user's is.
import { archiveFrame, clickInOverlay } from '../../test/e2e/overlay-probe.mjs';
import { loadArticle } from '../browser/article-load.mjs';
import { GOALS } from '../goals.mjs';
import { figure } from '../stats.mjs';

const SEED_ID = '202112302231813952';

async function saveOnce(ctx, url) {
  const tab = ctx.articleTab;
  await ctx.hooks.remove(SEED_ID);
  await loadArticle(tab, url);
  // Lets the frame's own question (is it saved?) be answered first, as it is before a user can click.
  const frame = await archiveFrame(tab);
  await frame.waitForFunction(() => {
    const save = document.querySelector('[data-action="save"]');
    return save?.getAttribute('data-saved') === 'false' && !save.disabled;
  });
  await new Promise((done) => setTimeout(done, 250));
  await frame.evaluate(() => {
    const button = document.querySelector('[data-action="save"]');
    globalThis.emLensBenchSaved = new Promise((resolve, reject) => {
      let clickedAt = null;
      button.addEventListener('click', (event) => (clickedAt = event.timeStamp), { capture: true, once: true });
      const timeout = setTimeout(() => reject(new Error('save did not finish in 30 s')), 30_000);
      const observer = new MutationObserver(() => {
        if (clickedAt === null || button.getAttribute('data-saved') !== 'true') return;
        observer.disconnect();
        clearTimeout(timeout);
        resolve(performance.now() - clickedAt);
      });
      observer.observe(button, { attributes: true, attributeFilter: ['data-saved'] });
    });
  });
  await clickInOverlay(tab, '[data-action="save"]');
  return frame.evaluate(() => globalThis.emLensBenchSaved);
}

export async function measureSaveLatency(ctx) {
  const url = ctx.pages.find((page) => page.key === 'seed').url;
  await saveOnce(ctx, url);
  const runs = [];
  for (let i = 0; i < ctx.runs.save; i += 1) runs.push(await saveOnce(ctx, url));
  await ctx.hooks.remove(SEED_ID);
  const size = ctx.archive.size;
  return [
    figure({
      id: `save.${size}`,
      label: `Save click → saved, archive of ${size.toLocaleString('en')}`,
      unit: 'ms',
      runs,
      goal: GOALS[`save.${size}`],
      note: 'seed page, first save',
    }),
  ];
}

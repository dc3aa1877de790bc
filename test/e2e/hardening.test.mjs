// Hostile pages and odd ones, end to end in both browsers: nothing a page does
// reaches into the extension, and nothing it carries runs in the extension.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROUTES, SEED_URL } from './fixture-routes.mjs';
import { generatedArticle } from './generated-pages.mjs';
import { afterContentScriptRan, archiveFrame, clickInOverlay, readArchiveFrame, readOverlay, waitForJudged, waitForOverlay, waitForQuoteState, waitForSaved } from './overlay-probe.mjs';
import { openArchivePage, searchFor, waitForIds } from './extension-pages.mjs';
import { startQuoteServer } from './quote-server.mjs';
import { browsersUnderTest, startArticleSession } from './session.mjs';

const HOSTILE_ID = '202601010000099999';
const HOSTILE_URL = `https://finance.eastmoney.com/a/${HOSTILE_ID}.html`;
const STYLES_URL = 'https://finance.eastmoney.com/a/202601010000088888.html';
const browsers = browsersUnderTest();

/** The seed article in `page`, saved (by the reader's click, if it was not yet). */
async function openSavedSeed(page) {
  await page.bringToFront();
  await page.goto(SEED_URL, { waitUntil: 'load' });
  await waitForOverlay(page);
  if ((await readOverlay(page)).saved !== 'true') {
    await clickInOverlay(page, '[data-action="save"]');
    await waitForSaved(page, 'true');
  }
}

/**
 * The page's script claims to be article `id`: a canonical link, then its
 * address through the history API; resolves once the overlay reads it so.
 */
async function claimArticle(page, id) {
  await page.evaluate((claimed) => {
    const link = document.createElement('link');
    link.rel = 'canonical';
    link.href = `https://finance.eastmoney.com/a/${claimed}.html`;
    document.head.append(link);
    history.pushState(null, '', `/a/${claimed}.html`);
  }, id);
  await page.waitForFunction(
    (claimed) => document.querySelector('[data-em-lens="overlay"]')?.shadowRoot?.querySelector('[data-role="summary"]')?.getAttribute('data-article-id') === claimed,
    { timeout: 10_000, polling: 100 },
    id,
  );
}

for (const name of browsers) {
  describe(`EM Lens against hostile pages in ${name}`, () => {
    let session;
    let page;
    let beacon;

    before(async () => {
      beacon = await startQuoteServer();
      const hostile = readFileSync('test/fixtures/hostile-article.html', 'utf8')
        .replaceAll('{{BEACON}}', beacon.url)
        .replace('{{LONG}}', 'x'.repeat(1_000_000));
      ROUTES.set(HOSTILE_URL.replace(/^https:/, ''), () => hostile);
      ROUTES.set(STYLES_URL.replace(/^https:/, ''), () => readFileSync('test/fixtures/hostile-styles.html', 'utf8'));
      ({ session, page } = await startArticleSession(name));
    });

    after(async () => {
      await session?.close();
      await beacon?.close();
    });

    it('does not let a page script save, message the extension or reach the archive', async () => {
      await page.bringToFront();
      await page.goto(HOSTILE_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await page.waitForFunction(() => window.__attempted === true, { timeout: 10_000, polling: 100 });
      // The overlay's click handler ran as the page dispatched the clicks; a save it had started would show by now.
      await afterContentScriptRan(page);
      assert.equal((await readOverlay(page)).saved, 'false', 'a scripted click does not save');
      const seen = await page.evaluate(() => ({ attempts: window.__attempts, databases: window.__pageDatabases }));
      assert.deepEqual(seen.attempts, ['no runtime']);
      assert.ok(!(seen.databases ?? []).includes('em-lens-archive'), 'the archive is not in the page origin');
      const popup = await openArchivePage(session);
      assert.deepEqual(await popup.$$eval('[data-article-id]', (rows) => rows.length), 0);
      await popup.close();
    });

    it('stores hostile content so that nothing runs or loads in the popup or the reader', async () => {
      await page.bringToFront();
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      // The page's own requests to the beacon are over: what comes after is the extension's.
      await page.waitForNetworkIdle({ idleTime: 300, timeout: 15_000 });
      const before = beacon.requests.length;

      const popup = await openArchivePage(session);
      await waitForIds(popup, [HOSTILE_ID]);
      await searchFor(popup, '恶意测试', [HOSTILE_ID]);
      const reader = await session.browser.newPage();
      await session.openExtensionPage(reader, `reader.html?id=${HOSTILE_ID}`);
      await reader.waitForSelector(`[data-article-id="${HOSTILE_ID}"]`);
      await reader.hover('[data-role="reader-body"] p:last-of-type');
      // Whatever the reader and the popup were going to load, they have had the chance to ask for.
      await Promise.all([reader, popup].map((shown) => shown.waitForNetworkIdle({ idleTime: 300, timeout: 15_000 })));

      const inReader = await reader.evaluate(() => {
        const body = document.querySelector('[data-role="reader-body"]');
        return {
          pwned: window.__pwned ?? null,
          dangerous: body.querySelectorAll('script, iframe, svg, form, input, object, embed, meta, link, style, [onerror], [onload], [onclick], [style]').length,
          links: [...body.querySelectorAll('a')].map((a) => a.getAttribute('href')),
          images: [...body.querySelectorAll('img')].map((img) => img.getAttribute('src')),
          text: body.textContent,
        };
      });
      const inPopup = await popup.evaluate(() => window.__pwned ?? null);
      assert.equal(inReader.pwned, null);
      assert.equal(inPopup, null);
      assert.equal(inReader.dangerous, 0);
      assert.ok(
        inReader.links.every((href) => href === null || /^https?:\/\//.test(href)),
        `no javascript: or data: links: ${JSON.stringify(inReader.links)}`,
      );
      assert.ok(inReader.images.every((src) => src === null), 'images wait to be asked for');
      assert.match(inReader.text, /最后一段，知识产权恶意测试/);
      assert.deepEqual(beacon.requests.slice(before).map((r) => r.url), [], 'nothing reached the beacon from the extension');
      await reader.close();
      await popup.close();
    });

    it('shows a page script nothing of the reader’s archive, of this article or any other, nor what the reader types', async () => {
      await openSavedSeed(page);
      // The page listens to every key and every input, first, in the capture phase of its window.
      await page.evaluate(() => {
        window.__heard = [];
        for (const type of ['keydown', 'keypress', 'keyup', 'beforeinput', 'input', 'compositionend', 'focusin']) {
          window.addEventListener(type, (event) => window.__heard.push(`${type}:${event.key ?? event.data ?? ''}`), true);
        }
      });
      // The reader tags the article and writes a note, in the overlay.
      await clickInOverlay(page, '[data-action="annotate"]');
      const frame = await archiveFrame(page);
      await frame.waitForSelector('textarea[name="note"]');
      await frame.type('input[name="tags"]', 'SecretTag');
      await frame.type('textarea[name="note"]', 'SecretNote');
      await clickInOverlay(page, '[data-action="save-annotation"]');
      await frame.waitForFunction(() => document.querySelector('[data-role="overlay-annotations"]')?.textContent.includes('SecretNote'), {
        timeout: 10_000,
        polling: 100,
      });
      const PRIVATE = ['SecretTag', 'SecretNote', '已在存档中', '已保存', '存档中提及'];
      // Everything a page script can read: the document, every open shadow root, every frame it can reach, text search.
      const spy = () =>
        page.evaluate((words) => {
          const texts = [document.documentElement.textContent];
          const attributes = [];
          const walk = (root) => {
            for (const element of root.querySelectorAll('*')) {
              for (const attribute of element.attributes) attributes.push(`${attribute.name}=${attribute.value}`);
              if (element.shadowRoot) {
                texts.push(element.shadowRoot.textContent);
                walk(element.shadowRoot);
              }
              if (element.tagName === 'IFRAME') texts.push(element.contentDocument?.documentElement?.textContent ?? '');
            }
          };
          walk(document);
          const frameTexts = [];
          for (let i = 0; i < window.frames.length; i += 1) {
            try {
              frameTexts.push(window.frames[i].document.documentElement.textContent);
            } catch {
              frameTexts.push(null);
            }
          }
          const all = `${texts.join('\n')}\n${frameTexts.join('\n')}`;
          return {
            read: words.filter((word) => all.includes(word)),
            found: words.filter((word) => window.find?.(word, false, false, true)),
            attributes: attributes.filter((attribute) => /^data-(saved|archive|note|tags)/.test(attribute)),
            heard: window.__heard,
          };
        }, PRIVATE);
      assert.deepEqual(await spy(), { read: [], found: [], attributes: [], heard: [] });

      // Another saved article, then a page that claims it (canonical link and address): still nothing.
      const other = generatedArticle([['1.600030', '中信证券']], '另一篇存档文章');
      const otherId = other.match(/(\d+)\.html$/)[1];
      await page.goto(other, { waitUntil: 'load' });
      await waitForOverlay(page);
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await page.evaluate(() => (window.__heard = []));
      await claimArticle(page, otherId);
      await afterContentScriptRan(page);
      assert.deepEqual(await spy(), { read: [], found: [], attributes: [], heard: [] });

      // What the page tried to write changed nothing: the note is the reader's.
      const popup = await openArchivePage(session);
      await popup.waitForSelector(`[data-article-id="${SEED_URL.match(/(\d+)\.html$/)[1]}"]`, { timeout: 10_000 });
      const row = await popup.$eval(`[data-article-id="${SEED_URL.match(/(\d+)\.html$/)[1]}"]`, (element) => element.textContent);
      assert.match(row, /SecretNote/);
      await popup.close();
    });

    it('keeps the overlay whole on a page that restyles everything, and moves the text only by its own box', async () => {
      await page.bringToFront();
      await page.goto(STYLES_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      const layout = await page.evaluate(() => {
        const host = document.querySelector('[data-em-lens="overlay"]');
        const panel = host.shadowRoot.querySelector('[data-role="summary"]');
        const badge = host.shadowRoot.querySelector('[data-secid="0.000931"]');
        const first = document.getElementById('first');
        const hostBox = host.getBoundingClientRect();
        const style = getComputedStyle(host);
        const outer = hostBox.height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
        const withOverlay = first.getBoundingClientRect().top;
        // Take the overlay out (no page style can hide it, not even an inline !important) and put it back.
        const [parent, next] = [host.parentNode, host.nextSibling];
        host.remove();
        const without = first.getBoundingClientRect().top;
        parent.insertBefore(host, next);
        return {
          visible: hostBox.height > 20 && hostBox.width > 100,
          panelDisplay: getComputedStyle(panel).display,
          badgeDisplay: getComputedStyle(badge).display,
          badgeFontSize: getComputedStyle(badge).fontSize,
          saveBackground: getComputedStyle(host.shadowRoot.querySelector('[data-action="toggle"]')).backgroundColor,
          shift: withOverlay - without,
          outer,
        };
      });
      assert.equal(layout.visible, true, JSON.stringify(layout));
      assert.notEqual(layout.panelDisplay, 'none');
      assert.notEqual(layout.badgeDisplay, 'none');
      assert.equal(layout.badgeFontSize, '13px');
      assert.notEqual(layout.saveBackground, 'rgb(255, 105, 180)');
      assert.ok(Math.abs(layout.shift - layout.outer) < 1.5, `text moved by ${layout.shift}px for an overlay of ${layout.outer}px`);
      const overlay = await readOverlay(page);
      assert.deepEqual(
        overlay.badges.map((b) => [b.secid, b.count]),
        [
          ['0.000931', '2'],
          ['90.BK0473', '1'],
        ],
      );
    });

    it('updates the badges once when paragraphs arrive after load, and a save then keeps them', async () => {
      await page.bringToFront();
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await page.evaluate(() => {
        const body = document.getElementById('ContentBody');
        const add = (html) => body.insertAdjacentHTML('beforeend', html);
        add('<p>　　晚到的段落提到<span id="stock_1.600519"><a class="keytip" data-code="1,600519">贵州茅台</a></span>。</p>');
        add('<p>　　又一段提到<span class="em_stock_key_common" data-code="0,000931">中关村</span>。</p>');
      });
      await page.waitForFunction(
        () => document.querySelector('[data-em-lens="overlay"]').shadowRoot.querySelector('[data-secid="1.600519"]'),
        { timeout: 10_000, polling: 100 },
      );
      // The one update has counted both late paragraphs: the second one's mention too.
      await page.waitForFunction(
        () => document.querySelector('[data-em-lens="overlay"]').shadowRoot.querySelector('[data-secid="0.000931"]')?.getAttribute('data-count') === '4',
        { timeout: 10_000, polling: 100 },
      );
      await waitForJudged(page);
      const overlay = await readOverlay(page);
      assert.equal(overlay.hosts, 1);
      // Judged again with the late paragraphs: 中关村 is now named on its own, 证券 still only inside other names.
      assert.deepEqual(
        overlay.badges.map((b) => [b.secid, b.count]),
        [
          ['0.000931', '4'],
          ['1.600519', '1'],
          ['90.BK0473', '3'],
        ],
      );
      // A save reads the page as it is now: the late paragraph is in the archive.
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      const popup = await openArchivePage(session);
      await searchFor(popup, '晚到的段落', [SEED_URL.match(/(\d+)\.html$/)[1]]);
      await popup.close();
    });

    it('replaces the overlay on history navigation to another article, and removes it for a non-article', async () => {
      const other = generatedArticle([['1.600030', '中信证券']], '另一篇文章');
      const otherId = other.match(/(\d+)\.html$/)[1];
      await page.bringToFront();
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      await page.evaluate((path) => {
        document.getElementById('ContentBody').innerHTML =
          '<p>　　单页应用换了文章，提到<span id="stock_1.600030"><a class="keytip" data-code="1,600030">中信证券</a></span>。</p>';
        history.pushState({}, '', path);
      }, new URL(other).pathname);
      await page.waitForFunction(
        (id) => {
          const hosts = document.querySelectorAll('[data-em-lens="overlay"]');
          return hosts.length === 1 && hosts[0].shadowRoot.querySelector(`[data-article-id="${id}"]`);
        },
        { timeout: 10_000, polling: 100 },
        otherId,
      );
      assert.deepEqual((await readOverlay(page)).badges.map((b) => b.secid), ['1.600030']);
      await page.evaluate(() => history.pushState({}, '', '/a/cgspl.html'));
      await page.waitForFunction(() => document.querySelectorAll('[data-em-lens="overlay"]').length === 0, { timeout: 10_000, polling: 100 });
    });

    it('does not let a page that moves its address to an archived article write over that article', async () => {
      const SEED_ID = '202112302231813952';
      await openSavedSeed(page);
      await page.goto(generatedArticle([['1.600519', '贵州茅台']], '页面伪造的标题'), { waitUntil: 'load' });
      await waitForOverlay(page);
      // The page claims to be the archived article: its canonical link, then its address.
      await claimArticle(page, SEED_ID);
      // The background does not bind the tab to the claimed article: the archive frame says why, shows
      // nothing of that article (not even that it is saved), and its Save writes nothing.
      const frame = await archiveFrame(page);
      const refusal = await frame.waitForFunction(() => document.querySelector('[role="alert"]')?.textContent ?? '', { timeout: 10_000, polling: 100 });
      assert.match(await refusal.jsonValue(), /自己改了地址/);
      assert.equal((await readArchiveFrame(page)).saved, 'false');
      assert.equal(await frame.$eval('[data-action="save"]', (save) => save.disabled), true, 'nothing to save: the tab is bound to no article');
      const popup = await openArchivePage(session);
      await popup.waitForSelector(`[data-article-id="${SEED_ID}"]`, { timeout: 10_000 });
      const title = await popup.$eval(`[data-article-id="${SEED_ID}"]`, (row) => row.textContent);
      assert.match(title, /北京首个专利许可知识产权证券化项目已设立/);
      assert.doesNotMatch(title, /页面伪造的标题/);
      await popup.close();
    });

    it('never replaces a saved article’s title or text silently: the reader is told, and the earlier version comes back', async () => {
      const url = generatedArticle([['1.600519', '贵州茅台']], '原来的标题');
      const id = url.match(/(\d+)\.html$/)[1];
      await page.bringToFront();
      await page.goto(url, { waitUntil: 'load' });
      await waitForOverlay(page);
      await clickInOverlay(page, '[data-action="save"]');
      await waitForSaved(page, 'true');
      // The page rewrites its own title and text (a site's edit, or a page that means harm), and the reader saves again.
      await page.evaluate(() => {
        document.querySelector('#topbox .title').textContent = '页面改写的标题';
        document.title = '页面改写的标题_东方财富网';
        for (const paragraph of document.querySelectorAll('#ContentBody p')) paragraph.append('页面追加的文字。');
      });
      await clickInOverlay(page, '[data-action="save"]');
      const frame = await archiveFrame(page);
      await frame.waitForSelector('[data-role="replaced-notice"]', { timeout: 10_000 });
      const notice = await frame.$eval('[data-role="replaced-notice"]', (element) => [element.textContent, element.getAttribute('title')]);
      assert.match(notice[0], /旧版已保留/);
      assert.match(notice[1], /原来的标题/);
      const titleInArchive = async () => {
        const popup = await openArchivePage(session);
        await popup.waitForSelector(`[data-article-id="${id}"]`, { timeout: 10_000 });
        const title = await popup.$eval(`[data-article-id="${id}"]`, (row) => row.textContent);
        await popup.close();
        return title;
      };
      assert.match(await titleInArchive(), /页面改写的标题/);
      await page.bringToFront();
      await clickInOverlay(page, '[data-action="restore-previous"]');
      await frame.waitForSelector('[data-role="replaced-notice"]', { hidden: true, timeout: 10_000 });
      const restored = await titleInArchive();
      assert.match(restored, /原来的标题/);
      assert.doesNotMatch(restored, /页面改写的标题/);
      const reader = await session.browser.newPage();
      await session.openExtensionPage(reader, `reader.html?id=${id}`);
      await reader.waitForSelector('[data-role="reader-body"]');
      assert.doesNotMatch(await reader.$eval('[data-role="reader-body"]', (body) => body.textContent), /页面追加的文字/);
      await reader.close();
    });

    it('leaves no orphaned overlay when the extension reloads or updates', async () => {
      await page.bringToFront();
      await page.goto(SEED_URL, { waitUntil: 'load' });
      await waitForOverlay(page);
      const popup = await openArchivePage(session);
      await popup.evaluate(() => setTimeout(() => (globalThis.browser ?? globalThis.chrome).runtime.reload(), 50));
      // Chromium does not put content scripts back into open tabs: the old overlay must go.
      // Firefox does: exactly one, working, overlay must remain.
      const expected = name === 'firefox' ? 1 : 0;
      // Chromium: the old script saw its runtime go and took its overlay away; nothing puts one back.
      // Firefox: the new script has removed the old one's and shown its own, which reads the page.
      await page.waitForFunction((count) => document.querySelectorAll('[data-em-lens="overlay"]').length === count, { timeout: 15_000, polling: 200 }, expected);
      if (expected === 1) {
        await waitForOverlay(page);
        await waitForQuoteState(page, 'answered');
        assert.equal(await page.evaluate(() => document.querySelectorAll('[data-em-lens="overlay"]').length), 1);
        assert.equal((await readOverlay(page)).badges.length, 2);
      }
    });
  });
}

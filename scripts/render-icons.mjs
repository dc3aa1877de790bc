// Renders assets/icon.svg (and assets/icon-16.svg for 16 px) to the PNG icons the extension and the stores use,
// with the installed Chromium (puppeteer-core), on a transparent background.
//
//   node scripts/render-icons.mjs
//
// Writes public/icon/{16,32,48,96,128}.png (WXT puts them in the manifest's
// `icons`) and docs/store/chrome-web-store-icon-128.png (the Chrome Web Store
// listing icon). The toolbar sizes (16, 32, 48) fill their square; 96 and 128
// draw the artwork at 3/4 of the square with transparent padding around it, as
// the Chrome Web Store asks of its 128 px icon (96 px artwork, 16 px padding).
import puppeteer from 'puppeteer-core';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const SOURCE = resolve('assets/icon.svg');
// The 16 px icon is drawn again on its own pixel grid: scaled down, the big
// mark's wicks and rim blur into pink and grey.
const SOURCE_16 = resolve('assets/icon-16.svg');
const OUT_DIR = resolve('public/icon');
const STORE_ICON = resolve('docs/store/chrome-web-store-icon-128.png');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** size → edge of the artwork inside it */
const SIZES = new Map([
  [16, 16],
  [32, 32],
  [48, 48],
  [96, 72],
  [128, 96],
]);

if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}; install it (apt-get install chromium) or set CHROMIUM=/path/to/chromium.`);
  process.exit(1);
}

const dataUrlOf = (file) => `data:image/svg+xml;base64,${readFileSync(file).toString('base64')}`;
const dataUrl = dataUrlOf(SOURCE);
const dataUrl16 = existsSync(SOURCE_16) ? dataUrlOf(SOURCE_16) : dataUrl;

mkdirSync(OUT_DIR, { recursive: true });
const browser = await puppeteer.launch({
  browser: 'chrome',
  executablePath: CHROMIUM,
  headless: true,
  pipe: true,
  args: ['--no-sandbox', '--disable-background-networking', '--no-first-run', '--force-color-profile=srgb'],
});
try {
  const page = await browser.newPage();
  for (const [size, art] of SIZES) {
    await page.setViewport({ width: size, height: size, deviceScaleFactor: 1 });
    const inset = (size - art) / 2;
    await page.setContent(
      `<!doctype html><html><head><style>
        html, body { margin: 0; padding: 0; background: transparent; }
        img { position: absolute; left: ${inset}px; top: ${inset}px; width: ${art}px; height: ${art}px; display: block; }
      </style></head><body><img src="${size === 16 ? dataUrl16 : dataUrl}" alt=""></body></html>`,
      { waitUntil: 'load' },
    );
    await page.waitForFunction(() => document.querySelector('img')?.complete);
    const path = resolve(OUT_DIR, `${size}.png`);
    await page.screenshot({ path, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`wrote ${path}`);
  }
} finally {
  await browser.close();
}

mkdirSync(dirname(STORE_ICON), { recursive: true });
copyFileSync(resolve(OUT_DIR, '128.png'), STORE_ICON);
console.log(`wrote ${STORE_ICON}`);

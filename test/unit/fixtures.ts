import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const SEED_URL = 'https://finance.eastmoney.com/a/202112302231813952.html';
export const LEGACY_URL = 'http://finance.eastmoney.com/news/1354,201905191126530972.html';

export function fixtureHtml(name: string): string {
  return readFileSync(resolve(process.cwd(), 'test/fixtures', name), 'utf8');
}

export function fixtureDocument(name: string): Document {
  return pageFromHtml(fixtureHtml(name));
}

export function pageFromHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

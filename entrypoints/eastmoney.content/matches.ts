/** Where the content script runs; lib/article-url.ts decides which of these pages are articles. */
export const ARTICLE_MATCHES = [
  '*://*.eastmoney.com/a/*',
  '*://finance.eastmoney.com/news/*',
  '*://caifuhao.eastmoney.com/news/*',
];

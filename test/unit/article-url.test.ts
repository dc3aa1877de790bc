import { describe, expect, it } from 'vitest';
import { isArticleUrl, parseArticleUrl } from '../../lib/article-url';

describe('article URLs', () => {
  it.each([
    ['https://finance.eastmoney.com/a/202112302231813952.html', '202112302231813952', 'desktop'],
    ['http://stock.eastmoney.com/a/202112302231813952.html', '202112302231813952', 'desktop'],
    ['https://hk.eastmoney.com/a/20171101797350781.html', '20171101797350781', 'desktop'],
    ['https://global.eastmoney.com/a/202601091234567890.html?from=list#comment', '202601091234567890', 'desktop'],
    ['https://fund.eastmoney.com/a/202601091234567890.html', '202601091234567890', 'desktop'],
    ['https://futures.eastmoney.com/a/202601091234567890.html', '202601091234567890', 'desktop'],
    ['https://bond.eastmoney.com/a/202601091234567890.html', '202601091234567890', 'desktop'],
    ['https://forex.eastmoney.com/a/202601091234567890.html', '202601091234567890', 'desktop'],
    ['http://finance.eastmoney.com/news/1355,202112302231813952.html', '202112302231813952', 'legacy'],
    ['https://wap.eastmoney.com/a/202605313755197369.html', '202605313755197369', 'mobile'],
    ['https://caifuhao.eastmoney.com/news/20190124053117311720040', '20190124053117311720040', 'caifuhao'],
  ])('%s is an article', (url, id, form) => {
    expect(parseArticleUrl(url)).toMatchObject({ id, form });
  });

  it('gives one id and one canonical URL for the /a/, /news/ and wap forms of an article', () => {
    const forms = [
      'https://finance.eastmoney.com/a/202112302231813952.html',
      'http://finance.eastmoney.com/news/1355,202112302231813952.html',
      'https://wap.eastmoney.com/a/202112302231813952.html',
    ].map((url) => parseArticleUrl(url));
    expect(new Set(forms.map((form) => form?.id))).toEqual(new Set(['202112302231813952']));
    expect(new Set(forms.map((form) => form?.canonicalUrl))).toEqual(
      new Set(['https://finance.eastmoney.com/a/202112302231813952.html']),
    );
  });

  it.each([
    'https://finance.eastmoney.com/a/cgspl.html',
    'https://finance.eastmoney.com/a/czpnc.html',
    'https://finance.eastmoney.com/a/cqqdd_1.html',
    'https://finance.eastmoney.com/',
    'https://finance.eastmoney.com/a/2021123022318139.html', // 16 digits
    'https://finance.eastmoney.com/a/2021123022318139521234.html', // 22 digits
    'https://finance.eastmoney.com/a/202112302231813952.htm',
    'https://quote.eastmoney.com/a/202112302231813952.html', // not a news host
    'https://guba.eastmoney.com/news,600519,1234567890.html',
    'https://caifuhao.eastmoney.com/news/2019012405311731172004', // 22 digits
    'https://eastmoney.com.evil.example/a/202112302231813952.html',
    'https://finance.eastmoney.com.cn/a/202112302231813952.html',
    'ftp://finance.eastmoney.com/a/202112302231813952.html',
    'https://example.com/a/202112302231813952.html',
    'not a url',
    '',
  ])('%s is not an article', (url) => {
    expect(isArticleUrl(url)).toBe(false);
  });
});

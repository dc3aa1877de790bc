// @vitest-environment jsdom
// DOMPurify is tested where its own suite runs (jsdom): happy-dom parses HTML
// too loosely for a sanitiser to be judged on it.
import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../../lib/sanitize';
import { readPageRecord } from '../../lib/page-record';
import { SEED_URL, pageFromHtml } from './fixtures';

const HOSTILE = [
  '<p>正文<script>window.__pwned = 1</script></p>',
  '<img src="x" onerror="window.__pwned = 1">',
  '<a href="javascript:window.__pwned=1">链接</a>',
  '<a href="  JaVaScRiPt:window.__pwned=1">链接</a>',
  '<a href="data:text/html,<script>1</script>">数据</a>',
  '<iframe src="https://evil.example/"></iframe>',
  '<svg onload="window.__pwned = 1"><circle r="1"/></svg>',
  '<form action="https://evil.example/"><input name="q"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<p style="background:url(https://evil.example/track.png)">样式</p>',
  '<div style="width: expression(alert(1))">旧IE</div>',
  '<p onclick="window.__pwned = 1" onmouseover="x()">点我</p>',
  '<object data="evil.swf"></object><embed src="evil.swf">',
  '<link rel="stylesheet" href="https://evil.example/x.css"><style>body{display:none}</style>',
];

describe('sanitising article HTML', () => {
  it.each(HOSTILE)('leaves nothing that runs, loads or navigates from %s', (html) => {
    const clean = sanitizeArticleHtml(html);
    expect(clean).not.toMatch(/<(script|iframe|svg|form|input|button|meta|object|embed|link|style)\b/i);
    expect(clean).not.toMatch(/\son\w+=/i);
    expect(clean).not.toMatch(/javascript:|data:|expression\(|url\(/i);
    expect(clean).not.toMatch(/\sstyle=/i);
  });

  it('keeps the text, paragraphs, safe links and images', () => {
    const clean = sanitizeArticleHtml(
      '<p>段落<strong>强调</strong><a href="https://quote.eastmoney.com/unify/r/0.000931" data-code="0,000931">中关村</a></p><img src="https://img.example/x.png" alt="图">',
    );
    expect(clean).toBe(
      '<p>段落<strong>强调</strong><a href="https://quote.eastmoney.com/unify/r/0.000931" data-code="0,000931" rel="noopener noreferrer">中关村</a></p><img src="https://img.example/x.png" alt="图">',
    );
  });

  it('sanitises the body of a hostile article page when it is read', () => {
    const page = pageFromHtml(`<div id="topbox"><div class="title">标题</div></div><div id="ContentBody"><p>正文</p>${HOSTILE.join('')}</div>`);
    const record = readPageRecord(page, SEED_URL)!;
    expect(record.bodyHtml).not.toMatch(/<script|onerror|javascript:|<iframe|<form/i);
    expect(record.bodyText).not.toContain('__pwned');
  });
});

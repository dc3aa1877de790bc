import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mentionElements } from '../../lib/mentions';
import { judgeMentions, judgeStoredMentions, judgeWindow, securityVerdicts, type JudgedMention } from '../../lib/relevance/judge';
import { mentionWindows } from '../../lib/relevance/mention-window';
import type { RelevanceReason } from '../../lib/relevance/types';
import { fixtureDocument, pageFromHtml } from './fixtures';

const seedBody = () => fixtureDocument('current-seed.html').querySelector('#ContentBody')!;
const messages = (locale: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));
const zh = messages('zh_CN');
const say = (reason: RelevanceReason | null, params: [string, string] | null) =>
  zh[reason!]!.message.replace(/\$(\d)/g, (_, n: string) => params![Number(n) - 1]!);

describe('the seed article', () => {
  const seed = () => {
    const body = seedBody();
    return judgeMentions(mentionElements(body), body);
  };

  it('finds neither security it marks to be what the article is about, and says why', () => {
    const { securities } = seed();
    const sector = securities.get('90.BK0473')!;
    const stock = securities.get('0.000931')!;
    expect(sector).toMatchObject({ verdict: 'doubtful', mentions: 3, doubtfulMentions: 3, rule: 'fragment_of_name' });
    expect(say(sector.reason, sector.params)).toBe('「证券」只是媒体名称「证券报」的一部分，不是这只证券');
    expect(stock).toMatchObject({ verdict: 'doubtful', mentions: 3, doubtfulMentions: 3, rule: 'fragment_of_name' });
    expect(say(stock.reason, stock.params)).toBe('「中关村」只是另一家机构「中关村担保」名称的一部分，不是这只证券');
  });

  it('gives each mention the longer name it is part of', () => {
    expect(seed().mentions.map((mention) => `${mention.secid} ${mention.params[1]}`)).toEqual([
      '90.BK0473 证券报',
      '0.000931 中关村担保',
      '90.BK0473 证券化',
      '0.000931 中关村担保',
      '90.BK0473 证券交易所',
      '0.000931 中关村担保',
    ]);
  });

  it('keeps a window of each mention’s own paragraph', () => {
    const [first, second] = seed().mentions;
    expect(first!.window).toEqual({ before: '中国', text: '证券', after: '报记者12月30日从中国技术交易所获悉，“中技所' });
    expect(second!.window.before).toBe('记者12月30日从中国技术交易所获悉，“中技所-');
    expect(second!.window.after).toBe('担保-长江-1期知识产权资产支持专项计划”发布会');
  });
});

describe('windows', () => {
  it('stay within the mention’s block and read text split across elements', () => {
    const doc = pageFromHtml(
      '<div id="ContentBody"><p>上一段<b>加粗</b></p><p>据<i>悉</i>，<span class="em_stock_key_common" data-code="0,000931"><b>中关</b>村</span>（000931）公告</p></div>',
    );
    const body = doc.querySelector('#ContentBody')!;
    expect(mentionWindows(mentionElements(body), body)).toEqual([{ before: '据悉，', text: '中关村', after: '（000931）公告' }]);
  });
});

describe('securities', () => {
  const mention = (secid: string, verdict: 'likely' | 'doubtful', rule: JudgedMention['rule']): JudgedMention => ({
    secid,
    window: { before: '', text: 'x', after: '' },
    verdict,
    rule,
    reason: 'relevance_no_doubt',
    params: ['x', ''],
  });

  it('are doubtful only when every mention is, and tell the most telling reason', () => {
    const verdicts = securityVerdicts([
      mention('a', 'doubtful', 'theme_list'),
      mention('a', 'likely', 'market_words'),
      mention('b', 'doubtful', 'theme_list'),
      mention('b', 'doubtful', 'fragment_of_name'),
    ]);
    expect(verdicts.get('a')).toMatchObject({ verdict: 'likely', mentions: 2, doubtfulMentions: 1 });
    expect(verdicts.get('b')).toMatchObject({ verdict: 'doubtful', mentions: 2, doubtfulMentions: 2, rule: 'fragment_of_name' });
  });

  it('are judged again the same from their stored windows alone', () => {
    const body = fixtureDocument('relevance/pacific.html').querySelector('#ContentBody')!;
    const live = judgeMentions(mentionElements(body), body);
    const again = judgeStoredMentions(live.mentions.map(({ secid, window }) => ({ secid, window })));
    expect(again).toEqual(live);
    expect(live.securities.get('1.601099')).toMatchObject({ verdict: 'likely', doubtfulMentions: 6, mentions: 11 });
  });
});

describe('messages', () => {
  it('has every reason in both languages, with the placeholders the verdicts fill', () => {
    const en = messages('en');
    const reasons = Object.keys(zh).filter((key) => key.startsWith('relevance_'));
    expect(reasons.length).toBeGreaterThanOrEqual(14);
    for (const key of reasons) {
      expect(en[key]?.message, key).toBeTruthy();
      expect(zh[key]!.message.includes('$1')).toBe(en[key]!.message.includes('$1'));
      expect(zh[key]!.message.includes('$2')).toBe(en[key]!.message.includes('$2'));
    }
    const verdict = judgeWindow({ secid: '1.601099', kind: 'stock', code: '601099' }, { before: '南', text: '太平洋', after: '岛国' });
    expect(reasons).toContain(verdict.reason);
  });
});

describe('cost', () => {
  it('judges 10,000 distinct windows as it judges a few (its time is the bench’s: BENCH_ONLY=relevance)', () => {
    const windows = Array.from({ length: 10_000 }, (_, i) => ({
      secid: i % 2 ? '90.BK0473' : '0.000931',
      window: { before: `第${i}段，据中国技术交易所获悉，“中技所-`, text: i % 2 ? '证券' : '中关村', after: `担保-长江-${i}期知识产权资产支持专项计划”发布` },
    }));
    const all = judgeStoredMentions(windows);
    const few = judgeStoredMentions(windows.slice(0, 4));
    expect(all.mentions).toHaveLength(10_000);
    const verdictOf = (mention: { verdict: string; rule: string }) => `${mention.verdict}:${mention.rule}`;
    expect(new Set(few.mentions.map(verdictOf)).size).toBeGreaterThan(0);
    expect(all.mentions.map(verdictOf)).toEqual(Array.from({ length: 10_000 }, (_, i) => verdictOf(few.mentions[i % 2]!)));
  });
});

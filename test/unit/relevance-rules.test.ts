import { describe, expect, it } from 'vitest';
import { codeNearby } from '../../lib/relevance/rule-code-nearby';
import { commonWord, wordInCompound } from '../../lib/relevance/rule-common-word';
import { companyName } from '../../lib/relevance/rule-company-name';
import { fragmentOfCompanyName, fragmentOfName } from '../../lib/relevance/rule-fragment-of-name';
import { marketWords } from '../../lib/relevance/rule-market-words';
import { sourceCredit } from '../../lib/relevance/rule-source-credit';
import { themeList } from '../../lib/relevance/rule-theme-list';
import type { JudgedSecurity, MentionWindow, RelevanceRule } from '../../lib/relevance/types';

const SECTOR_ZQ: JudgedSecurity = { secid: '90.BK0473', kind: 'sector', code: 'BK0473' };
const SECTOR_YH: JudgedSecurity = { secid: '90.BK0475', kind: 'sector', code: 'BK0475' };
const PACIFIC: JudgedSecurity = { secid: '1.601099', kind: 'stock', code: '601099' };
const ZGC: JudgedSecurity = { secid: '0.000931', kind: 'stock', code: '000931' };
const ROBOT: JudgedSecurity = { secid: '0.300024', kind: 'stock', code: '300024' };

/** "前【名】后" → a window. */
function at(sentence: string): MentionWindow {
  const match = /^(.*)【(.+)】(.*)$/.exec(sentence)!;
  return { before: match[1]!, text: match[2]!, after: match[3]! };
}

const says = (rule: RelevanceRule, security: JudgedSecurity, sentence: string) => {
  const verdict = rule(security, at(sentence));
  return verdict && { verdict: verdict.verdict, reason: verdict.reason, evidence: verdict.params[1] };
};

describe('code next to the name', () => {
  it.each([
    ['受此影响，【太平洋】（601099）今日股价一度涨停。', '601099'],
    ['【太平洋】(601099.SH)晚间公告', '601099'],
    ['同日，SH601099【太平洋】发布公告', '601099'],
  ])('%s is likely', (sentence, code) => {
    expect(says(codeNearby, PACIFIC, sentence)).toEqual({ verdict: 'likely', reason: 'relevance_code_nearby', evidence: code });
  });

  it('does not take a longer number, or another code, for the code', () => {
    expect(says(codeNearby, PACIFIC, '【太平洋】募资16010990元')).toBeNull();
    expect(says(codeNearby, PACIFIC, '【太平洋】（600000）')).toBeNull();
    expect(says(codeNearby, SECTOR_ZQ, '【证券】（BK0473）')).toBeNull();
  });
});

describe('the company’s formal name', () => {
  it('reads a formal name and a broker’s 证券 as the company itself', () => {
    expect(says(companyName, ROBOT, '沈阳新松【机器人】自动化股份有限公司成立于2000年')).toMatchObject({ verdict: 'likely', evidence: '机器人自动化股份有限公司' });
    expect(says(companyName, PACIFIC, '【太平洋】证券晚间发布公告称')).toMatchObject({ verdict: 'likely', evidence: '太平洋证券' });
  });

  it('says nothing of a sector word, nor of a name in brackets before 股份有限公司', () => {
    expect(says(companyName, SECTOR_ZQ, '华泰【证券】股份有限公司')).toBeNull();
    expect(says(companyName, PACIFIC, '中国【太平洋】保险（集团）股份有限公司')).toBeNull();
  });
});

describe('market words', () => {
  it('finds them in the mention’s clause only', () => {
    expect(says(marketWords, ZGC, '【中关村】股东大会审议通过了议案')).toMatchObject({ verdict: 'likely', evidence: '股东' });
    expect(says(marketWords, ZGC, '据悉，【中关村】科技园区企业众多。股价方面')).toBeNull();
  });

  it('for a sector, reads only what follows it', () => {
    expect(says(marketWords, SECTOR_ZQ, '今年以来【证券】板块累计上涨')).toMatchObject({ verdict: 'likely', evidence: '证券板块' });
    expect(says(marketWords, SECTOR_ZQ, '中国【证券】报记者获悉，某股涨停')).toBeNull();
    expect(says(marketWords, SECTOR_YH, '中国【银行】业协会统计')).toBeNull();
  });
});

describe('fragment of a longer name', () => {
  it.each([
    ['中国【证券】报记者获悉', SECTOR_ZQ, 'relevance_fragment_media', '证券报'],
    ['据《【证券】日报》统计', SECTOR_ZQ, 'relevance_fragment_media', '证券日报'],
    ['获得深圳【证券】交易所无异议函', SECTOR_ZQ, 'relevance_fragment_exchange', '证券交易所'],
    ['另据中国【银行】业协会统计', SECTOR_YH, 'relevance_fragment_institution', '银行业协会'],
    ['首期专项计划为【中关村】科学城15家高新技术企业', ZGC, 'relevance_fragment_place', '中关村科学城'],
    ['在2023【中关村】论坛上', ZGC, 'relevance_fragment_event', '中关村论坛'],
  ])('%s is doubtful', (sentence, security, reason, evidence) => {
    expect(says(fragmentOfName, security, sentence)).toEqual({ verdict: 'doubtful', reason, evidence });
  });

  it('reads a company suffix or a name before a sector word as another company', () => {
    expect(says(fragmentOfCompanyName, ZGC, '“中技所-【中关村】担保-长江-1期')).toEqual({ verdict: 'doubtful', reason: 'relevance_fragment_company', evidence: '中关村担保' });
    expect(says(fragmentOfCompanyName, SECTOR_ZQ, '国泰君安【证券】与海通证券的合并')).toMatchObject({ evidence: '国泰君安证券' });
    expect(says(fragmentOfCompanyName, SECTOR_YH, '中国人民【银行】有关负责人表示')).toMatchObject({ evidence: '中国人民银行' });
  });

  it('leaves the sector meant as a whole alone', () => {
    expect(says(fragmentOfCompanyName, SECTOR_YH, '已有28家上市【银行】披露年报')).toBeNull();
    expect(says(fragmentOfCompanyName, SECTOR_YH, '商业【银行】净息差普遍收窄')).toBeNull();
    expect(says(fragmentOfCompanyName, SECTOR_ZQ, '【证券】、保险等板块')).toBeNull();
    expect(says(fragmentOfName, SECTOR_ZQ, '【证券】网点众多')).toBeNull();
  });
});

describe('source credits', () => {
  it.each(['据【人民网】报道，', '【新华网】消息，全国铁路', '据【同花顺】iFinD数据统计', '（数据来源：【东方财富】Choice数据）', '【东方财富】网讯，截至收盘'])(
    '%s is doubtful',
    (sentence) => {
      expect(says(sourceCredit, { secid: '1.603000', kind: 'stock', code: '603000' }, sentence)).toMatchObject({ verdict: 'doubtful', reason: 'relevance_source_credit' });
    },
  );

  it('is not a company that reports news of its own', () => {
    expect(says(sourceCredit, { secid: '1.603000', kind: 'stock', code: '603000' }, '【人民网】一季度实现营业收入3.1亿元')).toBeNull();
  });
});

describe('a word, not a security', () => {
  it('reads geography after a stock’s name and compounds after a sector word', () => {
    expect(says(commonWord, PACIFIC, '南【太平洋】岛国所罗门群岛')).toEqual({ verdict: 'doubtful', reason: 'relevance_common_word_place', evidence: '太平洋岛国' });
    expect(says(commonWord, SECTOR_ZQ, '是北京首个专利许可知识产权【证券】化项目')).toEqual({ verdict: 'doubtful', reason: 'relevance_common_word', evidence: '证券化' });
    expect(says(commonWord, SECTOR_ZQ, '【证券】板块')).toBeNull();
  });

  it('reads a name made into a longer word by what precedes it, and lists of like words', () => {
    expect(says(wordInCompound, ROBOT, '今年以来，人形【机器人】赛道持续火热')).toMatchObject({ verdict: 'doubtful', evidence: '人形机器人' });
    expect(says(wordInCompound, PACIFIC, '从全球看，【太平洋】、大西洋和印度洋沿岸')).toMatchObject({ evidence: '太平洋、大西洋' });
  });

  it('keeps 中国工商银行, a name after a comma, and a list of different names', () => {
    const icbc: JudgedSecurity = { secid: '1.601398', kind: 'stock', code: '601398' };
    expect(says(wordInCompound, icbc, '中国【工商银行】2023年')).toBeNull();
    expect(says(wordInCompound, ROBOT, '受此消息刺激，【机器人】今日')).toBeNull();
    expect(says(wordInCompound, { secid: '1.600519', kind: 'stock', code: '600519' }, '走强，【贵州茅台】、五粮液等')).toBeNull();
  });
});

describe('a theme, not a stock', () => {
  it('flags a stock named like a theme in a list of themes', () => {
    expect(says(themeList, ROBOT, '人工智能、【机器人】、低空经济等题材轮番活跃')).toMatchObject({ verdict: 'doubtful', reason: 'relevance_theme_list' });
    expect(says(themeList, ROBOT, '脑机接口、【机器人】等未来产业')).toMatchObject({ verdict: 'doubtful' });
  });

  it('leaves lists of stocks, and sectors in lists, alone', () => {
    expect(says(themeList, { secid: '0.002230', kind: 'stock', code: '002230' }, '【科大讯飞】、中科曙光等人工智能概念股涨幅居前')).toBeNull();
    expect(says(themeList, { secid: '90.BK0800', kind: 'sector', code: 'BK0800' }, '【人工智能】、机器人、低空经济等题材')).toBeNull();
  });
});

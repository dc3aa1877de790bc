// @vitest-environment jsdom
// jsdom: happy-dom collapses a Range whose end is set in a later text node of another element.
import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from '../../lib/chinese-number';
import { bodyFigures, figureRange, figureText } from '../../lib/key-figure-range';
import { keyFigures, readFigures, topFigures } from '../../lib/key-figures';
import { fixtureDocument, pageFromHtml } from './fixtures';

const brief = (text: string) => readFigures(text, 'body').map(({ text, value, unit, label }) => ({ text, value, unit, label }));

describe('Chinese numerals', () => {
  it.each([
    ['十五', 15],
    ['三亿', 300_000_000],
    ['两千五百万', 25_000_000],
    ['一亿三千万', 130_000_000],
    ['三万亿', 3e12],
    ['一百零五', 105],
    ['三点五', 3.5],
    ['二〇二一', 2021],
  ])('reads %s as %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it('refuses what is not a number', () => {
    expect(parseChineseNumber('三点五点')).toBeNull();
    expect(parseChineseNumber('点五')).toBeNull();
  });
});

describe('figures in a text', () => {
  it('reads amounts with unit and scale, and labels them with the noun phrase before', () => {
    expect(brief('该专项计划已于日前设立，发行规模3.37亿元，储架规模不超过10亿元')).toEqual([
      { text: '3.37亿元', value: 337_000_000, unit: '元', label: '发行规模' },
      { text: '10亿元', value: 1_000_000_000, unit: '元', label: '储架规模' },
    ]);
    expect(brief('全球市值2.5万亿美元，募资80亿港元')).toMatchObject([
      { value: 2.5e12, unit: '美元', label: '全球市值' },
      { value: 8e9, unit: '港元', label: '募资' },
    ]);
  });

  it('reads counts with what they count, percentages and 个百分点', () => {
    expect(brief('发行了44单知识产权证券化产品，净利润同比增长15.7%，净息差收窄0.2个百分点')).toEqual([
      { text: '44单', value: 44, unit: '单', label: '知识产权证券化产品' },
      { text: '15.7%', value: 15.7, unit: '%', label: '净利润' },
      { text: '0.2个百分点', value: 0.2, unit: '个百分点', label: '净息差收窄' },
    ]);
  });

  it('reads Chinese numerals and 百分之', () => {
    expect(brief('为十五家企业融资三亿元，占比百分之四十')).toMatchObject([
      { value: 15, unit: '家' },
      { value: 300_000_000, unit: '元' },
      { value: 40, unit: '%' },
    ]);
  });

  it('gives offsets that find the figure in its text', () => {
    const text = '截至10月底，实际募资111亿元。';
    const [figure] = readFigures(text, 'summary');
    expect(text.slice(figure!.start, figure!.end)).toBe('111亿元');
    expect(figure!.source).toBe('summary');
  });

  it('takes no dates, codes or ordinals without a unit for figures', () => {
    expect(brief('2021年4月30日，SH600000（601099）第十二届')).toEqual([]);
  });
});

describe('ranking', () => {
  it('puts title and summary first, then the largest of each unit, and keeps one of each value', () => {
    const figures = keyFigures({ title: '募资3亿元', summary: '共5家', body: '募资3亿元，另有2家，合计10亿元，涨幅5%，7家' });
    expect(figures.map((figure) => `${figure.source} ${figure.text}`)).toEqual([
      'title 3亿元',
      'summary 5家',
      'body 10亿元',
      'body 5%',
      'body 7家',
      'body 2家',
    ]);
  });

  it('reads the seed’s 3.37亿元 and 15家 among its top five', () => {
    const doc = fixtureDocument('current-seed.html');
    const body = doc.querySelector('#ContentBody')!;
    const top = topFigures({
      title: doc.querySelector('#topbox .title')!.textContent!,
      summary: doc.querySelector('.b-review')!.textContent!,
      body: figureText(body),
    });
    expect(top).toHaveLength(5);
    expect(top[0]).toMatchObject({ text: '3.37亿元', value: 337_000_000, unit: '元', label: '发行规模', source: 'title' });
    expect(top.map((figure) => `${figure.value} ${figure.unit}`)).toContain('15 家');
  });
});

describe('the figure in the page', () => {
  it('maps a body figure to a Range over its text, past noise and element boundaries', () => {
    const doc = pageFromHtml(
      '<div id="ContentBody"><p style="display:none">隐藏的20亿元</p><p>发行规模<b>3.</b>37亿元，涉及<span>15家</span>企业。</p></div>',
    );
    const body = doc.querySelector('#ContentBody')!;
    const figures = bodyFigures(body);
    expect(figures.map((figure) => figure.text)).toEqual(['3.37亿元', '15家']);
    const range = figureRange(body, figures[0]!)!;
    expect([range.startContainer.textContent, range.startOffset, range.endContainer.textContent, range.endOffset]).toEqual(['3.', 0, '37亿元，涉及', 4]);
    expect(figureRange(body, figures[1]!)?.startContainer.parentElement?.localName).toBe('span');
  });

  it('gives null when the body no longer has the figure there', () => {
    const body = pageFromHtml('<div id="ContentBody"><p>共15家</p></div>').querySelector('#ContentBody')!;
    const [figure] = bodyFigures(body);
    body.querySelector('p')!.textContent = '共16家';
    expect(figureRange(body, figure!)).toBeNull();
  });
});

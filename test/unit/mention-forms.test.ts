import { describe, expect, it } from 'vitest';
import { countMentions, mentionElements } from '../../lib/mentions';

const readMentions = (body: Element) => countMentions(mentionElements(body));
import { fixtureDocument } from './fixtures';

const body = () => fixtureDocument('address-only-mentions.html').querySelector('#ContentBody')!;

describe('mentions given only in a link address', () => {
  it('counts every mention the addresses name, with the market the address gives', () => {
    expect(readMentions(body()).map(({ secid, name, count }) => ({ secid, name, count }))).toEqual([
      { secid: '0.002353', name: '杰瑞股份', count: 3 },
      { secid: '1.000001', name: '上证指数', count: 2 },
      { secid: '1.601808', name: '中海油服', count: 1 },
    ]);
  });

  it('takes the market from the address, not from a guess on the code', () => {
    // 000001 alone would be read as Shenzhen (平安银行); the link says Shanghai, the index.
    const index = readMentions(body()).find((mention) => mention.code === '000001');
    expect(index).toMatchObject({ secid: '1.000001', kind: 'index' });
  });

  it('reads no 百科 keyword, no link without a market and no keytip without an address', () => {
    const names = mentionElements(body()).map(({ element }) => element.textContent);
    expect(names).not.toContain('油服');
    expect(names).not.toContain('杰瑞');
    expect(names).not.toContain('某公司');
  });
});

// @vitest-environment jsdom
// jsdom: happy-dom collapses a Range whose end is set in a later text node of another element.
import { describe, expect, it } from 'vitest';
import { readArticleHead, summaryOfHead } from '../../lib/article-head';
import { figureRange, figureText, findInBody } from '../../lib/key-figure-range';
import { BACKGROUND_RULES } from '../../lib/protocol-background';
import { correctionKey } from '../../lib/relevance/corrections';
import { judgePage, type PageJudgementRequest } from '../../lib/relevance/page-judgement';
import { pageMarks } from '../../lib/relevance/page-marks';
import { SEED_URL, fixtureDocument } from './fixtures';

function seedRequest(): { request: PageJudgementRequest; body: Element } {
  const doc = fixtureDocument('current-seed.html');
  const head = readArticleHead(doc, SEED_URL)!;
  return {
    body: head.body,
    request: {
      id: head.id,
      securities: head.mentions.map(({ secid, name, count }) => ({ secid, name, count })),
      marks: pageMarks(head.marked, head.body),
      title: head.title,
      summary: summaryOfHead(doc, head),
      text: figureText(head.body),
    },
  };
}

describe('an open article judged in the background', () => {
  it('finds the seed’s 证券 and 中关村 doubtful, with the reasons, from the windows the tab sends', () => {
    const { request } = seedRequest();
    expect(request.marks).toHaveLength(6);
    const { verdicts } = judgePage(request, {});
    expect(verdicts['90.BK0473']).toMatchObject({
      relevance: { verdict: 'doubtful', doubtfulMentions: 3, reason: 'relevance_fragment_media', params: ['证券', '证券报'] },
      shown: { verdict: 'doubtful', byReader: null },
    });
    expect(verdicts['0.000931']).toMatchObject({
      relevance: { verdict: 'doubtful', doubtfulMentions: 3, params: ['中关村', '中关村担保'] },
      shown: { verdict: 'doubtful', byReader: null },
    });
  });

  it('gives the reader’s correction over the rules', () => {
    const { request } = seedRequest();
    const correction = { secid: '0.000931', name: '中关村', articleId: request.id, verdict: 'likely' as const, at: 1 };
    const { verdicts } = judgePage(request, { [correctionKey(correction)]: correction });
    expect(verdicts['0.000931']!.shown).toEqual({ verdict: 'likely', byReader: 'article' });
    expect(verdicts['0.000931']!.relevance.verdict).toBe('doubtful');
  });

  it('gives up to five key figures, 3.37亿元 and 15家 among them, each found again in the page', () => {
    const { request, body } = seedRequest();
    const { figures } = judgePage(request, {});
    expect(figures.length).toBeLessThanOrEqual(5);
    expect(figures.map((figure) => figure.text)).toEqual(expect.arrayContaining(['3.37亿元', '15家']));
    const fifteen = figures.find((figure) => figure.text === '15家')!;
    expect(fifteen).toMatchObject({ value: 15, unit: '家', source: 'body' });
    expect(figureRange(body, fifteen)!.toString()).toBe('15家');
  });

  it('takes only a well-formed request from a content script', () => {
    const rule = BACKGROUND_RULES['bg:judge-page'];
    const { request } = seedRequest();
    expect(rule.from).toEqual(['content-script']);
    expect(rule.check(request)).toEqual({ ok: true, value: request });
    expect(rule.check({ ...request, id: 'x' }).ok).toBe(false);
    expect(rule.check({ ...request, marks: [{ secid: '0.000931', before: 1, text: '', after: '' }] }).ok).toBe(false);
    expect(rule.check({ ...request, securities: [{ secid: 'nope', name: 'x', count: 1 }] }).ok).toBe(false);
    expect(rule.check({ ...request, text: 'x'.repeat(10_000_001) }).ok).toBe(false);
  });
});

describe('a figure of the title or summary', () => {
  it('is found where the body says it too', () => {
    const { body } = seedRequest();
    const place = findInBody(body, '3.37亿元')!;
    expect(figureRange(body, place)!.toString()).toBe('3.37亿元');
    expect(findInBody(body, '9999亿元')).toBeNull();
  });
});

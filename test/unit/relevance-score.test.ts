import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatScore, scoreLabelledSet, type LabelledPage } from '../../scripts/relevance-scoring';
import { fixtureDocument } from './fixtures';

const { pages } = JSON.parse(readFileSync('test/fixtures/relevance/labels.json', 'utf8')) as { pages: LabelledPage[] };

describe('the labelled set', () => {
  it('is big and balanced enough to measure by', () => {
    const labels = pages.flatMap((page) => page.mentions);
    expect(labels.length).toBeGreaterThanOrEqual(80);
    expect(labels.filter((label) => label.label === 'mis-link').length).toBeGreaterThanOrEqual(labels.length / 3);
    expect(labels.filter((label) => label.label === 'true').length).toBeGreaterThanOrEqual(labels.length / 3);
  });

  it('flags at least 90% of the mis-links and at most 3% of the true mentions', () => {
    const score = scoreLabelledSet(pages, (page) => fixtureDocument(`relevance/${page.file}`).querySelector('#ContentBody')!);
    expect(score.recall, formatScore(score)).toBeGreaterThanOrEqual(0.9);
    expect(score.falseFlagRate, formatScore(score)).toBeLessThanOrEqual(0.03);
  });
});

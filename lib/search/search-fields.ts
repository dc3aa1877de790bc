/**
 * What of an article is searchable, field by field, and how much a match in
 * each field counts. Each posting keeps a bit mask of the fields its token
 * occurs in, so ranking needs no second read of the article.
 */
import type { Mention } from '../article-model';
import { tokensOf } from './tokenize';

export const FIELD = {
  title: 1,
  summary: 2,
  body: 4,
  source: 8,
  tags: 16,
  note: 32,
  securities: 64,
} as const;

export type FieldName = keyof typeof FIELD;

const WEIGHT: Record<FieldName, number> = {
  title: 8,
  securities: 6,
  tags: 6,
  note: 4,
  summary: 3,
  source: 2,
  body: 1,
};

export interface SearchableArticle {
  title: string;
  summary: string;
  bodyText: string;
  source: string | null;
  tags: string[];
  note: string;
  mentions: Pick<Mention, 'name' | 'code' | 'secid'>[];
}

export function fieldTexts(article: SearchableArticle): Record<FieldName, string> {
  return {
    title: article.title,
    summary: article.summary,
    body: article.bodyText,
    source: article.source ?? '',
    tags: article.tags.join(' '),
    note: article.note,
    securities: article.mentions.map((m) => `${m.name} ${m.code}`).join(' '),
  };
}

/** Every token of the article with the fields it occurs in. */
export function tokenMasks(article: SearchableArticle): Map<string, number> {
  const masks = new Map<string, number>();
  const texts = fieldTexts(article);
  for (const field of Object.keys(FIELD) as FieldName[]) {
    for (const token of tokensOf(texts[field])) {
      masks.set(token, (masks.get(token) ?? 0) | FIELD[field]);
    }
  }
  return masks;
}

function weightOf(mask: number): number {
  let weight = 0;
  for (const field of Object.keys(FIELD) as FieldName[]) {
    if (mask & FIELD[field]) weight += WEIGHT[field];
  }
  return weight;
}

/** Every mask's weight, worked out once: ranking asks for one per match. */
const MASK_WEIGHTS = Array.from({ length: 128 }, (_, mask) => weightOf(mask));

/** The weight of a field mask: the sum of the weights of its fields. */
export function maskWeight(mask: number): number {
  return MASK_WEIGHTS[mask] ?? weightOf(mask);
}

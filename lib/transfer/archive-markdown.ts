/**
 * Markdown export: one file per article, YAML front matter with the metadata
 * and securities (each marked doubtful or not where the rules judged it) and
 * key figures, then the summary, the note and the body text.
 */
import type { ArchivedArticle } from '../article-model';
import { formatBeijingMoment } from '../beijing-time';
import { safeEntryName } from './zip-entry-name';

function yamlString(value: string): string {
  return JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar
}

export function articleMarkdown(article: ArchivedArticle): string {
  const lines = [
    '---',
    `id: ${yamlString(article.id)}`,
    `title: ${yamlString(article.title)}`,
    `url: ${yamlString(article.url)}`,
    `published: ${article.publishedAt ? yamlString(article.publishedAt) : 'null'}`,
    `source: ${article.source ? yamlString(article.source) : 'null'}`,
    `author: ${article.author ? yamlString(article.author) : 'null'}`,
    `saved: ${yamlString(new Date(article.savedAt).toISOString())}`,
    `tags: [${article.tags.map(yamlString).join(', ')}]`,
    'securities:',
    ...article.mentions.map(
      (m) =>
        `  - { secid: ${yamlString(m.secid)}, name: ${yamlString(m.name)}, kind: ${m.kind}, count: ${m.count}` +
        `${m.relevance ? `, doubtful: ${m.relevance.verdict === 'doubtful'}` : ''} }`,
    ),
    ...(article.keyFigures?.length
      ? [
          'key_figures:',
          ...article.keyFigures.map(
            (f) => `  - { text: ${yamlString(f.text)}, value: ${f.value}, unit: ${yamlString(f.unit)}, label: ${yamlString(f.label)} }`,
          ),
        ]
      : []),
    '---',
    '',
    `# ${article.title.replace(/\n/g, ' ')}`,
    '',
  ];
  if (article.summary) lines.push(`> ${article.summary.replace(/\n/g, ' ')}`, '');
  if (article.note) lines.push('## 笔记', '', article.note, '');
  lines.push(article.bodyText.split('\n').join('\n\n'), '');
  return lines.join('\n');
}

/**
 * A file name that sorts by date and survives every file system, whatever the
 * record holds: the day is read only from a time that starts with one, and
 * the rest is made safe by safeEntryName. Unique within a zip through
 * markdownEntryNames (markdown-zip.ts).
 */
export function markdownFileName(article: ArchivedArticle): string {
  const published = /^\d{4}-\d{2}-\d{2}/.exec(article.publishedAt ?? '')?.[0];
  const day = published ?? formatBeijingMoment(article.savedAt).slice(0, 10);
  const title = [...article.title].slice(0, 60).join('');
  return safeEntryName(`${day} ${title} ${article.id}`, '.md');
}

/**
 * Article HTML as the reader shows it: sanitised again (the stored HTML came
 * from a page), with images held back until the reader asks for them, so
 * opening an archived article loads nothing from anywhere.
 */
import { sanitizeArticleHtml } from './sanitize';

export interface ReaderHtml {
  html: string;
  images: number;
}

export function readerHtml(storedHtml: string, { loadImages }: { loadImages: boolean }): ReaderHtml {
  const clean = sanitizeArticleHtml(storedHtml);
  const doc = new DOMParser().parseFromString(`<body>${clean}</body>`, 'text/html');
  const images = [...doc.body.querySelectorAll('img')];
  for (const image of images) {
    image.setAttribute('referrerpolicy', 'no-referrer');
    image.setAttribute('loading', 'lazy');
    if (!loadImages) {
      image.setAttribute('data-src', image.getAttribute('src') ?? '');
      image.removeAttribute('src');
    }
  }
  for (const link of doc.body.querySelectorAll('a[href]')) {
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
  }
  return { html: doc.body.innerHTML, images: images.length };
}

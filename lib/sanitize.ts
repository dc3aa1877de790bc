/**
 * The one DOMPurify configuration for article HTML that the archive keeps and
 * the reader shows: text structure, links and images only. Nothing that runs,
 * loads a frame, submits, restyles or navigates on its own survives.
 */
import DOMPurify from 'dompurify';

const ALLOWED_TAGS = [
  'p', 'br', 'span', 'a', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'mark',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'hr', 'div', 'section',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'caption', 'figure', 'figcaption', 'img',
];
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title', 'data-code', 'colspan', 'rowspan'];
const SAFE_URL = /^(?:https?:|\/\/|#)/i;

let configured: typeof DOMPurify | null = null;

function purifier(): typeof DOMPurify {
  if (configured) return configured;
  const purify = DOMPurify(window);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    if ((data.attrName === 'href' || data.attrName === 'src') && !SAFE_URL.test(data.attrValue.trim())) {
      data.keepAttr = false;
    }
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  // DOMPurify hands back its input unchanged where the DOM cannot parse
  // safely; better no record than an unsanitised one.
  const probe = purify.sanitize('<img src="x" onerror="1"><script>1</script>');
  if (/onerror|<script/i.test(probe)) throw new Error('HTML cannot be sanitised in this document');
  configured = purify;
  return purify;
}

/** Sanitised HTML of an element's children (or of an HTML string). */
export function sanitizeArticleHtml(html: string): string {
  return purifier().sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: [...ALLOWED_ATTR, 'rel'],
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    KEEP_CONTENT: true,
    FORBID_TAGS: ['script', 'style', 'iframe', 'form', 'object', 'embed', 'link', 'meta', 'svg', 'math'],
  });
}

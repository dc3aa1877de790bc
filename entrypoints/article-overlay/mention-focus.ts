const FOCUS_ATTRIBUTE = 'data-em-lens-focus';
let flash: Animation | undefined;

/**
 * Scrolls a mention into view and flashes it. The flash is a Web Animation,
 * so the page's own styles and style attributes are never touched.
 */
export function focusMention(element: Element): void {
  document.querySelector(`[${FOCUS_ATTRIBUTE}]`)?.removeAttribute(FOCUS_ATTRIBUTE);
  element.setAttribute(FOCUS_ATTRIBUTE, '');
  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  flash?.cancel();
  flash = element.animate?.(
    [
      { backgroundColor: 'rgba(255, 213, 79, 0.95)', boxShadow: '0 0 0 3px rgba(255, 213, 79, 0.95)' },
      { backgroundColor: 'rgba(255, 213, 79, 0.95)', boxShadow: '0 0 0 3px rgba(255, 213, 79, 0.95)', offset: 0.6 },
      { backgroundColor: 'rgba(255, 213, 79, 0)', boxShadow: '0 0 0 3px rgba(255, 213, 79, 0)' },
    ],
    { duration: reduceMotion ? 1200 : 2000, easing: 'ease-out' },
  );
}

/** Scrolls a stretch of text (a key figure) into view and selects it, so the reader sees exactly where it is. */
export function focusRange(range: Range): void {
  const element = range.startContainer.parentElement;
  if (!element) return;
  const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  element.scrollIntoView({ block: 'center', behavior: reduceMotion ? 'auto' : 'smooth' });
  const selection = document.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

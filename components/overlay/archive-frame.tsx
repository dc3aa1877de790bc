import { useLayoutEffect, useRef } from 'preact/hooks';
import { frameHeightOf } from '../../lib/frame-height';
import { t } from '../../platform/i18n';

/** Before the frame says its height: its two lines, so the overlay does not jump when it loads. */
const FIRST_HEIGHT = 56;

/**
 * The slot of the overlay's private half: the extension's own page in an
 * iframe (the page cannot read into it, script it, or hear what is typed in
 * it), itself in a closed shadow root, so a page script cannot reach even the
 * frame element to move, restyle or reload it.
 */
export function ArchiveFrame({ src }: { src: string }) {
  const slot = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const root = slot.current!.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = t('archiveStripLabel');
    frame.setAttribute('style', `display:block;width:100%;height:${FIRST_HEIGHT}px;border:0;margin:0;background:transparent;color-scheme:normal`);
    root.append(frame);
    const origin = new URL(src).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      const height = frameHeightOf(event.data);
      if (height !== null) frame.style.height = `${height}px`;
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  return <span class="archive-frame" data-role="archive-frame" ref={slot} />;
}

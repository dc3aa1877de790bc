import { useLayoutEffect, useRef } from 'preact/hooks';
import { FRAME_NUDGE_MESSAGE, frameHeightOf } from '../../lib/frame-post';
import { t } from '../../platform/i18n';

/** Before the frame says its height: its two lines, so the overlay does not jump when it loads. */
const FIRST_HEIGHT = 56;

/**
 * The slot of the overlay's private half: the extension's own page in an
 * iframe (the page cannot read into it, script it, or hear what is typed in
 * it), itself in a closed shadow root, so a page script cannot reach even the
 * frame element to move, restyle or reload it.
 */
export function ArchiveFrame({ src, nudges }: { src: string; nudges: number }) {
  const slot = useRef<HTMLSpanElement>(null);
  const ref = useRef<HTMLIFrameElement | null>(null);
  const origin = new URL(src).origin;
  useLayoutEffect(() => {
    const root = slot.current!.attachShadow({ mode: 'closed' });
    const frame = document.createElement('iframe');
    frame.src = src;
    frame.title = t('archiveStripLabel');
    frame.setAttribute('style', `display:block;width:100%;height:${FIRST_HEIGHT}px;border:0;margin:0;background:transparent;color-scheme:normal`);
    root.append(frame);
    ref.current = frame;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      const height = frameHeightOf(event.data);
      if (height !== null) frame.style.height = `${height}px`;
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);
  // The background said something the frame shows changed: the frame asks it again. To the frame's origin only.
  useLayoutEffect(() => {
    if (nudges > 0) ref.current?.contentWindow?.postMessage({ type: FRAME_NUDGE_MESSAGE }, origin);
  }, [nudges]);
  return <span class="archive-frame" data-role="archive-frame" ref={slot} />;
}

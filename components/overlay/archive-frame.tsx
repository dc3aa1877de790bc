import { useLayoutEffect, useRef } from 'preact/hooks';
import { afterNextFrame, afterPageLoad } from '../../lib/after-page-load';
import { FRAME_NUDGE_MESSAGE, frameHeightOf } from '../../lib/frame-post';
import { t } from '../../platform/i18n';

/** Before the frame says its height: its two lines, so the overlay does not jump when it loads. */
const FIRST_HEIGHT = 56;
/** The latest the frame waits for a page that keeps loading (images, ads). */
const LATEST_MS = 2_000;
/** The latest it waits for a painted frame after that: a background tab paints none. */
const FRAME_LATEST_MS = 250;
const REACHING = ['pointerover', 'focusin', 'keydown'];

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
    // Its place is kept from the first paint, so nothing moves when it comes.
    const placeholder = document.createElement('div');
    placeholder.setAttribute('style', `height:${FIRST_HEIGHT}px`);
    root.append(placeholder);
    const onMessage = (event: MessageEvent) => {
      if (!ref.current || event.source !== ref.current.contentWindow || event.origin !== origin) return;
      const height = frameHeightOf(event.data);
      if (height !== null) ref.current.style.height = `${height}px`;
    };
    window.addEventListener('message', onMessage);
    const overlay = slot.current!.getRootNode();
    // After the page's load, which a frame inserted before it would hold up, and after a painted frame (the
    // page's first presentation would wait for the frame's own); sooner if the reader reaches for the overlay.
    let cancelFrame = () => {};
    const insert = () => {
      cancelFrame();
      for (const type of REACHING) overlay.removeEventListener(type, insert);
      if (ref.current || !placeholder.isConnected) return;
      const frame = document.createElement('iframe');
      frame.src = src;
      frame.title = t('archiveStripLabel');
      frame.setAttribute('style', `display:block;width:100%;height:${FIRST_HEIGHT}px;border:0;margin:0;background:transparent;color-scheme:normal`);
      placeholder.replaceWith(frame);
      ref.current = frame;
    };
    for (const type of REACHING) overlay.addEventListener(type, insert);
    const cancel = afterPageLoad(window, () => (cancelFrame = afterNextFrame(window, insert, FRAME_LATEST_MS)), { latestMs: LATEST_MS });
    return () => {
      cancel();
      cancelFrame();
      for (const type of REACHING) overlay.removeEventListener(type, insert);
      window.removeEventListener('message', onMessage);
    };
  }, []);
  // The background said something the frame shows changed: the frame asks it again. To the frame's origin only.
  useLayoutEffect(() => {
    if (nudges > 0) ref.current?.contentWindow?.postMessage({ type: FRAME_NUDGE_MESSAGE }, origin);
  }, [nudges]);
  return <span class="archive-frame" data-role="archive-frame" ref={slot} />;
}

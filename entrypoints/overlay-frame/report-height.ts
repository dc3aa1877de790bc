import { frameHeightMessage } from '../../lib/frame-post';

/** Tells the overlay the frame's height whenever it changes, so the frame takes the room its strip needs. */
export function reportHeight(): () => void {
  // '*': the overlay is on whatever site the article is (a copy elsewhere too); the message is a number only.
  const post = () => parent.postMessage(frameHeightMessage(document.documentElement.scrollHeight), '*');
  const observer = new ResizeObserver(post);
  observer.observe(document.body);
  post();
  return () => observer.disconnect();
}

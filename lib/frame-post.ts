/**
 * What the overlay and its archive frame say to each other by postMessage,
 * which the page hears too (and can forge): so each carries nothing of the
 * reader's archive. The frame tells its height; the overlay nudges the frame
 * to ask the background again, and a forged nudge costs one question.
 */
export const FRAME_HEIGHT_MESSAGE = 'em-lens:archive-frame-height';
export const FRAME_NUDGE_MESSAGE = 'em-lens:archive-changed';

/** A frame never needs more room than this; a bigger number is not ours. */
const MAX_HEIGHT = 1000;

export function frameHeightMessage(height: number) {
  return { type: FRAME_HEIGHT_MESSAGE, height };
}

/** The height in a message from the frame, or null for anything else. */
export function frameHeightOf(data: unknown): number | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, height } = data as { type?: unknown; height?: unknown };
  if (type !== FRAME_HEIGHT_MESSAGE || typeof height !== 'number' || !Number.isFinite(height)) return null;
  return height >= 0 && height <= MAX_HEIGHT ? Math.ceil(height) : null;
}

export function isFrameNudge(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === FRAME_NUDGE_MESSAGE;
}

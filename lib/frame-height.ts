/**
 * The one thing the archive frame tells the overlay around it, by
 * postMessage: its height. The page hears the same message (and can measure
 * the frame anyway), so it carries a number and nothing else.
 */
export const FRAME_HEIGHT_MESSAGE = 'em-lens:archive-frame-height';

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

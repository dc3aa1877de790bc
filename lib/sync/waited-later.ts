/**
 * A promise waited for later: handled now, so that when a run stops before
 * waiting for it (a request after it failed first, a transaction aborted),
 * its rejection is not reported as unhandled; the later wait still sees it.
 */
export function waitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

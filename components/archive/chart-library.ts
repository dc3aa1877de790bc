import type uPlot from 'uplot';

let loading: Promise<typeof uPlot> | null = null;

/**
 * The charting library, loaded the first time a security view opens (never
 * for the popup's first rows), and started as the view's data is read, so
 * that the timeline draws as soon as its numbers are there.
 */
export function loadChartLibrary(): Promise<typeof uPlot> {
  loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([{ default: UPlot }]) => UPlot);
  // A failed load is tried again next time.
  loading.catch(() => (loading = null));
  return loading;
}

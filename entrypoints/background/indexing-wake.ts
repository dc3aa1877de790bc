import { browser } from 'wxt/browser';
import type { IndexingWake } from './search-indexer';

const ALARM = 'index-pending';
/**
 * Both browsers stop a background that has had no event for 30 s, however
 * much indexing it still has to do (IndexedDB work is not an event): an alarm
 * this often is one, so a long indexing pass (after an import of thousands)
 * runs to its end. Chrome fires it every 30 s at most, Firefox as asked.
 */
const PERIOD_MINUTES = 0.4;

/**
 * An alarm while the indexer has work. If the background was stopped all the
 * same (the browser's own reasons), the alarm starts it again, and the
 * indexer takes up what is still pending at start.
 */
export function indexingWake(schedule: () => void): IndexingWake {
  // Registered as the background starts, so that the alarm that woke it reaches the indexer.
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) schedule();
  });
  return {
    hold: () => void browser.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES }).catch(() => {}),
    release: () => void browser.alarms.clear(ALARM).catch(() => {}),
  };
}

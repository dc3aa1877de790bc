import { useState } from 'preact/hooks';
import type { ReadingAbout as Reading } from '../../lib/archive/timeline';
import { kindLabel } from '../shared/kind-labels';
import { t } from '../../platform/i18n';

/**
 * What the reader has been reading about: the securities and sectors most
 * mentioned in the articles saved in the last 7 or 30 days, a bar each,
 * longest first. A click opens that security's view.
 */
export function ReadingAbout({ reading, onSelect }: { reading: Reading; onSelect: (secid: string) => void }) {
  const [span, setSpan] = useState<'week' | 'month'>(reading.week.length ? 'week' : 'month');
  const entries = reading[span];
  if (!reading.month.length) return null;
  const most = Math.max(1, ...entries.map((entry) => entry.count));
  return (
    <section class="reading-about" data-role="reading-about" data-span={span} aria-label={t('readingAboutTitle')}>
      <header>
        <strong>{t('readingAboutTitle')}</strong>
        {(['week', 'month'] as const).map((choice) => (
          <button type="button" class="link" data-span-choice={choice} aria-pressed={span === choice} onClick={() => setSpan(choice)}>
            {t(choice === 'week' ? 'readingAboutWeek' : 'readingAboutMonth')}
          </button>
        ))}
      </header>
      {entries.length ? (
        <ol>
          {entries.map((entry) => (
            <li>
              <button
                type="button"
                class="reading-bar"
                data-secid={entry.secid}
                data-count={entry.count}
                title={t('readingAboutBar', entry.name, entry.count)}
                onClick={() => onSelect(entry.secid)}
              >
                <span class="reading-name">
                  {entry.name} <span class="muted">{kindLabel(entry.kind)}</span>
                </span>
                <span class="reading-track" aria-hidden="true">
                  <span class="reading-fill" style={{ width: `${(entry.count / most) * 100}%` }} />
                </span>
                <span class="reading-count">{entry.count}</span>
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">{t('readingAboutNone')}</p>
      )}
    </section>
  );
}

import { describe, expect, it } from 'vitest';
import { BACKUP_MESSAGES } from '../../entrypoints/background/archive-backup';
import { DURABILITY_MESSAGES } from '../../entrypoints/background/archive-durability';
import { ARCHIVE_MESSAGES } from '../../entrypoints/background/archive-messages';
import { FRAME_MESSAGES } from '../../entrypoints/background/archive-frames';
import { INTRADAY_MESSAGES } from '../../entrypoints/background/intraday-service';
import { PAGE_MESSAGES } from '../../entrypoints/background/page-messages';
import { QUOTE_MESSAGES } from '../../entrypoints/background/quote-service';
import { SYNC_MESSAGES } from '../../entrypoints/background/sync-service';
import { RELEVANCE_MESSAGES } from '../../entrypoints/background/relevance-service';
import { BACKGROUND_RULES } from '../../lib/protocol-background';

describe('the background’s modules', () => {
  it('answer every background message, each in exactly one module', () => {
    const answered = [...ARCHIVE_MESSAGES, ...QUOTE_MESSAGES, ...PAGE_MESSAGES, ...RELEVANCE_MESSAGES, ...DURABILITY_MESSAGES, ...FRAME_MESSAGES, ...INTRADAY_MESSAGES, ...SYNC_MESSAGES, ...BACKUP_MESSAGES];
    expect(new Set(answered).size).toBe(answered.length);
    expect([...answered].sort()).toEqual(Object.keys(BACKGROUND_RULES).sort());
  });
});

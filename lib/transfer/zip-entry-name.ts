/**
 * Names for the entries of an export zip. A name comes from an article's
 * title and time, which came from a page or a file, and an unzip tool writes
 * it where it says: "../x" lands outside the folder, "CON" or "a:b" fails on
 * Windows, ".x" hides on macOS and Linux. So a name keeps only letters
 * (any script), digits, marks, spaces and ._()-, starts with neither a dot
 * nor a dash, ends with no dot or space, is never a name Windows reserves,
 * and fits the 255-byte limit of common file systems with room to spare.
 */

/** In UTF-8 bytes, extension and any " (2)" included: under ext4's and NTFS's 255. */
export const ENTRY_NAME_BYTES = 200;

const UNSAFE = /[^\p{L}\p{N}\p{M} ._()-]+/gu;
// Windows refuses these as names with any extension, in any case; ¹²³ count as digits there.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
const FALLBACK = 'article';

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

/** `text` cut to at most `max` UTF-8 bytes, between characters. */
function cutToBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    used += bytes(char);
    if (used > max) break;
    out += char;
  }
  return out;
}

const tidyEnds = (stem: string) => stem.replace(/^[\s.-]+|[\s.]+$/g, '');

/**
 * A file name for `stem` + `extension` (".md", with its dot) that stays
 * inside the folder it is unzipped into on any system.
 */
export function safeEntryName(stem: string, extension: string, maxBytes = ENTRY_NAME_BYTES): string {
  let clean = tidyEnds(stem.normalize('NFC').replace(UNSAFE, ' ').replace(/\s+/g, ' '));
  clean = tidyEnds(cutToBytes(clean, maxBytes - bytes(extension)));
  if (!clean) clean = FALLBACK;
  if (RESERVED.test(clean.split('.')[0]!.trim())) clean = `_${clean}`;
  return `${clean}${extension}`;
}

/** The key two names clash on: case-insensitive, Unicode-normalised file systems treat these as one. */
const clashKey = (name: string) => name.normalize('NFC').toLowerCase();

/**
 * `names` (each from safeEntryName) with " (2)", " (3)", … before the
 * extension of any that repeats an earlier one, ignoring case; still safe
 * and within `maxBytes`.
 */
export function uniqueEntryNames(names: readonly string[], maxBytes = ENTRY_NAME_BYTES): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    let candidate = name;
    for (let n = 2; taken.has(clashKey(candidate)); n += 1) {
      const suffix = ` (${n})`;
      candidate = `${tidyEnds(cutToBytes(stem, maxBytes - bytes(suffix) - bytes(extension))) || FALLBACK}${suffix}${extension}`;
    }
    taken.add(clashKey(candidate));
    return candidate;
  });
}

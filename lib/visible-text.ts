/**
 * Text from a page, a file or a quote reply as the views can show it. Bidi
 * controls in a title reorder what is drawn after it ("‮gpj.exe" reads
 * "exe.jpg"), zero-width characters make a title that is there but cannot be
 * seen or clicked, and a lone surrogate half is no character at all. These
 * are taken out where a value comes in, so every view draws what was checked.
 */

// LRM, RLM, ALM, the embeddings and overrides, the isolates.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Zero width space, word joiner and invisible operators, the BOM, soft hyphen, Mongolian vowel separator.
const INVISIBLE = /[\u200b\u2060-\u2064\ufeff\u00ad\u180e]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// C0 and C1 controls, DEL; a one-line value has no business with any of them.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// Characters that draw as blank though they are not white space to a regular expression.
const BLANK = /[\s\u200c\u200d\u115f\u1160\u2800\u3164\uffa0]/g;

/** `value` without bidi controls, invisible characters and lone surrogate halves; line breaks kept. */
export function withoutInvisibles(value: string): string {
  return value.replace(BIDI_CONTROLS, '').replace(INVISIBLE, '').replace(LONE_SURROGATE, '\ufffd');
}

/** A one-line value (a title, a name, a tag): as above, and controls and runs of space as one space, trimmed. */
export function oneLine(value: string): string {
  return withoutInvisibles(value).replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether anything in `value` would show on screen. */
export function hasVisibleText(value: string): boolean {
  return withoutInvisibles(value).replace(CONTROLS, '').replace(BLANK, '') !== '';
}

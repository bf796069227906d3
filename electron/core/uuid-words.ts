/**
 * UUIDs as four 32-bit words, for what keeps many of them (the trace rings, each task's last
 * run): a kept string is a heap object that outlives a scavenge and is copied into V8's old
 * space; integers in a typed array or an object's fields are not objects at all.
 */

/** Hex digit values by character code; -1 for anything that is not a lowercase hex digit. */
const NIBBLE = new Int8Array(128).fill(-1);
for (let code = 48; code <= 57; code++) NIBBLE[code] = code - 48;
for (let code = 97; code <= 102; code++) NIBBLE[code] = code - 87;
/** Where each group of four hex digits starts. */
const QUADS = [0, 4, 9, 14, 19, 24, 28, 32];
/** Each byte's two hex digits' character codes, high digit in the high byte. */
const HEX_CODES: number[] = Array.from({ length: 256 }, (_, byte) => {
  const text = byte.toString(16).padStart(2, '0');
  return (text.charCodeAt(0) << 8) | text.charCodeAt(1);
});
const DASH = 45;
/** Scratch for `uuidOfWords`: the 36 character codes of the string being made. */
const codes: number[] = new Array<number>(36).fill(0);

/** The value of the four hex digits of `id` at `at`, or -1 if one is not a digit. */
function quad(id: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i++) {
    const code = id.charCodeAt(i);
    const nibble = code < 128 ? (NIBBLE[code] ?? -1) : -1;
    if (nibble < 0) return -1;
    value = (value << 4) | nibble;
  }
  return value;
}

/**
 * Writes a lowercase canonical UUID's four words into `into` from `at`; returns false when `id`
 * is anything else (what was written is then meaningless), so the caller keeps it as a string.
 */
export function writeUuidWords(id: string, into: Int32Array, at: number): boolean {
  // 8-4-4-4-12: the 32 digits as eight groups of four, around the dashes.
  if (
    id.length !== 36 ||
    id.charCodeAt(8) !== 45 ||
    id.charCodeAt(13) !== 45 ||
    id.charCodeAt(18) !== 45 ||
    id.charCodeAt(23) !== 45
  )
    return false;
  for (let k = 0; k < 4; k++) {
    const high = quad(id, QUADS[2 * k] ?? 0);
    const low = quad(id, QUADS[2 * k + 1] ?? 0);
    if (high < 0 || low < 0) return false;
    into[at + k] = (high << 16) | low;
  }
  return true;
}

/**
 * The canonical string of a UUID given as its four words (see `writeUuidWords`). Made from
 * character codes in one call: concatenating pieces would leave a rope V8 keeps at ~480 bytes.
 */
export function uuidOfWords(w0: number, w1: number, w2: number, w3: number): string {
  let at = 0;
  for (let k = 0; k < 4; k++) {
    const word = k === 0 ? w0 : k === 1 ? w1 : k === 2 ? w2 : w3;
    for (let shift = 24; shift >= 0; shift -= 8) {
      const byte = k * 4 + (24 - shift) / 8;
      if (byte === 4 || byte === 6 || byte === 8 || byte === 10) codes[at++] = DASH;
      const pair = HEX_CODES[(word >>> shift) & 0xff] ?? 0;
      codes[at++] = pair >> 8;
      codes[at++] = pair & 0xff;
    }
  }
  return String.fromCharCode(...codes);
}

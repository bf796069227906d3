/**
 * UUIDs as 16 bytes, for stores that keep many of them (the trace rings): a kept string is a
 * heap object that outlives a scavenge and is copied into V8's old space; bytes in a buffer
 * are not objects at all.
 */

/** Where each byte's two hex digits start in the 36-character form. */
const HEX_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
const DASHES = [8, 13, 18, 23];
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

/**
 * Writes a lowercase canonical UUID's bytes into `view` at `offset`; returns false (writing
 * nothing) when `id` is anything else, so the caller can keep it as a string instead.
 */
export function writeUuidBytes(id: string, view: DataView, offset: number): boolean {
  if (id.length !== 36) return false;
  for (const at of DASHES) if (id.charCodeAt(at) !== 45) return false;
  for (const at of HEX_AT) {
    if (nibble(id.charCodeAt(at)) < 0 || nibble(id.charCodeAt(at + 1)) < 0) return false;
  }
  for (let i = 0; i < 16; i++) {
    const at = HEX_AT[i] ?? 0;
    view.setUint8(offset + i, (nibble(id.charCodeAt(at)) << 4) | nibble(id.charCodeAt(at + 1)));
  }
  return true;
}

/** The canonical string of the 16 bytes at `offset`. */
export function readUuidBytes(view: DataView, offset: number): string {
  let out = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[view.getUint8(offset + i)] ?? '00';
  }
  return out;
}

/**
 * Random (version 4) UUIDs for executions, made from a pool of cryptographic random bytes.
 * `crypto.randomUUID()` returns a string V8 keeps as a ~480-byte rope; an engine that keeps the
 * ids of recent runs for many tasks pays that per fire. These are flat 36-character strings.
 */
const POOL_BYTES = 16 * 1024;
const pool = new Uint8Array(POOL_BYTES);
// Filled as the module loads: Node loads its Web Crypto implementation on first use (~10 ms),
// which would otherwise land in the first task's registration.
crypto.getRandomValues(pool);
let used = 0;
const codes: number[] = new Array<number>(36).fill(0);
const HEX_CODES: number[] = Array.from({ length: 256 }, (_, byte) => {
  const text = byte.toString(16).padStart(2, '0');
  return (text.charCodeAt(0) << 8) | text.charCodeAt(1);
});
const DASH = 45;

/**
 * The four words (see `writeUuidWords`) of the id `newUuid` made last: whoever keeps an id in a byte
 * table (the trace) or as integers (a task's last run) copies them from here rather than parse
 * the string back.
 */
export const lastUuidWords = new Int32Array(4);

/** A new random UUID (v4, RFC 9562 variant), as a flat string; its words go to `lastUuidWords`. */
export function newUuid(): string {
  if (used + 16 > POOL_BYTES) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  let at = 0;
  let word = 0;
  for (let i = 0; i < 16; i++) {
    let byte = pool[used + i] ?? 0;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    if (i === 4 || i === 6 || i === 8 || i === 10) codes[at++] = DASH;
    const pair = HEX_CODES[byte] ?? 0;
    codes[at++] = pair >> 8;
    codes[at++] = pair & 0xff;
    word = (word << 8) | byte;
    if ((i & 3) === 3) lastUuidWords[i >> 2] = word;
  }
  used += 16;
  return String.fromCharCode(...codes);
}

import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** A decoded image: `rgba` holds four bytes per pixel, row by row. */
export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** The Paeth predictor of the PNG specification (filter type 4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a PNG of 8-bit RGBA, not interlaced (what scripts/render-icons.mjs writes); throws on
 * anything else, so a change of format cannot pass unread.
 */
export function readPngPixels(path: string): Pixels {
  const bytes = readFileSync(path);
  let offset = 8;
  let header: Buffer | null = null;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  if (header === null) throw new Error(`${path}: no IHDR`);
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [depth, colour, , , interlace] = header.subarray(8, 13);
  if (depth !== 8 || colour !== 6 || interlace !== 0)
    throw new Error(`${path}: not 8-bit RGBA without interlacing`);
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const rgba = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? (rgba[y * stride + x - 4] ?? 0) : 0;
      const up = y > 0 ? (rgba[(y - 1) * stride + x] ?? 0) : 0;
      const upLeft = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter ?? -1];
      if (predictor === undefined) throw new Error(`${path}: unknown filter ${filter}`);
      rgba[y * stride + x] = ((line[x] ?? 0) + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

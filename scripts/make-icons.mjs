#!/usr/bin/env node
/**
 * Draws Veille's toolbar icons (public/icon/{16,32,48,128}.png): a white "V" on a blue rounded
 * square. No image library: a tiny PNG encoder over zlib, with 4×4 supersampling.
 * Run it again after changing the drawing: node scripts/make-icons.mjs
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [29, 111, 184];

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Coverage of the point (x, y) in a 1×1 square: background shape and the V. */
function sample(x, y) {
  const r = 0.2;
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  const inSquare = dx * dx + dy * dy <= r * r;
  // The V: two strokes from the top corners to the bottom middle.
  const dist = (ax, ay, bx, by) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return Math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay)));
  };
  const w = 0.085;
  const inV = dist(0.25, 0.26, 0.5, 0.76) < w || dist(0.75, 0.26, 0.5, 0.76) < w;
  return { inSquare, inV };
}

function icon(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const n = 4;
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let a = 0;
      let white = 0;
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const s = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (s.inSquare) {
            a++;
            if (s.inV) white++;
          }
        }
      const i = py * (size * 4 + 1) + 1 + px * 4;
      const f = a ? white / a : 0;
      raw[i] = Math.round(BLUE[0] + (255 - BLUE[0]) * f);
      raw[i + 1] = Math.round(BLUE[1] + (255 - BLUE[1]) * f);
      raw[i + 2] = Math.round(BLUE[2] + (255 - BLUE[2]) * f);
      raw[i + 3] = Math.round((255 * a) / (n * n));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(new URL('../public/icon/', import.meta.url), { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`../public/icon/${size}.png`, import.meta.url), icon(size));
console.log('public/icon/{16,32,48,128}.png written');

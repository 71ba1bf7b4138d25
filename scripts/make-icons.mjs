// Draws Keyless's key icons as PNG files in assets/ (no image tools needed): run `node scripts/make-icons.mjs` after changing the shape.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x, y, size), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;

/** Whether a point of the unit square lies on the key: a ring, a shaft and two teeth. */
function onKey(x, y) {
  const d = Math.hypot(x - 0.3, y - 0.5);
  return (d <= 0.2 && d >= 0.09) || inRect(x, y, 0.46, 0.45, 0.9, 0.55) || inRect(x, y, 0.72, 0.55, 0.79, 0.68) || inRect(x, y, 0.83, 0.55, 0.9, 0.64);
}

/** Whether a point lies on the app icon's rounded square. */
function onBadge(x, y) {
  const r = 0.18;
  const cx = Math.min(Math.max(x, r + 0.04), 0.96 - r);
  const cy = Math.min(Math.max(y, r + 0.04), 0.96 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

/** Fraction of a pixel covered by a shape, from 4x4 samples (anti-aliasing). */
function coverage(shape, x, y, size) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (shape((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

const BRAND = [35, 99, 235];

// macOS template image: black with alpha; the system tints it.
const template = (x, y, size) => [0, 0, 0, Math.round(255 * coverage(onKey, x, y, size))];
// Windows and Linux: a white key on the brand badge, readable on light and dark panels.
function badge(x, y, size) {
  const key = coverage(onKey, x, y, size);
  const bg = coverage(onBadge, x, y, size);
  const mix = (channel) => Math.round(channel * (1 - key) + 255 * key);
  return [mix(BRAND[0]), mix(BRAND[1]), mix(BRAND[2]), Math.round(255 * Math.max(bg, key))];
}

const files = [
  ['assets/trayTemplate.png', 16, template],
  ['assets/trayTemplate@2x.png', 32, template],
  ['assets/tray.png', 32, badge],
  ['assets/tray@2x.png', 64, badge],
  ['assets/icon.png', 512, badge],
];
for (const [path, size, pixel] of files) writeFileSync(path, png(size, pixel));

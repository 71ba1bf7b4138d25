// Draws Keyless's key icons as PNG and ICO files in assets/ (no image tools needed): run `node scripts/make-icons.mjs` after changing the shape.
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
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ICO file holding one PNG per size: Windows picks the size its scale needs, for the tray and the installer alike. */
function ico(sizes, pixel) {
  const images = sizes.map((size) => png(size, pixel));
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, index) => {
    const entry = 6 + 16 * index;
    // A size of 256 is written as 0: the field is one byte.
    header.writeUInt8(sizes[index] % 256, entry);
    header.writeUInt8(sizes[index] % 256, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
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

/** Each tray state: its colour (the dot on Windows and Linux), how solid the key is, and whether a dot marks it on macOS. */
const STATES = {
  'signed-out': { colour: [148, 163, 184], alpha: 0.45, dot: false },
  'signed-in': { colour: [35, 99, 235], alpha: 1, dot: false },
  expiring: { colour: [217, 119, 6], alpha: 1, dot: true },
  expired: { colour: [220, 38, 38], alpha: 0.45, dot: true },
  error: { colour: [75, 85, 99], alpha: 0.45, dot: true },
};

const onDot = (x, y) => Math.hypot(x - 0.84, y - 0.2) <= 0.15;

// macOS template image: black with alpha; the system tints it.
const template = (state) => (x, y, size) => {
  const key = coverage(onKey, x, y, size) * state.alpha;
  const dot = state.dot ? coverage(onDot, x, y, size) : 0;
  return [0, 0, 0, Math.round(255 * Math.max(key, dot))];
};

// The app icon: a white key on the brand badge.
const badge = (colour) => (x, y, size) => {
  const key = coverage(onKey, x, y, size);
  const bg = coverage(onBadge, x, y, size);
  const mix = (channel) => Math.round(channel * (1 - key) + 255 * key);
  return [mix(colour[0]), mix(colour[1]), mix(colour[2]), Math.round(255 * Math.max(bg, key))];
};

// Windows and Linux tray: a key in the panel's contrast colour (white on dark panels, near-black on light ones), and a dot in the state's colour.
const themed = (state, keyColour) => (x, y, size) => {
  const key = coverage(onKey, x, y, size) * state.alpha;
  const dot = state.dot || state.alpha === 1 ? coverage(onDot, x, y, size) : 0;
  const colour = dot > 0 ? state.colour : keyColour;
  return [...colour, Math.round(255 * Math.max(key, dot))];
};

const appIcon = badge(STATES['signed-in'].colour);
const files = [['assets/icon.png', 512, appIcon]];
const icoFiles = [['assets/icon.ico', [16, 24, 32, 48, 64, 128, 256], appIcon]];
for (const [name, state] of Object.entries(STATES)) {
  files.push([`assets/tray-${name}Template.png`, 16, template(state)], [`assets/tray-${name}Template@2x.png`, 32, template(state)]);
  for (const [theme, keyColour] of [
    ['dark', [255, 255, 255]],
    ['light', [31, 41, 55]],
  ]) {
    files.push([`assets/tray-${name}-${theme}.png`, 32, themed(state, keyColour)], [`assets/tray-${name}-${theme}@2x.png`, 64, themed(state, keyColour)]);
    // The Windows tray: 16 px at 100% scaling up to 32 px at 200%.
    icoFiles.push([`assets/tray-${name}-${theme}.ico`, [16, 20, 24, 32], themed(state, keyColour)]);
  }
}
for (const [path, size, pixel] of files) writeFileSync(path, png(size, pixel));
for (const [path, sizes, pixel] of icoFiles) writeFileSync(path, ico(sizes, pixel));

import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PNG_SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** The images an ICO file holds: each one's size as its directory says, and whether its bytes are a PNG of that size. */
function icoImages(bytes: Buffer): { size: number; pngOfThatSize: boolean }[] {
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + 16 * index;
    const size = bytes.readUInt8(entry) || 256;
    const image = bytes.subarray(bytes.readUInt32LE(entry + 12), bytes.readUInt32LE(entry + 12) + bytes.readUInt32LE(entry + 8));
    return { size, pngOfThatSize: image.subarray(0, 8).equals(PNG_SIGNATURE) && image.readUInt32BE(16) === size && image.readUInt32BE(20) === size };
  });
}

describe('assets/', () => {
  it('holds exactly what scripts/make-icons.mjs draws, byte for byte', async () => {
    const scratch = await mkdtemp(join(tmpdir(), 'keyless-icons-'));
    try {
      await mkdir(join(scratch, 'assets'));
      await promisify(execFile)(process.execPath, [resolve('scripts/make-icons.mjs')], { cwd: scratch });
      const drawn = (await readdir(join(scratch, 'assets'))).sort();
      expect((await readdir('assets')).sort()).toEqual(drawn);
      for (const file of drawn) expect((await readFile(join('assets', file))).equals(await readFile(join(scratch, 'assets', file))), file).toBe(true);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  it('gives Windows an app icon up to 256 px and tray icons for 100% to 200% scaling, as PNG-in-ICO files', async () => {
    expect(icoImages(await readFile('assets/icon.ico'))).toEqual([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, pngOfThatSize: true })));
    expect(icoImages(await readFile('assets/tray-signed-in-light.ico'))).toEqual([16, 20, 24, 32].map((size) => ({ size, pngOfThatSize: true })));
  });
});

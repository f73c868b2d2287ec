// Draws build/icon.png (512×512): a roof over a speech bubble, in the app's indigo. Pure Node
// (zlib + a hand-written PNG encoder) so packaging needs no image tools.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 512;
const pixels = Buffer.alloc(size * size * 4);
const set = (x: number, y: number, [r, g, b, a]: number[]) => {
  const i = (y * size + x) * 4;
  pixels[i] = r!;
  pixels[i + 1] = g!;
  pixels[i + 2] = b!;
  pixels[i + 3] = a!;
};
const indigo = [76, 110, 245, 255];
const white = [255, 255, 255, 255];
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const dx = Math.max(Math.abs(x - 256) - 176, 0);
    const dy = Math.max(Math.abs(y - 256) - 176, 0);
    const inRounded = dx * dx + dy * dy <= 80 * 80;
    set(x, y, inRounded ? indigo : [0, 0, 0, 0]);
    // Roof: a thick chevron.
    const roofY = 250 - (176 - Math.abs(x - 256)) * 0.75;
    if (Math.abs(x - 256) < 176 && y > roofY && y < roofY + 44) set(x, y, white);
    // House body / message bubble.
    if (x > 156 && x < 356 && y > 260 && y < 400) set(x, y, white);
    if (x > 196 && x < 316 && y > 300 && y < 330) set(x, y, indigo);
    if (x > 196 && x < 286 && y > 345 && y < 372) set(x, y, indigo);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8;
header[9] = 6;
const raw = Buffer.alloc((size * 4 + 1) * size);
for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('../build/icon.png', import.meta.url), png);
console.log('wrote build/icon.png');

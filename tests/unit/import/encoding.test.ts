import { describe, expect, it } from 'vitest';
import {
  completeUtf8Length,
  createStreamingDecoder,
  detectEncoding,
  isValidUtf8Prefix,
  looksBinary,
} from '../../../electron/parsing/encoding';
import { readAll, tempDir } from './helpers';

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));

describe('detectEncoding', () => {
  it('recognises UTF-8 with and without BOM', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Name,Phone\nPeña,1')]))).toMatchObject({ encoding: 'utf-8', bomLength: 3 });
    expect(detectEncoding(utf8('Name,Phone\nPeña,1'))).toMatchObject({ encoding: 'utf-8', bomLength: 0, warnings: [] });
  });

  it('recognises UTF-16 LE and BE by their BOM', () => {
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, ...utf16le('Name\tPhone')]))).toMatchObject({ encoding: 'utf-16le', bomLength: 2 });
    const be = Buffer.from(utf16le('Name\tPhone')).swap16();
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, ...be]))).toMatchObject({ encoding: 'utf-16be', bomLength: 2 });
  });

  it('guesses UTF-16 without BOM from the zero bytes, with a warning', () => {
    const detection = detectEncoding(utf16le('Name\tPhone\r\nJohn\t5551234567\r\n'));
    expect(detection.encoding).toBe('utf-16le');
    expect(detection.warnings).toHaveLength(1);
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    const detection = detectEncoding(new Uint8Array(Buffer.from('Name;City\nJosé Peña;Sevilla\n', 'latin1')));
    expect(detection.encoding).toBe('windows-1252');
    expect(detection.warnings[0]).toMatch(/Windows-1252/);
  });

  it('reads a mostly UTF-8 sample with a stray Windows-1252 byte as UTF-8 (two exports pasted together)', () => {
    // Read wholly as Windows-1252, "Zoë Müller" became "ZoÃ« MÃ¼ller" (a review's file).
    const bytes = new Uint8Array([...utf8('Name\nZoë Müller\nRenée\n'), ...Buffer.from('Peña\n', 'latin1')]);
    const detection = detectEncoding(bytes);
    expect(detection.encoding).toBe('utf-8');
    expect(detection.warnings[0]).toMatch(/UTF-8 except for 1 byte\(s\) that were read as Windows-1252/);
    const decoder = createStreamingDecoder(detection.encoding);
    expect(decoder.decode(bytes) + decoder.end()).toBe('Name\nZoë Müller\nRenée\nPeña\n');
  });

  it('does not call a sample invalid because it ends in the middle of a multi-byte character', () => {
    const bytes = utf8('abc€'); // € is 3 bytes
    for (let cut = 4; cut <= 6; cut++) expect(isValidUtf8Prefix(bytes.subarray(0, cut))).toBe(true);
    expect(completeUtf8Length(bytes.subarray(0, 5))).toBe(3);
    expect(completeUtf8Length(bytes)).toBe(6);
  });
});

describe('looksBinary', () => {
  it('flags NULs in bulk, zip (xlsx) and OLE (xls) signatures, not text, text with a stray NUL, or UTF-16', () => {
    expect(looksBinary(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), 'utf-8')).toBe(true);
    expect(looksBinary(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'windows-1252')).toBe(true);
    expect(looksBinary(utf8('a\u0000\u0000,\u0000\u0000b'), 'utf-8')).toBe(true);
    expect(looksBinary(utf8('Name,Phone\nAnn\u0000,5125550142\n'), 'utf-8')).toBe(false);
    expect(looksBinary(utf8('Name,Phone\r\n"a\tb",1\n'), 'utf-8')).toBe(false);
    expect(looksBinary(utf16le('Name\tPhone'), 'utf-16le')).toBe(false);
  });
});

describe('createStreamingDecoder', () => {
  it('decodes a UTF-8 character split across chunks at every possible cut', () => {
    const bytes = utf8('Peña 😀 Zoë');
    for (let cut = 1; cut < bytes.length; cut++) {
      const decoder = createStreamingDecoder('utf-8');
      expect(decoder.decode(bytes.subarray(0, cut)) + decoder.decode(bytes.subarray(cut)) + decoder.end()).toBe('Peña 😀 Zoë');
    }
  });

  it('decodes UTF-16 split across chunks (odd byte counts)', () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...utf16le('Zoë 😀')]);
    const decoder = createStreamingDecoder('utf-16le');
    expect(decoder.decode(bytes.subarray(0, 5)) + decoder.decode(bytes.subarray(5)) + decoder.end()).toBe('Zoë 😀');
  });

  it('reads stray Windows-1252 bytes in a UTF-8 file as Windows-1252 instead of U+FFFD', () => {
    const decoder = createStreamingDecoder('utf-8');
    const mixed = new Uint8Array([...utf8('Zoë,'), ...Buffer.from('Peña', 'latin1'), ...utf8(',ok')]);
    expect(decoder.decode(mixed) + decoder.end()).toBe('Zoë,Peña,ok');
    expect(decoder.fallbackBytes).toBe(1);
  });
});

describe('reading files in 64 KiB chunks', () => {
  it('keeps a multi-byte character that straddles the 64 KiB chunk boundary intact', async () => {
    const tmp = tempDir();
    try {
      const header = 'name,note\n';
      // Place "ñ" (2 bytes) and "😀" (4 bytes) so that each straddles a 65536-byte boundary.
      const pad1 = 'x'.repeat(65536 - header.length - 'a,'.length - 1);
      const line1 = `a,${pad1}ñ\n`;
      const offsetAfterLine1 = header.length + Buffer.byteLength(line1);
      const pad2 = 'y'.repeat(2 * 65536 - offsetAfterLine1 - 'b,'.length - 2);
      const line2 = `b,${pad2}😀\n`;
      const bytes = Buffer.from(header + line1 + line2, 'utf8');
      expect(bytes.subarray(65535, 65537).toString('utf8')).toBe('ñ');
      const path = tmp.file('straddle.csv', bytes);
      const { rows } = await readAll(path);
      expect(rows.map((row) => row.cells[1]?.slice(-2))).toEqual(['xñ', '😀']);

      const utf16Path = tmp.file('straddle16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name,note\n' + 'c,' + 'z'.repeat(32754) + '😀\n', 'utf16le')]));
      const utf16 = await readAll(utf16Path, { encoding: 'utf-16le' });
      expect(utf16.rows[0]?.cells[1]?.endsWith('z😀')).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });
});

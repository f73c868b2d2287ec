/**
 * Text encoding detection and streaming decoding for imported CSV files.
 *
 * Old CRM exports arrive as UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text") or
 * Windows-1252 (Excel "CSV" on Windows). Detection looks only at the first bytes of the file;
 * the decoder then works chunk by chunk so a 2 GB file never has to be in memory.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface EncodingDetection {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark at the start of the file (the decoder skips them). */
  bomLength: number;
  /** Human-readable notes for the import preview, e.g. "No BOM: guessed UTF-16LE from zero bytes". */
  warnings: string[];
}

export const BINARY_FILE_MESSAGE = 'This looks like a binary file, neither a CSV file nor an Excel or OpenDocument workbook the app can read.';

/** Detects the encoding from the first bytes of a file (a 64–256 KiB sample is plenty). */
export function detectEncoding(sample: Uint8Array): EncodingDetection {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3, warnings: [] };
  }
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2, warnings: [] };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2, warnings: [] };

  const bomlessUtf16 = guessBomlessUtf16(sample);
  if (bomlessUtf16) {
    return {
      encoding: bomlessUtf16,
      bomLength: 0,
      warnings: [`The file has no byte-order mark; it was read as ${bomlessUtf16.toUpperCase()} because every other byte is zero.`],
    };
  }
  if (isValidUtf8Prefix(sample)) return { encoding: 'utf-8', bomLength: 0, warnings: [] };
  // Mostly UTF-8, with a few Windows-1252 bytes (two exports pasted together): read as UTF-8, those bytes as
  // Windows-1252 (the decoder's fallback). Read wholly as Windows-1252, every UTF-8 name was garbled ("Zoë" →
  // "ZoÃ«") and would have been texted so.
  const { valid, invalid } = utf8SequenceCounts(sample.subarray(0, completeUtf8Length(sample)));
  if (valid > invalid) {
    return {
      encoding: 'utf-8',
      bomLength: 0,
      warnings: [`The file is UTF-8 except for ${invalid} byte(s) that were read as Windows-1252 (Western European). Check accented names in the preview.`],
    };
  }
  return {
    encoding: 'windows-1252',
    bomLength: 0,
    warnings: ['The file is not UTF-8; it was read as Windows-1252 (Western European). Check accented names in the preview.'],
  };
}

/**
 * True when the sample decodes as UTF-8. A multi-byte character cut by the end of the sample is
 * not an error: only complete sequences are checked.
 */
export function isValidUtf8Prefix(sample: Uint8Array): boolean {
  const completeLength = completeUtf8Length(sample);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, completeLength));
    return true;
  } catch {
    return false;
  }
}

/** Length of the prefix of `bytes` that ends on a UTF-8 character boundary (drops at most 3 bytes). */
export function completeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= Math.min(4, length); back++) {
    const byte = bytes[length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}

/** Excel's "Unicode text" without BOM is rare but happens when files are cut; zero bytes give it away. */
function guessBomlessUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(sample.length >> 1, 4096);
  if (pairs < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) zeroEven++;
    if (sample[2 * i + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > pairs * 0.4 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.4 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * Binary check for a non-UTF-16 sample: more than a few control characters (besides tab, CR, LF, form
 * feed) means a spreadsheet, an archive or a database file was renamed. NUL bytes alone do not: some old
 * CRMs pad their export's cells with them (the decoder drops them, and the preview says so), while a real
 * binary file has other control bytes too, or NULs in bulk.
 */
export function looksBinary(sample: Uint8Array, encoding: TextEncodingName): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  // ZIP (xlsx, docx) and OLE2 (xls) signatures, even in a tiny file.
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) return true;
  if (sample[0] === 0xd0 && sample[1] === 0xcf && sample[2] === 0x11 && sample[3] === 0xe0) return true;
  const checked = Math.min(sample.length, 65536);
  let controls = 0;
  let nuls = 0;
  for (let i = 0; i < checked; i++) {
    const byte = sample[i] ?? 0;
    if (byte === 0) nuls++;
    else if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) controls++;
  }
  return checked > 0 && (controls / checked > 0.01 || nuls / checked > 0.25);
}

/** NUL bytes in a sample of an 8-bit file (in UTF-16 they are half of every character). */
export function nulBytesIn(sample: Uint8Array, encoding: TextEncodingName): number {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return 0;
  let nuls = 0;
  for (let at = sample.indexOf(0); at !== -1; at = sample.indexOf(0, at + 1)) nuls++;
  return nuls;
}

/** U+0000 is never part of a name, a phone or a note: dropped, so SQLite and GHL never get one. */
const withoutNuls = (text: string): string => (text.includes('\0') ? text.replaceAll('\0', '') : text);

/** A chunk-at-a-time decoder: `decode` may hold back a partial character until the next chunk. */
export interface StreamingTextDecoder {
  decode(chunk: Uint8Array): string;
  /** Flushes a held-back partial character (as U+FFFD) at end of input. */
  end(): string;
  /** Bytes that were not valid UTF-8 and were read as Windows-1252 instead (UTF-8 input only). */
  readonly fallbackBytes: number;
}

/**
 * Creates a streaming decoder. The BOM, if any, is skipped by TextDecoder itself.
 * UTF-8 input that turns out to contain stray Windows-1252 bytes past the detection sample (files
 * pasted together from two exports) is decoded byte-wise with a Windows-1252 fallback for the
 * invalid bytes, instead of turning "Peña" into "Pe�a".
 */
export function createStreamingDecoder(encoding: TextEncodingName): StreamingTextDecoder {
  if (encoding !== 'utf-8') {
    const decoder = new TextDecoder(encoding);
    return {
      decode: (chunk) => withoutNuls(decoder.decode(chunk, { stream: true })),
      end: () => withoutNuls(decoder.decode()),
      fallbackBytes: 0,
    };
  }
  const utf8 = new Utf8WithCp1252Fallback();
  return {
    decode: (chunk) => withoutNuls(utf8.decode(chunk)),
    end: () => withoutNuls(utf8.end()),
    get fallbackBytes() {
      return utf8.fallbackBytes;
    },
  };
}

class Utf8WithCp1252Fallback implements StreamingTextDecoder {
  private readonly strict = new TextDecoder('utf-8', { fatal: true });
  private readonly lenient = new TextDecoder('utf-8');
  private carry: Uint8Array = new Uint8Array(0);
  private isFirstChunk = true;
  fallbackBytes = 0;

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry, 0);
      bytes.set(chunk, this.carry.length);
    }
    if (this.isFirstChunk && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bytes = bytes.subarray(3);
    }
    if (this.isFirstChunk && bytes.length > 0) this.isFirstChunk = false;
    const complete = completeUtf8Length(bytes);
    this.carry = bytes.slice(complete);
    const body = bytes.subarray(0, complete);
    try {
      return this.strict.decode(body);
    } catch {
      return this.decodeMixed(body);
    }
  }

  end(): string {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    if (rest.length === 0) return '';
    try {
      return this.strict.decode(rest);
    } catch {
      return this.decodeMixed(rest);
    }
  }

  /** Slow path, only for chunks with invalid UTF-8: valid sequences as UTF-8, other bytes as CP1252. */
  private decodeMixed(bytes: Uint8Array): string {
    let out = '';
    let runStart = 0;
    let i = 0;
    while (i < bytes.length) {
      const sequenceLength = validUtf8SequenceLength(bytes, i);
      if (sequenceLength > 0) {
        i += sequenceLength;
        continue;
      }
      out += this.lenient.decode(bytes.subarray(runStart, i)) + cp1252.decode(bytes.subarray(i, i + 1));
      this.fallbackBytes++;
      i++;
      runStart = i;
    }
    return out + this.lenient.decode(bytes.subarray(runStart));
  }
}

const cp1252 = new TextDecoder('windows-1252');

function validUtf8SequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at] ?? 0;
  if (lead < 0x80) return 1;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || at + length > bytes.length) return 0;
  for (let k = 1; k < length; k++) {
    if (((bytes[at + k] ?? 0) & 0xc0) !== 0x80) return 0;
  }
  // Overlong / surrogate / out-of-range forms: let the strict decoder be the judge.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + length));
    return length;
  } catch {
    return 0;
  }
}

/** How many multi-byte UTF-8 characters the bytes hold, and how many bytes are not UTF-8. */
function utf8SequenceCounts(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let at = 0; at < bytes.length; ) {
    if ((bytes[at] ?? 0) < 0x80) {
      at++;
      continue;
    }
    const length = validUtf8SequenceLength(bytes, at);
    if (length > 1) {
      valid++;
      at += length;
    } else {
      invalid++;
      at++;
    }
  }
  return { valid, invalid };
}

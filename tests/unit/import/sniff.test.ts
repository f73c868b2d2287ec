import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINARY_FILE_MESSAGE } from '../../../electron/parsing/encoding';
import { ImportFileError } from '../../../electron/parsing/import-file-error';
import { sniffBytes, sniffFile } from '../../../electron/parsing/sniff';
import { FIXTURES, readAll, tempDir } from './helpers';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('sniffFile on the committed fixtures', () => {
  it('semicolon-delimited Windows-1252 without BOM, accented names', async () => {
    const result = await sniffFile(join(FIXTURES, 'semicolon-windows1252.csv'));
    expect(result).toMatchObject({ encoding: 'windows-1252', delimiter: ';', hasHeader: true });
    expect(result.headers).toEqual(['Nom complet', 'Téléphone', 'Email', 'Ville', 'Code postal']);
    expect(result.previewRows[0]).toEqual(['José Peña', '(512) 555-0143', 'jose.pena@example.com', 'San Antonio', '78201']);
    expect(result.previewRows).toHaveLength(3);
  });

  it('UTF-16LE with BOM, tab-separated', async () => {
    const result = await sniffFile(join(FIXTURES, 'utf16le-bom.tsv'));
    expect(result).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', hasHeader: true, headers: ['Customer', 'Cell', 'E-mail', 'State'] });
    expect(result.previewRows[0]?.[0]).toBe('Zoë Ångström');
    expect(result.previewRows[1]?.[0]).toBe('李 小龍');
  });

  it('UTF-8 with BOM and quoted multi-line notes', async () => {
    const result = await sniffFile(join(FIXTURES, 'utf8-bom-multiline.csv'));
    expect(result).toMatchObject({ encoding: 'utf-8', delimiter: ',', hasHeader: true });
    expect(result.headers[0]).toBe('First Name'); // BOM not glued to the first header
    expect(result.previewRows[0]?.[3]).toBe('Roof replaced 2019.\r\nCustomer said: "call after 5".\r\nDog in yard.');
    expect(result.previewRows[1]).toEqual(['Bob', 'Smith', '615-867-5309', 'Gutters, downspouts']);
  });

  it('pipe-delimited file without header row', async () => {
    const result = await sniffFile(join(FIXTURES, 'pipe-no-header.csv'));
    expect(result).toMatchObject({ delimiter: '|', hasHeader: false });
    expect(result.headers).toEqual(['Column 1', 'Column 2', 'Column 3', 'Column 4', 'Column 5', 'Column 6', 'Column 7']);
    expect(result.previewRows).toHaveLength(2);
    expect(result.previewRows[0]?.[3]).toBe('123 Main St, Apt 4');
  });
});

describe('delimiter detection', () => {
  const table = [
    ['Name', 'Phone', 'Address', 'Notes'],
    ['John Smith', '555-123-4567', '1 Main St; Apt 2', 'said "call later", maybe'],
    ['Mary Jones', '555-987-6543', '9 Oak Ave', 'a|b'],
    ['Ann Lee', '555-111-2222', '3 Elm', ''],
  ];
  for (const delimiter of [',', ';', '\t', '|'] as const) {
    it(`detects ${JSON.stringify(delimiter)} with the other candidates inside quoted cells`, () => {
      const text = table.map((row) => row.map((cell) => (/[",;|\t]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(delimiter)).join('\r\n');
      const result = sniffBytes(bytes(text));
      expect(result.delimiter).toBe(delimiter);
      expect(result.previewRows[0]).toEqual(table[1]);
    });
  }

  it('takes the caller override as is', () => {
    expect(sniffBytes(bytes('a;b,c\n1;2,3\n'), { delimiter: ';' }).delimiter).toBe(';');
  });
});

describe('header detection', () => {
  it('recognises a header of known labels', () => {
    expect(sniffBytes(bytes('Homeowner,Cell,Zip\nJohn,5551234567,75201\n')).hasHeader).toBe(true);
  });
  it('recognises unknown labels above typed data', () => {
    expect(sniffBytes(bytes('Kunde,Nummer\nJohn,5551234567\n')).hasHeader).toBe(true);
  });
  it('says no header when the first row holds phones/emails', () => {
    const result = sniffBytes(bytes('John Smith,555-123-4567,john@example.com\nMary,555-987-6543,mary@example.com\n'));
    expect(result.hasHeader).toBe(false);
    expect(result.previewRows).toHaveLength(2);
  });
  it('keeps a header of known labels that also has year columns ("2019", "2020"): its names are not lost as a data row', () => {
    const result = sniffBytes(bytes('Name,Cell,Email,City,Do Not Call,2019,2020\nJohn Smith,(512) 555-0300,john@example.com,Austin,Yes,1200,\n'));
    expect(result.hasHeader).toBe(true);
    expect(result.headers).toEqual(['Name', 'Cell', 'Email', 'City', 'Do Not Call', '2019', '2020']);
  });
  it('says no header for a first lead with no phone above leads with phones (a blank cell names no column)', () => {
    // Read as the header, John Smith was lost with no count (a review's file).
    const result = sniffBytes(bytes('John,Smith,,,Austin\nJane,Doe,512-555-0135,jane@x.com,Dallas\nBob,Roe,512-555-0136,bob@x.com,Waco\n'));
    expect(result.hasHeader).toBe(false);
    expect(result.previewRows[0]).toEqual(['John', 'Smith', '', '', 'Austin']);
  });

  it('says no header for a data row that has a number and a street', () => {
    expect(sniffBytes(bytes('John Smith,100 Main Street,Austin,TX,78701\nMary Jones,9 Oak Street,Dallas,TX,75201\n')).hasHeader).toBe(false);
  });
  it('can be overridden', () => {
    const result = sniffBytes(bytes('Homeowner,Cell\nJohn,5551234567\n'), { hasHeader: false });
    expect(result.headers).toEqual(['Column 1', 'Column 2']);
    expect(result.previewRows).toHaveLength(2);
  });
});

describe('bad files', () => {
  it('0-byte file', async () => {
    const tmp = tempDir();
    try {
      await expect(sniffFile(tmp.file('empty.csv', ''))).rejects.toMatchObject({ code: 'empty-file' });
      await expect(sniffFile(tmp.file('blank.csv', '\r\n\r\n  \n'))).rejects.toBeInstanceOf(ImportFileError);
    } finally {
      tmp.cleanup();
    }
  });

  it('xlsx renamed to .csv', async () => {
    const tmp = tempDir();
    try {
      const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml'), Buffer.alloc(64)]);
      await expect(sniffFile(tmp.file('leads.csv', zip))).rejects.toThrow(BINARY_FILE_MESSAGE);
      const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
      await expect(sniffFile(tmp.file('random.csv', random))).rejects.toMatchObject({ code: 'binary-file' });
    } finally {
      tmp.cleanup();
    }
  });

  it('header only', () => {
    const result = sniffBytes(bytes('First Name,Last Name,Phone\r\n'));
    expect(result.hasHeader).toBe(true);
    expect(result.previewRows).toEqual([]);
    expect(result.warnings).toContain('The file has a header row but no data rows.');
  });

  it('duplicate header names keep their own positions', () => {
    const result = sniffBytes(bytes('Name,Phone,Phone\nJohn,5551234567,5559876543\n'));
    expect(result.headers).toEqual(['Name', 'Phone', 'Phone']);
    expect(result.warnings.some((warning) => warning.includes('"Phone"'))).toBe(true);
  });

  it('ragged preview rows are reported', () => {
    const result = sniffBytes(bytes('Name,Phone,City\nJohn,5551234567,Dallas\nMary,5559876543\nAnn,5551112222,Waco,TX\n'));
    // By their numbers in the file (the header is row 1), as the preview and the review show them.
    expect(result.warnings).toContain('In the preview, rows 3, 4 have a different number of cells than the 3 columns.');
  });

  it('a sample cut in the middle of a row does not break the preview', () => {
    const text = 'Name,Phone\n' + Array.from({ length: 100 }, (_, i) => `Person ${i},555${String(i).padStart(7, '0')}`).join('\n');
    const sample = bytes(text).subarray(0, 500);
    const result = sniffBytes(sample, {}, false);
    expect(result.previewRows).toHaveLength(20);
    expect(result.previewRows.every((row) => row.length === 2)).toBe(true);
  });
});

describe('a first data row longer than the sample', () => {
  it('is found by looking further: it was read as "a header row but no data rows", and the file could not be imported', async () => {
    const tmp = tempDir();
    try {
      const notes = 'Called back, no answer. '.repeat(15_000); // ~350 KB, past the first look's 256 KB
      const path = tmp.file('long-note.csv', `First Name,Phone,Notes\nAnn,(512) 555-0142,"${notes}"\nBob,(512) 555-0143,short\n`);
      const result = await sniffFile(path);
      expect(result.warnings).not.toContain('The file has a header row but no data rows.');
      expect(result.headers).toEqual(['First Name', 'Phone', 'Notes']);
      expect(result.previewRows.map((row) => row[0])).toEqual(['Ann', 'Bob']);
      expect(result.previewRows[0]?.[2]).toHaveLength(notes.length);
    } finally {
      tmp.cleanup();
    }
  });
});

describe('NUL bytes in a text file', () => {
  it('are left out of every value, with a word in the preview: a few padded cells made the whole file "a binary file"', async () => {
    const tmp = tempDir();
    try {
      // Cells padded with NULs, as some old CRMs export them, and one more row past the first look.
      const filler = Array.from({ length: 3_000 }, (_, i) => `Filler${i},(512) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`).join('\n');
      const path = tmp.file('padded.csv', `First Name,Phone\nAnn\0\0\0,(512) 555-0142\n${filler}\nB\0ob,(512) 555-0143\n`);
      const sniffed = await sniffFile(path);
      expect(sniffed.previewRows[0]).toEqual(['Ann', '(512) 555-0142']);
      expect(sniffed.warnings.join(' ')).toMatch(/NUL bytes .*left out of every value/);
      const { rows } = await readAll(path);
      expect(rows.at(-1)?.cells).toEqual(['Bob', '(512) 555-0143']);
      expect(rows.some((row) => row.cells.some((cell) => cell.includes('\0')))).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });

  it('in bulk, or beside other control bytes, still make a binary file', () => {
    const sqliteLike = new Uint8Array(4096);
    sqliteLike.set(new TextEncoder().encode('SQLite format 3\0'));
    expect(() => sniffBytes(sqliteLike)).toThrow(BINARY_FILE_MESSAGE);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0]);
    expect(() => sniffBytes(png)).toThrow(BINARY_FILE_MESSAGE);
  });
});

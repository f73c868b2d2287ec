import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../../electron/parsing/csv-reader';
import { suggestMapping } from '../../../electron/parsing/mapping';
import { createRowValidator } from '../../../electron/parsing/row-validator';
import { tempDir } from './helpers';

/** Prints rows/s of readCsvRows + validator on 100k generated rows. A measurement, not an assertion. */
describe('throughput', () => {
  it('reads and validates 100k generated rows', async () => {
    const tmp = tempDir();
    try {
      const headers = ['Customer', 'Cell', 'Home Phone', 'Email', 'Job Address', 'City', 'State', 'Zip', 'Lead Source', 'Notes', 'Install Date', 'DNC'];
      const lines = [headers.join(',')];
      const phones = ['(212) 867-%', '214.555.%', '+1 303 555 %', '512555%', '555-%', '1-800-FLOWERS'];
      for (let i = 0; i < 100_000; i++) {
        const phone = (phones[i % phones.length] ?? '').replace('%', String(i % 10_000).padStart(4, '0'));
        lines.push([
          i % 4 === 0 ? `"Smith, John ${i}"` : `Mary Q. Jones${i}`, phone, i % 3 === 0 ? '404-867-5309' : '',
          i % 2 === 0 ? `person${i}@example.com` : '', `"${i} Main St, Apt ${i % 9}"`, 'Dallas', i % 2 ? 'TX' : 'Texas',
          String(75_000 + (i % 999)), 'Yard sign', i % 5 === 0 ? '"Hail damage\nCall after 5"' : '', `${1 + (i % 12)}/${1 + (i % 28)}/20${10 + (i % 14)}`, i % 50 === 0 ? 'yes' : '',
        ].join(','));
      }
      const path = join(tmp.dir, 'throughput.csv');
      writeFileSync(path, lines.join('\r\n') + '\r\n');

      const validate = createRowValidator({ mapping: suggestMapping(headers) });
      const started = performance.now();
      let imported = 0;
      let rejected = 0;
      for await (const row of readCsvRows(path, { encoding: 'utf-8', delimiter: ',', hasHeader: true })) {
        if (validate(row.cells).ok) imported++;
        else rejected++;
      }
      const seconds = (performance.now() - started) / 1000;

      const readOnlyStarted = performance.now();
      let readOnly = 0;
      for await (const _row of readCsvRows(path, { encoding: 'utf-8', delimiter: ',', hasHeader: true })) readOnly++;
      const readSeconds = (performance.now() - readOnlyStarted) / 1000;

      console.log(
        `[import] 100k rows: read+validate ${Math.round(100_000 / seconds).toLocaleString('en-US')} rows/s (${seconds.toFixed(2)} s; ${imported} ok, ${rejected} rejected); ` +
          `read only ${Math.round(readOnly / readSeconds).toLocaleString('en-US')} rows/s`,
      );
      expect(imported + rejected).toBe(100_000);
      expect(rejected).toBeGreaterThan(0);
    } finally {
      tmp.cleanup();
    }
  });
});

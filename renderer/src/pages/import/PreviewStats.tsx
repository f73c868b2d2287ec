import { SimpleGrid } from '@mantine/core';
import type { PreviewCounts } from '../../../../shared/ipc/imports';
import { StatCard } from '../../components/StatCard';

/** Valid rows include repeats (in the file or of existing leads); only the rest become new leads. */
export const newLeadCount = (counts: PreviewCounts): number => Math.max(0, counts.valid - counts.duplicatesInFile - counts.duplicatesExisting);

/** The four numbers staff care about before importing. */
export function PreviewStats({ counts }: { counts: PreviewCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 5 }}>
      <StatCard
        label="Rows in file"
        value={counts.rows}
        hint={counts.blankRows > 0 ? `${counts.blankRows.toLocaleString()} blank row${counts.blankRows === 1 ? '' : 's'} skipped` : 'Row numbers as in Excel: the header is row 1'}
      />
      {/* The rest of the valid rows are the repeats counted beside it: "5 valid, 4 new" left the fifth unexplained. */}
      <StatCard label="Valid rows" value={counts.valid} color="green" hint={validRowsHint(counts)} />
      <StatCard label="Cannot be imported" value={counts.invalid} color={counts.invalid ? 'red' : undefined} hint="Fix them below or download them later" />
      <StatCard label="Repeated in this file" value={counts.duplicatesInFile} color={counts.duplicatesInFile ? 'orange' : undefined} />
      <StatCard label="Already in the app" value={counts.duplicatesExisting} color={counts.duplicatesExisting ? 'orange' : undefined} />
    </SimpleGrid>
  );
}

function validRowsHint(counts: PreviewCounts): string {
  const repeats = counts.duplicatesInFile + counts.duplicatesExisting;
  const fresh = `${newLeadCount(counts).toLocaleString()} of them new leads`;
  // Named as the cards beside it name them: "2 repeated" sat beside "Repeated in this file: 0" (they were already in the app).
  const parts = [
    counts.duplicatesInFile > 0 ? `${counts.duplicatesInFile.toLocaleString()} repeated in this file` : null,
    counts.duplicatesExisting > 0 ? `${counts.duplicatesExisting.toLocaleString()} already in the app` : null,
  ].filter((part) => part !== null);
  return repeats > 0 ? `${fresh}; ${parts.join(', ')}` : fresh;
}

import { Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { LeadStatus } from '../../../../../shared/lead';
import { displayFileName } from '../../../components/file-name';
import { companiesQuery, importsListQuery } from '../../../lib/queries';
import { formatDay } from '../../dashboard/format';
import type { LeadSort } from '../../../lib/query-keys';
import { isLeadStatus, statusOptions } from '../../dashboard/lead-status';

export interface FilterDraft {
  search: string;
  companyId: number | null;
  status: LeadStatus | null;
  batchId: number | null;
  tag: string;
  sort: LeadSort;
}

interface Props {
  draft: FilterDraft;
  onChange: (patch: Partial<FilterDraft>) => void;
}

/** Search and filters as typed; the page debounces the text ones before asking main. */
export function LeadFiltersBar({ draft, onChange }: Props) {
  const companies = useQuery(companiesQuery());
  const imports = useQuery(importsListQuery());
  // A file is known by its name (and when it came in, for two files of the same name), never by a number.
  const importOptions = (imports.data ?? [])
    .filter((batch) => batch.state !== 'undone' && (draft.companyId === null || batch.companyId === draft.companyId))
    .map((batch) => ({ value: String(batch.id), label: `${displayFileName(batch.fileName)} · ${formatDay(batch.createdAt)}` }));
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Name, phone, email or city"
        w={220}
        value={draft.search}
        onChange={(event) => onChange({ search: event.currentTarget.value })}
      />
      <Select
        label="Company"
        placeholder={companies.isError ? 'Could not read the companies' : 'All companies'}
        error={companies.isError ? companies.error.message : undefined}
        clearable
        w={170}
        data={(companies.data ?? []).map((company) => ({ value: String(company.id), label: company.name }))}
        value={draft.companyId === null ? null : String(draft.companyId)}
        onChange={(value) => onChange({ companyId: value ? Number(value) : null })}
      />
      <Select
        label="Status"
        placeholder="Any status"
        clearable
        w={150}
        data={statusOptions}
        value={draft.status}
        onChange={(value) => onChange({ status: isLeadStatus(value) ? value : null })}
      />
      <Select
        label="Imported from"
        placeholder={imports.isError ? 'Could not read the imports' : 'Any file'}
        error={imports.isError ? imports.error.message : undefined}
        clearable
        searchable
        // "No imported file by that name" after a failed read would say the import never happened.
        nothingFoundMessage={imports.isError ? 'The imports could not be read: reload the page to try again.' : 'No imported file by that name'}
        // Wide enough for "spring-canvass.csv · Dec 9": the date is what tells two imports of one file name apart.
        w={290}
        data={importOptions}
        value={draft.batchId === null ? null : String(draft.batchId)}
        onChange={(value) => onChange({ batchId: value ? Number(value) : null })}
      />
      <TextInput label="Tag" placeholder="Any tag" w={120} value={draft.tag} onChange={(event) => onChange({ tag: event.currentTarget.value })} />
      <SegmentedControl
        aria-label="Sort"
        value={draft.sort}
        onChange={(value) => onChange({ sort: value === 'oldest' ? 'oldest' : 'newest' })}
        data={[
          { value: 'newest', label: 'Newest first' },
          { value: 'oldest', label: 'Oldest first' },
        ]}
      />
    </Group>
  );
}

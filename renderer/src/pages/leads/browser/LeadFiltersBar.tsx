import { Group, NumberInput, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { LeadStatus } from '../../../../../shared/lead';
import { companiesQuery } from '../../../lib/queries';
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
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Name, phone or email"
        w={220}
        value={draft.search}
        onChange={(event) => onChange({ search: event.currentTarget.value })}
      />
      <Select
        label="Company"
        placeholder="All companies"
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
      <NumberInput
        label="Import batch"
        placeholder="Any"
        min={1}
        allowDecimal={false}
        w={110}
        value={draft.batchId ?? ''}
        onChange={(value) => onChange({ batchId: typeof value === 'number' && value > 0 ? value : null })}
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

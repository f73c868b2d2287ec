import { Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { workflowsQuery } from '../../lib/queries';

interface Props {
  companyId: number | null;
  hasApiKey: boolean;
  value: string;
  /** The chosen workflow's name as stored: it labels a workflow GHL no longer lists. */
  valueName: string;
  error: string | undefined;
  /** The id, and its name in GHL when it was picked from the list (none when typed). */
  onChange: (workflowId: string, workflowName: string) => void;
}

/**
 * Picks one of the location's published workflows once the company has a working key; before
 * that (or when GHL cannot be reached) the ID can be typed, and the reason is shown.
 */
export function WorkflowPicker({ companyId, hasApiKey, value, valueName, error, onChange }: Props) {
  const canList = companyId !== null && hasApiKey;
  const workflows = useQuery({ ...workflowsQuery(companyId ?? 0), enabled: canList });
  if (canList && workflows.data && workflows.data.length > 0) {
    return (
      <Select
        label="Workflow"
        description="A published workflow of this location; leads sent to GHL are added to it"
        data={[
          ...workflows.data.map((w) => ({ value: w.id, label: w.name })),
          // The chosen one, gone from GHL: shown by its name, not as an empty box.
          ...(value && !workflows.data.some((w) => w.id === value) ? [{ value, label: `${valueName || value} (not in GHL any more)` }] : []),
        ]}
        value={value || null}
        onChange={(id) => onChange(id ?? '', workflows.data.find((w) => w.id === id)?.name ?? '')}
        error={error}
        searchable
      />
    );
  }
  const why = !canList
    ? 'Save the company and its API key to pick from the location\u2019s workflows, or paste a workflow ID'
    : workflows.error
      ? `${workflows.error.message} You can paste a workflow ID instead.`
      : workflows.isLoading
        ? 'Loading the location\u2019s workflows…'
        : 'This location has no published workflow; paste a workflow ID';
  return <TextInput label="Workflow ID" description={why} value={value} error={error} onChange={(e) => onChange(e.currentTarget.value, '')} />;
}

import { Badge, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { Company } from '../../../../shared/company';
import { workflowsQuery } from '../../lib/queries';

/**
 * How the company's leads start the campaign, by the workflow's name in GHL when GHL can say it (the list
 * showed GHL's id, e.g. "wf-7c1d…", which no one in the office knows it by). The same cached list the form's
 * picker reads; without a key, offline, or for an id GHL does not list, the id as before.
 */
export function CampaignCell({ company }: { company: Company }) {
  const isWorkflow = company.enrolMode !== 'tag' && company.workflowId !== null;
  const workflows = useQuery({ ...workflowsQuery(company.id), enabled: isWorkflow && company.hasApiKey, retry: false, staleTime: 5 * 60_000 });
  // GHL's name now; else the one it had when chosen (a workflow gone from GHL is named still).
  const name = workflows.data?.find((workflow) => workflow.id === company.workflowId)?.name ?? company.workflowName;
  return (
    <>
      {company.enrolMode === 'tag' ? (
        `Tag ${company.enrolTag ?? 'reactivation'}`
      ) : name ? (
        <>
          Workflow “{name}”
        </>
      ) : (
        <>
          Workflow{' '}
          <Text span size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {company.workflowId ?? '—'}
          </Text>
        </>
      )}
      {company.syncPausedReason === 'workflow-missing' && (
        <Badge color="red" variant="light" ml={4}>
          Gone from GHL: choose another
        </Badge>
      )}
    </>
  );
}

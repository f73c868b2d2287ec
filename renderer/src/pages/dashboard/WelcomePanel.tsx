import { Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { api } from '../../lib/api';
import { useWrite } from '../../lib/use-write';
import { NEW_COMPANY_LINK } from '../companies/company-link';

/**
 * A first start (no company yet): what the app is for and the two ways in, above the fold at
 * 1366×768, instead of eight zero cards and a green "All sent" that would say nothing true.
 */
export function WelcomePanel() {
  // The same channel as Companies → "Try with a sandbox".
  const sandbox = useWrite((_: void) => api.app.startSandbox(), ['companies']);

  function trySandbox() {
    sandbox.mutate(undefined, {
      onError: (error) => notifications.show({ color: 'red', title: 'The sandbox did not start', message: error.message }),
      onSuccess: ({ company }) =>
        notifications.show({
          color: 'green',
          title: 'Sandbox ready',
          message: `"${company.name}" sends to a practice GHL on this computer. Import leads or add one, then come back here.`,
        }),
    });
  }

  return (
    <Card component="section" withBorder padding="xl" aria-label="Welcome">
      <Stack gap="md">
        <div>
          <Title order={3}>Welcome to Roofing Lead Manager</Title>
          <Text c="dimmed" mt={4}>
            Bring in your old customer leads, and the app sends them to your GoHighLevel (GHL) account so a text campaign can reach
            them again.
          </Text>
        </div>
        <List spacing={6} type="ordered">
          <List.Item>Add your company with its GHL location ID; its API key is asked for next, once the company is saved.</List.Item>
          <List.Item>Import a spreadsheet of old leads, or type one in.</List.Item>
          <List.Item>Come back here to see what went out and what needs fixing.</List.Item>
        </List>
        <Group gap="sm">
          <Button component="a" href={NEW_COMPANY_LINK} size="md">
            Add your company
          </Button>
          <Button variant="default" size="md" loading={sandbox.isPending} onClick={trySandbox}>
            Try with a sandbox
          </Button>
        </Group>
        <Text size="sm" c="dimmed">
          No GHL account at hand? The sandbox is a practice GHL on this computer, with a demo company: nothing leaves your machine.
        </Text>
      </Stack>
    </Card>
  );
}

/** A company but not one lead yet: the next step, before the zero cards. */
export function NoLeadsPanel() {
  return (
    <Card component="section" withBorder padding="lg" aria-label="No leads yet">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Title order={4}>No leads yet</Title>
          <Text c="dimmed" size="sm">
            Import a spreadsheet of old customers (CSV or Excel), or type one in. They show up here as they go to GHL.
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Button component="a" href="#/import">
            Import a spreadsheet
          </Button>
          <Button component="a" href="#/new-lead" variant="default">
            Add a lead
          </Button>
        </Group>
      </Group>
    </Card>
  );
}

import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { BatchHistoryPage } from './pages/batches/BatchHistoryPage';
import { CompaniesPage } from './pages/companies/CompaniesPage';
import { DashboardPage } from './pages/dashboard/DashboardPage';
import { ImportWizardPage } from './pages/import/ImportWizardPage';
import { LeadBrowserPage } from './pages/leads/LeadBrowserPage';
import { NewLeadPage } from './pages/leads/NewLeadPage';
import { OptOutsPage } from './pages/optouts/OptOutsPage';

export interface Route {
  path: string;
  label: string;
  render: () => ReactNode;
}

/** Pages register here; the hash keeps the current page across reloads (and in the harness). */
export const routes: Route[] = [
  { path: 'dashboard', label: 'Dashboard', render: () => <DashboardPage /> },
  { path: 'leads', label: 'Leads', render: () => <LeadBrowserPage /> },
  { path: 'companies', label: 'Companies', render: () => <CompaniesPage /> },
  { path: 'new-lead', label: 'New lead', render: () => <NewLeadPage /> },
  { path: 'import', label: 'Import leads', render: () => <ImportWizardPage /> },
  { path: 'batches', label: 'Import history', render: () => <BatchHistoryPage /> },
  { path: 'optouts', label: 'Opt-outs', render: () => <OptOutsPage /> },
];

const currentPath = () => window.location.hash.replace(/^#\/?/, '').split('?')[0] || routes[0]!.path;

export function App() {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const route = routes.find((r) => path === r.path || path.startsWith(`${r.path}/`)) ?? routes[0]!;
  // "Import leads" clicked on the import's own summary starts a new import: the same hash fires no hashchange,
  // so the wizard stayed on the summary. (Leaving mid-import loses the wizard's view as any page change does;
  // the import goes on, and Import history shows it.)
  const [importVisit, setImportVisit] = useState(0);
  // Another page opens at its top: it opened where the last one was scrolled to, its heading under the header.
  // Not for a change within a page (a lead's panel at #/leads/12).
  // In braces: Chromium's scrollTo returns a promise, which React would take for a cleanup function.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [route.path]);

  return (
    <AppShell navbar={{ width: 220, breakpoint: 0 }} header={{ height: 56 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Title order={4}>Roofing Lead Manager</Title>
          <Text size="sm" c="dimmed" id="connectivity-slot" />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        {routes.map((r) => (
          <NavLink
            key={r.path}
            href={`#/${r.path}`}
            label={r.label}
            active={r.path === route.path}
            onClick={() => r.path === 'import' && route.path === 'import' && setImportVisit((visit) => visit + 1)}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main key={route.path === 'import' ? `import-${importVisit}` : route.path}>{route.render()}</AppShell.Main>
    </AppShell>
  );
}

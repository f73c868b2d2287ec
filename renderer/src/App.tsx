import { AppShell, Group, NavLink, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { CompaniesPage } from './pages/companies/CompaniesPage';

export interface Route {
  path: string;
  label: string;
  render: () => ReactNode;
}

/** Pages register here; the hash keeps the current page across reloads (and in the harness). */
export const routes: Route[] = [{ path: 'companies', label: 'Companies', render: () => <CompaniesPage /> }];

const currentPath = () => window.location.hash.replace(/^#\/?/, '').split('?')[0] || routes[0]!.path;

export function App() {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onHash = () => setPath(currentPath());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const route = routes.find((r) => path === r.path || path.startsWith(`${r.path}/`)) ?? routes[0]!;

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
          <NavLink key={r.path} href={`#/${r.path}`} label={r.label} active={r.path === route.path} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{route.render()}</AppShell.Main>
    </AppShell>
  );
}

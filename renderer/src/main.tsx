import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { api } from './lib/api';
import { connectLiveQueries } from './lib/live-queries';
import { createQueryClient } from './lib/query-client';

const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'md' });
const queryClient = createQueryClient();
// For the window's lifetime: one subscription to main's events keeps every query fresh.
connectLiveQueries(queryClient, api.on);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme}>
        {/* Top centre, over the header's empty middle: bottom right, they covered the cards and rows they spoke of. */}
        {/* Bottom left: at the top they hid the titles of dialogs and side panels. */}
        <Notifications position="bottom-left" />
        <App />
      </MantineProvider>
    </QueryClientProvider>
  </StrictMode>,
);

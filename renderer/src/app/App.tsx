import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ToastProvider } from '../components/toast';
import { DeskLock } from '../features/desk';
import { Gate } from './Gate';

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Everything is local: answers are quick, and a refusal will not change by asking again.
      queries: { retry: false, staleTime: 2_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

export function App({ queryClient }: { queryClient?: QueryClient } = {}) {
  const [client] = useState(() => queryClient ?? makeQueryClient());
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>
        <DeskLock>
          <Gate />
        </DeskLock>
      </ToastProvider>
    </QueryClientProvider>
  );
}

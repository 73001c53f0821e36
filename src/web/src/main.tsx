import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { ApiError } from './api.ts';
import { AuthProvider, SESSION_KEY } from './auth.tsx';
import './styles.css';

/**
 * A 401 means the session ended (signed out elsewhere, expired, password reset); a refused CSRF token means
 * the session changed under the page. Either way, ask who is signed in again: the app follows the answer.
 */
const recheckSession = (error: unknown) => {
  if (!(error instanceof ApiError)) return;
  if (error.status === 401 || (error.status === 403 && error.problem.title === 'Request not trusted'))
    void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
};

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: recheckSession }),
  mutationCache: new MutationCache({ onError: recheckSession }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not change by asking again; a dropped connection might.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
      // Ask even when the browser says it is offline: a failure is shown with a retry, never a spinner for ever.
      networkMode: 'always',
    },
    // A write sent offline fails at once and says so (what was typed stays), instead of waiting on "Submitting…".
    mutations: { networkMode: 'always' },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <App />
      </AuthProvider>
    </QueryClientProvider>
  </StrictMode>,
);

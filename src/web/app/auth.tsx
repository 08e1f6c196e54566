// Who is signed in: GET /auth/me on load (401 = nobody), the login answer after sign-in.
// The CSRF token from either is kept in the API client's memory for writes.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';
import type { Me } from '../../shared/accounts.ts';
import { fetchMe, login, logout } from '../features/auth/auth.api.ts';
import { isApiError, NETWORK_ERROR, setCsrfToken, setUnauthenticatedHandler } from '../lib/api.ts';
import { forgetMe, lastKnownMe, rememberMe } from '../../client/offline/me-cache.ts';

interface AuthState {
  me: Me | null;
  loading: boolean;
  /** /auth/me failed for another reason than 401 (server down, no signal). */
  failed: boolean;
  retry: () => void;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** The answer of a change that returns the account anew (a changed password). */
  replaceMe: (me: Me) => void;
}

const AuthContext = createContext<AuthState | null>(null);
const ME_KEY = ['auth', 'me'] as const;

async function currentSession(): Promise<Me | null> {
  try {
    const me = await fetchMe();
    rememberMe(me);
    return me;
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      forgetMe();
      return null;
    }
    // No signal: the account last seen on this device opens the shell (and its offline outbox);
    // writes wait until /auth/me answers again with a CSRF token.
    const known = isApiError(err) && err.code === NETWORK_ERROR ? lastKnownMe() : null;
    if (known) return known;
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: currentSession, staleTime: Infinity });
  const me = meQuery.data ?? null;

  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
  }, [me]);

  useEffect(() => {
    // A request that finds the session gone (expired, revoked) signs the page out.
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      queryClient.setQueryData(ME_KEY, null);
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await login(username, password);
      setCsrfToken(result.csrfToken);
      rememberMe(result);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== 'public' });
      queryClient.setQueryData(ME_KEY, result);
      return result;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } catch {
      // Already signed out on the server: fine.
    }
    setCsrfToken(null);
    forgetMe();
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' && q.queryKey[0] !== 'public' });
  }, [queryClient]);

  const replaceMe = useCallback(
    (next: Me) => {
      rememberMe(next);
      queryClient.setQueryData(ME_KEY, next);
    },
    [queryClient],
  );

  const value = useMemo<AuthState>(
    () => ({
      me,
      loading: meQuery.isPending,
      failed: meQuery.isError,
      retry: () => void meQuery.refetch(),
      signIn,
      signOut,
      replaceMe,
    }),
    [me, meQuery.isPending, meQuery.isError, meQuery.refetch, signIn, signOut, replaceMe],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** For pages inside the signed-in shell, where `me` is known to be set. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe outside the signed-in shell');
  return me;
}

// A list the server pages with an opaque cursor ({items, nextCursor}, src/shared/paging.ts): one
// react-query infinite query under the caller's key — so invalidating or live-refreshing that key
// refetches it like any other query — and the pages loaded so far as one array of rows.
import { type QueryKey, useInfiniteQuery } from '@tanstack/react-query';
import type { ListTotal } from '../../shared/paging.ts';

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
  /** On the first page of lists that count their rows (src/server/platform/list-total.ts). */
  total?: ListTotal;
}

export function useCursorList<T>(queryKey: QueryKey, fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>) {
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return { list, rows, total: list.data?.pages[0]?.total };
}

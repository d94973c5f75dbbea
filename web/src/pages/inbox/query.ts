/** The inbox's request: pages of PAGE_SIZE tasks by cursor, within the view's tab and filters. */
import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import { inboxQuery, type InboxView } from './filters';

/**
 * Tasks per request. A page is what is drawn at once: 50 rows are several screens at 1366×768 and
 * draw in about 0.4 s on an old PC (npm run bench:web); the rest follow on "Tải thêm việc".
 */
export const PAGE_SIZE = 50;

export function inboxPages(view: InboxView) {
  const query = inboxQuery(view);
  return infiniteQueryOptions({
    queryKey: ['tasks', query],
    queryFn: ({ pageParam }) => call(api.GET('/api/tasks', { params: { query: { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

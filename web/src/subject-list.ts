// A list page's filters kept in the URL (stage, unit, kind … and the `before` of the page shown),
// the list read with them, and reloaded whenever a notification arrives: what the information
// requests' and the matters' lists share.
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useNotifications } from './notifications';

/** A page of a list, newest first, and where the next page starts. */
export interface ListPage<Item> {
  items: Item[];
  nextBefore: string | null;
}

/** The filters as the URL holds them: `stage` is ALL when not filtered. */
export type ListFilters = Record<string, string | undefined> & { stage: string };

export function useSubjectList<Item>(
  keys: readonly string[],
  read: (filters: ListFilters) => Promise<ListPage<Item>>,
) {
  const [items, setItems] = useState<Item[]>();
  const [nextBefore, setNextBefore] = useState<string | null>(null);
  const [problem, setProblem] = useState<string>();
  const [params, setParams] = useSearchParams();
  const filters: ListFilters = {
    ...Object.fromEntries([...keys, 'before'].map((k) => [k, params.get(k) ?? undefined])),
    stage: params.get('stage') ?? 'ALL',
  };
  const key = JSON.stringify(filters);

  /** Changes the filters in the URL; a new filter starts again from the newest. */
  const filter = (changes: Record<string, string | undefined>) => {
    const next = { ...filters, ...changes };
    setParams(
      Object.fromEntries(
        Object.entries(next).filter(([k, v]) => v !== undefined && !(k === 'stage' && v === 'ALL')),
      ) as Record<string, string>,
    );
  };

  const load = useCallback(() => {
    read(JSON.parse(key) as ListFilters)
      .then((page) => {
        setItems(page.items);
        setNextBefore(page.nextBefore);
        setProblem(undefined);
      })
      .catch((error: Error) => setProblem(error.message));
    // Reloaded when the filters change (`key`); `read` is the page's own function of them.
  }, [key]);
  // Every notification may change the list: it reloads without the page being reloaded.
  const { revision } = useNotifications();
  useEffect(load, [load, revision]);

  return { items, nextBefore, problem, filters, filter, load };
}

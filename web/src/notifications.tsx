// The signed-in person's notifications: the unread count for the bell, and the live stream
// (GET /me/events, read with fetch so that the token travels in the Authorization header, never in
// the URL). Each event refreshes the lists that subscribe to it, and shows the browser's own
// notification when the person allowed it. A dropped stream reconnects with Last-Event-ID.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { NotificationView } from '../../api/views';
import { answer, api } from './api';
import { currentSession } from './session';
import { takeEvents } from './sse';

export type AppNotification = NotificationView;

interface NotificationState {
  unread: number;
  /** Increases with every event: pages reload their lists when it changes. */
  revision: number;
  items: AppNotification[];
  refresh(): void;
  markAllRead(): Promise<void>;
}

const Context = createContext<NotificationState>({
  unread: 0,
  revision: 0,
  items: [],
  refresh: () => undefined,
  markAllRead: async () => undefined,
});

export const useNotifications = () => useContext(Context);

const RECONNECT_AFTER_MS = 3000;

/** Reads the event stream until `signal` aborts, calling `onEvent` for each notification. */
async function readStream(
  lastEventId: () => string | undefined,
  onEvent: (id: string, notification: AppNotification) => void,
  signal: AbortSignal,
) {
  while (!signal.aborted) {
    const session = currentSession();
    if (!session) return;
    try {
      const last = lastEventId();
      const response = await fetch('/me/events', {
        headers: {
          Authorization: `Bearer ${session.token}`,
          Accept: 'text/event-stream',
          ...(last ? { 'Last-Event-ID': last } : {}),
        },
        signal,
      });
      if (response.status === 401) return;
      if (response.ok && response.body) {
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const taken = takeEvents(buffer + value);
          buffer = taken.rest;
          for (const event of taken.events)
            if (event.id) onEvent(event.id, JSON.parse(event.data) as AppNotification);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_AFTER_MS));
  }
}

export function NotificationProvider({ children }: { children: React.ReactNode }) {
  const [unread, setUnread] = useState(0);
  const [items, setItems] = useState<AppNotification[]>([]);
  const [revision, setRevision] = useState(0);
  const lastEventId = useRef<string | undefined>(undefined);

  const refresh = useCallback(() => {
    void answer<{ items: AppNotification[]; unread: number }>(
      api.GET('/me/notifications', { params: { query: { limit: 50 } } }),
    )
      .then((body) => {
        setItems(body.items);
        setUnread(body.unread);
      })
      .catch(() => undefined);
  }, []);

  useEffect(() => {
    refresh();
    const abort = new AbortController();
    void readStream(
      () => lastEventId.current,
      (id, notification) => {
        lastEventId.current = id;
        setRevision((r) => r + 1);
        refresh();
        if ('Notification' in window && Notification.permission === 'granted') {
          new Notification(notification.title, { body: notification.task.policy.label, tag: id });
        }
      },
      abort.signal,
    );
    return () => abort.abort();
  }, [refresh]);

  const markAllRead = useCallback(async () => {
    const body = await answer<{ unread: number }>(
      api.POST('/me/notifications/read', { body: { all: true } }),
    );
    setUnread(body.unread);
    refresh();
  }, [refresh]);

  return (
    <Context.Provider value={{ unread, revision, items, refresh, markAllRead }}>
      {children}
    </Context.Provider>
  );
}

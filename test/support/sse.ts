// A Server-Sent Events client for the tests, as the workbench reads the stream: fetch with the
// Authorization header, the body read as it arrives, events parsed by the workbench's own parser.
import { takeEvents, type StreamEvent } from '../../web/src/sse';
export type { StreamEvent };

export interface EventStream {
  status: number;
  events: StreamEvent[];
  /** Resolves once `count` events have arrived (fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<StreamEvent[]>;
  close(): void;
}

export async function openEventStream(
  url: string,
  headers: Record<string, string>,
): Promise<EventStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const events: StreamEvent[] = [];
  const waiters: Array<() => void> = [];
  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const taken = takeEvents(buffer + value);
          buffer = taken.rest;
          if (taken.events.length > 0) {
            events.push(...taken.events);
            for (const wake of waiters.splice(0)) wake();
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: response.status,
    events,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(
            `${events.length} of ${count} events within ${timeoutMs} ms: ${JSON.stringify(events)}`,
          );
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 500));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return events.slice(0, count);
    },
    close: () => abort.abort(),
  };
}

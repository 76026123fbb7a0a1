// Per-address limits (fixed one-minute windows), for traffic that no token identifies.
import { HttpProblem } from './problem';

/** At most `limit` requests per client address per minute; over it, 429 with Retry-After. */
export function rateLimiter(limit: number, what: string, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number }>();
  return (client: string) => {
    const t = now();
    if (windows.size > 10_000) {
      for (const [key, w] of windows) if (t - w.start >= 60_000) windows.delete(key);
    }
    const window = windows.get(client);
    if (!window || t - window.start >= 60_000) {
      windows.set(client, { start: t, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > limit) {
      const retryAfter = Math.ceil((window.start + 60_000 - t) / 1000);
      throw Object.assign(
        new HttpProblem(
          429,
          `Too many ${what}`,
          `At most ${limit} ${what} a minute from one address; try again in ${retryAfter} s.`,
        ),
        { retryAfter },
      );
    }
  };
}

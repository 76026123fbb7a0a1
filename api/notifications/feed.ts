// Wakes the API's event streams when a notification is committed: one PostgreSQL connection
// LISTENs while anyone is connected (the insert trigger NOTIFYs), and the streams also look every
// few seconds, so a notification is never missed for long if a NOTIFY is lost with a connection.
import { Client, type Pool } from 'pg';

interface Stream {
  wake: () => void;
  /** Ends the stream's response (the server is stopping). */
  end: () => void;
}

export class NotificationFeed {
  private readonly streams = new Set<Stream>();
  private listener: Client | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly warn: (message: string) => void,
  ) {}

  /** Wakes the stream on every new notification until the returned function is called. */
  subscribe(stream: Stream): () => void {
    this.streams.add(stream);
    if (!this.listener) this.listen();
    return () => {
      this.streams.delete(stream);
      if (this.streams.size === 0) this.stopListening();
    };
  }

  /** Listens again if the connection was lost (the streams call it as they look). */
  ensureListening() {
    if (!this.listener && this.streams.size > 0) this.listen();
  }

  /** Ends every stream (the server is stopping). */
  closeAll() {
    for (const stream of [...this.streams]) stream.end();
    this.streams.clear();
    this.stopListening();
  }

  get size() {
    return this.streams.size;
  }

  private listen() {
    const client = new Client({ connectionString: this.pool.options.connectionString });
    this.listener = client;
    client.on('notification', () => {
      for (const stream of this.streams) stream.wake();
    });
    client.on('error', (error) => {
      this.warn(`notification listener lost: ${error.message}`);
      if (this.listener === client) this.listener = undefined;
    });
    client
      .connect()
      .then(() => client.query('LISTEN notifications'))
      .catch((error: Error) => {
        this.warn(`notification listener not started: ${error.message}`);
        if (this.listener === client) this.listener = undefined;
      });
  }

  private stopListening() {
    const client = this.listener;
    this.listener = undefined;
    if (client) void client.end().catch(() => undefined);
  }
}

import pg from "pg";
import { getEnv, requireDatabaseUrl } from "../../env.ts";
import { isUuid, type Tenant } from "../db/tenant.ts";

/** What the NOTIFY triggers of migration 0006 send, plus `resync` after this process lost its LISTEN connection. */
export type DealershipEvent =
  | { type: "lead.created"; count: number; leads: { id: string; name: string | null; source: string }[] }
  | { type: "lead.updated"; leadId: string }
  | { type: "message.created" | "message.updated"; leadIds: string[] }
  | { type: "resync" };

type Subscriber = (event: DealershipEvent) => void;

/** Same name as norvalt_events_channel() in SQL. */
export function dealershipChannel(dealershipId: string): string {
  if (!isUuid(dealershipId)) throw new Error(`not a dealership id: ${dealershipId}`);
  return `norvalt_events_${dealershipId.toLowerCase().replaceAll("-", "")}`;
}

/**
 * One LISTEN connection per web process, shared by every open event stream: it LISTENs on a dealership's channel
 * while at least one of its users is connected and fans each notification out to them. NOTIFY goes to every
 * listening process, so this works with any number of web processes. After a lost connection it reconnects,
 * LISTENs again and tells every subscriber to `resync` (notifications sent in the gap are gone).
 */
class DealershipEventHub {
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private retry: NodeJS.Timeout | undefined;

  async subscribe(dealershipId: string, subscriber: Subscriber): Promise<() => void> {
    const channel = dealershipChannel(dealershipId);
    let set = this.subscribers.get(channel);
    if (!set) this.subscribers.set(channel, (set = new Set()));
    set.add(subscriber);
    if (set.size === 1) {
      try {
        const client = await this.connection();
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      } catch (err) {
        // The reconnect loop LISTENs on every channel with subscribers once the database is back.
        console.error(`[realtime] listen failed: ${(err as Error).message}`);
        this.scheduleReconnect();
      }
    }
    return () => {
      const current = this.subscribers.get(channel);
      if (!current?.delete(subscriber) || current.size > 0) return;
      this.subscribers.delete(channel);
      this.client?.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => {});
    };
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const env = getEnv();
    const client = new pg.Client({
      connectionString: requireDatabaseUrl(env),
      application_name: `${env.NORVALT_PROCESS_NAME}-listen`,
      keepAlive: true,
    });
    client.on("notification", (message) => {
      if (!message.payload) return;
      let event: DealershipEvent;
      try {
        event = JSON.parse(message.payload) as DealershipEvent;
      } catch {
        return;
      }
      for (const subscriber of this.subscribers.get(message.channel) ?? []) subscriber(event);
    });
    client.on("error", (err) => {
      console.error(`[realtime] listen connection: ${err.message}; reconnecting`);
      if (this.client === client) this.scheduleReconnect();
    });
    client.on("end", () => this.client === client && this.scheduleReconnect());
    await client.connect();
    for (const channel of this.subscribers.keys())
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    this.client = client;
    return client;
  }

  private scheduleReconnect() {
    if (this.retry) return;
    this.client?.end().catch(() => {});
    this.client = null;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.subscribers.size === 0) return;
      this.connection().then(
        () => this.broadcast({ type: "resync" }),
        (err: Error) => {
          console.error(`[realtime] reconnect failed: ${err.message}`);
          this.scheduleReconnect();
        },
      );
    }, 1_000);
  }

  private broadcast(event: DealershipEvent) {
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber(event);
  }

  async close(): Promise<void> {
    clearTimeout(this.retry);
    this.subscribers.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

// Kept on globalThis so `next dev` hot reloads share one connection.
const holder = globalThis as { __norvaltEventHub?: DealershipEventHub };

/** Calls `subscriber` with every event of this dealership until the returned function is called. */
export function subscribeToDealershipEvents(tenant: Tenant, subscriber: Subscriber): Promise<() => void> {
  holder.__norvaltEventHub ??= new DealershipEventHub();
  return holder.__norvaltEventHub.subscribe(tenant.dealershipId, subscriber);
}

/** Tests: drop the shared connection. */
export async function closeDealershipEvents(): Promise<void> {
  await holder.__norvaltEventHub?.close();
  holder.__norvaltEventHub = undefined;
}

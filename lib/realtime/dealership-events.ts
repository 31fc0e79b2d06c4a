import pg from "pg";
import { getEnv, requireDatabaseUrl } from "../../env.ts";
import { isUuid, type Tenant } from "../db/tenant.ts";
import { getLogger } from "../log/logger.ts";

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
  /** False until a NOTIFY to ourselves came back: behind a transaction-mode pooler LISTEN is silently dead. */
  listening = false;

  private readonly probeTimeoutMs: number;

  constructor(probeTimeoutMs = 2_000) {
    this.probeTimeoutMs = probeTimeoutMs;
  }

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
        getLogger("realtime").error(`listen failed: ${(err as Error).message}`);
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
      // LISTEN needs a session connection: the direct URL when DATABASE_URL is a transaction-mode pooler.
      connectionString: env.DATABASE_DIRECT_URL ?? requireDatabaseUrl(env),
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
      getLogger("realtime").error(`listen connection: ${err.message}; reconnecting`);
      if (this.client === client) this.scheduleReconnect();
    });
    client.on("end", () => this.client === client && this.scheduleReconnect());
    await client.connect();
    for (const channel of this.subscribers.keys())
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    this.client = client;
    this.listening = await probeListen(client, this.probeTimeoutMs);
    if (!this.listening)
      getLogger("realtime").warn(
        "LISTEN gets no notifications (DATABASE_URL is a transaction-mode pooler? set DATABASE_DIRECT_URL): live updates fall back to polling",
      );
    return client;
  }

  private scheduleReconnect() {
    this.listening = false;
    if (this.retry) return;
    this.client?.end().catch(() => {});
    this.client = null;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (this.subscribers.size === 0) return;
      this.connection().then(
        () => this.broadcast({ type: "resync" }),
        (err: Error) => {
          getLogger("realtime").error(`reconnect failed: ${err.message}`);
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

/** LISTEN on a private channel and NOTIFY it: true when the notification arrives within `timeoutMs`. */
async function probeListen(client: pg.Client, timeoutMs: number): Promise<boolean> {
  const channel = `norvalt_probe_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let onNotification: ((m: pg.Notification) => void) | undefined;
  const heard = new Promise<boolean>((resolve) => {
    onNotification = (m) => m.channel === channel && resolve(true);
    client.on("notification", onNotification);
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    await client.query("select pg_notify($1, 'probe')", [channel]);
    return await heard;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    if (onNotification) client.off("notification", onNotification);
    await client.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => {});
  }
}

// Kept on globalThis so `next dev` hot reloads share one connection.
const holder = globalThis as { __norvaltEventHub?: DealershipEventHub };

/** Calls `subscriber` with every event of this dealership until the returned function is called. */
export function subscribeToDealershipEvents(tenant: Tenant, subscriber: Subscriber): Promise<() => void> {
  holder.__norvaltEventHub ??= new DealershipEventHub();
  return holder.__norvaltEventHub.subscribe(tenant.dealershipId, subscriber);
}

/** Whether this process hears NOTIFYs now; open event streams poll (send `resync`) while it does not. */
export function isListeningForDealershipEvents(): boolean {
  return holder.__norvaltEventHub?.listening ?? false;
}

/** Drop the shared connection (shutdown, tests); the next subscriber opens a new one (probing LISTEN for `probeTimeoutMs`). */
export async function closeDealershipEvents(options: { probeTimeoutMs?: number } = {}): Promise<void> {
  await holder.__norvaltEventHub?.close();
  holder.__norvaltEventHub = options.probeTimeoutMs
    ? new DealershipEventHub(options.probeTimeoutMs)
    : undefined;
}

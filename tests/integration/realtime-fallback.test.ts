import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "../../lib/db/client.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import {
  closeDealershipEvents,
  isListeningForDealershipEvents,
} from "../../lib/realtime/dealership-events.ts";
import { openDealershipEventStream } from "../../lib/realtime/open-event-stream.ts";
import { startNotifyDroppingProxy, type NotifyDroppingProxy } from "../fakes/notify-dropping-proxy.ts";
import { createTestAdminWithKey } from "../helpers/factories.ts";

// Issue 23, the pooler: behind PgBouncer in transaction mode LISTEN succeeds but no notification ever arrives. The
// live stream must notice (its NOTIFY-to-itself probe stays silent) and fall back to asking the page to refresh
// (`resync`) on an interval; with notifications flowing it must not poll. The LISTEN connection goes through a
// loopback proxy that swallows Postgres NotificationResponse messages, as such a pooler does.
let proxy: NotifyDroppingProxy;
let dealershipId: string;
const previousDirectUrl = process.env.DATABASE_DIRECT_URL;

beforeAll(async () => {
  // Before anything reads the environment (getEnv caches it): LISTEN connects through the proxy.
  proxy = await startNotifyDroppingProxy(process.env.DATABASE_DIRECT_URL ?? process.env.DATABASE_URL!);
  process.env.DATABASE_DIRECT_URL = proxy.url;
  dealershipId = (await createTestAdminWithKey("Fjordbil Pooler AS")).dealership.id;
});
afterAll(async () => {
  await closeDealershipEvents();
  await proxy.close();
  if (previousDirectUrl === undefined) delete process.env.DATABASE_DIRECT_URL;
  else process.env.DATABASE_DIRECT_URL = previousDirectUrl;
  await stopSenderBoss();
  await closeDb();
});

/** Reads the SSE stream's `data:` messages as they come; `until` resolves once `enough` holds. */
function readEvents(stream: ReadableStream<Uint8Array>) {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const events: { type: string }[] = [];
  let text = "";
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = text.indexOf("\n\n")) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        for (const line of block.split("\n"))
          if (line.startsWith("data: ")) events.push(JSON.parse(line.slice(6)) as { type: string });
      }
    }
  })();
  const until = async (enough: () => boolean, what: string, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!enough()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(events)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { events, until, done: pump };
}

const postLead = () =>
  ingestLead(
    { dealershipId },
    { source: "website", name: "Pooler Kunde", email: `pooler-${Date.now()}@example.no`, message: "Hei" },
  );

describe("the live stream behind a transaction-mode pooler", () => {
  it("falls back to polling (resync on an interval) when LISTEN hears nothing", async () => {
    await closeDealershipEvents({ probeTimeoutMs: 300 });
    const abort = new AbortController();
    const stream = readEvents(openDealershipEventStream({ dealershipId }, abort.signal, { pollMs: 50 }));
    await stream.until(() => stream.events.filter((e) => e.type === "resync").length >= 3, "three resyncs");
    expect(isListeningForDealershipEvents()).toBe(false);
    // LISTEN itself succeeded; its probe's notification was sent and swallowed.
    expect(proxy.dropped()).toBeGreaterThanOrEqual(1);

    // A new lead's NOTIFY is lost too, so only the polling tells the page: it keeps asking to refresh.
    const droppedBefore = proxy.dropped();
    await postLead();
    await stream.until(() => proxy.dropped() > droppedBefore, "the lead's notification (dropped)");
    const resyncs = stream.events.filter((e) => e.type === "resync").length;
    await stream.until(
      () => stream.events.filter((e) => e.type === "resync").length > resyncs,
      "a resync after the lead",
    );
    expect(stream.events.every((e) => e.type === "resync")).toBe(true);
    abort.abort();
    await stream.done;
  });

  it("does not poll when notifications arrive: the lead comes as lead.created and no resync is sent", async () => {
    proxy.setDropping(false);
    await closeDealershipEvents({ probeTimeoutMs: 2_000 });
    const abort = new AbortController();
    const stream = readEvents(openDealershipEventStream({ dealershipId }, abort.signal, { pollMs: 50 }));
    // The stream has subscribed (and probed) once the hub reports listening.
    await stream.until(() => isListeningForDealershipEvents(), "LISTEN to be confirmed");
    for (let i = 1; i <= 2; i++) {
      await postLead();
      await stream.until(
        () => stream.events.filter((e) => e.type === "lead.created").length === i,
        `lead.created #${i}`,
      );
    }
    // Two ingests take longer than one 50 ms poll interval, so a poller would have sent a resync by now (timing-based:
    // the deterministic half of this contract is isListeningForDealershipEvents() above).
    expect(stream.events.filter((e) => e.type === "resync")).toEqual([]);
    abort.abort();
    await stream.done;
  });
});

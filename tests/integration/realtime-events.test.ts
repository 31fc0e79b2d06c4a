import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as events } from "../../app/api/events/route.ts";
import { closeDb } from "../../lib/db/client.ts";
import { stopSenderBoss } from "../../lib/jobs/boss.ts";
import { ingestLead } from "../../lib/leads/ingest-lead.ts";
import { updateLead } from "../../lib/leads/update-lead.ts";
import {
  closeDealershipEvents,
  subscribeToDealershipEvents,
  type DealershipEvent,
} from "../../lib/realtime/dealership-events.ts";
import { createTestAdminWithKey } from "../helpers/factories.ts";

// NOTIFY from the triggers of migration 0006, heard through the shared LISTEN connection and the SSE route.
let fjordbil: { id: string; key: string };
let vestland: { id: string; key: string };
async function setUp(name: string) {
  const { dealership, key } = await createTestAdminWithKey(name);
  return { id: dealership.id, key };
}
beforeAll(async () => {
  fjordbil = await setUp("Fjordbil Live AS");
  vestland = await setUp("Vestland Live AS");
});
afterAll(async () => {
  await closeDealershipEvents();
  await stopSenderBoss();
  await closeDb();
});

const waitFor = async (check: () => boolean, ms = 3_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("dealership events", () => {
  it("a committed lead reaches its own dealership's subscribers only, with its name; changes and messages follow", async () => {
    const heard: DealershipEvent[] = [];
    const overheard: DealershipEvent[] = [];
    const stop = await subscribeToDealershipEvents({ dealershipId: fjordbil.id }, (e) => heard.push(e));
    const stopOther = await subscribeToDealershipEvents({ dealershipId: vestland.id }, (e) =>
      overheard.push(e),
    );
    const { leadId } = await ingestLead(
      { dealershipId: fjordbil.id },
      {
        source: "website",
        name: "Live Kunde",
        email: `live-${Date.now()}@example.no`,
        message: "Hei",
      },
    );
    await waitFor(() => heard.some((e) => e.type === "lead.created"));
    expect(heard.find((e) => e.type === "lead.created")).toEqual({
      type: "lead.created",
      count: 1,
      leads: [{ id: leadId, name: "Live Kunde", source: "website" }],
    });
    await waitFor(() => heard.some((e) => e.type === "message.created"));
    await updateLead({ dealershipId: fjordbil.id, userId: null, name: null }, leadId, {
      status: "qualified",
    });
    await waitFor(() => heard.some((e) => e.type === "lead.updated" && e.leadId === leadId));
    expect(overheard).toEqual([]);
    stop();
    stopOther();
  });

  it("GET /api/events streams them as Server-Sent Events; another dealership's key hears nothing of it", async () => {
    const open = (key: string) => {
      const abort = new AbortController();
      const request = new Request("http://localhost/api/events", {
        headers: { authorization: `Bearer ${key}` },
        signal: abort.signal,
      });
      return { abort, response: events(request, { params: Promise.resolve({}) }) };
    };
    const read = async (response: Response) => {
      const reader = response.body!.getReader();
      let text = "";
      const decoder = new TextDecoder();
      return {
        text: () => text,
        pump: (async () => {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) return;
            text += decoder.decode(value);
          }
        })(),
      };
    };
    const mine = open(fjordbil.key);
    const theirs = open(vestland.key);
    const mineResponse = await mine.response;
    expect(mineResponse.headers.get("content-type")).toMatch(/text\/event-stream/);
    const mineStream = await read(mineResponse);
    const theirStream = await read(await theirs.response);
    await waitFor(
      () => mineStream.text().includes(": connected") && theirStream.text().includes(": connected"),
    );
    await ingestLead(
      { dealershipId: fjordbil.id },
      {
        source: "website",
        name: "Strøm Kunde",
        email: `strom-${Date.now()}@example.no`,
        message: "Hei",
      },
    );
    await waitFor(() => mineStream.text().includes("Strøm Kunde"));
    expect(mineStream.text()).toMatch(/^retry: \d+/);
    expect(mineStream.text()).toMatch(/data: \{"type":"lead.created"/);
    expect(theirStream.text()).not.toContain("Strøm Kunde");
    mine.abort.abort();
    theirs.abort.abort();
    await Promise.all([mineStream.pump, theirStream.pump]);

    const badKey = await events(
      new Request("http://localhost/api/events", {
        headers: { authorization: "Bearer nv_not-a-real-key-000000000000" },
      }),
      { params: Promise.resolve({}) },
    );
    expect(badKey.status).toBe(401);
  });
});

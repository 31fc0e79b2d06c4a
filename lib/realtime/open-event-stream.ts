import type { Tenant } from "../db/tenant.ts";
import {
  isListeningForDealershipEvents,
  subscribeToDealershipEvents,
  type DealershipEvent,
} from "./dealership-events.ts";
import { toEventJson } from "./event-json.ts";

/** Often enough that proxies and load balancers (60 s idle timeouts are common) keep the stream open. */
export const HEARTBEAT_MS = 20_000;
/** How long the browser's EventSource waits before reconnecting after a drop. */
const RETRY_MS = 3_000;
/** While LISTEN is unavailable the stream asks the page to refresh this often (polling fallback). */
export const POLL_FALLBACK_MS = 5_000;

/**
 * A Server-Sent Events body carrying the dealership's events as `data: {json}` messages (snake_case, event-json.ts), with a comment line as
 * heartbeat. Ends (and unsubscribes) when the client goes away.
 */
export function openDealershipEventStream(
  tenant: Tenant,
  signal: AbortSignal,
  { pollMs = POLL_FALLBACK_MS }: { pollMs?: number } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const onEvent = (event: DealershipEvent) => send(`data: ${JSON.stringify(toEventJson(event))}\n\n`);
      const unsubscribe = await subscribeToDealershipEvents(tenant, onEvent);
      const heartbeat = setInterval(() => send(`: ping\n\n`), HEARTBEAT_MS);
      const poll = setInterval(() => {
        if (!isListeningForDealershipEvents()) onEvent({ type: "resync" });
      }, pollMs);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        clearInterval(poll);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // Already closed by the runtime.
        }
      };
      if (signal.aborted) return cleanup();
      signal.addEventListener("abort", cleanup, { once: true });
      send(`retry: ${RETRY_MS}\n: connected\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
}

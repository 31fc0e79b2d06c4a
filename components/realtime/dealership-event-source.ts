"use client";

import type { DealershipEventJson } from "@/lib/realtime/event-json";

/*
 * One GET /api/events stream per browser tab, shared by everything that listens (the page's live updates, the
 * notification centre in the dashboard layout), so a tab never holds two of the browser's few connections to the
 * server. The browser's EventSource reconnects by itself after a dropped stream; when the server refuses (signed
 * out, restarting) it gives up, so we reconnect with backoff, and tell listeners `reconnected` so they can look
 * again in case something happened meanwhile.
 */

const MAX_BACKOFF_MS = 30_000;

export type StreamState = "connecting" | "live";
type Listener = {
  onEvent: (event: DealershipEventJson) => void;
  onState?: (state: StreamState) => void;
  onReconnected?: () => void;
};

const listeners = new Set<Listener>();
let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;
let attempts = 0;
let everOpen = false;
let state: StreamState = "connecting";

function setState(next: StreamState) {
  state = next;
  for (const l of listeners) l.onState?.(next);
}

function connect() {
  retry = undefined;
  source = new EventSource("/api/events");
  source.onopen = () => {
    if (everOpen) for (const l of listeners) l.onReconnected?.();
    everOpen = true;
    attempts = 0;
    setState("live");
  };
  source.onmessage = (message) => {
    let event: DealershipEventJson;
    try {
      event = JSON.parse(message.data) as DealershipEventJson;
    } catch {
      return; // A malformed message is skipped; the next one still counts.
    }
    for (const l of listeners) l.onEvent(event);
  };
  source.onerror = () => {
    setState("connecting");
    if (source?.readyState !== EventSource.CLOSED) return;
    source.close();
    source = null;
    retry = setTimeout(connect, Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** attempts++));
  };
}

/** Listens to the tab's shared stream; the stream opens with the first listener and closes after the last. */
export function subscribeToDealershipEvents(listener: Listener): () => void {
  listeners.add(listener);
  listener.onState?.(state);
  if (!source && retry === undefined) connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    source?.close();
    source = null;
    clearTimeout(retry);
    retry = undefined;
    attempts = 0;
    everOpen = false;
    state = "connecting";
  };
}

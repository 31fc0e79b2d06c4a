import { createGraphApi } from "./graph-api.ts";
import type { MetaGraph } from "./meta-graph.ts";

let adapter: MetaGraph | undefined;

/**
 * The one place that picks the adapter. There is only the Graph API one: Graph's credentials are the Page tokens
 * an admin brings, and FACEBOOK_GRAPH_URL points it at the loopback fake (tests/fakes/graph-server.ts) in tests,
 * e2e and benches. Without FACEBOOK_APP_SECRET the webhook is off, so `npm run dev` never calls Graph on its own.
 */
export function getMetaGraph(): MetaGraph {
  adapter ??= createGraphApi();
  return adapter;
}

/** Tests: use this adapter until called again; undefined goes back to the Graph API adapter. */
export function setMetaGraphForTests(replacement: MetaGraph | undefined): void {
  adapter = replacement;
}

// A loopback fake of Meta's Graph API for Lead Ads, for tests and benchmarks (FACEBOOK_GRAPH_URL=fake.url,
// FACEBOOK_DIALOG_URL=fake.url).
//
//   const graph = await startFakeGraph();
//   graph.addPage({ id: "1001", name: "Fjordbil", token: "page-token" });
//   graph.addLead("1001", { id: "2002", form_id: "3003", field_data: [...] });
//   graph.failNext(2, 500);          // the next two lead reads answer 500 ("timeout": no answer at all)
//   graph.revokeToken("page-token"); // Graph then answers error 190 for it
//   … graph.requests lists every call; await graph.close();
//
// Speaks (every path under /{version}/): GET /{leadgen-id} (Lead), GET /{page-id}?fields=id,name,
// POST|DELETE /{page-id}/subscribed_apps, GET /{page-id}/leadgen_forms, GET /{form-id}/leads (filtering on
// time_created, limit, cursor paging with `next`), GET /oauth/access_token (code → user token, fb_exchange_token →
// long-lived), GET /me/accounts, and GET /dialog/oauth, which "logs in" at once and redirects back with a code.
// Tokens are read from `Authorization: Bearer …` or `access_token`, as Graph does. Errors have Graph's shape.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { GraphLead } from "../../lib/integrations/meta-graph/meta-graph.ts";

export type FakeGraphRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  token: string | null;
};

type Page = { id: string; name: string; token: string; subscribed: boolean; forms: Map<string, string[]> };
type Failure = 500 | "timeout" | { status: number; code: number; message: string };

export type FakeGraph = {
  url: string;
  version: string;
  requests: FakeGraphRequest[];
  addPage(page: { id: string; name: string; token: string }): void;
  addLead(pageId: string, lead: GraphLead): void;
  isSubscribed(pageId: string): boolean;
  /** The next `count` lead reads fail this way. */
  failNext(count: number, failure: Failure): void;
  revokeToken(token: string): void;
  /** OAuth: the user who "logs in" through the dialog manages these Pages. */
  setLoginPages(pageIds: string[]): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
};

export async function startFakeGraph(
  options: { version?: string; appId?: string; appSecret?: string; port?: number } = {},
) {
  const version = options.version ?? "v25.0";
  const pages = new Map<string, Page>();
  const leads = new Map<string, GraphLead & { pageId: string }>();
  const revoked = new Set<string>();
  const failures: Failure[] = [];
  const requests: FakeGraphRequest[] = [];
  const codes = new Map<string, string>();
  const userTokens = new Map<string, string[]>();
  let loginPages: string[] = [];
  let latencyMs = 0;
  let counter = 0;

  const graphError = (res: ServerResponse, status: number, code: number, message: string) =>
    send(res, status, {
      error: {
        message,
        type: code === 190 ? "OAuthException" : "GraphMethodException",
        code,
        fbtrace_id: "AbCdEf",
      },
    });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    const query = Object.fromEntries(url.searchParams);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? null;
    const token = bearer ?? query.access_token ?? null;
    const parts = url.pathname.split("/").filter(Boolean);
    requests.push({ method: req.method ?? "", path: url.pathname, query, token });
    if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
    if (parts[0] !== version) return graphError(res, 400, 2635, `Unknown API version ${parts[0]}`);
    const [first, second] = parts.slice(1);

    if (first === "dialog" && second === "oauth") {
      const code = `code-${++counter}`;
      codes.set(code, query.redirect_uri ?? "");
      const back = new URL(query.redirect_uri!);
      back.searchParams.set("code", code);
      back.searchParams.set("state", query.state ?? "");
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (first === "oauth" && second === "access_token") {
      if (options.appId && query.client_id !== options.appId)
        return graphError(res, 400, 101, "Error validating application");
      if (options.appSecret && query.client_secret !== options.appSecret)
        return graphError(res, 400, 1, "Error validating client secret");
      if (query.grant_type === "fb_exchange_token") {
        const pagesOf = userTokens.get(query.fb_exchange_token ?? "");
        if (!pagesOf) return graphError(res, 400, 190, "Invalid OAuth access token");
        const longLived = `long-${query.fb_exchange_token}`;
        userTokens.set(longLived, pagesOf);
        return send(res, 200, { access_token: longLived, token_type: "bearer", expires_in: 5_184_000 });
      }
      if (!query.code || codes.get(query.code) !== query.redirect_uri)
        return graphError(res, 400, 100, "Invalid verification code format.");
      codes.delete(query.code);
      const userToken = `user-${++counter}`;
      userTokens.set(userToken, loginPages);
      return send(res, 200, { access_token: userToken, token_type: "bearer", expires_in: 3_600 });
    }
    if (first === "me" && second === "accounts") {
      const pagesOf = token ? userTokens.get(token) : undefined;
      if (!pagesOf) return graphError(res, 400, 190, "Invalid OAuth access token");
      return send(res, 200, {
        data: pagesOf.flatMap((id) => {
          const page = pages.get(id);
          return page
            ? [{ id, name: page.name, access_token: page.token, tasks: ["ADVERTISE", "MANAGE"] }]
            : [];
        }),
        paging: { cursors: { before: "b", after: "a" } },
      });
    }
    if (!token || revoked.has(token) || !isKnownToken(token))
      return graphError(res, 400, 190, "Error validating access token: The session has been invalidated.");

    const page = first ? pages.get(first) : undefined;
    if (page && second === "subscribed_apps") {
      if (token !== page.token) return graphError(res, 403, 200, "Permissions error");
      page.subscribed = req.method === "POST";
      return send(res, 200, { success: true });
    }
    if (page && second === "leadgen_forms") {
      return send(res, 200, {
        data: [...page.forms.keys()].map((id) => ({ id, name: `Skjema ${id}` })),
        paging: {},
      });
    }
    if (page && !second) return send(res, 200, { id: page.id, name: page.name });
    if (first && second === "leads") {
      const owner = [...pages.values()].find((p) => p.forms.has(first));
      if (!owner) return graphError(res, 400, 100, `Object with ID '${first}' does not exist`);
      const since = sinceOf(query.filtering);
      const all = owner.forms
        .get(first)!
        .map((id) => leads.get(id)!)
        .filter((lead) => !since || Date.parse(lead.created_time ?? "") / 1000 > since)
        .sort((a, b) => Date.parse(b.created_time ?? "") - Date.parse(a.created_time ?? ""));
      const offset = Number(query.after ?? 0);
      const limit = Math.min(Number(query.limit ?? 25), 100);
      const slice = all.slice(offset, offset + limit).map(({ pageId: _pageId, ...lead }) => lead);
      const next = offset + limit < all.length ? offset + limit : null;
      const nextUrl = new URL(url.toString().replace("http://fake", baseUrl()));
      if (next !== null) nextUrl.searchParams.set("after", String(next));
      return send(res, 200, {
        data: slice,
        paging: {
          cursors: { before: String(offset), after: String(next ?? offset) },
          ...(next !== null && { next: nextUrl.toString() }),
        },
      });
    }
    const lead = first ? leads.get(first) : undefined;
    if (first && !second && req.method === "GET") {
      const failure = failures.shift();
      if (failure === "timeout") return; // never answers; the client's timeout fires
      if (failure === 500)
        return graphError(res, 500, 2, "An unexpected error has occurred. Please retry your request later.");
      if (failure) return graphError(res, failure.status, failure.code, failure.message);
      if (!lead)
        return graphError(res, 400, 100, `Unsupported get request. Object with ID '${first}' does not exist`);
      if (pages.get(lead.pageId)?.token !== token)
        return graphError(res, 403, 10, "Requires leads_retrieval permission");
      const { pageId: _pageId, ...body } = lead;
      return send(res, 200, body);
    }
    return graphError(res, 400, 100, `Unsupported ${req.method} request`);
  }

  const isKnownToken = (token: string) =>
    userTokens.has(token) || [...pages.values()].some((p) => p.token === token);

  const sockets = new Set<import("node:net").Socket>();
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      handle(req, res).catch((err: Error) => send(res, 500, { error: { message: err.message, code: 1 } }));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const baseUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeGraph = {
    url: baseUrl(),
    version,
    requests,
    addPage: (page) => pages.set(page.id, { ...page, subscribed: false, forms: new Map() }),
    addLead(pageId, lead) {
      const page = pages.get(pageId);
      if (!page) throw new Error(`fake graph: no page ${pageId}`);
      const formId = lead.form_id ?? "form-1";
      page.forms.set(formId, [...(page.forms.get(formId) ?? []), lead.id]);
      leads.set(lead.id, {
        created_time: new Date().toISOString().replace("Z", "+0000"),
        ...lead,
        form_id: formId,
        pageId,
      });
    },
    isSubscribed: (pageId) => pages.get(pageId)?.subscribed ?? false,
    failNext: (count, failure) => failures.push(...Array.from({ length: count }, () => failure)),
    revokeToken: (token) => revoked.add(token),
    setLoginPages: (ids) => (loginPages = ids),
    setLatency: (ms) => (latencyMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return fake;
}

function sinceOf(filtering: string | undefined): number | null {
  if (!filtering) return null;
  const rules = JSON.parse(filtering) as { field: string; operator: string; value: number | string }[];
  const rule = rules.find((r) => r.field === "time_created" && r.operator === "GREATER_THAN");
  return rule ? Number(rule.value) : null;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

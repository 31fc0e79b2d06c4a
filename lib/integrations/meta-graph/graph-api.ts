import { getEnv } from "../../../env.ts";
import { callGraph, retryTransientGraphErrors } from "./call-graph.ts";
import type { GraphLead, GraphLeadRef, GraphUserPage, MetaGraph } from "./meta-graph.ts";

/** PRD: Graph failures back off 2 s, 4 s, 8 s before the job's own retries take over. */
export const GRAPH_RETRY_DELAYS_MS = [2_000, 4_000, 8_000] as const;

/** The fields the lead mapping asks for (Graph returns only `id`, `created_time` and `field_data` by default). */
export const GRAPH_LEAD_FIELDS =
  "id,created_time,field_data,form_id,ad_id,ad_name,adset_id,campaign_id,campaign_name,is_organic,platform,custom_disclaimer_responses";

const MAX_PAGES_PER_LIST = 50;

type Paged<T> = { data: T[]; paging?: { cursors?: { after?: string }; next?: string } };
type TokenAnswer = { access_token: string };

/** The Graph API adapter (FACEBOOK_GRAPH_URL, FACEBOOK_GRAPH_VERSION; app id and secret for login and proofs). */
export function createGraphApi(): MetaGraph {
  return {
    getLead: (token, leadgenId, options = {}) =>
      retryTransientGraphErrors(
        () =>
          callGraph<GraphLead>(leadgenId, {
            token,
            query: { fields: GRAPH_LEAD_FIELDS },
            signal: options.signal,
            timeoutMs: options.timeoutMs,
          }),
        { delaysMs: options.retryDelaysMs ?? GRAPH_RETRY_DELAYS_MS, signal: options.signal },
      ),

    async listRecentLeads(token, pageId, since) {
      const filtering = JSON.stringify([
        { field: "time_created", operator: "GREATER_THAN", value: Math.floor(since.getTime() / 1000) },
      ]);
      const forms = await readAll<{ id: string }>(`${pageId}/leadgen_forms`, token, { fields: "id" });
      const leads: GraphLeadRef[] = [];
      for (const form of forms) {
        const page = await readAll<GraphLead>(`${form.id}/leads`, token, {
          fields: "id,created_time,form_id",
          filtering,
        });
        leads.push(...page.map((lead) => ({ id: lead.id, formId: form.id, createdTime: lead.created_time })));
      }
      return { formCount: forms.length, leads };
    },

    getPage: (token, pageId) =>
      callGraph<{ id: string; name: string }>(pageId, { token, query: { fields: "id,name" } }),

    async subscribeToLeadgen(token, pageId) {
      await callGraph(`${pageId}/subscribed_apps`, {
        method: "POST",
        token,
        query: { subscribed_fields: "leadgen" },
      });
    },

    async unsubscribeFromLeadgen(token, pageId) {
      await callGraph(`${pageId}/subscribed_apps`, { method: "DELETE", token });
    },

    /** Code → user token → long-lived user token: Page tokens derived from a long-lived one do not expire. */
    async exchangeLoginCode(code, redirectUri) {
      const env = getEnv();
      const app = { client_id: env.FACEBOOK_APP_ID, client_secret: env.FACEBOOK_APP_SECRET };
      const short = await callGraph<TokenAnswer>("oauth/access_token", {
        query: { ...app, redirect_uri: redirectUri, code },
      });
      const long = await callGraph<TokenAnswer>("oauth/access_token", {
        query: { ...app, grant_type: "fb_exchange_token", fb_exchange_token: short.access_token },
      });
      return long.access_token;
    },

    async listUserPages(userToken) {
      const { data } = await callGraph<{ data: { id: string; name: string; access_token?: string }[] }>(
        "me/accounts",
        { token: userToken, query: { fields: "id,name,access_token", limit: 100 } },
      );
      return data.map((page): GraphUserPage => ({
        id: page.id,
        name: page.name,
        accessToken: page.access_token,
      }));
    },
  };
}

/** Every item of a Graph list, following the `after` cursor while there is a next page. */
async function readAll<T>(path: string, token: string, query: Record<string, string>): Promise<T[]> {
  const items: T[] = [];
  let after: string | undefined;
  for (let i = 0; i < MAX_PAGES_PER_LIST; i++) {
    const page = await callGraph<Paged<T>>(path, { token, query: { ...query, limit: "100", after } });
    items.push(...page.data);
    after = page.paging?.cursors?.after;
    if (!page.paging?.next || !after) break;
  }
  return items;
}

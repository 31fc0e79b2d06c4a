/** A Lead object from the Graph API (`GET /{leadgen-id}`, `GET /{form-id}/leads`). */
export type GraphLead = {
  id: string;
  created_time?: string;
  form_id?: string;
  ad_id?: string;
  ad_name?: string;
  adset_id?: string;
  campaign_id?: string;
  campaign_name?: string;
  is_organic?: boolean;
  platform?: string;
  field_data?: { name: string; values?: string[] }[];
  /** The form's consent checkboxes (custom disclaimer) and whether the person ticked each. */
  custom_disclaimer_responses?: { checkbox_key?: string; is_checked?: string | boolean }[];
};

/** A lead as a form's lead list names it: enough to store a delivery, the answers are fetched later. */
export type GraphLeadRef = { id: string; formId: string; createdTime: string | undefined };

/** A Page the logged-in user manages; `accessToken` is missing when their role on the Page grants none. */
export type GraphUserPage = { id: string; name: string; accessToken: string | undefined };

export type LeadReadOptions = {
  signal?: AbortSignal;
  /** Per attempt. */
  timeoutMs?: number;
  /** Waits between attempts on transient failures; default GRAPH_RETRY_DELAYS_MS. */
  retryDelaysMs?: readonly number[];
};

/** Reading leads with a Page token: the fetch job (one lead) and "import recent leads" (a Page's recent ones). */
export interface MetaGraphLeads {
  /** The lead's answers and ad ids; transient failures are retried with backoff before the GraphError is thrown. */
  getLead(pageToken: string, leadgenId: string, options?: LeadReadOptions): Promise<GraphLead>;
  /** Every lead created after `since` on each of the Page's lead forms. */
  listRecentLeads(
    pageToken: string,
    pageId: string,
    since: Date,
  ): Promise<{ formCount: number; leads: GraphLeadRef[] }>;
}

/** A Page's connection: check a token by reading the Page, and (un)subscribe our app to its `leadgen` field. */
export interface MetaGraphPages {
  getPage(pageToken: string, pageId: string): Promise<{ id: string; name: string }>;
  subscribeToLeadgen(pageToken: string, pageId: string): Promise<void>;
  unsubscribeFromLeadgen(pageToken: string, pageId: string): Promise<void>;
}

/** Meta login: the dialog's code → a long-lived user token → the Pages the user manages, with their tokens. */
export interface MetaGraphLogin {
  exchangeLoginCode(code: string, redirectUri: string): Promise<string>;
  listUserPages(userToken: string): Promise<GraphUserPage[]>;
}

/**
 * The Graph calls this product makes, grouped by use. One port rather than three: the groups share the transport
 * (base URL and version, appsecret_proof, timeouts, error mapping) and the loopback fake that stands in for Graph.
 * Every call throws a GraphError for Meta's errors (token refused: `isTokenError`, code 190).
 */
export type MetaGraph = MetaGraphLeads & MetaGraphPages & MetaGraphLogin;

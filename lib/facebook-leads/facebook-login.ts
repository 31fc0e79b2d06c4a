import { getEnv } from "../../env.ts";
import type { Session } from "../auth/session-types.ts";
import { AppError } from "../errors.ts";
import { buildLoginDialogUrl } from "../integrations/meta-graph/build-login-dialog-url.ts";
import { getMetaGraph } from "../integrations/meta-graph/get-meta-graph.ts";
import type { GraphUserPage } from "../integrations/meta-graph/meta-graph.ts";
import { signToken, verifyToken } from "../security/sign-token.ts";
import { connectFacebookPage, toUserError } from "./manage-facebook-pages.ts";

/** What Lead Ads needs (integrations.md §3): list the user's Pages, subscribe them, read their leads. */
const SCOPES = [
  "pages_show_list",
  "pages_manage_metadata",
  "pages_read_engagement",
  "leads_retrieval",
  "ads_management",
];
const STATE_PURPOSE = "facebook-login";
const CALLBACK_PATH = "/api/integrations/facebook/callback";

export function isFacebookLoginEnabled(): boolean {
  const env = getEnv();
  return Boolean(env.FACEBOOK_APP_ID && env.FACEBOOK_APP_SECRET);
}

const callbackUrl = () => new URL(CALLBACK_PATH, getEnv().APP_URL).toString();

/** The Meta login dialog; `state` binds the answer to this user and dealership for ten minutes. */
export function buildFacebookLoginUrl(session: Session): string {
  if (!isFacebookLoginEnabled()) throw new AppError("not_found", "Facebook-innlogging er ikke satt opp");
  return buildLoginDialogUrl({
    redirectUri: callbackUrl(),
    scopes: SCOPES,
    state: signToken(STATE_PURPOSE, `${session.dealershipId}:${session.userId}`, { expiresInSeconds: 600 }),
  });
}

/**
 * The callback: code → user token → long-lived user token (Page tokens derived from it do not expire) → the
 * user's Pages with their tokens → each connected like a pasted token (subscribe to leadgen, store sealed).
 */
export async function completeFacebookLogin(
  session: Session,
  params: URLSearchParams,
): Promise<{ connected: string[]; failed: { name: string; error: string }[] }> {
  if (!isFacebookLoginEnabled()) throw new AppError("not_found", "Facebook-innlogging er ikke satt opp");
  const denied = params.get("error");
  if (denied) throw new AppError("bad_request", "Innloggingen hos Facebook ble avbrutt");
  const state = verifyToken(STATE_PURPOSE, params.get("state") ?? "");
  if (state !== `${session.dealershipId}:${session.userId}`)
    throw new AppError("bad_request", "Innloggingen er utløpt eller startet av en annen bruker. Prøv igjen.");
  const code = params.get("code");
  if (!code) throw new AppError("bad_request", "Facebook sendte ingen kode tilbake");

  let pages: GraphUserPage[];
  try {
    const graph = getMetaGraph();
    pages = await graph.listUserPages(await graph.exchangeLoginCode(code, callbackUrl()));
  } catch (err) {
    throw toUserError(err, "Innloggingen hos Facebook feilet");
  }
  if (!pages.length) throw new AppError("bad_request", "Kontoen administrerer ingen Facebook-sider");

  const connected: string[] = [];
  const failed: { name: string; error: string }[] = [];
  for (const page of pages) {
    if (!page.accessToken) {
      failed.push({ name: page.name, error: "ingen tilgangsnøkkel (mangler rollen på siden?)" });
      continue;
    }
    try {
      await connectFacebookPage(session, { pageId: page.id, accessToken: page.accessToken, via: "oauth" });
      connected.push(page.name);
    } catch (err) {
      failed.push({ name: page.name, error: err instanceof AppError ? err.message : "ukjent feil" });
    }
  }
  return { connected, failed };
}

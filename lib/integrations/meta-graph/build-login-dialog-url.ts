import { getEnv } from "../../../env.ts";

/** Meta's login dialog (FACEBOOK_DIALOG_URL) for our app; the answer comes back to `redirectUri` with a code. */
export function buildLoginDialogUrl(input: { redirectUri: string; scopes: string[]; state: string }): string {
  const env = getEnv();
  const url = new URL(
    `${env.FACEBOOK_DIALOG_URL.replace(/\/$/, "")}/${env.FACEBOOK_GRAPH_VERSION}/dialog/oauth`,
  );
  url.searchParams.set("client_id", env.FACEBOOK_APP_ID ?? "");
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", input.scopes.join(","));
  url.searchParams.set("state", input.state);
  return url.toString();
}

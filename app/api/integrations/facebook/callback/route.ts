// GET /api/integrations/facebook/callback – Meta's login dialog sends the admin back here with a code.
import { NextResponse } from "next/server";
import { getEnv } from "@/env";
import { getSession } from "@/lib/auth/get-session";
import { canManageApiKeys } from "@/lib/auth/permissions";
import { AppError, isAppError } from "@/lib/errors";
import { completeFacebookLogin } from "@/lib/facebook-leads/facebook-login";
import { getLogger } from "@/lib/log/logger";

export async function GET(req: Request): Promise<Response> {
  const session = await getSession();
  if (!session) return NextResponse.redirect(new URL("/sign-in", getEnv().APP_URL));
  // APP_URL, not req.url: behind a proxy (or bound to 127.0.0.1) Next reports another host, and the session
  // cookie belongs to the public one.
  const back = new URL("/settings/integrations", getEnv().APP_URL);
  back.hash = "facebook";
  try {
    if (!canManageApiKeys(session.role))
      throw new AppError("forbidden", "Bare administratorer kan koble til Facebook-sider");
    const { connected, failed } = await completeFacebookLogin(session, new URL(req.url).searchParams);
    back.searchParams.set("facebook", "connected");
    back.searchParams.set("pages", connected.join(", "));
    if (failed.length) back.searchParams.set("failed", failed.map((f) => `${f.name}: ${f.error}`).join("; "));
  } catch (err) {
    if (!isAppError(err)) getLogger("facebook").error({ err }, "login callback failed");
    back.searchParams.set("facebook", "error");
    back.searchParams.set("message", isAppError(err) ? err.message : "Noe gikk galt. Prøv igjen.");
  }
  return NextResponse.redirect(back);
}

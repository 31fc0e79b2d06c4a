// GET /api/integrations/facebook/connect – admins: off to Meta's login dialog to connect the dealership's Pages.
import { NextResponse } from "next/server";
import { getEnv } from "@/env";
import { getSession } from "@/lib/auth/get-session";
import { canManageApiKeys } from "@/lib/auth/permissions";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/edge/responses";
import { buildFacebookLoginUrl } from "@/lib/facebook-leads/facebook-login";

export async function GET(): Promise<Response> {
  const session = await getSession();
  if (!session) return NextResponse.redirect(new URL("/sign-in", getEnv().APP_URL));
  try {
    if (!canManageApiKeys(session.role)) throw new AppError("forbidden", "Du har ikke tilgang til dette");
    return NextResponse.redirect(buildFacebookLoginUrl(session));
  } catch (err) {
    return errorResponse(err);
  }
}

import type { UserRole } from "../../db/schema/enums.ts";
import { authenticateApiKey } from "../auth/api-keys.ts";
import { getSession } from "../auth/get-session.ts";
import type { Principal } from "../auth/session-types.ts";
import { AppError } from "../errors.ts";
import { addLogContext, withLogContext } from "../log/log-context.ts";
import { limitApiKeyRate } from "./limit-request-rate.ts";
import { readRequestId } from "./request-id.ts";
import { errorResponse } from "./responses.ts";

type Handler<P> = (args: { req: Request; principal: Principal; params: P }) => Promise<Response>;

/**
 * The one wrapper for authenticated API routes: a dashboard session (role-checked) or an API key
 * (`Authorization: Bearer nv_…`, acts as its dealership). Errors map to JSON with the right status.
 */
export function withApiAuth<P = Record<string, never>>(
  handler: Handler<P>,
  options: { roles: readonly UserRole[]; allowApiKey: boolean },
) {
  return (req: Request, context: { params: Promise<P> }): Promise<Response> =>
    // The proxy put the request id on the request; log lines of this call carry it and the dealership.
    withLogContext({ requestId: readRequestId(req.headers) }, async () => {
      try {
        const principal = await authenticate(req, options);
        addLogContext({ dealershipId: principal.dealershipId });
        if ("apiKeyId" in principal) await limitApiKeyRate(principal.apiKeyId);
        return await handler({ req, principal, params: await context.params });
      } catch (err) {
        return errorResponse(err);
      }
    });
}

async function authenticate(
  req: Request,
  options: { roles: readonly UserRole[]; allowApiKey: boolean },
): Promise<Principal> {
  const bearer = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const principal = options.allowApiKey ? await authenticateApiKey(bearer) : null;
    if (!principal) throw new AppError("unauthorized", "Invalid API key");
    return principal;
  }
  const session = await getSession();
  if (!session) throw new AppError("unauthorized", "Not signed in");
  if (!options.roles.includes(session.role)) throw new AppError("forbidden", "Your role does not allow this");
  return session;
}

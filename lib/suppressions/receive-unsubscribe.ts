import { getClientIp } from "../http/client-ip.ts";
import { errorResponse, json, readBodyText } from "../http/responses.ts";
import { unsubscribeByToken } from "./unsubscribe-by-token.ts";

/**
 * POST /api/unsubscribe/:token has two callers. The button on /avmeld/:token posts a plain form and is sent back
 * to the page (303), which then says it is done. Mail clients post RFC 8058 one-click unsubscribes
 * (`List-Unsubscribe=One-Click`, from the List-Unsubscribe header) and only need a 200. Both are idempotent.
 */
export async function receiveUnsubscribe(req: Request, token: string): Promise<Response> {
  try {
    const body = await readBodyText(req, 16 * 1024);
    const result = await unsubscribeByToken(token, { ip: getClientIp(req.headers) });
    if (!result)
      return json({ error: "not_found", message: "Avmeldingslenken er ugyldig." }, { status: 404 });
    if (isOneClickBody(body)) {
      return new Response("Du er meldt av.", {
        status: 200,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
    // Relative, so the browser stays on the host it came from whatever proxies sit in front of us.
    return new Response(null, {
      status: 303,
      headers: { location: `/avmeld/${encodeURIComponent(token)}?ferdig=1`, "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}

/** RFC 8058 allows the one-click body as application/x-www-form-urlencoded or multipart/form-data. */
function isOneClickBody(body: string): boolean {
  return (
    new URLSearchParams(body.trim()).get("List-Unsubscribe") === "One-Click" ||
    /name="?List-Unsubscribe"?[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/i.test(body)
  );
}

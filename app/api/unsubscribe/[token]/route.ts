// POST /api/unsubscribe/:token – the unsubscribe page's button (303 back to the page, which then says it is done)
// and RFC 8058 one-click posts from mail clients (`List-Unsubscribe=One-Click`, 200). Both are idempotent.
// GET – a mail client that opens the List-Unsubscribe URL in a browser lands on the page; GET changes nothing,
// because link scanners fetch every URL in an e-mail.
import { BODY_LIMITS } from "@/lib/edge/body-limits";
import { getClientIp } from "@/lib/edge/client-ip";
import { isOneClickUnsubscribe } from "@/lib/edge/one-click-unsubscribe";
import { readBodyText } from "@/lib/edge/read-body";
import { json, redirect, text, withErrorResponse } from "@/lib/edge/responses";
import { unsubscribeByToken } from "@/lib/suppressions/unsubscribe-by-token";

type Context = { params: Promise<{ token: string }> };

export async function POST(req: Request, { params }: Context) {
  return withErrorResponse(async () => {
    const { token } = await params;
    const oneClick = isOneClickUnsubscribe(await readBodyText(req, BODY_LIMITS.unsubscribe));
    const result = await unsubscribeByToken(token, { ip: getClientIp(req.headers) });
    if (!result)
      return json({ error: "not_found", message: "Avmeldingslenken er ugyldig." }, { status: 404 });
    if (oneClick) return text("Du er meldt av.", { headers: { "cache-control": "no-store" } });
    // Relative, so the browser stays on the host it came from whatever proxies sit in front of us.
    return redirect(`/avmeld/${encodeURIComponent(token)}?ferdig=1`);
  });
}

export async function GET(_req: Request, { params }: Context) {
  return redirect(`/avmeld/${encodeURIComponent((await params).token)}`);
}

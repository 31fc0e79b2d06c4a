import { isAppError } from "../errors.ts";
import { redirect } from "./responses.ts";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain HTML form post (no JavaScript) wants a page, not JSON: it follows redirects and shows error pages. */
export function wantsHtml(req: Request): boolean {
  return (req.headers.get("accept") ?? "").includes("text/html");
}

/** After a plain HTML form post: 303 to the dealership's own thank-you page, else ours naming the dealership. */
export function thankYouRedirect(
  req: Request,
  dealership: { name: string; thankYouUrl: string | null },
): Response {
  const ours = new URL(`/takk?forhandler=${encodeURIComponent(dealership.name)}`, req.url);
  return redirect(dealership.thankYouUrl ?? ours.toString());
}

/**
 * Without JavaScript the browser shows this page for invalid fields: what was wrong, in Norwegian, and the way
 * back. Other errors keep their JSON answer (undefined here).
 */
export function formErrorPage(err: unknown): Response | undefined {
  if (!isAppError(err) || err.code !== "bad_request") return undefined;
  const items = Object.values(err.fieldErrors ?? {})
    .flat()
    .map((m) => `<li>${escapeHtml(m)}</li>`)
    .join("");
  const html = `<!doctype html><html lang="nb"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Skjemaet mangler noe</title>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>Skjemaet mangler noe</h1><ul>${items || "<li>Skjemaet kunne ikke leses.</li>"}</ul>
<p><a href="javascript:history.back()">Gå tilbake og rett opp</a></p></body></html>`;
  return new Response(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8" } });
}

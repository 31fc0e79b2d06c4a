import { isAppError } from "../errors.ts";
import { errorResponse, redirect } from "./responses.ts";

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

/** The website form's fields, in the snippet's order, with their Norwegian labels (lib/dealerships/build-form-snippet.ts). */
const FIELDS: [name: string, label: string, multiline?: boolean][] = [
  ["name", "Navn"],
  ["email", "E-post"],
  ["phone", "Telefon"],
  ["vehicle_interest", "Hvilken bil er du interessert i?"],
  ["message", "Melding", true],
];
const KEPT_HIDDEN = ["consent_marketing", "source_url", "_hp"];

/**
 * Without JavaScript the browser shows this page whenever the post fails: what was wrong (invalid fields), or
 * that we could not take the enquiry right now (database outage, rate limit), and a form holding everything the
 * visitor typed with "Send igjen" — a visitor who has to retype a message does not send it (issue 24, item 6).
 * Unexpected errors are still logged with their request id (errorResponse).
 */
export function formErrorPage(
  err: unknown,
  form: { action: string; fields?: Record<string, unknown> },
): Response {
  const invalid = isAppError(err) && err.code === "bad_request";
  const status = isAppError(err) ? err.status : (errorResponse(err), 503);
  const value = (name: string) => {
    const v = form.fields?.[name];
    return typeof v === "string" ? v : "";
  };
  const problems = invalid
    ? Object.values((err as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {})
        .flat()
        .map((m) => `<li>${escapeHtml(m)}</li>`)
        .join("") || "<li>Skjemaet kunne ikke leses.</li>"
    : status === 429
      ? "<li>Det har kommet mange henvendelser på kort tid. Vent litt og send igjen.</li>"
      : status === 413
        ? "<li>Meldingen er for lang. Gjør den kortere og send igjen.</li>"
        : "<li>Vi kunne ikke ta imot henvendelsen akkurat nå. Det du skrev er tatt vare på under – send igjen om litt.</li>";
  const title = invalid ? "Skjemaet mangler noe" : "Henvendelsen ble ikke sendt";
  const inputs = FIELDS.map(([name, label, multiline]) => {
    const v = escapeHtml(value(name));
    const field = multiline
      ? `<textarea id="f-${name}" name="${name}" rows="5" style="width:100%">${v}</textarea>`
      : `<input id="f-${name}" name="${name}" value="${v}" style="width:100%">`;
    return `<p><label for="f-${name}">${label}</label><br>${field}</p>`;
  }).join("");
  const hidden = KEPT_HIDDEN.filter((name) => value(name))
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(value(name))}">`)
    .join("");
  const html = `<!doctype html><html lang="nb"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1><ul>${problems}</ul>
<form method="post" action="${escapeHtml(form.action)}" accept-charset="utf-8">${inputs}${hidden}<p><button type="submit">Send igjen</button></p></form></body></html>`;
  const headers: Record<string, string> = {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
  };
  if (isAppError(err) && err.retryAfterSeconds) headers["retry-after"] = String(err.retryAfterSeconds);
  return new Response(html, { status, headers });
}

import type { Page, Response } from "@playwright/test";

// Content-Security-Policy checks shared by the e2e suite (tests/e2e/csp.spec.ts) and `npm run prod:smoke`: Chromium
// reports every blocked script, style, image or connection as a console error naming the policy.

/** Collects the page's CSP violations from now on, across navigations. */
export function watchCspViolations(page: Page): () => string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/Content[ -]Security[ -]Policy/i.test(message.text())) seen.push(message.text());
  });
  return () => [...seen];
}

/**
 * What is wrong with a page response's policy, in words (empty when fine): the header must carry a nonce, scripts
 * must be limited to it with 'strict-dynamic' and no 'unsafe-inline', and every <script> in the HTML must carry it.
 */
export async function cspProblems(response: Response | null): Promise<string[]> {
  if (!response) return ["no response"];
  const policy = response.headers()["content-security-policy"];
  if (!policy) return [`${response.url()}: no Content-Security-Policy header`];
  const scriptSrc = policy.split(";").find((part) => part.trim().startsWith("script-src")) ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc)?.[1];
  const problems: string[] = [];
  if (!nonce) problems.push(`${response.url()}: script-src has no nonce (${scriptSrc})`);
  if (!scriptSrc.includes("'strict-dynamic'")) problems.push(`${response.url()}: no 'strict-dynamic'`);
  if (/'unsafe-inline'/.test(scriptSrc))
    problems.push(`${response.url()}: script-src allows 'unsafe-inline'`);
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  if (scripts.length === 0) problems.push(`${response.url()}: no <script> in the page`);
  for (const tag of scripts)
    if (!tag.includes(`nonce="${nonce}"`))
      problems.push(`${response.url()}: a script without the nonce: ${tag}`);
  return problems;
}

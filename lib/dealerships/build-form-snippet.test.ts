import { describe, expect, it } from "vitest";
import { buildFormSnippet } from "./build-form-snippet.ts";

/** Runs the snippet's script against a fake form, fetch and clock: no browser, no sleeps. */
function runSnippet(answers: (number | "offline")[]) {
  const html = buildFormSnippet("https://app.norvalt.no/api/webhooks/form/k");
  const js = html.slice(html.indexOf("<script>") + 8, html.indexOf("</script>"));
  const status = { textContent: "" };
  const button = { disabled: false };
  let submit: (e: { preventDefault: () => void }) => void = () => {};
  const form = {
    action: "https://app.norvalt.no/api/webhooks/form/k",
    elements: { source_url: { value: "" } },
    querySelector: (sel: string) => (sel === ".norvalt-status" ? status : button),
    addEventListener: (_: string, fn: typeof submit) => (submit = fn),
    reset: () => {},
  };
  const calls: { key: string }[] = [];
  const timers: { seconds: number; fn: () => void }[] = [];
  const fetch = (_url: string, init: { headers: Record<string, string> }) => {
    calls.push({ key: init.headers["Idempotency-Key"]! });
    const answer = answers.shift() ?? 200;
    if (answer === "offline") return Promise.reject(new TypeError("Failed to fetch"));
    return Promise.resolve({
      status: answer,
      ok: answer < 300,
      json: () => Promise.resolve(answer === 400 ? { fields: { email: ["Ugyldig e-postadresse"] } } : {}),
    });
  };
  const setTimeout = (fn: () => void, ms: number) => timers.push({ seconds: ms / 1000, fn });
  new Function("document", "location", "window", "crypto", "fetch", "setTimeout", "FormData", js)(
    { currentScript: { previousElementSibling: form } },
    { href: "https://bil.no/kontakt" },
    { crypto: { randomUUID: () => "key-1" } },
    { randomUUID: () => "key-1" },
    fetch,
    setTimeout,
    class {},
  );
  const flush = () => new Promise((resolve) => globalThis.setTimeout(resolve, 0));
  return { submit: () => submit({ preventDefault: () => {} }), status, button, calls, timers, flush };
}

describe("the website form snippet", () => {
  it("retries a failed send with the same Idempotency-Key and growing delays, showing 'Sender …' until the thanks", async () => {
    const s = runSnippet([503, "offline", 200]);
    s.submit();
    await s.flush();
    expect(s.status.textContent).toMatch(/^Sender/);
    expect(s.timers.map((t) => t.seconds)).toEqual([2]);
    s.timers[0]!.fn();
    await s.flush();
    expect(s.timers.map((t) => t.seconds)).toEqual([2, 4]);
    expect(s.status.textContent).toMatch(/^Sender/);
    s.timers[1]!.fn();
    await s.flush();
    await s.flush();
    expect(s.status.textContent).toMatch(/^Takk!/);
    expect(s.calls.map((c) => c.key)).toEqual(["key-1", "key-1", "key-1"]);
    expect(s.button.disabled).toBe(false);
  });

  it("does not retry field errors: it shows them", async () => {
    const s = runSnippet([400]);
    s.submit();
    await s.flush();
    await s.flush();
    expect(s.status.textContent).toBe("Ugyldig e-postadresse");
    expect(s.timers).toHaveLength(0);
  });

  it("gives up after about five minutes with a message, and lets the visitor send again", async () => {
    const s = runSnippet(Array(20).fill(503));
    s.submit();
    for (let i = 0; i < 12; i++) {
      await s.flush();
      const next = s.timers[i];
      if (next) next.fn();
    }
    await s.flush();
    const total = s.timers.reduce((sum, t) => sum + t.seconds, 0);
    expect(total).toBeGreaterThanOrEqual(240);
    expect(total).toBeLessThanOrEqual(360);
    expect(s.status.textContent).toMatch(/Prøv igjen om litt/);
    expect(s.button.disabled).toBe(false);
  });
});

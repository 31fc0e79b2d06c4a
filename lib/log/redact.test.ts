import { describe, expect, it } from "vitest";
import { scrubText, scrubValue } from "./redact.ts";

describe("log redaction (GDPR: no personal data in logs)", () => {
  it("drops the bound parameters of a failed query, names included", () => {
    const message =
      'Failed query: insert into "leads" ("customer_name", "customer_email") values ($1, $2)\nparams: Kari Nordmann,kari@example.no';
    const scrubbed = scrubText(message);
    expect(scrubbed).toContain('insert into "leads"');
    expect(scrubbed).toContain("params: [redacted]");
    expect(scrubbed).not.toMatch(/Kari|kari@/);
  });

  it("scrubs e-mail addresses and phone numbers inside error messages and stacks", () => {
    const err = new Error("duplicate key: (email)=(ola@example.no), phone +47 912 34 567");
    const out = scrubValue(err) as { message: string; stack: string };
    expect(out.message).toBe("duplicate key: (email)=([email]), phone [phone]");
    expect(out.stack).not.toContain("ola@example.no");
  });
});

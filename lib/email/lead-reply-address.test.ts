import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLeadReplyAddress, readLeadReplyAddress } from "./lead-reply-address.ts";

const leadId = "3f2a9c1e-7b4d-4e8a-9c21-5d6e7f809a1b";

describe("createLeadReplyAddress / readLeadReplyAddress", () => {
  it("builds a short, lower-case reply+token address on the inbound domain", () => {
    const address = createLeadReplyAddress(leadId, "svar.norvalt.no");
    expect(address).toMatch(/^reply\+[a-z2-7]{42}@svar\.norvalt\.no$/);
    // Local parts longer than 64 characters are invalid (RFC 5321).
    expect(address.split("@")[0]!.length).toBeLessThanOrEqual(64);
    expect(readLeadReplyAddress(address)).toBe(leadId);
  });

  it("round-trips random lead ids", () => {
    for (let i = 0; i < 50; i++) {
      const id = randomUUID();
      expect(readLeadReplyAddress(createLeadReplyAddress(id))).toBe(id);
    }
  });

  it("tolerates upper case, display names and angle brackets", () => {
    const address = createLeadReplyAddress(leadId, "svar.norvalt.no");
    expect(readLeadReplyAddress(address.toUpperCase())).toBe(leadId);
    expect(readLeadReplyAddress(`"Fjordbil AS" <${address}>`)).toBe(leadId);
    expect(readLeadReplyAddress(`  <${address.replace("reply", "Reply")}>  `)).toBe(leadId);
  });

  it("rejects tampered, truncated and foreign addresses", () => {
    const address = createLeadReplyAddress(leadId, "svar.norvalt.no");
    const token = /\+([a-z2-7]+)@/.exec(address)![1]!;
    const flip = (i: number) => token.slice(0, i) + (token[i] === "a" ? "b" : "a") + token.slice(i + 1);
    expect(readLeadReplyAddress(`reply+${flip(0)}@svar.norvalt.no`)).toBeNull(); // the lead id
    expect(readLeadReplyAddress(`reply+${flip(35)}@svar.norvalt.no`)).toBeNull(); // the MAC
    expect(readLeadReplyAddress(`reply+${token.slice(0, -1)}@svar.norvalt.no`)).toBeNull();
    expect(readLeadReplyAddress(`reply+${token}a@svar.norvalt.no`)).toBeNull();
    expect(readLeadReplyAddress(`reply+${token.slice(0, -1)}1@svar.norvalt.no`)).toBeNull();
    expect(readLeadReplyAddress("post@fjordbil.no")).toBeNull();
    expect(readLeadReplyAddress("")).toBeNull();
  });

  it("refuses what is not a lead id", () => {
    expect(() => createLeadReplyAddress("not-a-uuid")).toThrow();
  });
});

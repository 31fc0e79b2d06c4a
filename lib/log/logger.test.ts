import { afterEach, describe, expect, it, vi } from "vitest";
import { withLogContext } from "./log-context.ts";
import { getLogger, resetLogger } from "./logger.ts";
import { scrubText } from "./redact.ts";

function capture(run: () => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    spy.mockRestore();
  }
  return lines
    .flatMap((l) => l.split("\n").filter(Boolean))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("logger", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetLogger();
  });

  it("writes JSON with the context's ids and no personal data", () => {
    vi.stubEnv("LOG_FORMAT", "json");
    vi.stubEnv("LOG_LEVEL", "info");
    resetLogger();
    const records = capture(() =>
      withLogContext({ requestId: "req-1", dealershipId: "d-1" }, () => {
        getLogger("test").info(
          { email: "ola@example.no", lead: { phone: "+47 912 34 567", customerName: "Ola" }, params: ["x"] },
          "lead from kari.nordmann@example.no 91234567",
        );
        getLogger().error(new Error("duplicate key (email)=(per@example.no)"), "insert failed");
      }),
    );
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      level: "info",
      requestId: "req-1",
      dealershipId: "d-1",
      component: "test",
    });
    const text = JSON.stringify(records);
    for (const secret of [
      "ola@example.no",
      "912 34 567",
      "Ola",
      "kari.nordmann",
      "91234567",
      "per@example.no",
    ])
      expect(text).not.toContain(secret);
    expect(records[0]!.msg).toBe("lead from [email] [phone]");
    expect(records[1]!.err).toMatchObject({ type: "Error" });
  });

  it("honours LOG_LEVEL", () => {
    vi.stubEnv("LOG_FORMAT", "json");
    vi.stubEnv("LOG_LEVEL", "warn");
    resetLogger();
    const records = capture(() => {
      getLogger().info("hidden");
      getLogger().warn("shown");
    });
    expect(records.map((r) => r.msg)).toEqual(["shown"]);
  });
});

describe("scrubText", () => {
  it("keeps ids, UUIDs and durations", () => {
    const line = "job 3f1c2a4e-1234-4567-89ab-123456789012 done in 1234 ms, lead 12345678-aaaa";
    expect(scrubText(line)).toBe(line);
  });
  it("removes Norwegian and international numbers and e-mails", () => {
    expect(scrubText("ring 912 34 567 eller +4791234567 / 0047 91234567, a.b+c@x.no")).toBe(
      "ring [phone] eller [phone] / [phone], [email]",
    );
  });
});

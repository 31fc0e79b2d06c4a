import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startFakeAnthropic, type FakeAnthropic } from "../../../tests/fakes/anthropic-server.ts";
import { createAnthropicLlm } from "./anthropic-llm.ts";

const API_KEY = "sk-ant-test-key";
const schema = z.object({
  title: z.string().trim().min(1).max(80),
  score: z.number().min(0).max(1),
  tags: z.array(z.enum(["a", "b"])).max(3),
  note: z.string().nullable(),
});

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic({ apiKey: API_KEY });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const llm = () =>
  createAnthropicLlm({ apiKey: API_KEY, baseURL: fake.url, model: "claude-haiku-4-5", timeoutMs: 2_000 });
const request = { system: "Rules.", user: "Data.", schema, maxTokens: 100 };

describe("createAnthropicLlm", () => {
  it("sends the zod schema as structured output, in the keywords the API accepts", async () => {
    fake.reply(JSON.stringify({ title: "Hei", score: 0.5, tags: ["a"], note: null }));
    const result = await llm().generate(request);
    expect(result).toMatchObject({
      outcome: "ok",
      output: { title: "Hei", score: 0.5, tags: ["a"], note: null },
    });
    const format = (
      fake.requests[0]!.body!.output_config as { format: { type: string; schema: Record<string, unknown> } }
    ).format;
    expect(format.type).toBe("json_schema");
    expect(format.schema).toMatchObject({
      type: "object",
      additionalProperties: false,
      required: ["title", "score", "tags", "note"],
      properties: {
        title: { type: "string" },
        tags: { type: "array", items: { enum: ["a", "b"] } },
        note: { type: ["string", "null"] },
      },
    });
    // Length limits and bounds are not structured-output keywords: they ride along as descriptions, zod checks them.
    expect(JSON.stringify(format.schema)).not.toMatch(/"(minLength|maxLength|minimum|maximum|maxItems)"/);
  });

  it("returns model, latency and tokens with every outcome it got an answer for", async () => {
    fake.reply(JSON.stringify({ title: "", score: 2, tags: [], note: null }));
    const result = await llm().generate(request);
    expect(result.outcome).toBe("invalid_output");
    if (result.outcome !== "invalid_output") return;
    expect(result.error.message).toMatch(/wrong shape/);
    expect(result.model).toBe("claude-haiku-4-5");
    expect(result.usage!.inputTokens).toBeGreaterThan(0);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it.each([
    [429, "rate_limited", "rate_limited"],
    [529, "api_error", "server_error"],
    [401, "api_error", "auth"],
  ] as const)("maps %i to outcome %s (%s), without tokens", async (status, outcome, kind) => {
    fake.failWith(status);
    const result = await llm().generate(request);
    expect(result).toMatchObject({ outcome, error: { kind, status }, usage: null });
  });
});

import { getEnv } from "../../../env.ts";
import { createAnthropicLlm } from "./anthropic-llm.ts";
import type { Llm } from "./llm.ts";

/** The dev adapter: answers at once, and the domain falls back to its built-in responder or classifier. */
const notConfigured: Llm = { generate: async () => ({ outcome: "not_configured" }) };

let llm: Llm | undefined;

/** The one place that picks the adapter: Anthropic when ANTHROPIC_API_KEY is set, else "not configured". */
export function getLlm(): Llm {
  if (!llm) {
    const env = getEnv();
    llm = env.ANTHROPIC_API_KEY
      ? createAnthropicLlm({
          apiKey: env.ANTHROPIC_API_KEY,
          baseURL: env.ANTHROPIC_BASE_URL,
          model: env.ANTHROPIC_MODEL,
          timeoutMs: env.ANTHROPIC_TIMEOUT_MS,
        })
      : notConfigured;
  }
  return llm;
}

/**
 * Tests: use this adapter (e.g. createAnthropicLlm pointed at tests/fakes/anthropic-server.ts) until called again;
 * undefined goes back to choosing from the environment.
 */
export function setLlmForTests(adapter: Llm | undefined): void {
  llm = adapter;
}

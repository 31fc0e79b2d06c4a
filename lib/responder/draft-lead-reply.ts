import { getEnv } from "../../env.ts";
import { buildSignature, composeBuiltInReply } from "./compose-built-in-reply.ts";
import { ClaudeReplyError, draftReplyWithClaude } from "./draft-reply-with-claude.ts";
import { checkReply, withDisclosure } from "./guardrails.ts";
import type { DraftReply, ReplyContext } from "./reply-types.ts";

export type LeadReplyDraft = DraftReply & {
  source: "claude" | "builtin";
  latencyMs: number;
  /** Why the built-in reply was used although Claude is configured (error kind or "guardrails"). */
  fallbackReason?: string;
  /** Rules a Claude draft broke: the lead goes to a person for review. */
  violations?: { rule: string; detail: string }[];
  /** Even the built-in reply broke a rule (a bug, or data we cannot phrase safely): hold it for a person. */
  blocked?: boolean;
  model?: string;
};

/**
 * The first reply to a lead: Claude when a key is set, else (and on any AI failure) the built-in Norwegian
 * responder. Every reply passes the guardrails in code; a Claude draft that breaks one is replaced by the
 * built-in reply and reported, so the workflow can flag the lead for review. Never throws for an AI problem.
 */
export async function aiDraftLeadReply(
  context: ReplyContext,
  options: { signal?: AbortSignal } = {},
): Promise<LeadReplyDraft> {
  const started = performance.now();
  const env = getEnv();
  const builtIn = (extra: Partial<LeadReplyDraft> = {}): LeadReplyDraft => {
    const reply = withDisclosure(composeBuiltInReply(context), context);
    const verdict = checkReply(reply, context);
    return {
      ...reply,
      source: "builtin",
      latencyMs: Math.round(performance.now() - started),
      ...extra,
      ...(!verdict.ok && { blocked: true, violations: [...(extra.violations ?? []), ...verdict.violations] }),
    };
  };
  if (!env.ANTHROPIC_API_KEY) return builtIn();

  let claude: Awaited<ReturnType<typeof draftReplyWithClaude>>;
  try {
    claude = await draftReplyWithClaude(context, {
      apiKey: env.ANTHROPIC_API_KEY,
      baseURL: env.ANTHROPIC_BASE_URL,
      model: env.ANTHROPIC_MODEL,
      timeoutMs: env.ANTHROPIC_TIMEOUT_MS,
      signal: options.signal,
    });
  } catch (err) {
    const reason = err instanceof ClaudeReplyError ? err.kind : "unexpected";
    console.warn(
      `[responder] Claude failed (${reason}), using the built-in reply: ${(err as Error).message}`,
    );
    return builtIn({ fallbackReason: reason });
  }
  const { model, subject, body, citedVehicleIds, intent } = claude;
  const signed = withDisclosure(
    { subject, body: appendSignature(body, context), citedVehicleIds, intent },
    context,
  );
  const verdict = checkReply(signed, context);
  if (!verdict.ok) {
    return builtIn({ fallbackReason: "guardrails", violations: verdict.violations, model });
  }
  return { ...signed, source: "claude", latencyMs: Math.round(performance.now() - started), model };
}

/** Claude writes the message only; the signature is the dealership's own, as in the built-in replies. */
function appendSignature(body: string, context: ReplyContext): string {
  return `${body.trim()}\n\n${buildSignature(context.dealership)}`;
}

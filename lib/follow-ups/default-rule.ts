import type { FollowUpStep } from "../../db/schema/follow-ups.ts";

/** A dealership's follow-up rule as the app reads it (the row, or these defaults when it has none). */
export type FollowUpRule = {
  enabled: boolean;
  steps: FollowUpStep[];
  afterLast: "lost" | "none";
  closeAfterDays: number;
  maxPerLead: number;
  approvalHours: number;
};

/** Day 3 and day 7 after the first reply, by e-mail; lost with "no response" a week after the last step. */
export const DEFAULT_FOLLOW_UP_RULE: FollowUpRule = {
  enabled: true,
  steps: [
    { delayDays: 3, channel: "email" },
    { delayDays: 7, channel: "email" },
  ],
  afterLast: "lost",
  closeAfterDays: 7,
  maxPerLead: 3,
  approvalHours: 24,
};

/** The lost reason a closed follow-up chain writes on the lead's status history. */
export const NO_RESPONSE_REASON = "Ingen respons på oppfølging";

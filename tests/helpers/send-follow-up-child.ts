// A worker process that sends one follow-up and exits: the SIGKILL test kills it mid-send and runs it again.
// Env: FOLLOW_UP_ID, DEALERSHIP_ID, FOLLOW_UP_NOW (ISO), plus DATABASE_URL and the Resend settings.
import { closeDb } from "../../lib/db/client.ts";
import { sendFollowUp } from "../../lib/follow-ups/send-follow-up.ts";

const outcome = await sendFollowUp(
  { dealershipId: process.env.DEALERSHIP_ID! },
  { followUpId: process.env.FOLLOW_UP_ID! },
  { now: new Date(process.env.FOLLOW_UP_NOW!) },
);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await closeDb();

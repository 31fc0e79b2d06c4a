import { sendPasswordReset } from "../../lib/auth/password-reset.ts";
import { defineJob } from "../define-job.ts";

export const authPasswordReset = defineJob({
  name: "auth.password-reset",
  options: { retryLimit: 2, retryBackoff: true, expireInSeconds: 60, heartbeatSeconds: 10 },
  handler: ({ email }) => sendPasswordReset(email),
});

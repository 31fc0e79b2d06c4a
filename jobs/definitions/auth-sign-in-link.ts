import { sendSignInLink } from "../../lib/auth/sign-in-link.ts";
import { defineJob } from "../define-job.ts";

export const authSignInLink = defineJob({
  name: "auth.sign-in-link",
  options: { retryLimit: 2, retryBackoff: true, expireInSeconds: 60, heartbeatSeconds: 10 },
  handler: ({ email }) => sendSignInLink(email),
});

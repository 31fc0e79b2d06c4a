import { reassignLeadsOfInactiveMember } from "../../lib/users/reassign-open-leads.ts";
import { defineJob } from "../define-job.ts";

/** A member removed in Clerk hands over their open leads (lib/users/reassign-open-leads.ts). */
export const teamReassignLeads = defineJob({
  name: "team.reassign-leads",
  options: { retryLimit: 5, retryBackoff: true, retryDelay: 5, expireInSeconds: 120, heartbeatSeconds: 10 },
  concurrency: 2,
  handler: (job) => reassignLeadsOfInactiveMember(job, job),
});

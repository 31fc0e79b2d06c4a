import { maintenancePurge } from "./definitions/maintenance-purge.ts";

/** Every job the worker runs. enqueue() is typed from this list; the runner refuses names not in it. */
export const jobRegistry = [maintenancePurge] as const;

export type RegisteredJob = (typeof jobRegistry)[number];
export type JobName = RegisteredJob["name"];

import { parsePathId } from "../http/parse-path-id.ts";

/** A lead id from a URL: 404 for anything that is not a UUID, like any unknown lead. */
export const parseLeadId = (raw: string): string => parsePathId(raw, "Lead not found");

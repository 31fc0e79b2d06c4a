import { getLocale } from "next-intl/server";
import { timeFormatters } from "./format-time";

/** Durations and relative times in the reader's language, for server components. */
export async function getTimeFormatters() {
  return timeFormatters(await getLocale());
}

import { z } from "zod";
import { STORABLE_DATE_RANGE } from "../text/clean-input.ts";

const OUT_OF_RANGE = "Datoen er utenfor gyldig område (år 1–9999)";

/** A date query parameter or field (`?from=2026-01-31`): 400 for an invalid date or one Postgres cannot be sent. */
export const storableDateParam = () =>
  z.coerce
    .date({ error: "Ugyldig dato" })
    .min(STORABLE_DATE_RANGE.min, OUT_OF_RANGE)
    .max(STORABLE_DATE_RANGE.max, OUT_OF_RANGE);

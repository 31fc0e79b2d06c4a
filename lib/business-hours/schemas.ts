import { z } from "zod";
import { isIsoDate } from "../dates/time-zone.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import { parseClock } from "./opening-hours.ts";

/** At most this many opening intervals a day (morning, lunch break, afternoon, evening). */
export const MAX_INTERVALS_PER_DAY = 4;
export const MAX_SPECIAL_DAYS = 100;
export const MAX_NOTE_CHARS = 80;

const clock = z
  .string({ error: "Skriv klokkeslett som TT:MM" })
  .trim()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Skriv klokkeslett som TT:MM, for eksempel 09:00");

const interval = z
  .object({ open: clock, close: clock })
  .refine((i) => parseClock(i.open)! < parseClock(i.close)!, {
    message: "Stengetid må være etter åpningstid",
    path: ["close"],
  });

const dayIntervals = z
  .array(interval)
  .max(MAX_INTERVALS_PER_DAY, `Høyst ${MAX_INTERVALS_PER_DAY} tidsrom per dag`)
  .superRefine((intervals, ctx) => {
    const sorted = intervals
      .map((i, index) => ({ index, open: parseClock(i.open)!, close: parseClock(i.close)! }))
      .sort((a, b) => a.open - b.open);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k]!.open < sorted[k - 1]!.close) {
        ctx.addIssue({ code: "custom", message: "Tidsrommene overlapper", path: [sorted[k]!.index, "open"] });
      }
    }
  })
  // Stored in order, so every reader sees the day's intervals as they happen.
  .transform((intervals) => [...intervals].sort((a, b) => parseClock(a.open)! - parseClock(b.open)!));

/** Plain text only: no markup, no control characters. Emoji and other scripts are stored as written. */
const note = z
  .string()
  .trim()
  .max(MAX_NOTE_CHARS, `Høyst ${MAX_NOTE_CHARS} tegn`)
  .refine((v) => !/[<>]/.test(v), "Bruk vanlig tekst uten < og >")
  .refine((v) => !/[\u0000-\u001F\u007F]/.test(v), "Bruk vanlig tekst")
  .optional();

const specialDay = z.object({
  date: z.string().trim().refine(isIsoDate, "Velg en gyldig dato"),
  hours: dayIntervals,
  note,
});

/** Settings → Åpningstider: the week, the special days and whether public holidays close the dealership. */
export const businessHoursInput = z.object({
  weekly: z.object({
    mon: dayIntervals,
    tue: dayIntervals,
    wed: dayIntervals,
    thu: dayIntervals,
    fri: dayIntervals,
    sat: dayIntervals,
    sun: dayIntervals,
  }),
  observePublicHolidays: z.boolean(),
  specialDays: z
    .array(specialDay)
    .max(MAX_SPECIAL_DAYS, `Høyst ${MAX_SPECIAL_DAYS} spesielle dager`)
    .superRefine((days, ctx) => {
      const seen = new Set<string>();
      days.forEach((day, index) => {
        if (seen.has(day.date))
          ctx.addIssue({ code: "custom", message: "Datoen står der allerede", path: [index, "date"] });
        seen.add(day.date);
      });
    })
    .transform((days) => [...days].sort((a, b) => a.date.localeCompare(b.date))),
});
export type BusinessHoursInput = z.output<typeof businessHoursInput>;

/**
 * Parses a nested form with field errors keyed by their full path ("weekly.mon.1.close", "specialDays.0.date"),
 * so the form can show each error next to its field. AppError bad_request when it does not fit.
 */
export function parseNestedForm<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new AppError("bad_request", "Sjekk feltene som er markert", { fieldErrors });
}

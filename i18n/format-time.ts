import { createTranslator } from "next-intl";
import en from "../messages/en.json";
import nb from "../messages/nb.json";

/*
 * Durations and relative times as Norwegians write them: "1 min 18 s", "3 t 5 min", "2 dager", "for 2 dager
 * siden" — never "78 sek", "0 min" or "2 døgn" (what Intl's own units say in nb). The words live in messages/*.json
 * (`durations`); minutes and hours in relative times come from Intl.RelativeTimeFormat, which reads well.
 */

const MESSAGES = { nb, en } as const;
type Locale = keyof typeof MESSAGES;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function timeFormatters(locale: string) {
  const lang: Locale = locale === "en" ? "en" : "nb";
  const t = createTranslator({ locale: lang, messages: MESSAGES[lang], namespace: "durations" });
  const number = (n: number, digits = 0) =>
    new Intl.NumberFormat(lang === "nb" ? "nb-NO" : "en-GB", { maximumFractionDigits: digits }).format(n);

  /** A length of time: "0,4 s", "42 s", "1 min 18 s", "25 min", "3 t 5 min", "2 dager". */
  const duration = (ms: number): string => {
    const abs = Math.max(0, ms);
    if (abs < 10 * SECOND) return t("seconds", { count: number(abs / SECOND, 1) });
    if (abs < MINUTE) return t("seconds", { count: number(Math.round(abs / SECOND)) });
    if (abs < 10 * MINUTE) {
      const total = Math.round(abs / SECOND);
      const [minutes, seconds] = [Math.floor(total / 60), total % 60];
      return seconds === 0
        ? t("minutes", { count: number(minutes) })
        : t("minutesSeconds", { minutes: number(minutes), seconds: number(seconds) });
    }
    if (abs < HOUR - 30 * SECOND) return t("minutes", { count: number(Math.round(abs / MINUTE)) });
    if (abs < DAY - 30 * MINUTE) {
      const total = Math.round(abs / MINUTE);
      const [hours, minutes] = [Math.floor(total / 60), total % 60];
      return minutes === 0
        ? t("hours", { count: number(hours) })
        : t("hoursMinutes", { hours: number(hours), minutes: number(minutes) });
    }
    return t("days", { count: Math.max(1, Math.round(abs / DAY)) });
  };

  /**
   * A length stored in whole seconds (the first response time): a reply within the first second is "under 1 s",
   * not "0 s", which read as if nothing had been measured.
   */
  const wholeSeconds = (seconds: number): string =>
    seconds < 1 ? t("underOneSecond") : duration(seconds * SECOND);

  /** When, relative to now: "nå nettopp", "for 5 minutter siden", "for 3 timer siden", "for 2 dager siden", "om 2 dager". */
  const relative = (date: Date, now = new Date()): string => {
    const diff = date.getTime() - now.getTime();
    const abs = Math.abs(diff);
    const sign = diff < 0 ? -1 : 1;
    const rtf = new Intl.RelativeTimeFormat(lang === "nb" ? "nb-NO" : "en-GB", { numeric: "always" });
    if (abs < 45 * SECOND) return t("justNow");
    if (abs < HOUR - 30 * SECOND) return rtf.format(sign * Math.max(1, Math.round(abs / MINUTE)), "minute");
    if (abs < DAY - 30 * MINUTE) return rtf.format(sign * Math.round(abs / HOUR), "hour");
    const days = Math.max(1, Math.round(abs / DAY));
    return sign < 0 ? t("daysAgo", { count: days }) : t("inDays", { count: days });
  };

  return { duration, wholeSeconds, relative };
}

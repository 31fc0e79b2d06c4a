import { cookies } from "next/headers";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale, type Locale } from "./config";

/** The reader's locale from the cookie (as i18n/request.ts reads it); the default outside a request (tests, jobs). */
export async function requestLocale(): Promise<Locale> {
  try {
    const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
    return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getSession } from "@/lib/auth/get-session";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./config";

// Norwegian (bokmål) by default; a user may switch to English, remembered in a cookie. No locale in URLs.
// Dates and times in the signed-in dealership's time zone (getSession is cached per request: no extra query).
export default getRequestConfig(async () => {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: (await getSession())?.timeZone ?? "Europe/Oslo",
    messages: (await import(`../messages/${locale}.json`)).default,
  };
});

// Built-in auth cookie. The value is a random token; the database holds only its SHA-256.
export const SESSION_COOKIE = "norvalt_session";
export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
/** Sliding expiry: a session used within its lifetime is extended, at most once per this interval. */
export const SESSION_REFRESH_SECONDS = 60 * 60;

export function sessionCookieOptions(maxAgeSeconds = SESSION_TTL_SECONDS) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: process.env.NODE_ENV === "production",
    path: "/",
    maxAge: maxAgeSeconds,
  };
}

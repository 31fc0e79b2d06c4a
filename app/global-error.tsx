"use client";

import en from "@/messages/en.json";
import nb from "@/messages/nb.json";

/**
 * The root layout itself failed, so no intl provider is there: the texts come straight from messages/*.json in
 * the language the locale cookie asks for.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const english = typeof document !== "undefined" && /(?:^|;\s*)NEXT_LOCALE=en\b/.test(document.cookie);
  const t = (english ? en : nb).errors;
  return (
    <html lang={english ? "en" : "nb"}>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <main role="alert">
          <h1>{t.errorTitle}</h1>
          <p>{t.errorText}</p>
          <button type="button" onClick={reset}>
            {t.retry}
          </button>
        </main>
      </body>
    </html>
  );
}

"use client";

import { lazy, Suspense } from "react";

type ErrorTexts = (typeof import("@/messages/nb.json"))["errors"];

function ErrorText({ t, reset }: { t: ErrorTexts; reset: () => void }) {
  return (
    <main role="alert">
      <h1>{t.errorTitle}</h1>
      <p>{t.errorText}</p>
      <button type="button" onClick={reset}>
        {t.retry}
      </button>
    </main>
  );
}

// The messages load only when this page is shown: a static import would put both whole message files (~44 KB gzip)
// into the JavaScript of every page, since Next loads the global error boundary with each one.
const inLanguage = (load: () => Promise<{ default: { errors: ErrorTexts } }>) =>
  lazy(async () => {
    const t = (await load()).default.errors;
    return { default: ({ reset }: { reset: () => void }) => <ErrorText t={t} reset={reset} /> };
  });
const TEXT = {
  nb: inLanguage(() => import("@/messages/nb.json")),
  en: inLanguage(() => import("@/messages/en.json")),
};

/**
 * The root layout itself failed, so no intl provider is there: the texts come straight from messages/*.json in
 * the language the locale cookie asks for.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const english = typeof document !== "undefined" && /(?:^|;\s*)NEXT_LOCALE=en\b/.test(document.cookie);
  const Text = TEXT[english ? "en" : "nb"];
  return (
    <html lang={english ? "en" : "nb"}>
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "2rem" }}>
        <Suspense fallback={null}>
          <Text reset={reset} />
        </Suspense>
      </body>
    </html>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/**
 * A page's title in the reader's language: `export const generateMetadata = pageMetadata("leads");`. The keys live
 * under `pageTitles` in messages/*.json (the layout adds " · Norvalt").
 */
export function pageMetadata(key: string) {
  return async (): Promise<Metadata> => {
    const t = await getTranslations("pageTitles");
    return { title: t(key) };
  };
}

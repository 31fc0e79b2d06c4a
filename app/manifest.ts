import type { MetadataRoute } from "next";
import { getTranslations } from "next-intl/server";

// /manifest.webmanifest: makes the dashboard installable (home screen / dock) with the inbox as its start page.
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const t = await getTranslations("notifications");
  return {
    name: "Norvalt",
    short_name: "Norvalt",
    description: t("appDescription"),
    start_url: "/leads",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#1d4ed8",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}

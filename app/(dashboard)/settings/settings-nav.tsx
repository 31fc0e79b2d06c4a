"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { UserRole } from "@/db/schema/enums";
import { cn } from "@/lib/cn";

// Each tab names the roles that can use it: a tab a role cannot use is not shown (and its page is a 404).
const ITEMS = [
  { href: "/settings", key: "dealership", roles: ["admin", "manager", "sales_rep"] },
  { href: "/settings/team", key: "team", roles: ["admin", "manager"] },
  { href: "/settings/hours", key: "businessHours", roles: ["admin", "manager"] },
  { href: "/settings/ai", key: "aiSettings", roles: ["admin", "manager"] },
  { href: "/settings/conversation", key: "conversation", roles: ["admin"] },
  { href: "/settings/templates", key: "templates", roles: ["admin", "manager"] },
  { href: "/settings/follow-ups", key: "followUps", roles: ["admin", "manager"] },
  { href: "/settings/api-keys", key: "apiKeys", roles: ["admin"] },
  { href: "/settings/integrations", key: "integrations", roles: ["admin"] },
  { href: "/settings/outbox", key: "outbox", roles: ["admin"] },
  { href: "/settings/jobs", key: "jobs", roles: ["admin"] },
  { href: "/settings/privacy", key: "privacy", roles: ["admin", "manager"] },
  { href: "/settings/audit", key: "audit", roles: ["admin"] },
  { href: "/settings/me", key: "me", roles: ["admin", "manager", "sales_rep"] },
] as const satisfies readonly { href: string; key: string; roles: readonly UserRole[] }[];

type Key = (typeof ITEMS)[number]["key"];

/** The settings tabs: wrapped links from `sm` up, one select on a phone (no horizontal scrolling at 390 px). */
export function SettingsNav({
  labels,
  role,
  navLabel,
}: {
  labels: Record<Key, string>;
  role: UserRole;
  navLabel: string;
}) {
  const pathname = usePathname();
  const router = useRouter();
  const items = ITEMS.filter((item) => (item.roles as readonly UserRole[]).includes(role));
  const current = items.find((item) => item.href === pathname)?.href ?? items[0]!.href;
  return (
    <nav aria-label={navLabel}>
      <select
        aria-label={navLabel}
        className="border-input bg-background h-9 w-full rounded-md border px-3 text-sm sm:hidden"
        value={current}
        onChange={(e) => router.push(e.target.value)}
        data-testid="settings-nav-select"
      >
        {items.map(({ href, key }) => (
          <option key={href} value={href}>
            {labels[key]}
          </option>
        ))}
      </select>
      <div className="hidden flex-wrap gap-x-1 border-b sm:flex">
        {items.map(({ href, key }) => (
          <Link
            key={href}
            href={href}
            aria-current={pathname === href ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap",
              pathname === href
                ? "border-primary text-foreground"
                : "text-muted-foreground hover:text-foreground border-transparent",
            )}
          >
            {labels[key]}
          </Link>
        ))}
      </div>
    </nav>
  );
}

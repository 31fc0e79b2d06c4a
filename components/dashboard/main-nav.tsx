"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BarChart3, Car, Inbox, Mail, Settings } from "lucide-react";
import type { UserRole } from "@/db/schema/enums";
import { cn } from "@/lib/cn";

const ITEMS = [
  { href: "/leads", key: "leads", icon: Inbox },
  // The E-post triage: for the roles that act on it (ROLES_TRIAGE_EMAIL).
  { href: "/emails", key: "emails", icon: Mail, roles: ["admin", "manager"] },
  { href: "/vehicles", key: "vehicles", icon: Car },
  { href: "/analytics", key: "analytics", icon: BarChart3 },
  { href: "/settings", key: "settings", icon: Settings },
] as const;

type Item = { href: string; key: (typeof ITEMS)[number]["key"]; roles?: readonly UserRole[] };

export function MainNav({
  labels,
  role,
}: {
  labels: Record<(typeof ITEMS)[number]["key"], string>;
  role: UserRole;
}) {
  const pathname = usePathname();
  const items = (ITEMS as readonly (Item & { icon: (typeof ITEMS)[number]["icon"] })[]).filter(
    (item) => !item.roles || item.roles.includes(role),
  );
  return (
    <nav aria-label="Hovedmeny" className="flex items-center gap-1">
      {items.map(({ href, key, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium transition-colors",
              active ? "bg-secondary text-foreground" : "text-muted-foreground hover:text-foreground",
            )}
          >
            <Icon className="size-4" aria-hidden />
            <span className="sr-only md:not-sr-only">{labels[key]}</span>
          </Link>
        );
      })}
    </nav>
  );
}

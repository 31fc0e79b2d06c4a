"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";

const ITEMS = [
  { href: "/settings", key: "dealership" },
  { href: "/settings/team", key: "team" },
  { href: "/settings/api-keys", key: "apiKeys" },
  { href: "/settings/integrations", key: "integrations" },
  { href: "/settings/outbox", key: "outbox" },
  { href: "/settings/jobs", key: "jobs" },
  { href: "/settings/me", key: "me" },
] as const;

export function SettingsNav({ labels }: { labels: Record<(typeof ITEMS)[number]["key"], string> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Innstillinger" className="flex gap-1 border-b">
      {ITEMS.map(({ href, key }) => (
        <Link
          key={href}
          href={href}
          aria-current={pathname === href ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            pathname === href
              ? "border-primary text-foreground"
              : "text-muted-foreground hover:text-foreground border-transparent",
          )}
        >
          {labels[key]}
        </Link>
      ))}
    </nav>
  );
}

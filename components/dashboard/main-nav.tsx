"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { BarChart3, Car, Inbox, Mail, Settings } from "lucide-react";
import { cn } from "@/lib/cn";

const ITEMS = [
  { href: "/leads", key: "leads", icon: Inbox },
  { href: "/emails", key: "emails", icon: Mail },
  { href: "/vehicles", key: "vehicles", icon: Car },
  { href: "/analytics", key: "analytics", icon: BarChart3 },
  { href: "/settings", key: "settings", icon: Settings },
] as const;

export function MainNav({ labels }: { labels: Record<(typeof ITEMS)[number]["key"], string> }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Hovedmeny" className="flex items-center gap-1">
      {ITEMS.map(({ href, key, icon: Icon }) => {
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

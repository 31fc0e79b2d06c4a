"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While an export is being made, the page re-reads its server data every few seconds (progress, then the link). */
export function RefreshWhilePending({ active, everyMs = 2_000 }: { active: boolean; everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs, router]);
  return null;
}

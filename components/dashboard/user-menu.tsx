"use client";

import { UserRound } from "lucide-react";
import { useState, type ComponentType } from "react";
import { Button } from "@/components/ui/button";
import type { UserMenuProps } from "./user-menu-dropdown";

const loadDropdown = () => import("./user-menu-dropdown");

/**
 * Radix's menu, its positioning and focus handling (~28 KB gzip) are only needed once the menu is opened; every
 * dashboard page used to load them up front (bench:dashboard). Until then this is a plain button that looks the
 * same; the click loads the menu, which replaces the button and opens.
 */
export function UserMenu(props: UserMenuProps) {
  const [Dropdown, setDropdown] = useState<ComponentType<UserMenuProps> | null>(null);
  if (Dropdown) return <Dropdown {...props} />;
  return (
    <Button
      variant="ghost"
      size="sm"
      className="gap-2"
      data-testid="user-menu"
      aria-haspopup="menu"
      onPointerEnter={() => void loadDropdown()}
      onFocus={() => void loadDropdown()}
      onClick={() => void loadDropdown().then((m) => setDropdown(() => m.UserMenuDropdown))}
    >
      <UserRound className="size-4" aria-hidden />
      <span className="sr-only sm:not-sr-only">{props.name}</span>
    </Button>
  );
}

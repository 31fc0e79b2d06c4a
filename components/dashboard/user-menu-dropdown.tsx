"use client";

import { SignOutButton } from "@clerk/nextjs";
import { Languages, LogOut, UserRound, UserRoundCog } from "lucide-react";
import Link from "next/link";
import { useLocale } from "next-intl";
import { logOutAction } from "@/app/(auth)/actions";
import { setLocaleAction } from "@/app/actions/locale";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export type UserMenuProps = {
  name: string;
  email: string;
  roleLabel: string;
  signOutLabel: string;
  /** "Min profil" (/settings/me). */
  profileLabel: string;
  clerk: boolean;
};

/** The user menu itself (Radix DropdownMenu), loaded by UserMenu on first use; opens at once when loaded. */
export function UserMenuDropdown({
  name,
  email,
  roleLabel,
  signOutLabel,
  profileLabel,
  clerk,
}: UserMenuProps) {
  const locale = useLocale();
  const signOut = (
    <DropdownMenuItem onSelect={clerk ? undefined : () => void logOutAction()}>
      <LogOut className="size-4" aria-hidden />
      {signOutLabel}
    </DropdownMenuItem>
  );
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="sm" className="gap-2" data-testid="user-menu">
          <UserRound className="size-4" aria-hidden />
          <span className="sr-only sm:not-sr-only">{name}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel>
          <div className="font-medium">{name}</div>
          <div className="text-muted-foreground text-xs font-normal">{email}</div>
          <div className="text-muted-foreground text-xs font-normal">{roleLabel}</div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/me" data-testid="my-profile-link">
            <UserRoundCog className="size-4" aria-hidden />
            {profileLabel}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void setLocaleAction(locale === "nb" ? "en" : "nb")}>
          <Languages className="size-4" aria-hidden />
          {locale === "nb" ? "English" : "Norsk (bokmål)"}
        </DropdownMenuItem>
        {/* Clerk ends its own session (and its cookies); built-in auth revokes ours. */}
        {clerk ? <SignOutButton redirectUrl="/sign-in">{signOut}</SignOutButton> : signOut}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

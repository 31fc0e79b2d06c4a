"use client";

import { SlidersHorizontal, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { LeadSource } from "@/db/schema/enums";
import { cn } from "@/lib/cn";
import { DATE_PRESETS, inboxHref, type InboxParams } from "@/lib/leads/inbox-href";

const SELECT =
  "border-input bg-background h-9 rounded-md border px-2 text-sm shadow-xs focus-visible:border-ring focus-visible:ring-ring/50 focus-visible:ring-[3px] outline-none";
const SEARCH_DEBOUNCE_MS = 350;

/**
 * Source, date range, assignee and search. Every change is a new URL (router.push: the back button undoes it);
 * typing in the search box replaces the URL after a pause instead of adding a history entry per keystroke.
 * "/" focuses the search box from anywhere on the page.
 */
// The sources come from the server as a prop: db/schema/enums pulls drizzle-orm, which must stay out of the bundle.
export function InboxFilters({
  params,
  sources,
  team,
}: {
  params: InboxParams;
  sources: readonly LeadSource[];
  team: { id: string; name: string }[];
}) {
  const t = useTranslations();
  // On a phone the filters fold behind one button; the search box stays.
  const [open, setOpen] = useState(false);
  const active = [params.source, params.range, params.assigned].filter(Boolean).length;
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [query, setQuery] = useState(params.q ?? "");
  const searchBox = useRef<HTMLInputElement>(null);
  const typed = useRef(false);

  const go = (changes: Partial<InboxParams>, mode: "push" | "replace" = "push") =>
    startTransition(() => router[mode](inboxHref(params, changes), { scroll: false }));

  useEffect(() => {
    if (!typed.current) return;
    const timer = setTimeout(() => {
      typed.current = false;
      go({ q: query.trim() || undefined }, "replace");
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text restarts the pause
  }, [query]);

  // Back / forward changed the URL's search: show it, unless the rep is typing.
  useEffect(() => {
    if (!typed.current) setQuery(params.q ?? "");
  }, [params.q]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (event.key !== "/" || target.closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      searchBox.current?.focus();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div
      className={cn("flex flex-wrap items-end gap-3", pending && "opacity-70")}
      aria-busy={pending}
      data-testid="inbox-filters"
    >
      <form
        role="search"
        className="relative min-w-0 flex-1 sm:w-72 sm:flex-none"
        onSubmit={(event) => {
          event.preventDefault();
          typed.current = false;
          go({ q: query.trim() || undefined });
        }}
      >
        <label htmlFor="inbox-search" className="sr-only">
          {t("inbox.search")}
        </label>
        <Search
          className="text-muted-foreground pointer-events-none absolute top-2.5 left-2.5 size-4"
          aria-hidden
        />
        <Input
          ref={searchBox}
          id="inbox-search"
          type="search"
          value={query}
          placeholder={t("inbox.searchPlaceholder")}
          className="pl-8"
          onChange={(event) => {
            typed.current = true;
            setQuery(event.target.value);
          }}
        />
      </form>
      <Button
        type="button"
        variant="outline"
        className="sm:hidden"
        aria-expanded={open}
        aria-controls="inbox-filter-fields"
        onClick={() => setOpen(!open)}
        data-testid="filters-toggle"
      >
        <SlidersHorizontal aria-hidden />
        {active ? t("inbox.filtersActive", { count: active }) : t("inbox.filters")}
      </Button>
      <div
        id="inbox-filter-fields"
        className={cn("w-full flex-wrap items-end gap-3 sm:flex sm:w-auto", open ? "flex" : "hidden")}
      >
        <Field id="inbox-source" label={t("inbox.source")}>
          <select
            id="inbox-source"
            className={SELECT}
            value={params.source ?? ""}
            onChange={(e) => go({ source: (e.target.value || undefined) as InboxParams["source"] })}
          >
            <option value="">{t("inbox.allSources")}</option>
            {sources.map((s) => (
              <option key={s} value={s}>
                {t(`source.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="inbox-period" label={t("inbox.period")}>
          <select
            id="inbox-period"
            className={SELECT}
            value={params.range ?? ""}
            onChange={(e) => go({ range: (e.target.value || undefined) as InboxParams["range"] })}
          >
            <option value="">{t("inbox.allTime")}</option>
            {DATE_PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`inbox.range.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        {params.range === "custom" ? (
          <>
            <Field id="inbox-from" label={t("inbox.from")}>
              <input
                id="inbox-from"
                type="date"
                className={SELECT}
                defaultValue={params.from}
                max={params.to}
                onChange={(e) => go({ from: e.target.value || undefined }, "replace")}
              />
            </Field>
            <Field id="inbox-to" label={t("inbox.to")}>
              <input
                id="inbox-to"
                type="date"
                className={SELECT}
                defaultValue={params.to}
                min={params.from}
                onChange={(e) => go({ to: e.target.value || undefined }, "replace")}
              />
            </Field>
          </>
        ) : null}
        <Field id="inbox-assigned" label={t("inbox.assignedTo")}>
          <select
            id="inbox-assigned"
            className={SELECT}
            value={params.assigned ?? ""}
            onChange={(e) => go({ assigned: e.target.value || undefined })}
          >
            <option value="">{t("inbox.everyone")}</option>
            <option value="me">{t("inbox.assignedToMe")}</option>
            <option value="unassigned">{t("inbox.unassigned")}</option>
            {team.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </div>
  );
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-xs font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

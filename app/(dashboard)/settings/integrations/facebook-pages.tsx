"use client";

import { useTranslations } from "next-intl";
import { ActionButton } from "@/components/forms/action-button";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { disconnectFacebookPageAction, importFacebookLeadsAction } from "../actions";

export type FacebookPageRow = {
  id: string;
  pageId: string;
  name: string;
  needsReconnect: boolean;
  lastLead: string | null;
  lastError: string | null;
};

export function FacebookPages({ pages }: { pages: FacebookPageRow[] }) {
  const t = useTranslations("integrations.facebook");
  if (pages.length === 0) return <p className="text-muted-foreground text-sm">{t("noPages")}</p>;
  return (
    <Table data-testid="facebook-pages">
      <TableHeader>
        <TableRow>
          <TableHead>{t("page")}</TableHead>
          <TableHead>{t("status")}</TableHead>
          <TableHead>{t("lastLead")}</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">{t("actions")}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {pages.map((page) => (
          <TableRow key={page.id} className="align-top">
            <TableCell>
              <div className="font-medium">{page.name}</div>
              <div className="text-muted-foreground font-mono text-xs">{page.pageId}</div>
            </TableCell>
            <TableCell>
              <Badge variant={page.needsReconnect ? "destructive" : "success"}>
                {page.needsReconnect ? t("needsReconnect") : t("active")}
              </Badge>
              {page.lastError ? (
                <div className="text-destructive mt-1 max-w-xs text-xs">{page.lastError}</div>
              ) : null}
            </TableCell>
            <TableCell className="whitespace-nowrap">{page.lastLead ?? t("never")}</TableCell>
            <TableCell className="space-x-1 text-right whitespace-nowrap">
              <ActionButton
                action={importFacebookLeadsAction}
                input={{ id: page.id }}
                variant="outline"
                label={t("import")}
                disabled={page.needsReconnect}
                successText={(r) => t("imported", { found: r.found, stored: r.stored })}
              />
              <ActionButton
                action={disconnectFacebookPageAction}
                input={{ id: page.id }}
                label={t("disconnect")}
                confirmText={t("disconnectConfirm", { name: page.name })}
                successText={t("disconnected")}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

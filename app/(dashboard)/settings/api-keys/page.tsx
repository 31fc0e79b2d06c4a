import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { findApiKeys } from "@/lib/auth/api-keys";
import { requireSession } from "@/lib/auth/get-session";
import { canManageApiKeys } from "@/lib/auth/permissions";
import { CreateApiKeyForm } from "./create-api-key-form";
import { ActionButton } from "@/components/forms/action-button";
import { revokeApiKeyAction } from "../actions";
import { pageMetadata } from "@/i18n/page-metadata";
import { getTimeFormatters } from "@/i18n/get-time-formatters";

export const generateMetadata = pageMetadata("apiKeys");

export default async function ApiKeysPage() {
  const session = await requireSession();
  const t = await getTranslations("settings");
  const tCommon = await getTranslations("common");
  if (!canManageApiKeys(session.role)) notFound();
  const keys = await findApiKeys(session);
  const format = await getFormatter();
  const time = await getTimeFormatters();
  return (
    <div className="space-y-6">
      <CreateApiKeyForm />
      <Card>
        <CardHeader>
          <CardTitle className="text-base">{t("apiKeys")}</CardTitle>
        </CardHeader>
        <CardContent>
          <Table data-testid="api-keys-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("keyName")}</TableHead>
                <TableHead>{t("keyPrefix")}</TableHead>
                <TableHead>{t("created")}</TableHead>
                <TableHead>{t("lastUsed")}</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.map((k) => (
                <TableRow key={k.id}>
                  <TableCell className="font-medium">{k.name}</TableCell>
                  <TableCell className="font-mono">{k.prefix}…</TableCell>
                  <TableCell>{format.dateTime(k.createdAt, { dateStyle: "medium" })}</TableCell>
                  <TableCell className="text-muted-foreground">
                    {k.lastUsedAt ? time.relative(k.lastUsedAt) : t("never")}
                  </TableCell>
                  <TableCell className="text-right">
                    {k.revokedAt ? (
                      <Badge variant="outline">{t("revoked")}</Badge>
                    ) : (
                      <ActionButton
                        action={revokeApiKeyAction}
                        input={{ id: k.id }}
                        label={tCommon("revoke")}
                        confirmText={t("revokeKeyConfirm")}
                      />
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}

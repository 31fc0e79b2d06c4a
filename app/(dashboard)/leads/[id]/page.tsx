import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LiveUpdates } from "@/components/leads/live-updates";
import { requireSession } from "@/lib/auth/get-session";
import { canDeleteLead } from "@/lib/auth/permissions";
import { getLeadDetail } from "@/lib/leads/get-lead-detail";
import { ConversationCard } from "./conversation-card";
import { LeadHeader } from "./lead-header";
import { LeadSidebar } from "./lead-sidebar";
import { pageMetadata } from "@/i18n/page-metadata";

export const generateMetadata = pageMetadata("lead");

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  // Another dealership's id is simply not found (RLS + explicit filter).
  const detail = /^[0-9a-f-]{36}$/i.test(id) ? await getLeadDetail(session, id) : null;
  if (!detail) notFound();
  const t = await getTranslations("leadDetail");
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between gap-3">
        <Link href="/leads" className="text-muted-foreground text-sm hover:underline">
          ← {t("back")}
        </Link>
        <LiveUpdates
          leadId={detail.lead.id}
          settling={detail.conversations.some(
            (m) => m.deliveryStatus === "pending" || m.deliveryStatus === "queued",
          )}
        />
      </div>
      <LeadHeader detail={detail} canDelete={canDeleteLead(session.role)} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <ConversationCard detail={detail} />
        <LeadSidebar detail={detail} />
      </div>
    </div>
  );
}

import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LiveUpdates } from "@/components/leads/live-updates";
import { WithdrawnVehicleNotice } from "@/components/vehicles/withdrawn-vehicle-notice";
import { recordContactView } from "@/lib/audit/record-contact-view";
import { requireSession } from "@/lib/auth/get-session";
import { canDeleteLead } from "@/lib/auth/permissions";
import { addDays, zonedToday } from "@/lib/dates/time-zone";
import { findLeadFollowUps } from "@/lib/follow-ups/find-lead-follow-ups";
import { getLeadDetail } from "@/lib/leads/get-lead-detail";
import { markLeadRead } from "@/lib/leads/mark-lead-read";
import { formatPhoneForDisplay } from "@/lib/leads/normalise-contact";
import { CallLogDialog } from "./call-log-dialog";
import { PhoneActionBar } from "./lead-actions";
import { TasksCard } from "./tasks-card";
import { ConversationCard } from "./conversation-card";
import { FollowUpsCard } from "./follow-ups-card";
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
  await markLeadRead(session, detail.lead.id);
  // GDPR audit: who has seen this person's contact details (one entry per user and lead per hour).
  await recordContactView(session, detail.lead.id);
  const t = await getTranslations("leadDetail");
  const { lead } = detail;
  const tomorrow = addDays(zonedToday(detail.timeZone), 1);
  const plan = (await findLeadFollowUps(session, lead.id)) ?? { off: false, followUps: [] };
  const nextFollowUp = plan.followUps.find(
    (f) => f.kind === "message" && ["scheduled", "queued"].includes(f.status),
  );
  return (
    // Room at the bottom for the phone's action bar.
    <div className="space-y-6 pb-20 lg:pb-0">
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
      <LeadHeader
        detail={detail}
        canDelete={canDeleteLead(session.role)}
        followUpDueAt={nextFollowUp?.dueAt ?? null}
      />
      <WithdrawnVehicleNotice tenant={session} leadId={detail.lead.id} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <ConversationCard detail={detail} />
        <div className="space-y-6">
          <TasksCard detail={detail} defaultDueDate={tomorrow} />
          <FollowUpsCard leadId={lead.id} off={plan.off} followUps={plan.followUps} />
          <LeadSidebar detail={detail} />
        </div>
      </div>
      <CallLogDialog
        leadId={lead.id}
        phone={lead.phoneNormalized}
        phoneDisplay={lead.customerPhone ? formatPhoneForDisplay(lead.customerPhone) : null}
        defaultDueDate={tomorrow}
      />
      <PhoneActionBar phone={lead.phoneNormalized} canSms={Boolean(lead.phoneNormalized)} />
    </div>
  );
}

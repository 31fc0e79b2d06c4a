import { getTranslations } from "next-intl/server";
import { requireSession } from "@/lib/auth/get-session";
import { canManageTemplates } from "@/lib/auth/permissions";
import { listReplyTemplates } from "@/lib/templates/list-reply-templates";
import { TemplateForm } from "./template-form";

export async function generateMetadata() {
  const t = await getTranslations("templates");
  return { title: t("tab") };
}

export default async function TemplatesPage() {
  const session = await requireSession();
  const t = await getTranslations("templates");
  if (!canManageTemplates(session.role))
    return <p className="text-muted-foreground text-sm">{t("noAccess")}</p>;
  const templates = await listReplyTemplates(session);
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-muted-foreground text-sm">{t("intro")}</p>
      <section aria-labelledby="new-template-heading" className="space-y-2">
        <h2 id="new-template-heading" className="font-semibold">
          {t("newTemplate")}
        </h2>
        <TemplateForm />
      </section>
      <section aria-labelledby="templates-heading" className="space-y-3">
        <h2 id="templates-heading" className="font-semibold">
          {t("listHeading", { count: templates.length })}
        </h2>
        {templates.length === 0 ? <p className="text-muted-foreground text-sm">{t("empty")}</p> : null}
        <ul className="space-y-4" data-testid="templates">
          {templates.map((template) => (
            <li key={template.id} className="rounded-md border p-4">
              <TemplateForm template={template} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

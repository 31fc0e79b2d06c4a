import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/cn";
import type { LeadDetail } from "@/lib/leads/get-lead-detail";
import { TaskButtons, TaskForm } from "./task-form";

/** Open tasks (overdue in red) with done / snooze, and the form for a new one. */
export async function TasksCard({
  detail,
  defaultDueDate,
  now = new Date(),
}: {
  detail: LeadDetail;
  defaultDueDate: string;
  now?: Date;
}) {
  const t = await getTranslations("tasks");
  const format = await getFormatter();
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">
          <h2>{t("title")}</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {detail.openTasks.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t("none")}</p>
        ) : (
          <ul className="space-y-3" data-testid="open-tasks">
            {detail.openTasks.map((task) => {
              const overdue = task.dueAt.getTime() < now.getTime();
              return (
                <li key={task.id} className="space-y-1 text-sm" data-overdue={overdue || undefined}>
                  <p className={cn("font-medium", overdue && "text-destructive")}>
                    {t(`kind.${task.kind}`)} ·{" "}
                    <time dateTime={task.dueAt.toISOString()}>
                      {format.dateTime(task.dueAt, { dateStyle: "medium", timeStyle: "short" })}
                    </time>
                    {task.assignedToName ? (
                      <span className="text-muted-foreground font-normal">
                        {" "}
                        {t("forWhom", { name: task.assignedToName })}
                      </span>
                    ) : null}
                  </p>
                  {task.note ? <p className="break-words whitespace-pre-wrap">{task.note}</p> : null}
                  <TaskButtons taskId={task.id} />
                </li>
              );
            })}
          </ul>
        )}
        <TaskForm leadId={detail.lead.id} defaultDueDate={defaultDueDate} />
      </CardContent>
    </Card>
  );
}

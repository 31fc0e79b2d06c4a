"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toast";
import { approveDraftAction } from "../actions";
import { discardDraftAction } from "./actions";

/**
 * Draft mode: send the AI's draft as it is, edit it first (then it is the rep's message), or discard it. The reply
 * to a "Send en testlead" preview is shown the same way but can only be discarded: it never goes to anyone.
 */
export function DraftReview(props: {
  conversationId: string;
  subject: string | null;
  body: string;
  preview?: boolean;
  /** An answer to a customer's SMS goes back by SMS: no subject, and the button says so. */
  channel?: string;
}) {
  const t = useTranslations("leadDetail");
  const tConversation = useTranslations("conversation");
  const sms = props.channel === "sms";
  const [editing, setEditing] = useState(false);
  const [subject, setSubject] = useState(props.subject ?? "");
  const [body, setBody] = useState(props.body);
  const [pending, start] = useTransition();
  const report = (result: { ok: boolean; error?: string } | null, success: string) => {
    if (result?.ok) toast({ title: success, variant: "success" });
    else toast({ title: result?.error ?? t("failed"), variant: "destructive" });
  };
  const approve = () =>
    start(async () => {
      const input = editing
        ? { conversationId: props.conversationId, subject, body }
        : { conversationId: props.conversationId };
      report(await approveDraftAction(null, input), t("draftSent"));
    });
  const discard = () =>
    start(async () => {
      report(await discardDraftAction(null, { conversationId: props.conversationId }), t("draftDiscarded"));
    });
  return (
    <div className="space-y-2" data-testid="draft-review">
      {editing ? (
        <>
          {sms ? null : (
            <label className="grid gap-1 text-xs font-medium">
              {t("subject")}
              <Input value={subject} onChange={(e) => setSubject(e.target.value)} />
            </label>
          )}
          <label className="grid gap-1 text-xs font-medium">
            {t("draftText")}
            <Textarea value={body} rows={8} onChange={(e) => setBody(e.target.value)} />
          </label>
        </>
      ) : (
        <>
          {props.subject ? <div className="text-sm font-medium">{props.subject}</div> : null}
          <p className="text-sm whitespace-pre-wrap">{props.body}</p>
        </>
      )}
      {props.preview ? <p className="text-muted-foreground text-xs">{t("previewNeverSent")}</p> : null}
      <div className="flex flex-wrap gap-2 pt-1">
        {props.preview ? null : (
          <Button size="sm" onClick={approve} disabled={pending || (editing && !body.trim())}>
            {editing ? t("sendEdited") : sms ? tConversation("approveSms") : t("approve")}
          </Button>
        )}
        {editing || props.preview ? null : (
          <Button size="sm" variant="outline" onClick={() => setEditing(true)} disabled={pending}>
            {t("edit")}
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={discard} disabled={pending}>
          {t("discard")}
        </Button>
      </div>
    </div>
  );
}

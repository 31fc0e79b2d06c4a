"use client";

import { Plus } from "lucide-react";
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

const loadDialog = () => import("./add-lead-dialog");
// The dialog (Radix Dialog and the form, ~12 KB gzip) loads when the rep reaches for the button, not with the inbox.
const AddLeadDialog = dynamic(() => loadDialog().then((m) => m.AddLeadDialog), { ssr: false });

/** "Legg til lead" (US-4.3): opens the manual-lead dialog. */
export function AddLeadButton() {
  const t = useTranslations("addLead");
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);
  return (
    <>
      <Button
        aria-haspopup="dialog"
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        onClick={() => {
          setUsed(true);
          setOpen(true);
        }}
      >
        <Plus className="size-4" aria-hidden /> {t("open")}
      </Button>
      {used ? <AddLeadDialog open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}

"use client";

import * as React from "react";
import { Toast as ToastPrimitive } from "radix-ui";
import { cva, type VariantProps } from "class-variance-authority";
import { XIcon } from "lucide-react";

import { cn } from "@/lib/cn";

const TOAST_DURATION_MS = 5000;
const TOAST_LIMIT = 5;

const toastVariants = cva(
  "group pointer-events-auto relative flex w-full items-start justify-between gap-4 overflow-hidden rounded-md border p-4 pr-8 shadow-lg transition-all data-[swipe=cancel]:translate-x-0 data-[swipe=end]:translate-x-(--radix-toast-swipe-end-x) data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x) data-[swipe=move]:transition-none",
  {
    variants: {
      variant: {
        default: "border-border bg-background text-foreground",
        destructive: "border-destructive bg-destructive text-white",
        success: "border-emerald-200 bg-emerald-50 text-emerald-900",
      },
    },
    defaultVariants: {
      variant: "default",
    },
  },
);

type ToastVariant = NonNullable<VariantProps<typeof toastVariants>["variant"]>;

type ToastOptions = {
  title?: React.ReactNode;
  description?: React.ReactNode;
  variant?: ToastVariant;
};

type ToastItem = ToastOptions & { id: string };

/* ---------------------------------------------------------------------------
 * Tiny module-level store (read with useSyncExternalStore).
 * ------------------------------------------------------------------------- */

let toasts: readonly ToastItem[] = [];
const EMPTY: readonly ToastItem[] = [];
const listeners = new Set<() => void>();
let counter = 0;

function emit(next: readonly ToastItem[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function getSnapshot() {
  return toasts;
}

function getServerSnapshot() {
  return EMPTY;
}

function dismissToast(id?: string) {
  emit(id === undefined ? [] : toasts.filter((t) => t.id !== id));
}

function toast(options: ToastOptions): { id: string; dismiss: () => void } {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  const id = `toast-${counter}`;
  emit([...toasts, { ...options, id }].slice(-TOAST_LIMIT));
  return { id, dismiss: () => dismissToast(id) };
}

function useToasts(): readonly ToastItem[] {
  return React.useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

/* ---------------------------------------------------------------------------
 * Rendering (radix Toast primitives).
 * ------------------------------------------------------------------------- */

function Toaster({ className }: { className?: string }) {
  const items = useToasts();

  return (
    <ToastPrimitive.Provider duration={TOAST_DURATION_MS} swipeDirection="right">
      {items.map(({ id, title, description, variant }) => (
        <ToastPrimitive.Root
          key={id}
          data-slot="toast"
          data-variant={variant ?? "default"}
          duration={TOAST_DURATION_MS}
          defaultOpen
          onOpenChange={(open) => {
            if (!open) dismissToast(id);
          }}
          className={cn(toastVariants({ variant }))}
        >
          <div className="grid gap-1">
            {title != null && (
              <ToastPrimitive.Title data-slot="toast-title" className="text-sm font-semibold">
                {title}
              </ToastPrimitive.Title>
            )}
            {description != null && (
              <ToastPrimitive.Description data-slot="toast-description" className="text-sm opacity-90">
                {description}
              </ToastPrimitive.Description>
            )}
          </div>
          <ToastPrimitive.Close
            data-slot="toast-close"
            aria-label="Close"
            className="absolute right-2 top-2 rounded-md p-1 opacity-60 transition-opacity hover:opacity-100 focus:opacity-100 focus:outline-hidden focus:ring-2 focus:ring-ring"
          >
            <XIcon className="size-4" />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport
        data-slot="toast-viewport"
        className={cn(
          "fixed bottom-0 right-0 z-[100] flex max-h-screen w-full flex-col gap-2 p-4 outline-none sm:max-w-[420px]",
          className,
        )}
      />
    </ToastPrimitive.Provider>
  );
}

export { Toaster, toast, dismissToast, useToasts, toastVariants, type ToastOptions, type ToastVariant };

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

const CONTROLS = "input, select, textarea, button, a[href], [role='button'], [role='combobox'], summary";

type Side = "top" | "bottom";

/** How many visible form controls (outside the toasts) the toasts cover. */
function coveredControls(viewport: HTMLElement): number {
  const toasts = [...viewport.querySelectorAll<HTMLElement>("[data-slot='toast']")].map((el) =>
    el.getBoundingClientRect(),
  );
  if (toasts.length === 0) return 0;
  let covered = 0;
  for (const control of document.querySelectorAll<HTMLElement>(CONTROLS)) {
    if (viewport.contains(control)) continue;
    const r = control.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > window.innerHeight) continue;
    if (toasts.some((t) => r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top))
      covered++;
  }
  return covered;
}

/**
 * Where the toasts sit so they never cover a form control: under the header at the top right, or at the bottom
 * when that would cover one (re-checked on scroll, resize and focus). When both places would, the toasts stay
 * where they cover fewer and let clicks pass through to what is under them.
 */
function useToastPlacement(viewport: React.RefObject<HTMLOListElement | null>, count: number) {
  const [placement, setPlacement] = React.useState<{ side: Side; passThrough: boolean }>({
    side: "top",
    passThrough: false,
  });
  React.useEffect(() => {
    if (count === 0) return;
    let frame = 0;
    let tried: Partial<Record<Side, number>> = {};
    const check = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const el = viewport.current;
        if (!el) return;
        setPlacement((current) => {
          const here = coveredControls(el);
          tried = { ...tried, [current.side]: here };
          if (here === 0) return current.passThrough ? { ...current, passThrough: false } : current;
          const other: Side = current.side === "top" ? "bottom" : "top";
          if (tried[other] === undefined) {
            check(); // measure again once the toasts have moved
            return { side: other, passThrough: false };
          }
          const best: Side = tried[other]! < here ? other : current.side;
          tried = {};
          return { side: best, passThrough: true };
        });
      });
    };
    const reset = () => {
      tried = {};
      check();
    };
    check();
    window.addEventListener("scroll", reset, { passive: true, capture: true });
    window.addEventListener("resize", reset);
    document.addEventListener("focusin", reset);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", reset, { capture: true });
      window.removeEventListener("resize", reset);
      document.removeEventListener("focusin", reset);
    };
  }, [count, viewport]);
  return placement;
}

function Toaster({ className, closeLabel = "Close" }: { className?: string; closeLabel?: string }) {
  const items = useToasts();
  const viewport = React.useRef<HTMLOListElement>(null);
  const placement = useToastPlacement(viewport, items.length);

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
          className={cn(
            toastVariants({ variant }),
            placement.passThrough && "pointer-events-none opacity-90",
          )}
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
            aria-label={closeLabel}
            className="pointer-events-auto absolute right-2 top-2 rounded-md p-1 opacity-60 transition-opacity hover:opacity-100 focus:opacity-100 focus:outline-hidden focus:ring-2 focus:ring-ring"
          >
            <XIcon className="size-4" />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport
        ref={viewport}
        data-slot="toast-viewport"
        data-side={placement.side}
        className={cn(
          "pointer-events-none fixed right-0 z-[100] flex max-h-screen w-full flex-col gap-2 p-4 outline-none sm:max-w-[380px]",
          placement.side === "top" ? "top-14" : "bottom-0",
          className,
        )}
      />
    </ToastPrimitive.Provider>
  );
}

export { Toaster, toast, dismissToast, useToasts, toastVariants, type ToastOptions, type ToastVariant };

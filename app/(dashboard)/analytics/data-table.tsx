import type { ReactNode } from "react";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

/**
 * A plain table of figures: the first column is text, the others numbers (right-aligned). On a phone a wide table
 * scrolls inside its own region, which can be focused and scrolled with the keyboard (named by the first header).
 */
export function DataTable({ head, rows, testId }: { head: string[]; rows: ReactNode[][]; testId?: string }) {
  return (
    <div role="region" aria-label={head[0]} tabIndex={0} className="relative w-full overflow-x-auto">
      <table data-testid={testId} className="w-full caption-bottom text-sm">
        <TableHeader>
          <TableRow>
            {head.map((h, i) => (
              <TableHead key={i} className={i > 0 ? "text-right" : undefined}>
                {h}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row, r) => (
            <TableRow key={r}>
              {row.map((cell, i) => (
                <TableCell key={i} className={i > 0 ? "text-right tabular-nums" : "whitespace-normal"}>
                  {cell}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </table>
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type ChartDatum = { key: string; label: string; count: number; href?: string };

// The theme's chart colours with fixed fallbacks: distinguishable for the common colour-vision deficiencies.
const COLORS = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#64748b"];

/** Leads per day as an area chart; the caller puts the numbers in a table beside it. */
export function LeadsAreaChart({ data, label }: { data: ChartDatum[]; label: string }) {
  return (
    <div role="img" aria-label={label} className="h-56 w-full" data-testid="leads-per-day-chart">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Area type="monotone" dataKey="count" stroke={COLORS[0]} fill={COLORS[0]} fillOpacity={0.2} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Leads by source as a donut; a slice opens the inbox filtered by that source. */
export function SourcePieChart({ data, label }: { data: ChartDatum[]; label: string }) {
  const router = useRouter();
  const shown = data.filter((d) => d.count > 0);
  return (
    <div className="h-56 w-full" data-testid="source-chart" aria-label={label} role="group">
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie
            data={shown}
            dataKey="count"
            nameKey="label"
            innerRadius="50%"
            outerRadius="80%"
            isAnimationActive={false}
            onClick={(_, index) => {
              const href = shown[index]?.href;
              if (href) router.push(href);
            }}
            className="cursor-pointer"
          >
            {shown.map((d, i) => (
              <Cell key={d.key} fill={COLORS[i % COLORS.length]} data-source={d.key} />
            ))}
          </Pie>
          <Tooltip />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Leads by status as bars; a bar opens the inbox filtered by that status. */
export function StatusBarChart({ data, label }: { data: ChartDatum[]; label: string }) {
  const router = useRouter();
  return (
    <div className="h-56 w-full" data-testid="status-chart" aria-label={label} role="group">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Bar
            dataKey="count"
            fill={COLORS[0]}
            isAnimationActive={false}
            className="cursor-pointer"
            onClick={(_, index) => {
              const href = data[index]?.href;
              if (href) router.push(href);
            }}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Per-kind and overall figures for one step of offered load. */
import { round } from '../report.js';
import type { Outcome } from './openLoop.js';

export type Figures = { requests: number; rate: number; p50: number; p95: number; p99: number; max: number; errors: number };

/** The bar a step must clear to count as held. */
export const MAX_P99_MS = 200;

function figures(outcomes: readonly Outcome[], seconds: number): Figures {
  const ms = Float64Array.from(outcomes, (o) => o.ms).sort();
  const at = (q: number) => (ms.length === 0 ? 0 : ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!);
  const errors = outcomes.filter((o) => o.error !== null).length;
  return {
    requests: outcomes.length, rate: round((outcomes.length - errors) / seconds, 1),
    p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(ms[ms.length - 1] ?? 0), errors,
  };
}

export type StepSummary = {
  offered: number;
  overall: Figures;
  byKind: Record<string, Figures>;
  /** The commonest error messages, with counts. */
  errorSamples: string[];
  held: boolean;
};

export function summarize(offered: number, seconds: number, outcomes: readonly Outcome[]): StepSummary {
  const kinds = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const list = kinds.get(o.kind);
    if (list) list.push(o);
    else kinds.set(o.kind, [o]);
  }
  const byKind = Object.fromEntries([...kinds].sort(([a], [b]) => a.localeCompare(b)).map(([k, os]) => [k, figures(os, seconds)]));
  const overall = figures(outcomes, seconds);
  const errorCounts = new Map<string, number>();
  for (const o of outcomes) if (o.error) errorCounts.set(`${o.kind}: ${o.error}`, (errorCounts.get(`${o.kind}: ${o.error}`) ?? 0) + 1);
  const errorSamples = [...errorCounts].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([e, n]) => `${n} × ${e}`);
  return { offered, overall, byKind, errorSamples, held: overall.errors === 0 && overall.p99 <= MAX_P99_MS };
}

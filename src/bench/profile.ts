/**
 * A CPU profile summary of the in-process pipeline (V8 sampling profiler via
 * node:inspector): self time per function and per source file, so a missed
 * throughput target comes with where the time goes.
 */
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import type { Analyzer } from '../analyze.js';
import type { Doc } from '../doc.js';
import { PACKAGE_ROOT } from '../lang/data.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: { name: string; where: string; selfMs: number; share: number }[];
  byFile: { file: string; selfMs: number; share: number }[];
}

function shortUrl(url: string): string {
  if (!url) return '(native)';
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) return file.slice(nm + 'node_modules/'.length);
  const rel = path.relative(PACKAGE_ROOT, file);
  return rel.startsWith('..') ? file : rel;
}

export function summarize(profile: Profile, top = 15): ProfileSummary {
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const files = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (!us) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = shortUrl(url);
    const name = functionName || '(anonymous)';
    const where = url ? `${file}:${lineNumber + 1}` : file;
    const key = `${name}@${where}`;
    const entry = fn.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    fn.set(key, entry);
    // node_modules by package, the project's own code by file
    const fileKey = url.includes('node_modules/') ? `${file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/')} (package)` : file;
    files.set(fileKey, (files.get(fileKey) ?? 0) + us);
  }
  const byFunction = [...fn.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map((e) => ({ name: e.name, where: e.where, selfMs: e.us / 1000, share: e.us / total }));
  const byFile = [...files.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([file, us]) => ({ file, selfMs: us / 1000, share: us / total }));
  return { totalMs: total / 1000, byFunction, byFile };
}

/** Profile `analyzer.analyze` over `docs` (which it mutates). */
export async function profilePipeline(analyzer: Analyzer, docs: Doc[]): Promise<ProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    for (const doc of docs) analyzer.analyze(doc);
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    return summarize(profile);
  } finally {
    session.disconnect();
  }
}

export function formatProfile(summary: ProfileSummary, label: string): string {
  const lines = [`CPU profile, ${label}: ${(summary.totalMs / 1000).toFixed(1)} s sampled`, '  self time by file:'];
  for (const f of summary.byFile.slice(0, 10)) lines.push(`    ${(100 * f.share).toFixed(1).padStart(5)}%  ${f.file}`);
  lines.push('  self time by function:');
  for (const f of summary.byFunction) lines.push(`    ${(100 * f.share).toFixed(1).padStart(5)}%  ${f.name}  ${f.where}`);
  return lines.join('\n');
}

import { Queue } from 'bullmq';
import { renderTable } from '../eval/table.js';
import { describeFailure, type ReadFailure } from '../ingest/readers.js';
import { checkQueueName, connectRedis } from './connection.js';
import { PREFIX, describeJob, ledgerKey, rejectedKey, type JobData } from './jobs.js';

export interface QueueStatus {
  queue: string;
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  /** Inputs (files) enqueued so far. */
  inputs: number;
  /** Jobs that failed for good (poison articles, retries used up), with their error. */
  failures: { job: string; inputs: string; attempts: number; failed_at: string | null; error: string }[];
  /** Inputs and records the workers could not turn into articles (bad JSON, no text); their jobs completed. */
  rejected: (ReadFailure & { job: string })[];
}

/** Failed jobs listed at most (the counts are always complete). */
const MAX_LISTED = 1000;

export async function queueStatus(url: string, nameGiven: string): Promise<QueueStatus> {
  const name = checkQueueName(nameGiven);
  const redis = await connectRedis(url);
  const queue = new Queue<JobData>(name, { connection: redis, prefix: PREFIX });
  try {
    const c = await queue.getJobCounts('wait', 'prioritized', 'active', 'delayed', 'completed', 'failed');
    const failed = await queue.getFailed(0, MAX_LISTED - 1);
    const rejected: QueueStatus['rejected'] = [];
    for (const [job, json] of Object.entries(await redis.hgetall(rejectedKey(name)))) {
      for (const failure of JSON.parse(json) as ReadFailure[]) rejected.push({ job, ...failure });
    }
    rejected.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.record ?? -1) - (b.record ?? -1)));
    return {
      queue: name,
      counts: { waiting: c.wait + c.prioritized, active: c.active, delayed: c.delayed, completed: c.completed, failed: c.failed },
      inputs: await redis.hlen(ledgerKey(name)),
      failures: failed
        .filter((job) => job !== undefined)
        .map((job) => ({
          job: job.id ?? '',
          inputs: describeJob(job.data),
          attempts: job.attemptsMade,
          failed_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          error: job.failedReason,
        }))
        .sort((a, b) => (a.inputs < b.inputs ? -1 : a.inputs > b.inputs ? 1 : 0)),
      rejected,
    };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

export function renderStatus(status: QueueStatus): string {
  const { counts } = status;
  const lines = [
    `queue ${status.queue}: ${status.inputs} input${status.inputs === 1 ? '' : 's'} enqueued`,
    renderTable(
      [{ header: 'waiting' }, { header: 'active' }, { header: 'delayed' }, { header: 'completed' }, { header: 'failed' }],
      [[counts.waiting, counts.active, counts.delayed, counts.completed, counts.failed].map(String)],
    ),
  ];
  if (status.failures.length > 0) {
    lines.push('', 'failed jobs:');
    lines.push(renderTable([{ header: 'job' }, { header: 'inputs' }, { header: 'tries' }, { header: 'error' }], status.failures.map((f) => [f.job.slice(0, 12), f.inputs, String(f.attempts), f.error])));
  }
  if (status.rejected.length > 0) {
    lines.push('', 'rejected inputs and records:');
    for (const r of status.rejected) lines.push(describeFailure(r));
  }
  return lines.join('\n') + '\n';
}

import { afterEach, describe, expect, it, vi } from 'vitest';

const saved = { young: process.env.WARTA_WORKER_YOUNG_MB, heap: process.env.WARTA_WORKER_HEAP_MB };

afterEach(() => {
  for (const [name, value] of [
    ['WARTA_WORKER_YOUNG_MB', saved.young],
    ['WARTA_WORKER_HEAP_MB', saved.heap],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
});

async function limitsWith(env: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  vi.resetModules();
  return (await import('../src/runner/thread-limits.js')).boundedLimits();
}

describe("an analysis thread's heap", () => {
  it('has an 8 MB young generation and a 256 MB old one unless the environment says otherwise', async () => {
    expect(await limitsWith({ WARTA_WORKER_YOUNG_MB: undefined, WARTA_WORKER_HEAP_MB: undefined })).toEqual({ maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 8 });
  });

  it('trades memory for fewer collections through WARTA_WORKER_YOUNG_MB', async () => {
    expect(await limitsWith({ WARTA_WORKER_YOUNG_MB: '32', WARTA_WORKER_HEAP_MB: '512' })).toEqual({ maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32 });
  });

  it('ignores a value that is not a number of megabytes', async () => {
    expect((await limitsWith({ WARTA_WORKER_YOUNG_MB: 'lots' })).maxYoungGenerationSizeMb).toBe(8);
  });
});

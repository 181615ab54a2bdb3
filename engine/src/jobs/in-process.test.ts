import { describe, expect, it } from 'vitest';
import { InProcessQueue } from './in-process';

describe('InProcessQueue', () => {
  it('runs a job queued again under the id it was given once, and jobs without an id every time', async () => {
    const queue = new InProcessQueue();
    const ran: string[] = [];
    queue.handle('mail', async (payload) => void ran.push(String(payload.n)));
    await queue.enqueue('mail', { n: 1 }, { jobId: 'mail/r1/v2' });
    await queue.enqueue('mail', { n: 2 }, { jobId: 'mail/r1/v2' });
    await queue.enqueue('mail', { n: 3 }, { jobId: 'mail/r1/v3' });
    await queue.enqueue('mail', { n: 4 });
    await queue.enqueue('mail', { n: 5 });
    await queue.drain();
    expect(ran).toEqual(['1', '3', '4', '5']);
    await queue.close();
  });
});

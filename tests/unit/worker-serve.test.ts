import { describe, expect, it } from 'vitest';
import { startWorker, type Answerer, type Progress } from '@/lib/worker-serve';

type Ask = { id: number; n: number };
type Answer = { id: number; double: number; by: string } | Progress;

/** A worker that receives asks and never answers unless told to, and can die. */
class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  received: Ask[] = [];
  terminated = false;
  postMessage(a: Ask) {
    this.received.push(a);
  }
  terminate() {
    this.terminated = true;
  }
  answer(b: Answer) {
    this.onmessage?.({ data: b } as MessageEvent);
  }
  die() {
    this.onerror?.({ preventDefault() {} } as ErrorEvent);
  }
}

/** The page's own answerer: it tells its progress, then answers. */
const inPage: Answerer<Ask, Answer> = () => async (ask, tell) => {
  tell({ id: ask.id, progress: 0.5 });
  return { id: ask.id, double: ask.n * 2, by: 'page' };
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe("the options page's workers, from the page", () => {
  it('send asks to the worker and hand over what it says', () => {
    const fake = new FakeWorker();
    const got: Answer[] = [];
    const w = startWorker<Ask, Answer>(() => fake as unknown as Worker, inPage, (b) => got.push(b));
    w.ask({ id: 1, n: 2 });
    expect(fake.received).toEqual([{ id: 1, n: 2 }]);
    fake.answer({ id: 1, progress: 0.3 });
    fake.answer({ id: 1, double: 4, by: 'worker' });
    expect(got).toEqual([{ id: 1, progress: 0.3 }, { id: 1, double: 4, by: 'worker' }]);
    w.stop();
    expect(fake.terminated).toBe(true);
  });

  it('when the worker dies, answer in the page the asks it had not answered (a progress is not an answer), and the next ones', async () => {
    const fake = new FakeWorker();
    const got: Answer[] = [];
    const w = startWorker<Ask, Answer>(() => fake as unknown as Worker, inPage, (b) => got.push(b));
    w.ask({ id: 1, n: 1 });
    w.ask({ id: 2, n: 2 });
    w.ask({ id: 3, n: 3 });
    fake.answer({ id: 1, double: 2, by: 'worker' });
    fake.answer({ id: 2, progress: 0.1 });
    fake.die();
    expect(fake.terminated).toBe(true);
    w.ask({ id: 4, n: 4 });
    await tick();
    expect(fake.received.map((a) => a.id)).toEqual([1, 2, 3]);
    const finals = got.filter((b) => 'double' in b);
    expect(finals).toEqual([
      { id: 1, double: 2, by: 'worker' },
      { id: 2, double: 4, by: 'page' },
      { id: 3, double: 6, by: 'page' },
      { id: 4, double: 8, by: 'page' },
    ]);
    expect(got).toContainEqual({ id: 4, progress: 0.5 });
  });

  it('where no worker starts, answer in the page', async () => {
    const got: Answer[] = [];
    const w = startWorker<Ask, Answer>(() => { throw new Error('no workers here'); }, inPage, (b) => got.push(b));
    w.ask({ id: 1, n: 5 });
    await tick();
    expect(got).toEqual([{ id: 1, progress: 0.5 }, { id: 1, double: 10, by: 'page' }]);
  });
});

// Pages fetched ahead while earlier ones are written, handed over together. When the database is
// the slower side (a backfill), pages queue up and are written as one, which spares a
// transaction, a plan and a checkpoint per page; when RapidPro is the slower side, each page is
// handed over as soon as it arrives. At most `max` pages wait in memory.
export async function* gatherPages<T>(pages: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const iterator = pages[Symbol.asyncIterator]();
  const queue: T[] = [];
  let finished = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer = () => {};
  let wakeProducer = () => {};

  const producing = (async () => {
    try {
      while (!stopped) {
        if (queue.length >= max) {
          await new Promise<void>((resolve) => (wakeProducer = resolve));
          continue;
        }
        const next = await iterator.next();
        if (next.done) break;
        queue.push(next.value);
        wakeConsumer();
      }
    } catch (error) {
      // Kept for the consumer, who gets the pages fetched before it first.
      failure = { error };
    } finally {
      finished = true;
      wakeConsumer();
    }
  })();

  try {
    while (true) {
      if (queue.length === 0 && !finished) await new Promise<void>((resolve) => (wakeConsumer = resolve));
      if (queue.length > 0) {
        const batch = queue.splice(0);
        wakeProducer();
        yield batch;
      } else if (finished) {
        if (failure) throw failure.error;
        return;
      }
    }
  } finally {
    // The consumer stopped (done, or its write failed): fetch nothing more. A request in flight
    // is not waited for; the pages' iterator is closed once it lands.
    stopped = true;
    wakeProducer();
    void producing.then(() => iterator.return?.()).catch(() => undefined);
  }
}

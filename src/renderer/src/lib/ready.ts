/**
 * Knows when the page is completely drawn, so a printer (`page.pdf`, `printToPDF`) does not cut in
 * while fonts load or a chart is still being made. Work that draws asynchronously calls
 * `beginWork()` and the function it returns when done; `whenDrawn()` resolves once no work is
 * pending, every font is loaded, and the browser has painted.
 */

let pending = 0;
let waiters: Array<() => void> = [];

/** Marks the start of drawing work; call the returned function (once) when it is done or failed. */
export function beginWork(): () => void {
  pending++;
  let finished = false;
  return () => {
    if (finished) return;
    finished = true;
    pending--;
    if (pending === 0) {
      const ready = waiters;
      waiters = [];
      for (const resolve of ready) resolve();
    }
  };
}

function idle(): Promise<void> {
  return pending === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve));
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Resolves when all drawing work has finished and the page has painted twice since. Repeats until
 * nothing new starts in between, because finished work (a chart after its fonts) can start more.
 */
export async function whenDrawn(): Promise<void> {
  for (;;) {
    await idle();
    await document.fonts.ready;
    await nextFrame();
    await nextFrame();
    if (pending === 0) return;
  }
}

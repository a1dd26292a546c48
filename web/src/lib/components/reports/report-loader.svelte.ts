import { handleError } from '$lib/api/handle-error';

/**
 * One report's data for the current period: the first load shows a placeholder, a new period
 * keeps the old figures (dimmed) until the new ones arrive, and a superseded request is aborted
 * so a slow answer for an old period never overwrites a newer one.
 */
export class ReportLoader<T> {
  data = $state<T | null>(null);
  status = $state<'loading' | 'ready' | 'error'>('loading');
  refreshing = $state(false);
  #controller: AbortController | null = null;
  #last: ((signal: AbortSignal) => Promise<T>) | null = null;
  readonly #what: string;

  constructor(what: string) {
    this.#what = what;
  }

  async load(fetcher: (signal: AbortSignal) => Promise<T>) {
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    this.#last = fetcher;
    if (this.data !== null) this.refreshing = true;
    else this.status = 'loading';
    try {
      const data = await fetcher(controller.signal);
      if (controller.signal.aborted) return;
      this.data = data;
      this.status = 'ready';
    } catch (err) {
      if (controller.signal.aborted || (err as Error)?.name === 'AbortError') return;
      handleError(err, `Could not load ${this.#what}`);
      this.data = null;
      this.status = 'error';
    } finally {
      if (this.#controller === controller) this.refreshing = false;
    }
  }

  retry = () => {
    if (this.#last) void this.load(this.#last);
  };

  abort() {
    this.#controller?.abort();
  }
}

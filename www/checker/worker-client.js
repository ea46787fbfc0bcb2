// Checking in a Web Worker, so typing in a long note never waits for a
// check: the page posts `{id, text, context}` and gets `{id, report}` or
// `{id, error}` back (the protocol of checker-worker.js and the module's
// startWorker). One worker serves every field on the page; it holds one
// policy at a time, and messages are handled in order, so a field whose
// policy differs from the last one posted sends its policy first.
//
// When a worker cannot be had — no Worker or module workers (old
// browsers), a Content-Security-Policy whose worker-src forbids it, a
// script that fails to load, or no "ready" in time — start() rejects and
// the field checks on the page's own thread instead.

const WORKER_URL = new URL('../checker-worker.js', import.meta.url).href;
/** How long a worker may take to load the module and say it is ready. */
const START_TIMEOUT = 15000;

/** An Error with the structured fields the module gives (`problems`, and `field` for a context). */
export function errorFrom(data) {
  const error = new Error(String(data?.message ?? 'the check failed'));
  if (Array.isArray(data?.problems)) error.problems = data.problems;
  if (data?.field) error.field = data.field;
  return error;
}

export class CheckWorker {
  #worker;
  #nextId = 1;
  /** id → {resolve, reject} for every message not yet answered. */
  #waiting = new Map();
  /** The policy key last posted (the one the worker will check with next). */
  #policyKey = undefined;
  #failure = null;
  /** Called once if the worker fails after it started, so fields can fall back. */
  onfailure = null;

  constructor(worker) {
    this.#worker = worker;
    worker.addEventListener('message', (e) => this.#answer(e.data));
    const fail = (e) => this.#fail(new Error(`the checker's worker failed: ${e?.message || e?.type || 'unknown error'}`));
    worker.addEventListener('error', fail);
    worker.addEventListener('messageerror', fail);
  }

  /** Starts a worker and waits for it to say it is ready; rejects when a worker cannot be had. */
  static start(url = WORKER_URL, { expectVersion = null, timeout = START_TIMEOUT } = {}) {
    return new Promise((resolve, reject) => {
      if (typeof Worker !== 'function') {
        reject(new Error('this browser has no Web Workers'));
        return;
      }
      let worker;
      try {
        worker = new Worker(url, { type: 'module', name: 'case-note-checker' });
      } catch (error) {
        // A CSP that forbids the worker, or no module workers, can throw here.
        reject(error);
        return;
      }
      const done = (error, client) => {
        clearTimeout(timer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (error) {
          worker.terminate();
          reject(error);
        } else {
          resolve(client);
        }
      };
      const onMessage = (e) => {
        if (e.data?.type !== 'ready') return;
        if (expectVersion && e.data.version !== expectVersion) {
          done(new Error(`the worker runs checker ${e.data.version}, the page ${expectVersion}`));
          return;
        }
        done(null, new CheckWorker(worker));
      };
      // A script blocked by worker-src, missing, or that fails to load its module.
      const onError = (e) => {
        e.preventDefault?.();
        done(new Error(`the checker's worker could not start${e.message ? `: ${e.message}` : ''}`));
      };
      const timer = setTimeout(() => done(new Error('the checker’s worker did not start in time')), timeout);
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
    });
  }

  get failed() {
    return this.#failure !== null;
  }

  /**
   * Checks a note with a policy: `key` identifies it, `source` is the
   * policy object (null for the built-in one). Returns `{id, result}`, where
   * `result` resolves to the report and rejects with the checker's Error.
   */
  check(text, context, { key, source }) {
    if (this.#failure) return { id: 0, result: Promise.reject(this.#failure) };
    if (key !== this.#policyKey) {
      this.#policyKey = key;
      const policyMessage = this.#post({ policy: source ?? null });
      // A policy the worker refuses fails the checks after it too.
      policyMessage.catch(() => { if (this.#policyKey === key) this.#policyKey = undefined; });
    }
    const id = this.#nextId;
    return { id, result: this.#post({ text, context: context ?? null }) };
  }

  terminate() {
    this.#fail(new Error('the checker’s worker was stopped'));
  }

  #post(message) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...message });
    });
  }

  #answer(data) {
    const waiting = this.#waiting.get(data?.id);
    if (!waiting) return;
    this.#waiting.delete(data.id);
    if (data.error) waiting.reject(errorFrom(data.error));
    else waiting.resolve(data.report ?? data);
  }

  #fail(error) {
    if (this.#failure) return;
    this.#failure = error;
    this.#worker.terminate();
    for (const { reject } of this.#waiting.values()) reject(error);
    this.#waiting.clear();
    this.onfailure?.(error);
  }
}

let shared = null;

/**
 * The page's one checking worker, started on first use; resolves to null
 * when no worker can be had (the reason is given to `onUnavailable` once).
 */
export function sharedWorker({ url = WORKER_URL, expectVersion = null } = {}) {
  if (!shared) {
    const started = CheckWorker.start(url, { expectVersion }).then(
      (client) => {
        // A worker that dies later is replaced by the page's own thread.
        client.onfailure = () => { if (shared === started) shared = Promise.resolve(null); };
        return client;
      },
      (error) => {
        console.info('case-note-checker: checking on the page’s own thread, as no worker could be started:', error?.message ?? error);
        return null;
      },
    );
    shared = started;
  }
  return shared;
}

// The checker's Web Worker: the WebAssembly module checking off the page's
// main thread, so typing never waits for a check. The protocol is the
// module's own (startWorker): once ready it posts {type: 'ready', version};
// {id, text, context} gets {id, report} or {id, error: {message, problems,
// field}}; {id, policy} (an object, or null for the built-in policy) gets
// {id, ok: true, policyName, rules} or {id, error}. The page's side is
// checker/worker-client.js. Needs a CSP that allows it: worker-src 'self'
// (or script-src 'self' when worker-src is not set).

import init, { startWorker } from './pkg/case_note_checker.js';

await init();
startWorker();

// One cold start of one tool, in a fresh Node process:
//
//   node bench-peers/startup.mjs TOOL [--files]
//
// prints one JSON line: the time to load and set the tool up (imports
// included), and the time of its first check of the 100-word note. With
// --files it instead lists the files the tool loaded (for its size), watched
// through module hooks, which would slow the timed start.

const t0 = performance.now();
const tool = process.argv[2];
const listFiles = process.argv.includes('--files');

let loaded = null;
if (listFiles) {
  const { register } = await import('node:module');
  const { MessageChannel } = await import('node:worker_threads');
  const { port1, port2 } = new MessageChannel();
  loaded = new Set();
  port1.on('message', (url) => loaded.add(url));
  port1.unref();
  register('./hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
}

const { TOOLS } = await import('./tools.mjs');
const { note } = await import('./common.mjs');
const text = note(100);
const t1 = performance.now();
const spec = TOOLS[tool];
if (!spec) throw new Error(`unknown tool ${tool}`);
const t2 = performance.now();
const instance = await spec.start();
const t3 = performance.now();
const findings = await instance.check(text);
const t4 = performance.now();

if (listFiles) {
  const { default: Module } = await import('node:module');
  const { fileURLToPath } = await import('node:url');
  await new Promise((r) => setTimeout(r, 200)); // let the hooks' last messages arrive
  const files = new Set();
  for (const url of loaded) if (url.startsWith('file:')) files.add(fileURLToPath(url));
  for (const f of Object.keys(Module._cache)) files.add(f);
  const ours = /\/bench\/(tools|common|startup|hooks)\.mjs$/;
  console.log(JSON.stringify({ tool, files: [...files].filter((f) => !ours.test(f)).sort() }));
} else {
  console.log(JSON.stringify({
    tool,
    // Imports and set-up (for ours: fetch the bytes, compile, instantiate, build the Checker).
    setup_ms: t3 - t2,
    first_check_ms: t4 - t3,
    ready_ms: t4 - t2,
    // The shared harness (this script's own imports), not counted above.
    harness_ms: t1 - t0,
    findings,
    phases: instance.phases ?? null,
    memory: instance.memory?.() ?? null,
  }));
}
process.exit(0);

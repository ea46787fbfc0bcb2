// The Node benchmark: our WebAssembly checker against its peers, same texts, same process.
//
//   node bench-peers/bench.mjs            (make bench runs it; needs `make wasm` and the notes)
//
// Writes target/bench/node.json. For each tool: a cold start in a fresh
// process (imports, set-up, first check of the 100-word note; median of a
// few), the files it loads (its size on disk and gzipped), and, in this one
// process, the median and p95 of a check per note size. For ours also the
// WebAssembly.Memory size after the 10,000-word note and after BENCH_REPEAT
// (10,000) repeated checks.
//
// Environment: BENCH_TOOLS=ours,harper,... (default all), BENCH_REPEAT=10000,
// BENCH_QUICK=1 (fewer samples, for trying the harness out).

import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  BENCH, OUT, SIZES, describe, fileSize, filesSize, gzipSize, machine, note, summary, variants, fmtMs,
} from './common.mjs';
import { PEERS, TOOLS } from './tools.mjs';
import { readFileSync } from 'node:fs';

const QUICK = process.env.BENCH_QUICK === '1';
const REPEAT = Number(process.env.BENCH_REPEAT ?? (QUICK ? 1000 : 10_000));
const ONLY = process.env.BENCH_TOOLS ? process.env.BENCH_TOOLS.split(',') : null;
const tools = ['ours', ...PEERS].filter((t) => !ONLY || ONLY.includes(t));

const log = (...a) => console.error('[node]', ...a);

/** Sampling: ours is fast and gets many samples; the peers get a time budget and a minimum. */
const PLAN = {
  ours: { warmup: 20, min: 50, max: QUICK ? 200 : 2000, budget: QUICK ? 1000 : 4000 },
  peer: { warmup: 2, min: QUICK ? 3 : 5, max: QUICK ? 20 : 200, budget: QUICK ? 2000 : 8000 },
  startups: { ours: QUICK ? 2 : 7, peer: QUICK ? 1 : 3 },
};

async function timeCalls(check, texts, plan, isAsync) {
  for (let i = 0; i < plan.warmup; i++) {
    if (isAsync) await check(texts[i % texts.length]);
    else check(texts[i % texts.length]);
  }
  const samples = [];
  let findings = 0;
  const start = performance.now();
  for (let i = 0; samples.length < plan.max && (samples.length < plan.min || performance.now() - start < plan.budget); i++) {
    const text = texts[i % texts.length];
    const t = performance.now();
    findings = isAsync ? await check(text) : check(text);
    samples.push(performance.now() - t);
  }
  return { ...summary(samples), findings };
}

function startups(tool, runs) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, [path.join(BENCH, 'startup.mjs'), tool], { encoding: 'utf8', maxBuffer: 1 << 24 });
    results.push(JSON.parse(out.trim().split('\n').pop()));
  }
  const med = (key) => summary(results.map((r) => r[key])).median;
  const phases = results[0].phases
    ? Object.fromEntries(Object.keys(results[0].phases).map((k) => [k, summary(results.map((r) => r.phases[k])).median]))
    : null;
  return {
    runs,
    setup_ms: med('setup_ms'),
    first_check_ms: med('first_check_ms'),
    ready_ms: med('ready_ms'),
    ready_all_ms: results.map((r) => r.ready_ms),
    phases,
    memory_after_first_check: results[0].memory,
  };
}

function sizes(tool) {
  const out = execFileSync(process.execPath, [path.join(BENCH, 'startup.mjs'), tool, '--files'], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const { files } = JSON.parse(out.trim().split('\n').pop());
  const js = files.filter((f) => !f.startsWith('node:') && /\.(m?js|cjs|json)$/.test(f));
  const wasm = TOOLS[tool].wasm();
  const wasmRaw = wasm.reduce((a, f) => a + fileSize(f), 0);
  const wasmGzip = wasm.reduce((a, f) => a + gzipSize(readFileSync(f)), 0);
  const jsSize = filesSize(js);
  return {
    js_files: jsSize.files, js_raw: jsSize.raw, js_gzip: jsSize.gzip,
    wasm_raw: wasmRaw, wasm_gzip: wasmGzip,
    total_raw: jsSize.raw + wasmRaw, total_gzip: jsSize.gzip + wasmGzip,
  };
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const texts = Object.fromEntries(SIZES.map((w) => [w, note(w)]));
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    notes: Object.fromEntries(SIZES.map((w) => [w, describe(texts[w])])),
    tools: {},
  };

  // Cold starts and sizes, each in its own fresh process, before this process warms anything up.
  for (const tool of tools) {
    const runs = tool === 'ours' ? PLAN.startups.ours : PLAN.startups.peer;
    log(`${tool}: ${runs} cold start(s) in fresh processes`);
    try {
      result.tools[tool] = {
        label: TOOLS[tool].label,
        version: TOOLS[tool].version(),
        startup: startups(tool, runs),
        size: sizes(tool),
        checks: {},
      };
    } catch (e) {
      log(`${tool}: could not be started: ${e.message}`);
      result.tools[tool] = { label: TOOLS[tool].label, error: String(e.message).split('\n')[0] };
    }
  }

  // Per-size timings, all tools in this one process, ours first.
  for (const tool of tools) {
    const entry = result.tools[tool];
    if (entry.error) continue;
    log(`${tool}: timing checks`);
    let instance;
    try {
      instance = await TOOLS[tool].start();
    } catch (e) {
      entry.error = String(e.message).split('\n')[0];
      continue;
    }
    const plan = tool === 'ours' ? PLAN.ours : PLAN.peer;
    if (tool === 'ours') {
      const mem = { after_start: instance.memory() };
      instance.check(texts[10_000]);
      mem.after_10k_note = instance.memory();
      entry.memory = mem;
    }
    for (const words of SIZES) {
      try {
        entry.checks[words] = await timeCalls(instance.check, variants(texts[words]), plan, Boolean(instance.async));
        log(`  ${words} words: median ${fmtMs(entry.checks[words].median)}, p95 ${fmtMs(entry.checks[words].p95)} (${entry.checks[words].n} samples)`);
      } catch (e) {
        entry.checks[words] = { error: String(e.message).split('\n')[0] };
        log(`  ${words} words: failed: ${e.message}`);
      }
    }
    if (tool === 'ours') {
      // Repeated checks: every size in turn, REPEAT times; the memory must not grow.
      const mem = entry.memory;
      mem.after_timing = instance.memory();
      const cycle = SIZES.flatMap((w) => variants(texts[w], 2));
      const trace = [];
      const t = performance.now();
      for (let i = 1; i <= REPEAT; i++) {
        instance.check(cycle[i % cycle.length]);
        if (i % 1000 === 0 || i === REPEAT) trace.push([i, instance.memory()]);
      }
      mem.repeat = REPEAT;
      mem.repeat_seconds = (performance.now() - t) / 1000;
      mem.after_repeat = instance.memory();
      mem.trace = trace;
      mem.flat = mem.after_repeat === mem.after_10k_note;
      log(`  memory: ${mem.after_start} B after start, ${mem.after_10k_note} B after the 10,000-word note, ${mem.after_repeat} B after ${REPEAT} more checks`);
    }
  }

  const file = path.join(OUT, 'node.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file}`);
}

await main();
process.exit(0);

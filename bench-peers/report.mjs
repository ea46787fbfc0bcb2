// Gathers the benchmark results into target/bench/report.md, prints it, and
// checks each budget of issue 5 against the figures (PASS/FAIL).
//
//   node bench-peers/report.mjs
//
// Reads: target/criterion/{check,aho-corasick,batch}/…/new/estimates.json,
// target/bench/{cli,node,browser}.json, target/bench/load-start.txt and the
// shipped module www/pkg/case_note_checker_bg.wasm. Any part that is missing
// is reported as not measured. Also writes target/bench/budgets.json and
// target/bench/readme-section.md (the README's "Speed and size", to paste).
// Exits 0 whatever the budgets say, unless BENCH_STRICT=1.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUT, PKG_WASM, ROOT, SIZES, fmtBytes, fmtMs, gzipSize, machine } from './common.mjs';

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);
const CRITERION = path.join(ROOT, 'target', 'criterion');

/** A criterion estimate in ms: the median of the per-iteration sample times. */
function criterion(id) {
  const est = readJson(path.join(CRITERION, id, 'new', 'estimates.json'));
  const bench = readJson(path.join(CRITERION, id, 'new', 'benchmark.json'));
  if (!est) return null;
  return {
    median: est.median.point_estimate / 1e6,
    mean: est.mean.point_estimate / 1e6,
    bytes: bench?.throughput?.Bytes ?? null,
  };
}

/** The opt-level a Cargo profile builds with (following `inherits`), from Cargo.toml. */
const cargoToml = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
function optLevel(profile) {
  const section = new RegExp(`^\\[profile\\.${profile}\\]\\s*$([\\s\\S]*?)(?=^\\[|(?![\\s\\S]))`, 'm').exec(cargoToml)?.[1] ?? '';
  const level = /^opt-level\s*=\s*("?[^"\n]+"?)/m.exec(section)?.[1];
  if (level) return level.replace(/^(\d)$/, '$1');
  const parent = /^inherits\s*=\s*"([^"]+)"/m.exec(section)?.[1];
  if (parent) return optLevel(parent);
  return { release: '3', bench: optLevel('release'), dev: '0' }[profile] ?? '?';
}
const wasmProfile = /^\[profile\.wasm\]/m.test(cargoToml) ? 'wasm' : 'release';
const profiles = `Criterion builds with \`[profile.bench]\` (opt-level ${optLevel('bench')}); the CLI with \`[profile.release]\` (opt-level ${optLevel('release')}); the wasm with \`[profile.${wasmProfile}]\` (opt-level ${optLevel(wasmProfile)}) and wasm-opt -Oz.`;

const node = readJson(path.join(OUT, 'node.json'));
const cli = readJson(path.join(OUT, 'cli.json'));
const browser = readJson(path.join(OUT, 'browser.json'));
const loadStart = existsSync(path.join(OUT, 'load-start.txt')) ? readFileSync(path.join(OUT, 'load-start.txt'), 'utf8').trim() : null;
const mach = machine();
const wasmRaw = existsSync(PKG_WASM) ? readFileSync(PKG_WASM).length : NaN;
// Exactly as `make size` and `make size-check` count it.
const wasmGz = existsSync(PKG_WASM) ? Number(execFileSync('sh', ['-c', 'gzip -9 -c "$1" | wc -c', 'sh', PKG_WASM], { encoding: 'utf8' }).trim()) : NaN;
const sizeLimit = Number((/^WASM_GZIP_LIMIT\s*:?=\s*(\d+)/m.exec(readFileSync(path.join(ROOT, 'Makefile'), 'utf8')) ?? [])[1]);

const native = Object.fromEntries(SIZES.map((w) => [w, {
  check: criterion(`check/words/${w}`),
  dfa: criterion(`aho-corasick/dfa/${w}`),
  nfa: criterion(`aho-corasick/nfa/${w}`),
}]));
const batch = [1, mach.nproc].filter((t, i, a) => a.indexOf(t) === i).map((t) => ({ threads: t, ...criterion(`batch/threads/${t}`) }));

const ours = node?.tools?.ours;
const times = (x) => (Number.isFinite(x) ? `${x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-GB')}×` : '–');
const mbs = (bytes, ms) => bytes / 1e6 / (ms / 1000);

// --- budgets ------------------------------------------------------------------------

const budgets = [];
/** A budget: `value` against `limit` (≤ unless `atLeast`), with the figure shown as `shown`. */
function budget(name, value, limit, { atLeast = false, shown, limitShown, note } = {}) {
  let status;
  let miss = '';
  if (!Number.isFinite(value)) status = 'NOT MEASURED';
  else {
    const ok = atLeast ? value >= limit : value <= limit;
    status = ok ? 'PASS' : 'FAIL';
    const factor = atLeast ? limit / value : value / limit;
    if (limit === 0) miss = ok ? 'no growth' : 'it grew';
    else if (ok) miss = `${Math.round(100 * Math.abs(value - limit) / limit)}% ${atLeast ? 'above' : 'under'} the limit`;
    else miss = factor < 2 ? `misses by ${Math.round(100 * (factor - 1))}%` : `misses by ${factor.toFixed(1)}×`;
  }
  budgets.push({ name, status, value, limit, figure: shown ?? String(value), limit_shown: limitShown ?? String(limit), miss, note });
}

const n1k = native[1000].check?.median;
const n10k = native[10000].check?.median;
budget('native check, 1,000-word note, median', n1k, 0.05, { shown: fmtMs(n1k), limitShown: '≤ 50 µs' });
budget('native check grows linearly: 10,000 words ÷ 1,000 words', n10k / n1k, 11, { shown: times(n10k / n1k), limitShown: '≤ 11×' });
const w1k = ours?.checks?.[1000]?.median;
budget('wasm in Node, 1,000-word note, median', w1k, 0.25, { shown: fmtMs(w1k), limitShown: '≤ 250 µs' });
const h1k = node?.tools?.harper?.checks?.[1000]?.median;
budget('wasm vs harper.js on the 1,000-word note (same run)', h1k / w1k, 50, { atLeast: true, shown: `${times(h1k / w1k)} faster`, limitShown: '≥ 50× faster' });
for (const w of SIZES) {
  const r = native[w].check?.median / native[w].dfa?.median;
  budget(`whole check ÷ one aho-corasick pass, ${w.toLocaleString('en-GB')} words (native, DFA floor)`, r, 10, { shown: times(r), limitShown: '≤ 10×' });
}
const ready = ours?.startup?.ready_ms;
budget('instantiate + first check (Node, cold process, median)', ready, 51, { shown: fmtMs(ready), limitShown: '≤ 51 ms' });
budget('.wasm after wasm-opt -Oz, gzip -9', wasmGz, 300_000, { shown: `${wasmGz.toLocaleString('en-GB')} B`, limitShown: '≤ 300,000 B' });
const mem10k = ours?.memory?.after_10k_note;
budget('wasm memory after the 10,000-word note', mem10k, 4_000_000, { shown: fmtBytes(mem10k), limitShown: '≤ 4 MB' });
const memRepeat = ours?.memory ? ours.memory.after_repeat - ours.memory.after_10k_note : NaN;
budget(`wasm memory growth over ${ours?.memory?.repeat?.toLocaleString('en-GB') ?? '?'} repeated checks`, memRepeat, 0, { shown: `${memRepeat} B`, limitShown: '0 B (flat)' });
const kp95 = browser?.sizes?.[5000]?.rendered?.p95;
const alone95 = browser?.textarea_alone?.[5000]?.rendered?.p95;
budget('Chromium keystroke → rendered results, 5,000 words, p95 (checked in the worker)', kp95, 16, {
  shown: `${fmtMs(kp95)}${Number.isFinite(alone95) ? ` (the textarea alone: ${fmtMs(alone95)})` : ''}`, limitShown: '≤ 16 ms',
});
const cli1 = cli?.results?.find((r) => r.processes === 1);
const cliN = cli?.results?.[cli.results.length - 1];
budget('CLI batch, one process', cli1?.mb_per_s, 50, { atLeast: true, shown: `${cli1?.mb_per_s?.toFixed(1)} MB/s`, limitShown: '≥ 50 MB/s' });
const scale = cliN && cli1 && cliN.processes > 1 ? cliN.mb_per_s / cli1.mb_per_s : NaN;
budget(`CLI batch scales with cores: ${cliN?.processes ?? '?'} processes ÷ 1`, scale, 0.7 * (cliN?.processes ?? 2), {
  atLeast: true, shown: times(scale), limitShown: `≥ ${(0.7 * (cliN?.processes ?? 2)).toFixed(1)}× (70% per core)`,
});

// --- the report ----------------------------------------------------------------------

const L = [];
const date = node?.date ?? new Date().toISOString();
L.push('# case-note-checker: speed, size and memory');
L.push('');
let commit = '';
try {
  commit = execFileSync('git', ['-C', ROOT, 'describe', '--always', '--dirty'], { encoding: 'utf8' }).trim();
} catch { /* not a git checkout */ }
L.push(`Date: ${date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}. Machine: ${mach.nproc} cores, ${mach.cpu}, ${mach.memory_gib} GiB, ${mach.platform}; Node ${mach.node}${browser ? `; Chromium ${browser.browser}` : ''}.${commit ? ` Source: commit ${commit}${commit.endsWith('-dirty') ? ' (with uncommitted changes)' : ''}.` : ''}`);
const loads = [loadStart && `at the start ${loadStart.split(' ').slice(0, 3).join(' ')}`, node && `during the Node run ${node.machine.load.join(' ')}`, `at the end ${mach.load.join(' ')}`].filter(Boolean);
// Busy when other work was running as the benchmark began: later readings
// include the benchmark's own load.
const busy = [loadStart, ...(loadStart ? [] : [mach.load.join(' ')])].filter(Boolean).some((s) => Number(s.split(' ')[0]) > mach.nproc * 0.5);
L.push(`Load average (1, 5, 15 min): ${loads.join('; ')}.${busy ? ` **Figures were taken under load** — other work was running on this ${mach.nproc}-core machine — so times are pessimistic and noisy, and scaling with cores cannot show.` : ''}`);
L.push('');
L.push('Notes: deterministic, built by `cargo bench --bench check` from `tests/notes/{labelled,holdout,blind,final}.jsonl` (emoji notes first, then other non-ASCII, then the rest; cut at the N-th word) and written to `target/bench/notes/`, so criterion, Node and Chromium time the same text.');
if (node?.notes) {
  L.push('');
  L.push('| note | bytes (UTF-8) | UTF-16 units | non-ASCII chars | emoji (astral) | double quotes |');
  L.push('|---|---|---|---|---|---|');
  for (const w of SIZES) {
    const d = node.notes[w];
    L.push(`| ${w.toLocaleString('en-GB')} words | ${d.bytes.toLocaleString('en-GB')} | ${d.utf16.toLocaleString('en-GB')} | ${d.non_ascii} | ${d.astral} | ${d.quotes} |`);
  }
}

L.push('');
L.push('## Side by side (Node, one process, same texts)');
L.push('');
if (node) {
  L.push('Median time of one check (in brackets: how many times our time). Start-up: a fresh Node process loads the tool and sets it up, then checks the 100-word note (median of several cold starts). Size: the JS files the tool loads and its wasm, on disk and gzip -9.');
  L.push('');
  L.push(`| tool | ${SIZES.map((w) => `${w.toLocaleString('en-GB')} words`).join(' | ')} | start-up | size on disk | gzipped |`);
  L.push(`|---|${SIZES.map(() => '---').join('|')}|---|---|---|`);
  for (const [key, t] of Object.entries(node.tools)) {
    if (t.error) {
      L.push(`| ${t.label} | could not be run: ${t.error} |${SIZES.map(() => '').join(' |')} | | |`);
      continue;
    }
    const cells = SIZES.map((w) => {
      const c = t.checks?.[w];
      if (!c || c.error) return c?.error ? `failed: ${c.error}` : '–';
      const ratio = key === 'ours' ? '' : ` (${times(c.median / ours?.checks?.[w]?.median)})`;
      return `${fmtMs(c.median)}${ratio}`;
    });
    const s = t.size;
    const sizeCell = s ? `${fmtBytes(s.total_raw)}${s.wasm_raw ? ` (wasm ${fmtBytes(s.wasm_raw)})` : ''}` : '–';
    const gzCell = s ? `${fmtBytes(s.total_gzip)}${s.wasm_gzip ? ` (wasm ${fmtBytes(s.wasm_gzip)})` : ''}` : '–';
    const startCell = `${fmtMs(t.startup?.ready_ms)}${key === 'ours' ? '' : ` (${times(t.startup?.ready_ms / ours?.startup?.ready_ms)})`}`;
    L.push(`| ${key === 'ours' ? '**' : ''}${t.label}${key === 'ours' ? '**' : ''} ${t.version ?? ''} | ${cells.join(' | ')} | ${startCell} | ${sizeCell} | ${gzCell} |`);
  }
  L.push('');
  L.push('p95 of one check:');
  L.push('');
  L.push(`| tool | ${SIZES.map((w) => `${w.toLocaleString('en-GB')} words`).join(' | ')} | samples (per size) |`);
  L.push(`|---|${SIZES.map(() => '---').join('|')}|---|`);
  for (const t of Object.values(node.tools)) {
    if (t.error) continue;
    L.push(`| ${t.label} | ${SIZES.map((w) => fmtMs(t.checks?.[w]?.p95)).join(' | ')} | ${SIZES.map((w) => t.checks?.[w]?.n ?? '–').join(' / ')} |`);
  }
  L.push('');
  L.push('Start-up in detail (median of cold starts):');
  L.push('');
  L.push('| tool | load and set up | first check (100 words) | ready | each run |');
  L.push('|---|---|---|---|---|');
  for (const t of Object.values(node.tools)) {
    if (t.error || !t.startup) continue;
    L.push(`| ${t.label} | ${fmtMs(t.startup.setup_ms)} | ${fmtMs(t.startup.first_check_ms)} | ${fmtMs(t.startup.ready_ms)} | ${t.startup.ready_all_ms.map(fmtMs).join(', ')} |`);
  }
  if (ours?.startup?.phases) {
    const p = ours.startup.phases;
    L.push('');
    L.push(`Ours, by phase: import the glue and read the file ${fmtMs(p.import_and_read_ms)}, compile and instantiate ${fmtMs(p.compile_instantiate_ms)}, \`new Checker()\` (policy and automaton) ${fmtMs(p.new_checker_ms)}, first check ${fmtMs(ours.startup.first_check_ms)}.`);
  }
  if (ours?.memory) {
    const m = ours.memory;
    L.push('');
    L.push(`WebAssembly.Memory: ${m.after_start.toLocaleString('en-GB')} B after start and the first check; ${m.after_10k_note.toLocaleString('en-GB')} B after the 10,000-word note; ${m.after_timing.toLocaleString('en-GB')} B after the timing runs; ${m.after_repeat.toLocaleString('en-GB')} B after ${m.repeat.toLocaleString('en-GB')} more checks (100-, 1,000- and 10,000-word notes in turn, ${m.repeat_seconds.toFixed(1)} s) — ${m.flat ? 'flat' : 'it grew'}.`);
  }
} else {
  L.push('Not measured (target/bench/node.json is missing).');
}

L.push('');
L.push('## Native (criterion, `cargo bench --bench check`)');
L.push('');
L.push('Median of criterion\'s samples. The floor is one overlapping aho-corasick pass over the same note with every term of the nine word lists (ASCII case-insensitive, standard match kind): the DFA is what the native core uses, the contiguous NFA what it uses in WebAssembly. ' + profiles);
L.push('');
L.push('| note | check | aho-corasick DFA | NFA | check ÷ DFA pass | check throughput |');
L.push('|---|---|---|---|---|---|');
for (const w of SIZES) {
  const n = native[w];
  L.push(`| ${w.toLocaleString('en-GB')} words | ${fmtMs(n.check?.median)} | ${fmtMs(n.dfa?.median)} | ${fmtMs(n.nfa?.median)} | ${times(n.check?.median / n.dfa?.median)} | ${n.check?.bytes ? `${mbs(n.check.bytes, n.check.median).toFixed(1)} MB/s` : '–'} |`);
}
if (batch.some((b) => b.median)) {
  L.push('');
  L.push(`In-process batch (every note of the four sets with its own context, ${fmtBytes(batch[0].bytes)} of text, one shared \`Checker\`): ${batch.filter((b) => b.median).map((b) => `${b.threads} thread${b.threads > 1 ? 's' : ''} ${mbs(b.bytes, b.median).toFixed(1)} MB/s`).join(', ')}.`);
}

L.push('');
L.push('## CLI batch throughput');
L.push('');
if (cli) {
  L.push(`\`${cli.binary}\` (opt-level ${optLevel('release')}) over \`${path.relative(ROOT, cli.batch)}\`: ${cli.notes.toLocaleString('en-GB')} notes, ${fmtBytes(cli.bytes)} of JSONL; the CLI is single-threaded, so P processes run in parallel (\`xargs -P\`) over the batch split into P files. Wall clock, median of ${cli.results[0].runs.length} runs.`);
  L.push('');
  L.push('| processes | seconds | MB/s | speed-up |');
  L.push('|---|---|---|---|');
  for (const r of cli.results) L.push(`| ${r.processes} | ${r.seconds.toFixed(3)} | ${r.mb_per_s.toFixed(1)} | ${times(r.mb_per_s / cli1.mb_per_s)} |`);
} else {
  L.push('Not measured (target/bench/cli.json is missing).');
}

L.push('');
L.push('## Chromium: keystroke to updated results');
L.push('');
if (browser) {
  L.push(`Headless Chromium ${browser.browser} on the page \`scripts/serve.mjs\` serves; ${browser.keys} keystrokes typed one at a time at the end of the middle paragraph (after 10 not counted), 40–120 ms apart. "Rendered": from the keydown event's timestamp to the end of the frame in which the widget's \`checked\` event (the highlights and findings for the new text are in the DOM) fired; "DOM": to that event.`);
  L.push('');
  L.push('In the worker (the default), "check alone" is from posting the note to the worker to its report arriving; on the page\'s thread (`?checking=page`, what a page that forbids workers gets) it is the check itself.');
  L.push('');
  L.push('A worker\'s report that leaves the underlines as the widget had already moved them with the edit (the keystroke\'s own frame drew them) counts to the end of that frame; one that changes them counts to the end of the next frame. "Changed" gives those alone.');
  L.push('');
  L.push('"Textarea alone" is the same page with the checker detached: from the keydown to the end of the keystroke\'s own frame. It is the floor the browser\'s input handling and frame cadence set (a keystroke waits for the next frame), and what the checker adds is the difference.');
  L.push('');
  L.push('| checked in | note | rendered p50 | rendered p95 | changed: n, p50, p95 | DOM p50 | DOM p95 | check alone p50 / p95 | timeouts |');
  L.push('|---|---|---|---|---|---|---|---|---|');
  for (const [where, sizes] of [['worker', browser.sizes], ['page thread', browser.page_thread ?? {}], ['textarea alone (no checker)', browser.textarea_alone ?? {}]]) {
    for (const [w, r] of Object.entries(sizes)) {
      const ch = r.rendered_when_changed;
      if (where.startsWith('textarea alone')) {
        L.push(`| ${where} | ${Number(w).toLocaleString('en-GB')} words | ${fmtMs(r.rendered.median)} | ${fmtMs(r.rendered.p95)} | – | – | – | – | ${r.timeouts}${r.typed_ok ? '' : ' (typed text wrong!)'} |`);
        continue;
      }
      L.push(`| ${where} | ${Number(w).toLocaleString('en-GB')} words | ${fmtMs(r.rendered.median)} | ${fmtMs(r.rendered.p95)} | ${ch?.n ? `${ch.n}, ${fmtMs(ch.median)}, ${fmtMs(ch.p95)}` : '–'} | ${fmtMs(r.dom.median)} | ${fmtMs(r.dom.p95)} | ${fmtMs(r.check_cost.median)} / ${fmtMs(r.check_cost.p95)} | ${r.timeouts}${r.typed_ok ? '' : ' (typed text wrong!)'} |`);
    }
  }
} else {
  L.push('Not measured (target/bench/browser.json is missing).');
}

L.push('');
L.push('## Budgets (issue 5)');
L.push('');
L.push('| budget | limit | measured | result |');
L.push('|---|---|---|---|');
for (const b of budgets) L.push(`| ${b.name} | ${b.limit_shown} | ${b.figure} | **${b.status}**${b.miss ? ` (${b.miss})` : ''} |`);
L.push('');
L.push(`\`make test\` enforces only the size: \`make size-check\` fails when the gzipped .wasm exceeds ${Number.isFinite(sizeLimit) ? `${sizeLimit.toLocaleString('en-GB')} B` : 'WASM_GZIP_LIMIT'} (WASM_GZIP_LIMIT in the Makefile; the budget is 300 KB), so the size cannot creep. Now: ${wasmRaw.toLocaleString('en-GB')} B raw, ${wasmGz.toLocaleString('en-GB')} B gzipped.`);

const report = `${L.join('\n')}\n`;
writeFileSync(path.join(OUT, 'report.md'), report);
writeFileSync(path.join(OUT, 'budgets.json'), `${JSON.stringify(budgets, null, 2)}\n`);

// The README's section: the side-by-side table and the budgets, with the machine.
const start = L.indexOf('## Side by side (Node, one process, same texts)');
const sideBySide = L.slice(start + 2, L.findIndex((l, i) => i > start && l.startsWith('p95 of one check')));
const readme = [
  '## Speed and size',
  '',
  `\`make bench\` measures the checker against its peers in one run and writes \`target/bench/report.md\`. Latest: ${date.slice(0, 10)}, ${mach.nproc} cores (${mach.cpu}), ${mach.memory_gib} GiB, Node ${mach.node}${busy ? ', taken while other work loaded the machine' : ''}.`,
  '',
  ...sideBySide,
  `The budgets of issue 5, checked by \`make bench\` and never by timed tests (\`make size-check\` fails when the gzipped module exceeds ${Number.isFinite(sizeLimit) ? `${sizeLimit.toLocaleString('en-GB')} B` : 'WASM_GZIP_LIMIT'}, the size budget, so it cannot creep):`,
  '',
  '| budget | limit | measured | result |',
  '|---|---|---|---|',
  ...budgets.map((b) => `| ${b.name} | ${b.limit_shown} | ${b.figure} | ${b.status}${b.miss ? ` (${b.miss})` : ''} |`),
  '',
];
writeFileSync(path.join(OUT, 'readme-section.md'), `${readme.join('\n')}\n`);

console.log(report);
console.log('Budgets:');
for (const b of budgets) console.log(`  ${b.status.padEnd(12)} ${b.name}: ${b.figure} (limit ${b.limit_shown})${b.miss ? `, ${b.miss}` : ''}`);
console.log(`\nwrote ${path.join(OUT, 'report.md')}`);
if (process.env.BENCH_STRICT === '1' && budgets.some((b) => b.status !== 'PASS')) process.exit(1);

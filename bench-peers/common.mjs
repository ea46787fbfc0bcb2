// Shared by the benchmark scripts in bench-peers/: paths, the notes, statistics, sizes.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BENCH = path.join(ROOT, 'bench-peers');
export const OUT = path.join(ROOT, 'target', 'bench');
export const NOTES_DIR = path.join(OUT, 'notes');
export const PKG = path.join(ROOT, 'www', 'pkg');
export const PKG_JS = path.join(PKG, 'case_note_checker.js');
export const PKG_WASM = path.join(PKG, 'case_note_checker_bg.wasm');

/** The note sizes compared everywhere, and the extra one the keystroke benchmark uses. */
export const SIZES = [100, 1_000, 10_000];

/** The context our checker is given in Node: the same one the criterion benchmark uses. */
export const CONTEXT = {
  event: 'statutory_visit', event_at: '2026-11-23T10:00', recorded_at: '2026-11-24T09:00',
  child: { name: 'Jayden Smith', age_years: 9 },
};

/** The note of `words` words that `cargo bench --bench check` wrote (the same text criterion times). */
export function note(words) {
  const file = path.join(NOTES_DIR, `words-${words}.txt`);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`cargo bench --bench check -- --test\` (or \`make bench\`), which writes the notes`);
  }
  return readFileSync(file, 'utf8');
}

/**
 * Variants of a text that differ only in trailing spaces, used in turn so that
 * no tool can answer a repeated call from a cache keyed on the text (as if
 * someone were typing at the end of the note).
 */
export function variants(text, n = 4) {
  return Array.from({ length: n }, (_, i) => text + ' '.repeat(i));
}

/** What a note holds that is hard for a checker: non-ASCII, emoji (astral), quotes. */
export function describe(text) {
  const chars = [...text];
  return {
    words: text.split(/\s+/).filter(Boolean).length,
    bytes: Buffer.byteLength(text),
    utf16: text.length,
    non_ascii: chars.filter((c) => c.codePointAt(0) > 0x7f).length,
    astral: chars.filter((c) => c.codePointAt(0) > 0xffff).length,
    quotes: (text.match(/["“”]/g) ?? []).length,
  };
}

export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Median, p95, min, mean and count of a list of timings (ms). */
export function summary(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, median, p95: quantile(s, 0.95), min: s[0], max: s[s.length - 1], mean };
}

export function gzipSize(buf) {
  return gzipSync(buf, { level: 9 }).length;
}

/** Raw and gzipped size of files (gzipped together, as a bundle would be). */
export function filesSize(files) {
  const bufs = files.map((f) => readFileSync(f));
  return { files: files.length, raw: bufs.reduce((a, b) => a + b.length, 0), gzip: gzipSize(Buffer.concat(bufs)) };
}

export function fileSize(file) {
  return statSync(file).size;
}

/** The machine, for the report. */
export function machine() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch { /* not Linux */ }
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu,
    memory_gib: +(os.totalmem() / 2 ** 30).toFixed(1),
    load: os.loadavg().map((x) => +x.toFixed(2)),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}

export const fmtMs = (ms) => {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.01 ? 2 : ms < 0.1 ? 1 : 0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
};

export const fmtBytes = (b) => {
  if (!Number.isFinite(b)) return '–';
  if (b < 1000) return `${b} B`;
  if (b < 1e6) return `${(b / 1000).toFixed(1)} KB`;
  return `${(b / 1e6).toFixed(2)} MB`;
};

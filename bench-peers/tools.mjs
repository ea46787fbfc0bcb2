// The tools compared, each as: how to start it, and how to check one text.
// `start()` loads and sets up the tool (imports included) and resolves to
// `{ check(text) → findings count (or a promise of it), memory?() }`.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BENCH, CONTEXT, PKG_JS, PKG_WASM } from './common.mjs';

const version = (pkg) => JSON.parse(readFileSync(path.join(BENCH, 'node_modules', pkg, 'package.json'), 'utf8')).version;
const cargoVersion = () => /^version = "(.+)"$/m.exec(readFileSync(path.join(BENCH, '..', 'Cargo.toml'), 'utf8'))?.[1] ?? '?';

export const TOOLS = {
  ours: {
    label: 'case-note-checker (wasm)',
    version: cargoVersion,
    /** Files the page loads beyond JS: the module. */
    wasm: () => [PKG_WASM],
    async start() {
      const t0 = performance.now();
      const mod = await import(pathToFileURL(PKG_JS).href);
      const bytes = readFileSync(PKG_WASM);
      const t1 = performance.now();
      const wasm = await mod.default({ module_or_path: bytes });
      const t2 = performance.now();
      const checker = new mod.Checker();
      const t3 = performance.now();
      return {
        phases: { import_and_read_ms: t1 - t0, compile_instantiate_ms: t2 - t1, new_checker_ms: t3 - t2 },
        check: (text) => checker.check(text, CONTEXT).findings.length,
        memory: () => wasm.memory.buffer.byteLength,
      };
    },
  },
  harper: {
    label: 'harper.js (LocalLinter)',
    version: () => version('harper.js'),
    wasm: () => [fileURLToPath(new URL('harper_wasm_bg.wasm', import.meta.resolve('harper.js/binary')))],
    async start() {
      const { LocalLinter, Dialect } = await import('harper.js');
      const { binary } = await import('harper.js/binary');
      const linter = new LocalLinter({ binary, dialect: Dialect.British });
      await linter.setup();
      return { check: async (text) => (await linter.lint(text)).length, async: true };
    },
  },
  retext: {
    label: 'retext-english + retext-simplify + retext-equality',
    version: () => `${version('retext-english')} / ${version('retext-simplify')} / ${version('retext-equality')} (unified ${version('unified')})`,
    wasm: () => [],
    async start() {
      const { unified } = await import('unified');
      const { default: retextEnglish } = await import('retext-english');
      const { default: retextSimplify } = await import('retext-simplify');
      const { default: retextEquality } = await import('retext-equality');
      const { VFile } = await import('vfile');
      const processor = unified().use(retextEnglish).use(retextSimplify).use(retextEquality).freeze();
      return {
        check(text) {
          const file = new VFile(text);
          processor.runSync(processor.parse(file), file);
          return file.messages.length;
        },
      };
    },
  },
  alex: {
    label: 'alex (text)',
    version: () => version('alex'),
    wasm: () => [],
    async start() {
      const { text: alex } = await import('alex');
      return { check: (text) => alex(text).messages.length };
    },
  },
  'write-good': {
    label: 'write-good',
    version: () => version('write-good'),
    wasm: () => [],
    async start() {
      const { default: writeGood } = await import('write-good');
      return { check: (text) => writeGood(text).length };
    },
  },
};

export const PEERS = ['harper', 'retext', 'alex', 'write-good'];

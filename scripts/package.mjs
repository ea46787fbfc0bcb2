#!/usr/bin/env node
// Builds the npm package: the WebAssembly module, its worker, the widget,
// its stylesheet and the types, as one tarball.
//
//   node scripts/package.mjs          (make package; needs `make wasm` first)
//
// Stages the files in target/package/case-note-checker/, writes its
// package.json (with `exports` for each part) and runs `npm pack` there,
// which needs no network. Prints the tarball's path as its last line.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WWW = path.join(ROOT, 'www');
const OUT = path.join(ROOT, 'target', 'package');
const STAGE = path.join(OUT, 'case-note-checker');

const cargo = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8');
const field = (name) => new RegExp(`^${name} = "(.*)"`, 'm').exec(cargo)?.[1];
const version = field('version');

if (!existsSync(path.join(WWW, 'pkg', 'case_note_checker_bg.wasm'))) {
  console.error('package: www/pkg has no module; run `make wasm` first');
  process.exit(1);
}

rmSync(STAGE, { recursive: true, force: true });
mkdirSync(path.join(STAGE, 'pkg'), { recursive: true });
// The widget and its modules, the worker, the stylesheet and the types:
// the same files an embedder would copy, laid out the same way, since the
// widget finds the worker and the module beside itself.
for (const file of ['case-note-checker.js', 'case-note-checker.d.ts', 'case-note-checker.css', 'checker-worker.js']) {
  cpSync(path.join(WWW, file), path.join(STAGE, file));
}
cpSync(path.join(WWW, 'checker'), path.join(STAGE, 'checker'), { recursive: true });
for (const file of ['case_note_checker.js', 'case_note_checker.d.ts', 'case_note_checker_bg.wasm', 'case_note_checker_bg.wasm.d.ts']) {
  if (existsSync(path.join(WWW, 'pkg', file))) cpSync(path.join(WWW, 'pkg', file), path.join(STAGE, 'pkg', file));
}
cpSync(path.join(ROOT, 'policy.schema.json'), path.join(STAGE, 'policy.schema.json'));

const pkg = {
  name: 'case-note-checker',
  version,
  description: field('description'),
  license: field('license'),
  type: 'module',
  // The module itself (Node and browsers), and each part by name.
  exports: {
    '.': { types: './pkg/case_note_checker.d.ts', default: './pkg/case_note_checker.js' },
    './wasm': './pkg/case_note_checker_bg.wasm',
    './worker': './checker-worker.js',
    './widget': { types: './case-note-checker.d.ts', default: './case-note-checker.js' },
    './widget.css': './case-note-checker.css',
    './types': './case-note-checker.d.ts',
    './policy.schema.json': './policy.schema.json',
    './package.json': './package.json',
  },
  types: './pkg/case_note_checker.d.ts',
  files: ['case-note-checker.js', 'case-note-checker.d.ts', 'case-note-checker.css', 'checker-worker.js', 'checker/', 'pkg/', 'policy.schema.json', 'README.md'],
  // Importing the widget defines <case-note-checker>.
  sideEffects: ['./case-note-checker.js', './checker/element.js', './checker-worker.js', '*.css'],
  keywords: ['case notes', 'social care', 'recording policy', 'webassembly', 'web component'],
};
writeFileSync(path.join(STAGE, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
writeFileSync(path.join(STAGE, 'README.md'), `# case-note-checker ${version}

Checks a children's social-care case note against a council's recording
policy, in the browser while the worker types, with nothing sent anywhere.

- \`case-note-checker\`: the WebAssembly module (\`Checker\`, \`initSync\`, \`default\` init).
  In Node: \`initSync({ module: await readFile(new URL(import.meta.resolve('case-note-checker/wasm'))) })\`.
- \`case-note-checker/widget\`: \`<case-note-checker for="note" fields="…">\` and \`attachChecker\`.
- \`case-note-checker/widget.css\`: its stylesheet. \`case-note-checker/worker\`: the worker it checks in.
- \`case-note-checker/types\`: the widget's TypeScript types (the module's are in \`pkg/\`).

Serve this folder as it is: the widget loads \`checker-worker.js\` and \`pkg/\`
from beside itself. The embedding guide (embed.html in the repository) has the
Content-Security-Policy it needs and a worked form.
`);

mkdirSync(OUT, { recursive: true });
const packed = execFileSync('npm', ['pack', '--pack-destination', OUT, '--json'], { cwd: STAGE, encoding: 'utf8' });
const [{ filename, size, entryCount }] = JSON.parse(packed);
console.error(`package: ${entryCount} files, ${size} bytes`);
console.log(path.join(OUT, filename));

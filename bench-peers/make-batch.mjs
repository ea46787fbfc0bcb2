// Writes the CLI's batch: target/bench/batch.jsonl, at least BATCH_BYTES
// (6,000,000) bytes of {"id","text","context"} lines — every note of the
// labelled, holdout, blind and final sets, with its own context, in file
// order, over and over (ids suffixed with the round). Deterministic.
//
//   node bench-peers/make-batch.mjs [BYTES]

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUT, ROOT } from './common.mjs';

const target = Number(process.argv[2] ?? process.env.BATCH_BYTES ?? 6_000_000);
const notes = ['labelled', 'holdout', 'blind', 'final'].flatMap((set) =>
  readFileSync(path.join(ROOT, 'tests', 'notes', `${set}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l)));

const lines = [];
let bytes = 0;
let texts = 0;
for (let round = 0; bytes < target; round++) {
  for (const n of notes) {
    const line = `${JSON.stringify({ id: `${n.id}-${round}`, text: n.text, context: n.context ?? null })}\n`;
    lines.push(line);
    bytes += Buffer.byteLength(line);
    texts += Buffer.byteLength(n.text);
    if (bytes >= target) break;
  }
}
mkdirSync(OUT, { recursive: true });
const file = path.join(OUT, 'batch.jsonl');
writeFileSync(file, lines.join(''));
writeFileSync(path.join(OUT, 'batch.json'), `${JSON.stringify({ file, lines: lines.length, bytes, text_bytes: texts })}\n`);
console.error(`[batch] ${file}: ${lines.length} notes, ${bytes} bytes (${texts} bytes of note text)`);

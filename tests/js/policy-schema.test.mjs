// The policy schema accepts the built-in policy and the example council
// policies, and rejects a broken one, as a council's editor would see it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020.js';

const root = new URL('../../', import.meta.url);
const schema = JSON.parse(readFileSync(new URL('policy.schema.json', root), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const cli = new URL('target/debug/case-note-check', root).pathname;

test('the built-in policy passes the schema', () => {
  const builtIn = JSON.parse(execFileSync(cli, ['policy'], { encoding: 'utf8' }));
  assert.ok(validate(builtIn), JSON.stringify(validate.errors, null, 2));
});

test('the example council policy passes the schema', () => {
  const liverpool = JSON.parse(readFileSync(new URL('policies/liverpool.json', root), 'utf8'));
  assert.ok(validate(liverpool), JSON.stringify(validate.errors, null, 2));
});

test('a broken policy fails the schema, naming each problem', () => {
  const broken = {
    extends: 'worcestershire',
    colour: 'red',
    timescales: { statutory_visit: { hours: -3 } },
    rules: { jargon: { severity: 'shouty' } },
  };
  assert.equal(validate(broken), false);
  const paths = validate.errors.map((e) => e.instancePath);
  assert.ok(paths.includes('/timescales/statutory_visit/hours'), paths.join(', '));
  assert.ok(paths.includes('/rules/jargon/severity'), paths.join(', '));
  assert.ok(validate.errors.some((e) => e.params?.additionalProperty === 'colour'));
});

test("a policy's own patterns are described: fields, ids and limits", () => {
  const good = {
    extends: 'worcestershire',
    patterns: [
      { id: 'age-shorthand', regex: '(\\d{1,2}) ?yo', message: 'Write “{match}” out.', severity: 'advice', standard: null, suggestions: ['aged $1'], case_insensitive: true },
      { id: 'codes', regex: 'LCS-\\d{6}', unless: 'ref', whole_word: false, message: 'Say what it is.', severity: 'warning', standard: 1, title: 'Codes', why: 'Plain words.', flagged: 'LCS-123456 done.', better: 'The plan was agreed.' },
    ],
  };
  assert.ok(validate(good), JSON.stringify(validate.errors, null, 2));
  const bad = {
    extends: 'worcestershire',
    patterns: [
      { id: 'jargon', regex: 'x', message: 'M.', severity: 'advice', standard: null },
      { id: 'Not Kebab', regex: '', message: 'M.', severity: 'loud', standard: 7, colour: 'red' },
      { id: 'no-standard', regex: 'x', message: 'M.', severity: 'advice' },
    ],
  };
  assert.equal(validate(bad), false);
  const paths = validate.errors.map((e) => e.instancePath);
  for (const path of ['/patterns/0/id', '/patterns/1/id', '/patterns/1/regex', '/patterns/1/severity', '/patterns/1/standard']) {
    assert.ok(paths.includes(path), `${path} not in ${paths.join(', ')}`);
  }
  assert.ok(validate.errors.some((e) => e.instancePath === '/patterns/1' && e.params?.additionalProperty === 'colour'));
  assert.ok(validate.errors.some((e) => e.instancePath === '/patterns/2' && e.params?.missingProperty === 'standard'));
});

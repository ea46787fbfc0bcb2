// Context from the host form's own controls: <case-note-checker fields="…">
// on the embedding guide's demonstration form reads each mapped control
// (select, datetime-local, text, number, checkboxes, a radio group) live,
// and the report follows; a mapped control that does not exist is an error.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caughtUp, openReady, useBrowser } from './helpers.mjs';

useBrowser();
const EMBED = '/embed.html';
const NOTE = '#visit-note';

const state = (page) => page.evaluate(() => {
  const el = document.getElementById('visit-checker');
  const r = el.report();
  return {
    context: el.controller.context(),
    category: r.deadline.category,
    due: r.deadline.due,
    emptyFields: r.findings.filter((f) => f.kind === 'field-empty').map((f) => f.message),
    mentioned: r.equality.mentioned,
    messages: r.findings.map((f) => f.message).join('\n'),
  };
});

async function settle(page) {
  await caughtUp(page, NOTE);
  return state(page);
}

test('each mapped control of the form changes the context, and the report follows', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    await page.fill(NOTE, 'I visited Jayden at home. Mum’s first language is Polish. Jayden is Muslim and uses Makaton. He said he likes school.');
    let s = await settle(page);
    assert.deepEqual(s.context, {
      event: 'statutory_visit', event_at: '2026-11-23T10:00', child: { name: 'Jayden Smith', age_years: 9 },
      equality: { language: '', religion: '', communication: '', gender: '' },
    });
    assert.equal(s.category, 'statutory_visit');
    for (const area of ['language', 'religion', 'communication']) assert.ok(s.mentioned.includes(area), `the note records ${area}`);
    const emptyAbout = (st, word) => st.emptyFields.some((m) => m.includes(word));
    assert.ok(emptyAbout(s, 'language') && emptyAbout(s, 'religion') && emptyAbout(s, 'communication'), `empty fields listed: ${s.emptyFields}`);

    // A select.
    await page.selectOption('#visit-event', 'high_risk');
    s = await settle(page);
    assert.equal(s.context.event, 'high_risk');
    assert.equal(s.category, 'high_risk');
    // A datetime-local input.
    await page.fill('#visit-event-at', '2026-11-24T09:30');
    s = await settle(page);
    assert.equal(s.context.event_at, '2026-11-24T09:30');
    assert.equal(s.due, '2026-11-24T23:59');
    // Text: the child's name, used in messages.
    await page.fill('#visit-child', 'Kacper Nowak');
    s = await settle(page);
    assert.equal(s.context.child.name, 'Kacper Nowak');
    // A number: the age, as a number.
    await page.fill('#visit-age', '12');
    s = await settle(page);
    assert.equal(s.context.child.age_years, 12);
    await page.fill('#visit-age', '');
    s = await settle(page);
    assert.equal(s.context.child.age_years, undefined, 'an empty number is no age');
    // Equality: text, a select, checkboxes and a radio group.
    await page.fill('#visit-language', 'Polish; interpreter used');
    s = await settle(page);
    assert.ok(!emptyAbout(s, 'language'), 'the language field is no longer empty');
    await page.selectOption('#visit-religion', 'Muslim');
    s = await settle(page);
    assert.equal(s.context.equality.religion, 'Muslim');
    assert.ok(!emptyAbout(s, 'religion'));
    await page.locator('input[name="equality_communication"][value="Makaton"]').check();
    s = await settle(page);
    assert.equal(s.context.equality.communication, 'Makaton');
    assert.ok(!emptyAbout(s, 'communication'));
    await page.locator('input[name="equality_communication"][value="interpreter"]').check();
    s = await settle(page);
    assert.equal(s.context.equality.communication, 'Makaton; interpreter', 'ticked boxes of one name are joined');
    await page.locator('input[name="equality_gender"][value="Girl"]').check();
    s = await settle(page);
    assert.equal(s.context.equality.gender, 'Girl');
    // Back to the start: the form's reset is followed too.
    await page.evaluate(() => document.getElementById('visit-form').reset());
    await page.waitForFunction(() => document.getElementById('visit-checker').controller.context().event === 'statutory_visit');
    s = await settle(page);
    assert.equal(s.context.event, 'statutory_visit');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a bad value in a mapped control is named in the panel and the control is marked invalid', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    await page.fill('#visit-age', '99');
    await page.locator('#visit-checker .cnc-context-error').getByText('Child’s age (years)').waitFor();
    assert.equal(await page.locator('#visit-age').getAttribute('aria-invalid'), 'true');
    await page.fill('#visit-age', '10');
    await page.waitForFunction(() => document.getElementById('visit-age').getAttribute('aria-invalid') === null);
    assert.ok(await page.locator('#visit-checker .cnc-context-error').isHidden());
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a mapped control the form does not have is an error on the console and an event, never a silent gap', async () => {
  const { context, page, problems } = await openReady(EMBED);
  try {
    const got = await page.evaluate(async () => {
      const form = document.getElementById('visit-form');
      const t = document.createElement('textarea');
      t.id = 'second-note';
      t.setAttribute('aria-label', 'Second note');
      form.append(t);
      const el = document.createElement('case-note-checker');
      el.setAttribute('for', 'second-note');
      el.setAttribute('fields', 'event=event_type event_at=VisitDate colour=Paint');
      const errors = [];
      el.addEventListener('case-note-checker:error', (e) => errors.push(e.detail));
      form.append(el);
      await el.ready;
      return { errors: errors.map(({ kind, field, control, message }) => ({ kind, field, control, message })), event: el.controller.context().event };
    });
    assert.deepEqual(got.errors.map((e) => [e.kind, e.field, e.control]), [['fields', 'colour', null], ['fields', 'event_at', 'VisitDate']]);
    assert.match(got.errors[1].message, /event_at is mapped to the form control "VisitDate", which the form does not have/);
    assert.equal(got.event, 'statutory_visit', 'the controls that exist are still read');
    assert.equal(problems.length, 2, `each problem once on the console: ${problems}`);
    assert.ok(problems.every((p) => /^console: case-note-checker: fields attribute/.test(p)));
  } finally {
    await context.close();
  }
});

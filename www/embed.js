// The embedding guide's demonstration form: its own fields reach
// <case-note-checker> through the element's `fields` attribute, so the only
// script here asks before saving a note the checker says is late.

import './case-note-checker.js';

const form = document.getElementById('visit-form');
const checker = document.getElementById('visit-checker');
const saved = document.getElementById('visit-saved');

form.addEventListener('submit', (event) => {
  const report = checker.report();
  if (report?.deadline.status === 'overdue' && !window.confirm('The checker says this note is late. Save it anyway?')) {
    event.preventDefault();
    return;
  }
  saved.textContent = 'Saved (this demonstration stores nothing).';
});

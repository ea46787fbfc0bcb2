// Pure functions on the check's context (event, times, child, equality):
// merging updates, reading it from attributes, the `fields` map of a form's
// controls, and the structured errors the checker throws about it.

/** The equality areas, as the report and the context name them. */
export const AREAS = ['ethnicity', 'race', 'culture', 'gender', 'age', 'religion', 'language', 'communication',
  'sensory_impairment', 'disability', 'sexual_orientation'];

/** Every context field a form can fill, as dotted paths. */
export const CONTEXT_PATHS = ['event', 'event_at', 'recorded_at', 'child.name', 'child.age_years', ...AREAS.map((a) => `equality.${a}`)];

/**
 * The context after an update: `{event_at: '…'}` changes that field, `null`
 * or `undefined` removes one; `child` and `equality` merge field by field
 * (an equality field set to "" means the form's field is empty, and is
 * kept; an empty child field is removed). With `replace` the result is
 * exactly `partial`, cleaned the same way.
 */
export function mergeContext(current, partial, replace = false) {
  const next = replace ? {} : structuredClone(current ?? {});
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (key === 'child' || key === 'equality') {
      if (value === null || value === undefined) {
        delete next[key];
        continue;
      }
      const sub = { ...(next[key] ?? {}) };
      for (const [k, v] of Object.entries(value)) {
        const empty = v === null || v === undefined || (key === 'child' && v === '');
        if (empty) delete sub[k];
        else sub[k] = v;
      }
      if (Object.keys(sub).length) next[key] = sub;
      else delete next[key];
    } else if (value === null || value === undefined || value === '') {
      delete next[key];
    } else {
      next[key] = value;
    }
  }
  return next;
}

/** A one-field update from a dotted path: ("child.name", "Jo") → {child: {name: "Jo"}}. */
export function partialFor(path, value) {
  const [head, tail] = path.split('.');
  return tail === undefined ? { [head]: value } : { [head]: { [tail]: value } };
}

/** The `data-` attributes of `<case-note-checker>` and the context field each sets. */
export const ATTRIBUTE_FIELDS = {
  'data-event': 'event',
  'data-event-at': 'event_at',
  'data-recorded-at': 'recorded_at',
  'data-child-name': 'child.name',
  'data-child-age': 'child.age_years',
  ...Object.fromEntries(AREAS.map((a) => [`data-equality-${a.replace(/_/g, '-')}`, `equality.${a}`])),
};

/**
 * A context field's value from text (an attribute or a text control): an
 * age is a number, empty text is "not given" except for an equality field,
 * where it means the form's field is empty.
 */
export function fieldValue(path, text) {
  if (text === null || text === undefined) return null;
  if (path === 'child.age_years') return text.trim() === '' ? null : Number(text);
  if (!path.startsWith('equality.') && text.trim() === '') return null;
  return text;
}

/** The update a `<case-note-checker>` data- attribute gives, or null for another attribute. */
export function contextFromAttribute(name, value) {
  const path = ATTRIBUTE_FIELDS[name];
  return path ? partialFor(path, fieldValue(path, value)) : null;
}

/**
 * Reads a `fields` attribute: "event=EventType child.age_years=Age" →
 * `{map: [{path, control}], problems: [{path, message}]}`. A pair that is
 * not `path=name`, or names a field the context does not have, is a
 * problem, never silently ignored.
 */
export function parseFieldMap(attribute) {
  const map = [];
  const problems = [];
  for (const pair of String(attribute ?? '').split(/\s+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const path = eq > 0 ? pair.slice(0, eq) : pair;
    const control = eq > 0 ? pair.slice(eq + 1) : '';
    if (!control) {
      problems.push({ path: `fields.${path}`, message: `"${pair}" should be field=control-name, e.g. event_at=EventDate` });
    } else if (!CONTEXT_PATHS.includes(path)) {
      problems.push({ path: `fields.${path}`, message: `"${path}" is not a context field; the fields are ${CONTEXT_PATHS.join(', ')}` });
    } else if (map.some((m) => m.path === path)) {
      problems.push({ path: `fields.${path}`, message: `"${path}" is mapped twice` });
    } else {
      map.push({ path, control });
    }
  }
  return { map, problems };
}

/**
 * A context path as the checker's errors name it ("context.event_at") and as
 * the page does ("event_at"); null for the context as a whole ("context").
 */
export const contextPath = (field) => (typeof field === 'string' && field.startsWith('context.') ? field.slice('context.'.length) : null);

/**
 * What an error thrown by the checker says, from its structured fields:
 * `{message, field, problems}`, where `field` is the context path at fault
 * (without "context.") or null, and `problems` is `[{path, message}]`.
 */
export function errorDetails(error) {
  const problems = Array.isArray(error?.problems)
    ? error.problems.map((p) => ({ path: String(p?.path ?? ''), message: String(p?.message ?? '') }))
    : [];
  return { message: String(error?.message ?? error), field: contextPath(error?.field), problems };
}

/** The context without one field (a dotted path): to check a note without the field an error names. */
export function withoutField(context, path) {
  const next = structuredClone(context ?? {});
  const [head, tail] = path.split('.');
  if (tail === undefined) {
    if (!(head in next)) return null;
    delete next[head];
  } else {
    if (!next[head] || !(tail in next[head])) return null;
    delete next[head][tail];
    if (!Object.keys(next[head]).length) delete next[head];
  }
  return next;
}

/**
 * The context the checker is given: with `now` ("YYYY-MM-DDTHH:MM") as the
 * recorded time when none is given and the event has happened, so the
 * deadline is counted against the clock.
 */
export function withRecordedNow(context, now, recordedAtNow = true) {
  const ctx = structuredClone(context ?? {});
  if (!ctx.recorded_at && recordedAtNow && ctx.event_at && now >= ctx.event_at) ctx.recorded_at = now;
  return ctx;
}

/** Whether the deadline is counted down against the clock: an event time and no recorded time. */
export const countsDown = (context, recordedAtNow = true) => Boolean(recordedAtNow && context?.event_at && !context.recorded_at);

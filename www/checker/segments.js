// Pure functions on the note's text and the spans drawn over it: what an
// edit changed, where spans move to, and the underlines to draw. No DOM, so
// `node --test tests/js/` tests them directly.

/** The part of two texts that differs: `[prefix, oldEnd, newEnd]` (UTF-16 offsets). */
export function diffRange(before, after) {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return [prefix, before.length - suffix, after.length - suffix];
}

/** Moves a span through an edit (from diffRange), or null if the edit touched it. */
export function mapSpan(span, [prefix, oldEnd, newEnd]) {
  if (span.end <= prefix) return span;
  if (span.start >= oldEnd) return { start: span.start + newEnd - oldEnd, end: span.end + newEnd - oldEnd };
  return null;
}

/** Segments moved through an edit; those the edit touched are left out, never drawn over changed words. */
export function mapSegments(segments, edit) {
  const moved = [];
  for (const seg of segments) {
    const span = mapSpan(seg, edit);
    if (span === seg) moved.push(seg);
    else if (span) moved.push({ ...seg, ...span });
  }
  return moved;
}

/**
 * Underline segments from findings: where spans overlap, the strongest
 * severity shows; `{start, end, severity, count}` in text order, where
 * `count` is how many findings cover it.
 */
export function segmentsOf(findings) {
  const edges = [];
  for (const f of findings) {
    if (!f.span || f.span.end <= f.span.start) continue;
    edges.push([f.span.start, 1, f.severity], [f.span.end, -1, f.severity]);
  }
  if (!edges.length) return [];
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const active = { error: 0, warning: 0, advice: 0 };
  const out = [];
  let at = edges[0][0];
  for (const [pos, delta, severity] of edges) {
    if (pos > at) {
      const count = active.error + active.warning + active.advice;
      if (count) {
        const sev = active.error ? 'error' : active.warning ? 'warning' : 'advice';
        const last = out[out.length - 1];
        if (last && last.end === at && last.severity === sev && last.count === count) last.end = pos;
        else out.push({ start: at, end: pos, severity: sev, count });
      }
      at = pos;
    }
    if (severity in active) active[severity] += delta;
  }
  return out;
}

/** Whether two segments underline the same text the same way. */
export const sameSegment = (a, b) => a.start === b.start && a.end === b.end && a.severity === b.severity && a.count === b.count;

/** Whether two lists of segments underline the same text the same way. */
export const sameSegments = (a, b) => a === b || (a.length === b.length && a.every((x, i) => sameSegment(x, b[i])));

/**
 * What to change to go from drawn segments to wanted ones, so only those
 * that changed are repainted: `{keep, remove, add}`, where `keep` and
 * `remove` index into `drawn` and `add` into `wanted`. Both lists are in
 * text order; one merge pass.
 */
export function segmentChanges(drawn, wanted) {
  const keep = [];
  const remove = [];
  const add = [];
  let i = 0;
  let j = 0;
  while (i < drawn.length || j < wanted.length) {
    const a = drawn[i];
    const b = wanted[j];
    if (a && b && sameSegment(a, b)) {
      keep.push(i++);
      j++;
    } else if (b && (!a || b.start < a.start || (b.start === a.start && b.end < a.end))) {
      add.push(j++);
    } else {
      remove.push(i++);
    }
  }
  return { keep, remove, add };
}

/** Each line's part of each segment: `[start, end, severity, count]` relative to the line. */
export function piecesByLine(lines, segments) {
  const pieces = new Array(lines.length);
  let pos = 0;
  let s = 0;
  for (let i = 0; i < lines.length; i++) {
    const start = pos;
    const end = pos + lines[i].length;
    while (s < segments.length && segments[s].end <= start) s++;
    const mine = [];
    for (let k = s; k < segments.length && segments[k].start < end; k++) {
      const seg = segments[k];
      mine.push([Math.max(seg.start, start) - start, Math.min(seg.end, end) - start, seg.severity, seg.count]);
    }
    pieces[i] = mine;
    pos = end + 1;
  }
  return pieces;
}


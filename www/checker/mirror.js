// The mirror: the note's text laid out exactly as in the textarea, behind
// it, with the flagged words underlined. One block, as the textarea's own
// text is, so wrapping and fractional line heights add up the same. Two ways
// to underline:
//
// - RangeMirror (browsers with the CSS Custom Highlight API): the note is a
//   few large text nodes, each in a block of its own (split only after a
//   newline, so lines break exactly as in one block), edited with
//   replaceData() where they changed, and the underlines are Ranges in
//   CSS.highlights. A keystroke lays out again only the block it changed,
//   not the whole note. Typing never inserts or removes a node, so the
//   browser's undo history groups typing as it does without the checker
//   (Chromium ends an undo step at any node insertion in the page). Only
//   the underlines that changed are removed or added: the rest are live
//   Ranges the browser has already moved with the edit.
// - SpanMirror (elsewhere): a span a line, rebuilt only where its text or
//   its underlines changed, with underlines as spans.

import { el, setStyles } from './dom.js';
import { diffRange, mapSpan, piecesByLine, segmentChanges } from './segments.js';

/** Whether this browser has the CSS Custom Highlight API. */
export const HIGHLIGHT_API = typeof CSS !== 'undefined' && Boolean(CSS.highlights) && typeof Highlight === 'function';

/** Text nodes of a RangeMirror: about this many characters, split only after a newline. */
const CHUNK = 4096;
const CHUNK_MAX = 4 * CHUNK;

let registry = null;

/** The shared highlights, one per severity, in the page's CSS.highlights registry. */
function sharedHighlights() {
  if (!registry) {
    registry = {};
    for (const [severity, priority] of [['advice', 1], ['warning', 2], ['error', 3]]) {
      const name = `cnc-${severity}`;
      const h = CSS.highlights.get(name) ?? new Highlight();
      h.priority = priority;
      CSS.highlights.set(name, h);
      registry[severity] = h;
    }
  }
  return registry;
}

/** A mirror for this browser inside `content` (pass `highlightApi` to choose). */
export function createMirror(content, highlightApi = HIGHLIGHT_API) {
  return highlightApi ? new RangeMirror(content) : new SpanMirror(content);
}

/** Pieces of `text` of about CHUNK characters, each ending with a newline (but the last). */
function splitChunks(text) {
  const out = [];
  let at = 0;
  while (at < text.length) {
    let cut = text.length;
    if (text.length - at > CHUNK) {
      const nl = text.indexOf('\n', at + CHUNK);
      if (nl !== -1 && nl + 1 < text.length) cut = nl + 1;
    }
    out.push(text.slice(at, cut));
    at = cut;
  }
  return out.length ? out : [''];
}

class RangeMirror {
  #content;
  /** Ends the last line, and gives a final empty line (after a trailing newline) its height, as the textarea does. */
  #br = document.createElement('br');
  /** Text nodes, each in its own block; each but the last ends with "\n". */
  #chunks = [];
  #starts = [];
  #text = null;
  /** What is drawn: `{seg, range}` in text order, `seg` in the current text's offsets. */
  #drawn = [];

  constructor(content) {
    this.#content = content;
  }

  /** A text node in a block of its own. */
  #chunk(text) {
    const block = el('span', 'cnc-para cnc-chunk');
    setStyles(block, { display: 'block' });
    const node = document.createTextNode(text);
    block.append(node);
    return node;
  }

  /**
   * After blocks were added or removed: the <br> in the last block, and
   * the field's text-indent on the first line of the note only (every
   * block would indent its own first line).
   */
  #arrange() {
    const last = this.#chunks[this.#chunks.length - 1].parentNode;
    if (this.#br.parentNode !== last) last.append(this.#br);
    this.#chunks.forEach((c, k) => setStyles(c.parentNode, { 'text-indent': k === 0 ? null : '0' }));
  }

  render(text, segments) {
    let kept = true;
    if (this.#text === null) {
      this.#chunks = splitChunks(text).map((t) => this.#chunk(t));
      this.#content.append(...this.#chunks.map((c) => c.parentNode));
      this.#arrange();
    } else if (text !== this.#text) {
      kept = this.#edit(text);
    }
    this.#text = text;
    let at = 0;
    this.#starts = this.#chunks.map((c) => {
      const start = at;
      at += c.data.length;
      return start;
    });
    if (!kept) this.clear();
    this.#setRanges(segments);
  }

  /**
   * Applies an edit where it happened: in one text node, in place, where it
   * can. Returns whether the drawn Ranges outside the edit are still right
   * (true unless text nodes were rewritten, split or removed); the drawn
   * segments are moved with it.
   */
  #edit(text) {
    const edit = diffRange(this.#text, text);
    const [prefix, oldEnd, newEnd] = edit;
    const chunks = this.#chunks;
    const last = chunks.length - 1;
    const i = this.#find(prefix, false);
    let j = oldEnd > prefix ? this.#find(oldEnd - 1, false) : i;
    const delta = newEnd - oldEnd;
    const endOf = (k) => this.#starts[k] + chunks[k].data.length;
    // Every chunk but the last must still end with a newline.
    while (j < last && text[endOf(j) + delta - 1] !== '\n') j++;
    let inPlace = i === j;
    if (inPlace) {
      chunks[i].replaceData(prefix - this.#starts[i], oldEnd - prefix, text.slice(prefix, newEnd));
    } else {
      chunks[i].data = text.slice(this.#starts[i], endOf(j) + delta);
      for (const c of chunks.splice(i + 1, j - i)) c.parentNode.remove();
    }
    // A chunk that grew too long (a paste) is split; an empty one goes.
    const grown = chunks[i];
    if (grown.data.length > CHUNK_MAX) {
      const parts = splitChunks(grown.data).map((t) => this.#chunk(t));
      grown.parentNode.replaceWith(...parts.map((c) => c.parentNode));
      chunks.splice(i, 1, ...parts);
      inPlace = false;
    } else if (!grown.data.length && chunks.length > 1) {
      grown.parentNode.remove();
      chunks.splice(i, 1);
      inPlace = false;
    }
    if (!inPlace) {
      this.#arrange();
      return false;
    }
    // replaceData moved every Range boundary after the edit and left those
    // before it; a Range with a boundary inside or at the edit is redrawn.
    const shared = sharedHighlights();
    const drawn = [];
    for (const d of this.#drawn) {
      const untouched = d.seg.end <= prefix || d.seg.start > oldEnd;
      const moved = untouched ? mapSpan(d.seg, edit) : null;
      if (moved) drawn.push({ seg: moved === d.seg ? d.seg : { ...d.seg, ...moved }, range: d.range });
      else shared[d.seg.severity].delete(d.range);
    }
    this.#drawn = drawn;
    return true;
  }

  /** The chunk holding a note offset; with `end`, a boundary offset belongs to the chunk before it. */
  #find(pos, end) {
    let lo = 0;
    let hi = this.#chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (end ? this.#starts[mid] < pos : this.#starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  #point(pos, end) {
    const k = this.#find(pos, end);
    const node = this.#chunks[k];
    return [node, Math.max(0, Math.min(pos - this.#starts[k], node.data.length))];
  }

  #range(start, end) {
    const r = document.createRange();
    r.setStart(...this.#point(start, false));
    r.setEnd(...this.#point(end, true));
    return r;
  }

  /** Removes the underlines that are no longer wanted and adds the new ones; the rest stay as they are. */
  #setRanges(segments) {
    const shared = sharedHighlights();
    const { keep, remove, add } = segmentChanges(this.#drawn.map((d) => d.seg), segments);
    for (const k of remove) shared[this.#drawn[k].seg.severity].delete(this.#drawn[k].range);
    const next = keep.map((k) => this.#drawn[k]);
    for (const k of add) {
      const seg = segments[k];
      const range = this.#range(seg.start, seg.end);
      shared[seg.severity].add(range);
      next.push({ seg, range });
    }
    if (add.length) next.sort((a, b) => a.seg.start - b.seg.start || a.seg.end - b.seg.end);
    this.#drawn = next;
  }

  clear() {
    const shared = sharedHighlights();
    for (const { seg, range } of this.#drawn) shared[seg.severity].delete(range);
    this.#drawn = [];
  }

  /** The client rectangle of the text from `start` to `end` (for scrolling to it). */
  rangeRect(start, end) {
    if (!this.#chunks.length) return null;
    return this.#range(start, end).getBoundingClientRect();
  }
}

class SpanMirror {
  #content;
  /** One entry a line: `{sig, node}`, where sig is the line's text and underlines. */
  #paras = [];
  #end;

  constructor(content) {
    this.#content = content;
    this.#end = document.createElement('br');
    content.append(this.#end);
  }

  render(text, segments) {
    const lines = text.split('\n');
    const last = lines.length - 1;
    const pieces = piecesByLine(lines, segments);
    // A line's span holds its newline too: the last line's has none.
    const texts = lines.map((line, i) => (i < last ? `${line}\n` : line));
    const sigs = texts.map((t, i) => (pieces[i].length ? `${t}\u0000${pieces[i].join(';')}` : t));
    const old = this.#paras;
    let head = 0;
    while (head < old.length && head < sigs.length && old[head].sig === sigs[head]) head++;
    let tail = 0;
    while (tail < old.length - head && tail < sigs.length - head && old[old.length - 1 - tail].sig === sigs[sigs.length - 1 - tail]) tail++;
    const before = old[old.length - tail]?.node ?? this.#end;
    for (const p of old.slice(head, old.length - tail)) p.node.remove();
    const added = [];
    for (let i = head; i < sigs.length - tail; i++) added.push({ sig: sigs[i], node: this.#paragraph(lines[i], texts[i], pieces[i]) });
    if (added.length) {
      const frag = document.createDocumentFragment();
      for (const p of added) frag.append(p.node);
      this.#content.insertBefore(frag, before);
    }
    this.#paras = old.slice(0, head).concat(added, old.slice(old.length - tail));
  }

  #paragraph(line, text, pieces) {
    const node = el('span', 'cnc-para');
    let at = 0;
    for (const [start, end, severity, count] of pieces) {
      if (start > at) node.append(line.slice(at, start));
      node.append(el('span', `cnc-hl cnc-hl--${severity}${count > 1 ? ' cnc-hl--multi' : ''}`, line.slice(start, end)));
      at = end;
    }
    if (at < text.length) node.append(text.slice(at));
    return node;
  }

  /** A DOM position for a note offset. */
  #point(pos) {
    const walker = document.createTreeWalker(this.#content, NodeFilter.SHOW_TEXT);
    let at = 0;
    let t;
    let last = null;
    while ((t = walker.nextNode())) {
      if (pos <= at + t.data.length) return [t, pos - at];
      at += t.data.length;
      last = t;
    }
    return last ? [last, last.data.length] : [this.#content, 0];
  }

  rangeRect(start, end) {
    if (!this.#paras.length) return null;
    const r = document.createRange();
    r.setStart(...this.#point(start));
    r.setEnd(...this.#point(end));
    return r.getBoundingClientRect();
  }

  clear() {}
}

// The layer behind the textarea: wraps the field without disturbing its
// focus, caret or undo history, makes it see-through, and keeps a mirror
// (mirror.js) laid out, sized and scrolled exactly as the field is.

import { el, setStyles } from './dom.js';
import { createMirror } from './mirror.js';

/** What of the field's computed style the mirror copies: everything that decides where its text goes. */
const COPIED_STYLES = [
  'direction', 'writing-mode', 'text-orientation', 'unicode-bidi',
  'font-family', 'font-size', 'font-style', 'font-weight', 'font-stretch', 'font-kerning', 'font-feature-settings',
  'font-variation-settings', 'font-optical-sizing', 'font-size-adjust', 'font-variant-ligatures', 'font-variant-caps',
  'font-variant-numeric', 'font-variant-east-asian', 'font-variant-alternates', 'font-variant-position',
  'font-synthesis-weight', 'font-synthesis-style', 'font-synthesis-small-caps', 'font-palette', 'text-rendering',
  '-webkit-font-smoothing', 'line-height', 'letter-spacing', 'word-spacing', 'tab-size', 'text-align',
  'text-align-last', 'text-transform', 'text-autospace', 'text-spacing-trim', 'hyphens', 'hyphenate-character',
  'word-break', 'line-break', 'overflow-wrap', 'white-space-collapse', 'text-wrap-mode', 'text-wrap-style',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
  'border-top-style', 'border-right-style', 'border-bottom-style', 'border-left-style',
  'border-top-left-radius', 'border-top-right-radius', 'border-bottom-right-radius', 'border-bottom-left-radius',
];
const BACKGROUND_STYLES = ['background-color', 'background-image', 'background-position', 'background-size',
  'background-repeat', 'background-origin', 'background-clip', 'background-attachment'];

/** What of a field's computed style decides where its text goes, as one string to compare. */
const layoutPrint = (cs) => [cs.font, cs.letterSpacing, cs.wordSpacing, cs.padding, cs.borderWidth, cs.direction,
  cs.textIndent, cs.textAlign, cs.whiteSpace, cs.tabSize, cs.writingMode, cs.textTransform, cs.wordBreak, cs.overflowWrap].join('|');

/** Moves a node before another (or to the end), keeping focus and state where the browser can (moveBefore). */
function move(parent, node, before) {
  if (typeof parent.moveBefore === 'function') {
    try {
      parent.moveBefore(node, before);
      return;
    } catch {
      // Not movable in place here: insert it as usual.
    }
  }
  parent.insertBefore(node, before);
}

/** Runs `change`, then gives the field back its focus, selection and scroll if the change lost them. */
function keepingFieldState(ta, change) {
  const doc = ta.ownerDocument;
  const focused = doc.activeElement === ta;
  const selection = [ta.selectionStart, ta.selectionEnd, ta.selectionDirection];
  const scroll = [ta.scrollTop, ta.scrollLeft];
  change();
  if (focused && doc.activeElement !== ta) {
    ta.focus({ preventScroll: true });
    ta.setSelectionRange(...selection);
  }
  [ta.scrollTop, ta.scrollLeft] = scroll;
}

export class FieldOverlay {
  #ta;
  #backdrop;
  #savedStyles = {};
  #savedCssText;
  #stylePrint = null;
  #scrollbars = null;
  #boxSizes = null;
  #dirty = true;
  #observers = [];
  #mutations;
  /** The field's wrapper, which the panel goes after. */
  wrap;
  /** The mirror of the note's text (mirror.js). */
  mirror;

  /** `onChange` is called when the field's layout may have changed and the next frame should look. */
  constructor(textarea, { highlightApi, onChange }) {
    const ta = textarea;
    this.#ta = ta;
    const view = ta.ownerDocument.defaultView;
    const wrap = el('div', 'cnc-field');
    const cs = view.getComputedStyle(ta);
    const parentDisplay = ta.parentElement ? view.getComputedStyle(ta.parentElement).display : 'block';
    const inFlexOrGrid = /flex|grid/.test(parentDisplay);
    const inline = /^inline/.test(cs.display) && !inFlexOrGrid && this.#sharesLine();
    const wrapStyles = { position: 'relative', isolation: 'isolate', display: inline ? 'inline-block' : 'block' };
    if (inline) wrapStyles['vertical-align'] = cs.verticalAlign;
    if (inFlexOrGrid) {
      for (const p of ['flex-grow', 'flex-shrink', 'flex-basis', 'align-self', 'justify-self', 'order', 'grid-row-start', 'grid-row-end', 'grid-column-start', 'grid-column-end']) wrapStyles[p] = cs.getPropertyValue(p);
      wrapStyles['min-width'] = '0';
    }
    setStyles(wrap, wrapStyles);
    keepingFieldState(ta, () => {
      ta.parentNode.insertBefore(wrap, ta);
      move(wrap, ta, null);
    });

    const backdrop = el('div', 'cnc-backdrop');
    backdrop.setAttribute('aria-hidden', 'true');
    const content = el('div', 'cnc-mirror');
    backdrop.append(content);
    setStyles(backdrop, {
      position: 'absolute', 'z-index': '-1', overflow: 'hidden', 'pointer-events': 'none', 'box-sizing': 'border-box',
      'border-color': 'transparent', color: 'transparent', margin: '0', 'user-select': 'none',
    });
    // Spare room after the text: see syncScroll.
    const spare = el('div', 'cnc-spare');
    setStyles(spare, { height: '100vh', width: '1px' });
    backdrop.append(spare);
    wrap.insertBefore(backdrop, ta);
    this.wrap = wrap;
    this.#backdrop = backdrop;
    this.mirror = createMirror(content, highlightApi);

    // The textarea becomes see-through; its background moves to the mirror.
    this.#savedCssText = ta.hasAttribute('style') ? ta.style.cssText : null;
    for (const name of ['background-color', 'background-image']) {
      this.#savedStyles[name] = [ta.style.getPropertyValue(name), ta.style.getPropertyPriority(name)];
    }
    ta.classList.add('cnc-textarea');
    this.#syncStyles();

    const changed = () => {
      this.#dirty = true;
      onChange();
    };
    const resize = new view.ResizeObserver((entries) => {
      // The field's exact (fractional) content box: offsetWidth and
      // clientWidth are rounded, which can misjudge its scrollbar by a pixel.
      for (const e of entries) if (e.target === ta && e.contentBoxSize?.[0]) this.#boxSizes = { border: e.borderBoxSize[0], content: e.contentBoxSize[0] };
      changed();
    });
    resize.observe(ta);
    resize.observe(wrap);
    this.#mutations = new view.MutationObserver(changed);
    this.#mutations.observe(ta, { attributes: true, attributeFilter: ['class', 'style', 'dir', 'wrap', 'cols', 'rows', 'lang'] });
    this.#observers = [resize, this.#mutations];
    this.requestLayout = changed;
  }

  /** Whether the textarea shares its line with other inline content (so its wrapper must stay inline). */
  #sharesLine() {
    const view = this.#ta.ownerDocument.defaultView;
    const inlineNeighbour = (from, step) => {
      for (let node = from[step]; node; node = node[step]) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.data.trim()) return true;
          continue;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) continue;
        if (node.localName === 'br') return false;
        const cs = view.getComputedStyle(node);
        if (cs.display === 'none' || cs.position === 'absolute' || cs.position === 'fixed') continue;
        return /^inline/.test(cs.display);
      }
      return false;
    };
    return inlineNeighbour(this.#ta, 'previousSibling') || inlineNeighbour(this.#ta, 'nextSibling');
  }

  /** Puts the field back exactly as it was (markup, styles, focus, selection, scroll). */
  remove() {
    for (const o of this.#observers) o.disconnect();
    this.mirror.clear();
    const ta = this.#ta;
    keepingFieldState(ta, () => {
      const parent = this.wrap.parentNode;
      if (parent) {
        move(parent, ta, this.wrap);
        this.wrap.remove();
      }
    });
    ta.classList.remove('cnc-textarea');
    if (!ta.classList.length) ta.removeAttribute('class');
    for (const [name, [value, priority]] of Object.entries(this.#savedStyles)) {
      if (value) ta.style.setProperty(name, value, priority);
      else ta.style.removeProperty(name);
    }
    // The same declarations in the host's own order (cssText, which a CSP allows).
    const declarations = (css) => css.split(';').map((d) => d.trim()).filter(Boolean).sort().join(';');
    if (this.#savedCssText !== null && declarations(ta.style.cssText) === declarations(this.#savedCssText)) ta.style.cssText = this.#savedCssText;
    if (!ta.style.length) ta.removeAttribute('style');
  }

  /**
   * Brings the mirror in line with the field before a frame is drawn: after
   * an observed change, when the page's own styles changed what matters for
   * the text's layout (a class on an ancestor, a font loaded: nothing
   * observes that, so it is compared every frame drawn), or when a
   * scrollbar came or went (which changes the width the text wraps in).
   */
  sync() {
    const ta = this.#ta;
    if (this.#dirty) {
      this.#dirty = false;
      this.#syncStyles();
      this.#syncBox();
    } else {
      const cs = getComputedStyle(ta);
      if (layoutPrint(cs) !== this.#stylePrint) {
        this.#syncStyles();
        this.#scrollbars = null;
      }
      const [vertical, horizontal] = this.#scrollbarSizes(cs);
      if (!this.#scrollbars || vertical !== this.#scrollbars[0] || horizontal !== this.#scrollbars[1]) this.#syncBox();
    }
  }

  #scrollbarSizes(cs) {
    const ta = this.#ta;
    const px = (v) => parseFloat(v) || 0;
    return [
      Math.max(0, Math.round(ta.offsetWidth - ta.clientWidth - px(cs.borderLeftWidth) - px(cs.borderRightWidth))),
      Math.max(0, Math.round(ta.offsetHeight - ta.clientHeight - px(cs.borderTopWidth) - px(cs.borderBottomWidth))),
    ];
  }

  /** Copies the textarea's text layout and box to the mirror. */
  #syncStyles() {
    const ta = this.#ta;
    const view = ta.ownerDocument.defaultView;
    // Read the field's own background with the see-through override lifted.
    ta.style.removeProperty('background-color');
    ta.style.removeProperty('background-image');
    for (const [name, [value, priority]] of Object.entries(this.#savedStyles)) if (value) ta.style.setProperty(name, value, priority);
    const cs = view.getComputedStyle(ta);
    const styles = {};
    for (const name of BACKGROUND_STYLES) styles[name] = cs.getPropertyValue(name);
    for (const name of COPIED_STYLES) styles[name] = cs.getPropertyValue(name);
    ta.style.setProperty('background-color', 'transparent', 'important');
    ta.style.setProperty('background-image', 'none', 'important');
    this.#stylePrint = layoutPrint(view.getComputedStyle(ta));
    styles['text-indent'] = cs.textIndent;
    // A unitless line height (1.7) must stay unitless: 1.7 × 21px and the
    // resolved "35.7px" round to different layout units, and the difference
    // adds up line by line.
    try {
      const lh = ta.computedStyleMap?.().get('line-height');
      if (lh && lh.unit === 'number') styles['line-height'] = String(lh.value);
    } catch {
      // No typed OM: the resolved value it is.
    }
    // pre-wrap unless the field does not wrap at all.
    styles['white-space-collapse'] = 'preserve';
    if (!styles['text-wrap-mode']) styles['white-space'] = cs.whiteSpace;
    setStyles(this.#backdrop, styles);
    // The style changes above are this checker's own, not the page's.
    this.#mutations?.takeRecords();
  }

  /** Places the mirror over the field's box, with room for the field's scrollbars. */
  #syncBox() {
    const ta = this.#ta;
    const cs = getComputedStyle(ta);
    if (cs.display === 'none' || !ta.isConnected) {
      this.#backdrop.hidden = true;
      return;
    }
    this.#backdrop.hidden = false;
    const r = ta.getBoundingClientRect();
    const w = this.wrap.getBoundingClientRect();
    const px = (v) => parseFloat(v) || 0;
    const [bl, br, bt, bb] = [px(cs.borderLeftWidth), px(cs.borderRightWidth), px(cs.borderTopWidth), px(cs.borderBottomWidth)];
    const pad = (side) => px(cs.getPropertyValue(`padding-${side}`));
    let [vertical, horizontal] = this.#scrollbarSizes(cs);
    const estimate = [vertical, horizontal];
    const sizes = this.#boxSizes;
    const horizontalText = cs.writingMode === 'horizontal-tb';
    if (sizes && horizontalText) {
      const v = sizes.border.inlineSize - bl - br - pad('left') - pad('right') - sizes.content.inlineSize;
      const h = sizes.border.blockSize - bt - bb - pad('top') - pad('bottom') - sizes.content.blockSize;
      if (Math.abs(v - vertical) <= 1.5) vertical = Math.max(0, v);
      if (Math.abs(h - horizontal) <= 1.5) horizontal = Math.max(0, h);
    }
    const rtl = cs.direction === 'rtl' && !cs.writingMode.startsWith('vertical');
    // The field's exact border box: from the ResizeObserver where it agrees
    // with the client rectangle (offsetWidth/Height are rounded).
    let width = r.width;
    let height = r.height;
    if (sizes && horizontalText && Math.abs(sizes.border.inlineSize - r.width) < 1 && Math.abs(sizes.border.blockSize - r.height) < 1) {
      width = sizes.border.inlineSize;
      height = sizes.border.blockSize;
    }
    setStyles(this.#backdrop, {
      left: `${r.left - w.left - this.wrap.clientLeft}px`,
      top: `${r.top - w.top - this.wrap.clientTop}px`,
      width: `${width}px`,
      height: `${height}px`,
      'padding-left': `${pad('left') + (rtl ? vertical : 0)}px`,
      'padding-right': `${pad('right') + (rtl ? 0 : vertical)}px`,
      'padding-bottom': `${pad('bottom') + horizontal}px`,
    });
    this.#scrollbars = estimate;
  }

  /**
   * Scrolls the mirror with the field: as a scroll container of its own, so
   * the browser snaps its text to pixels exactly as it does the field's (a
   * transform would not). The mirror has room to spare below and beside its
   * text, so it can always scroll as far as the field.
   */
  syncScroll() {
    const ta = this.#ta;
    if (this.#backdrop.scrollTop !== ta.scrollTop) this.#backdrop.scrollTop = ta.scrollTop;
    if (this.#backdrop.scrollLeft !== ta.scrollLeft) this.#backdrop.scrollLeft = ta.scrollLeft;
  }

  /** Scrolls the field so the text from span.start to span.end is in view (the mirror must hold the current text). */
  scrollToSpan(span) {
    const rect = this.mirror.rangeRect(span.start, span.end);
    if (!rect) return;
    const ta = this.#ta;
    const box = ta.getBoundingClientRect();
    const top = rect.top - box.top - (parseFloat(getComputedStyle(ta).borderTopWidth) || 0);
    const visible = ta.clientHeight;
    if (top < 0 || top + rect.height > visible) {
      ta.scrollTop = Math.max(0, ta.scrollTop + top - (visible - rect.height) / 2);
      this.syncScroll();
    }
  }
}

// Small helpers to build elements without innerHTML (so no text from the API is ever parsed as
// markup) and to format numbers and times.

/**
 * Creates an element: h('a', {href: '#/'}, 'Home'). Attributes: `class`, `on<event>` listeners,
 * `value`/`checked`/`disabled` as properties, `false`/null left out, anything else as an attribute.
 */
export function h(tag, attrs = {}, ...children) {
  const svg = ['svg', 'polyline', 'line', 'text', 'title', 'g', 'rect'].includes(tag);
  const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (['value', 'checked', 'disabled'].includes(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's contents. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A labelled form field; `input` is the control, its id links the label and the error. */
export function field(label, input, hint) {
  const id = input.id;
  const error = h('p', { class: 'error', id: `${id}-error`, hidden: true });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  if (hintEl) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl, error);
}

/** Shows a problem under a field made by field(), or clears it (message null). */
export function setFieldError(input, message) {
  const error = document.getElementById(`${input.id}-error`);
  if (!error) return;
  error.textContent = message || '';
  error.hidden = !message;
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  const described = [input.id + '-hint', message ? error.id : null]
    .filter((x) => x && document.getElementById(x));
  input.setAttribute('aria-describedby', described.join(' '));
}

export function number(n) {
  return n === null || n === undefined ? '–' : Number(n).toLocaleString('en');
}

export function seconds(s) {
  if (s === null || s === undefined) return '–';
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export function time(iso) {
  return iso ? new Date(iso).toLocaleString('en-GB') : '–';
}

/** A state or initial-sync state as a coloured badge with its words. */
export function badge(state) {
  const words = { inProgress: 'in progress', notStarted: 'not started', completedWithFailures: 'completed with failures' };
  return h('span', { class: `badge ${state}` }, words[state] || state);
}

/** A data table: columns [{label, num}], rows as arrays of cell contents. */
export function table(caption, columns, rows, rowAttrs = () => ({})) {
  return h('table', {},
    h('caption', { class: 'muted' }, caption),
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
    h('tbody', {}, rows.map((cells, i) => h('tr', rowAttrs(i),
      cells.map((cell, j) => h('td', { class: columns[j].num ? 'num' : null, ...(cell && cell.attrs) },
        cell && cell.attrs ? cell.content : cell))))));
}

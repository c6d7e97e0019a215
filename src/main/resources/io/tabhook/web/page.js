// What tabhook's pages share. Everything they show that came from a request or a payload is data: it goes into the
// page with textContent (el below), never as markup, so a body holding <script> shows as text.
'use strict';

/** An element with attributes and children; strings become text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** Indented, highlighted JSON as DOM nodes (spans with textContent), two spaces a level. */
function jsonNodes(value, indent) {
  indent = indent || '';
  const inner = indent + '  ';
  if (value === null) return [el('span', {class: 'j-lit'}, 'null')];
  if (typeof value === 'string') return [el('span', {class: 'j-str'}, JSON.stringify(value))];
  if (typeof value === 'number') return [el('span', {class: 'j-num'}, String(value))];
  if (typeof value === 'boolean') return [el('span', {class: 'j-lit'}, String(value))];
  if (Array.isArray(value)) {
    if (value.length === 0) return ['[]'];
    const out = ['[\n'];
    value.forEach((v, i) => out.push(inner, ...jsonNodes(v, inner), i < value.length - 1 ? ',\n' : '\n'));
    out.push(indent + ']');
    return out;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return ['{}'];
  const out = ['{\n'];
  keys.forEach((k, i) => out.push(inner, el('span', {class: 'j-key'}, JSON.stringify(k)), ': ',
      ...jsonNodes(value[k], inner), i < keys.length - 1 ? ',\n' : '\n'));
  out.push(indent + '}');
  return out;
}

/** HH:MM:SS in the browser's time zone, from an ISO instant. */
function clock(iso) {
  const t = new Date(iso);
  return isNaN(t) ? String(iso) : t.toLocaleTimeString([], {hour12: false});
}

/** Copies text; on a page that is no secure context (an inbox bound beyond loopback), through a selected field. */
async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const field = el('textarea', {class: 'mono', 'aria-hidden': 'true'}, text);
  document.body.append(field);
  field.select();
  document.execCommand('copy');
  field.remove();
}

/** Replaces an element's children. */
function show(target, ...children) {
  target.replaceChildren(...children.flat().map(c => c instanceof Node ? c : document.createTextNode(String(c))));
}

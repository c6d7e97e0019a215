// The inbox's page: deliveries arrive over server-sent events (/_tabhook/stream) as journal lines (docs/inbox.md).
// Every value from a delivery is shown with textContent (page.js's el), never as markup.
'use strict';

const MOST_ROWS = 1000;
const $ = id => document.getElementById(id);
const items = new Map();   // seq -> {seq, line, payload, text, row}
const eventsSeen = new Set();
let selected = null;
let live = false;          // the backlog has been sent; what comes now is new
let received = 0;
let unseen = 0;

function bodyOf(line) {
  if (typeof line.body === 'string') return line.body;
  if (typeof line.bodyBase64 === 'string') return line.bodyBase64;
  return '';
}

function parsePayload(line) {
  if (typeof line.body !== 'string' || line.body.trim() === '') return undefined;
  try { return JSON.parse(line.body); } catch (e) { return undefined; }
}

function describe(item) {
  const p = item.payload;
  const obj = p && typeof p === 'object' && !Array.isArray(p) ? p : null;
  return {
    event: obj && obj.event_type != null ? String(obj.event_type)
        : item.payload !== undefined ? 'JSON without event_type'
        : bodyOf(item.line) === '' ? 'empty body' : 'not JSON',
    name: obj && obj.resource_name != null ? String(obj.resource_name) : '',
    resource: obj && obj.resource != null ? String(obj.resource) : '',
  };
}

function add(line) {
  if (items.has(line.seq)) return;
  const item = {seq: line.seq, line, payload: parsePayload(line)};
  const what = describe(item);
  item.event = what.event;
  item.text = [line.method, line.path, JSON.stringify(line.headers || {}), bodyOf(line)].join('\n').toLowerCase();
  item.row = el('tr', {class: 'row', role: 'option', tabindex: -1, 'data-seq': line.seq, 'aria-selected': 'false',
      onclick: () => select(item.seq, false)},
    el('td', {class: 'mono'}, clock(line.receivedAt)),
    el('td', {}, what.event, line.duplicateOf ? el('span', {class: 'muted'}, ' (repeat of #' + line.duplicateOf + ')') : null),
    el('td', {title: what.resource}, what.name),
    el('td', {class: 'mono'}, line.path));
  items.set(item.seq, item);
  $('rows').prepend(item.row);
  if (!eventsSeen.has(what.event)) {
    eventsSeen.add(what.event);
    const options = [...eventsSeen].sort();
    const pick = $('f-event').value;
    show($('f-event'), el('option', {value: ''}, 'all'), options.map(e => el('option', {value: e}, e)));
    $('f-event').value = pick;
  }
  if (items.size > MOST_ROWS) {
    const oldest = Math.min(...items.keys());
    items.get(oldest).row.remove();
    items.delete(oldest);
  }
  item.row.hidden = !matches(item);
  if (live) {
    received++;
    unseen++;
    if ($('highlight').checked) {
      item.row.classList.add('new');
      item.row.addEventListener('animationend', () => item.row.classList.remove('new'), {once: true});
    }
  }
  counts();
}

function counts() {
  show($('count'), String(received));
  show($('new-count'), unseen > 0 ? '· ' + unseen + ' new' : '');
  document.title = (unseen > 0 ? '(' + unseen + ') ' : '') + 'tabhook inbox';
  $('empty').hidden = items.size > 0;
  const visible = [...items.values()].filter(i => !i.row.hidden).length;
  show($('shown'), visible === items.size ? '' : 'showing ' + visible + ' of ' + items.size);
}

function matches(item) {
  const ev = $('f-event').value;
  const path = $('f-path').value.trim().toLowerCase();
  const text = $('f-text').value.trim().toLowerCase();
  return (!ev || item.event === ev)
      && (!path || String(item.line.path).toLowerCase().includes(path))
      && (!text || item.text.includes(text));
}

function filter() {
  for (const item of items.values()) item.row.hidden = !matches(item);
  counts();
}

function select(seq, focus) {
  const item = items.get(seq);
  if (!item) return;
  if (selected !== null && items.has(selected)) {
    const old = items.get(selected).row;
    old.setAttribute('aria-selected', 'false');
    old.tabIndex = -1;
  }
  selected = seq;
  item.row.setAttribute('aria-selected', 'true');
  item.row.tabIndex = 0;
  if (focus) item.row.focus();
  item.row.scrollIntoView({block: 'nearest'});
  unseen = 0;
  counts();
  detail(item);
}

function detail(item) {
  const line = item.line;
  const what = describe(item);
  const headers = Object.entries(line.headers || {}).flatMap(([k, vs]) =>
      (Array.isArray(vs) ? vs : [vs]).map(v => el('tr', {}, el('td', {class: 'mono'}, k), el('td', {class: 'mono'}, v))));
  const raw = bodyOf(line);
  const pretty = el('pre', {id: 'body-pretty', class: 'mono'});
  const plain = el('pre', {id: 'body-raw', class: 'mono', hidden: true}, raw === '' ? '(empty body)' : raw);
  if (item.payload !== undefined) pretty.append(...jsonNodes(item.payload));
  else pretty.append(raw === '' ? '(empty body)' : raw);
  const prettyTab = el('button', {type: 'button', 'aria-pressed': 'true', id: 'show-pretty'},
      item.payload !== undefined ? 'Pretty JSON' : 'Text');
  const rawTab = el('button', {type: 'button', 'aria-pressed': 'false', id: 'show-raw'}, 'Raw');
  const view = (rawWanted) => {
    plain.hidden = !rawWanted;
    pretty.hidden = rawWanted;
    prettyTab.setAttribute('aria-pressed', String(!rawWanted));
    rawTab.setAttribute('aria-pressed', String(rawWanted));
  };
  prettyTab.addEventListener('click', () => view(false));
  rawTab.addEventListener('click', () => view(true));
  const copied = el('span', {class: 'muted', role: 'status'});
  const copyBody = el('button', {type: 'button', onclick: () => copyText(raw).then(() => show(copied, 'copied'),
      () => show(copied, 'could not copy'))}, 'Copy body');
  const target = el('input', {id: 'replay-to', type: 'url', placeholder: 'http://127.0.0.1:5678/hook',
      'aria-label': 'replay to URL', value: localStorage.getItem('tabhook.replayTo') || ''});
  const result = el('span', {id: 'replay-result', role: 'status'});
  const replay = el('button', {type: 'button', id: 'replay'}, 'Replay');
  replay.addEventListener('click', () => replayTo(item.seq, target.value.trim(), result));
  target.addEventListener('keydown', e => { if (e.key === 'Enter') replay.click(); });
  show($('detail'),
    el('h2', {}, '#' + line.seq + ' ', what.event),
    el('p', {class: 'muted'}, line.receivedAt, ' · ', line.method, ' ', el('span', {class: 'mono'}, line.path),
        what.resource ? ' · ' + what.resource : '', what.name ? ' "' + what.name + '"' : '',
        line.duplicateOf ? ' · byte-identical to #' + line.duplicateOf : '',
        line.bodyBase64 !== undefined ? ' · body is not UTF-8: shown as base64' : ''),
    el('p', {id: 'forward'}, forwardLine(item.forward)),
    el('h3', {}, 'Body'),
    el('div', {class: 'tabs'}, prettyTab, rawTab, copyBody, copied),
    pretty, plain,
    el('div', {class: 'row-actions'}, el('label', {for: 'replay-to'}, 'Replay to'), target, replay, result),
    el('h3', {}, 'Headers'),
    el('table', {class: 'headers'}, el('tbody', {}, headers)));
}

function forwardLine(f) {
  return f ? el('span', {class: f.ok ? 'ok' : 'bad'}, f.result) : '';
}

async function replayTo(seq, to, result) {
  if (!to) { show(result, el('span', {class: 'bad'}, 'give a URL to send it to')); return; }
  localStorage.setItem('tabhook.replayTo', to);
  show(result, el('span', {class: 'muted'}, 'sending…'));
  try {
    const answer = await fetch('/_tabhook/replay', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({seq, to})});
    const body = await answer.json();
    if (!answer.ok) show(result, el('span', {class: 'bad'}, body.error || 'HTTP ' + answer.status));
    else show(result, el('span', {class: body.ok ? 'ok' : 'bad'}, body.result || 'sent'));
  } catch (e) {
    show(result, el('span', {class: 'bad'}, 'the inbox did not answer: ' + e.message));
  }
}

function visibleRows() {
  return [...$('rows').children].filter(r => !r.hidden);
}

function move(step) {
  const rows = visibleRows();
  if (rows.length === 0) return;
  const at = rows.findIndex(r => Number(r.dataset.seq) === selected);
  const next = at < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, at + step));
  select(Number(rows[next].dataset.seq), true);
}

function addresses(hello) {
  const list = [['inbox', hello.inbox]];
  if (hello.relay) list.push(['relay', hello.relay]);
  show($('addresses'), list.map(([label, url]) => {
    const done = el('span', {class: 'muted', role: 'status'});
    return el('span', {}, label + ' ', el('code', {class: 'address'}, url), ' ',
        el('button', {type: 'button', class: 'copy-address', 'aria-label': 'copy the ' + label + ' address',
          onclick: () => copyText(url).then(() => show(done, 'copied'), () => show(done, 'could not copy'))}, 'Copy'),
        ' ', done, ' ');
  }));
}

function connect() {
  const stream = new EventSource('/_tabhook/stream');
  stream.addEventListener('hello', e => {
    const hello = JSON.parse(e.data);
    live = false;
    received = hello.count;
    addresses(hello);
    counts();
  });
  stream.addEventListener('delivery', e => add(JSON.parse(e.data)));
  stream.addEventListener('forward', e => {
    const f = JSON.parse(e.data);
    const item = items.get(f.seq);
    if (!item) return;
    item.forward = f;
    if (selected === f.seq) show($('forward'), forwardLine(f));
  });
  stream.addEventListener('live', () => {
    live = true;
    show($('status'), el('span', {class: 'ok'}, '● live'));
  });
  stream.addEventListener('error', () => show($('status'), el('span', {class: 'warn'}, 'reconnecting…')));
}

document.addEventListener('DOMContentLoaded', () => {
  for (const id of ['f-event', 'f-path', 'f-text']) {
    $(id).addEventListener('input', filter);
    $(id).addEventListener('change', filter);
  }
  for (const id of ['f-path', 'f-text']) {
    $(id).addEventListener('keydown', e => { if (e.key === 'Escape') { $(id).value = ''; filter(); } });
  }
  const list = $('rows').parentElement;
  list.addEventListener('keydown', e => {
    if (e.key === 'ArrowDown' || e.key === 'j') { move(1); e.preventDefault(); }
    else if (e.key === 'ArrowUp' || e.key === 'k') { move(-1); e.preventDefault(); }
    else if (e.key === 'Home') { move(-Infinity); e.preventDefault(); }
    else if (e.key === 'End') { move(Infinity); e.preventDefault(); }
  });
  list.tabIndex = 0; // Tab reaches the list; the first focus selects the newest delivery
  list.addEventListener('focus', () => { if (selected === null) move(0); });
  document.addEventListener('keydown', e => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === '/' && !typing) { $('f-text').focus(); e.preventDefault(); }
  });
  connect();
});

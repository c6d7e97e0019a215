// The sandbox's page: its sites, webhooks and delivery timeline, read from GET /sandbox, /sandbox/webhooks and
// /sandbox/deliveries every two seconds. Names, URLs and reasons are data: shown with textContent (page.js's el).
'use strict';

const $ = id => document.getElementById(id);
let timer = null;
let lastDrawn = null;

async function getJson(path) {
  const answer = await fetch(path, {headers: {Accept: 'application/json'}});
  if (!answer.ok) throw new Error(path + ': HTTP ' + answer.status);
  return answer.json();
}

function outcome(a) {
  switch (a.what) {
    case 'attempt':
    case 'test': {
      const ok = a.status >= 200 && a.status < 300;
      const said = ok || !a.error ? 'HTTP ' + a.status : a.error;
      if (ok || a.what === 'test') return {text: said, kind: ok ? 'ok' : 'bad'};
      return a.retryInMs != null ? {text: said + ', retry in ' + a.retryInMs + ' ms', kind: 'warn'}
          : {text: said + ', no retries left', kind: 'bad'};
    }
    case 'disabled': return {text: 'webhook disabled: ' + (a.error || ''), kind: 'bad'};
    default: return {text: a.what + ': ' + (a.error || ''), kind: 'warn'};
  }
}

function render(info, hooks, timeline) {
  show($('base-url'), info.baseUrl);
  const siteNames = new Map(info.sites.map(s => [s.id, s.name]));
  show($('sites'), info.sites.map(s => el('tr', {}, el('td', {}, s.name), el('td', {class: 'mono'}, s.contentUrl),
      el('td', {class: 'mono'}, s.id))));

  const pick = $('f-webhook').value;
  show($('webhooks'), hooks.map(h => el('tr', {class: h.isEnabled === false ? 'disabled-hook' : null},
      el('td', {}, h.siteName), el('td', {}, h.name), el('td', {}, h.event),
      el('td', {class: h.isEnabled === false ? 'bad' : 'ok'}, h.isEnabled === false
          ? 'no' + (h.updatedAt ? ', since ' + clock(h.updatedAt) : '') + (h.statusChangeReason ? ': ' + h.statusChangeReason : '')
          : 'yes'),
      el('td', {class: 'mono'}, h.url),
      el('td', {}, el('button', {type: 'button', 'aria-label': 'timeline of ' + h.name,
          onclick: () => { $('f-webhook').value = h.id; refresh(); }}, 'Timeline')))));
  $('no-webhooks').hidden = hooks.length > 0;
  const names = new Map();
  for (const h of hooks) names.set(h.id, h.name);
  for (const a of timeline) if (!names.has(a.webhookId)) names.set(a.webhookId, a.webhookName + ' (deleted)');
  show($('f-webhook'), el('option', {value: ''}, 'all'),
      [...names].map(([id, name]) => el('option', {value: id}, name)));
  $('f-webhook').value = names.has(pick) ? pick : '';

  const failuresOnly = $('f-failures').checked;
  const shown = timeline.slice().reverse().filter(a => {
    const o = outcome(a);
    return (!$('f-webhook').value || a.webhookId === $('f-webhook').value) && (!failuresOnly || o.kind !== 'ok');
  });
  show($('timeline'), shown.map(a => {
    const o = outcome(a);
    return el('tr', {class: 'attempt ' + a.what.replace(' ', '-'), title: a.url},
      el('td', {class: 'mono'}, clock(a.at)),
      el('td', {}, a.webhookName, siteNames.size > 1 && siteNames.has(a.siteLuid) ? el('span', {class: 'muted'},
          ' · ' + siteNames.get(a.siteLuid)) : null),
      el('td', {}, a.event || ''),
      el('td', {}, a.attempt != null ? '#' + a.attempt : ''),
      el('td', {class: o.kind}, o.text),
      el('td', {}, a.durationMs != null ? a.durationMs + ' ms' : ''));
  }));
  $('no-attempts').hidden = timeline.length > 0;
  show($('shown'), shown.length === timeline.length ? timeline.length + ' lines' : shown.length + ' of ' + timeline.length + ' lines');
}

async function refresh() {
  clearTimeout(timer);
  try {
    const [info, hooks, timeline] = await Promise.all([getJson('/sandbox'), getJson('/sandbox/webhooks'),
      getJson('/sandbox/deliveries?limit=1000')]);
    // Drawn again only when something changed: focus, selection and scroll stay put while nothing happens.
    const drawn = JSON.stringify([info.sites, info.baseUrl, hooks, timeline, $('f-webhook').value, $('f-failures').checked]);
    if (drawn !== lastDrawn) {
      render(info, hooks, timeline);
      lastDrawn = drawn;
    }
    show($('status'), el('span', {class: 'ok'}, 'updated ' + clock(new Date().toISOString())));
  } catch (e) {
    show($('status'), el('span', {class: 'bad'}, 'the sandbox did not answer: ' + e.message));
  }
  if ($('live').checked) timer = setTimeout(refresh, 2000);
}

document.addEventListener('DOMContentLoaded', () => {
  $('f-webhook').addEventListener('change', refresh);
  $('f-failures').addEventListener('change', refresh);
  $('live').addEventListener('change', refresh);
  refresh();
});

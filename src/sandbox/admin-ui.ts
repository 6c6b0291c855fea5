// The sandbox's page (GET /__admin/ui): the live request journal, outbox, holders and armed faults, with buttons
// to clear and reset. The page itself holds nothing secret and is served without the token; every piece of data
// comes from the admin API with the bearer token, which a login field keeps in the tab's sessionStorage (never
// in a URL, never in a cookie). Three static files, no framework, nothing from elsewhere: the
// Content-Security-Policy lets the page talk to the sandbox's own origin only, run only its own script, and be
// framed by nobody. Every value shown is set as text (textContent), never as markup: request bodies and headers
// come from whoever called the sandbox.

/** The page's policy: its own script, style and API, nothing else. */
export const UI_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Lean sandbox</title>
<link rel="stylesheet" href="ui/style.css">
<script src="ui/app.js" defer></script>
</head>
<body>
<header>
  <h1>Lean sandbox</h1>
  <form id="login" autocomplete="off">
    <label for="token">Admin token</label>
    <input id="token" type="password" autocomplete="off" spellcheck="false" placeholder="SANDBOX_ADMIN_TOKEN">
    <button type="submit">Use</button>
    <button type="button" id="logout">Forget</button>
  </form>
  <p id="status" role="status">Give the admin token (SANDBOX_ADMIN_TOKEN) to see the sandbox. It stays in this tab only.</p>
  <nav id="actions">
    <button type="button" data-action="DELETE /requests">Clear journal</button>
    <button type="button" data-action="DELETE /outbox">Clear outbox</button>
    <button type="button" data-action="DELETE /faults">Clear faults</button>
    <button type="button" data-action="POST /reset" class="danger">Reset sandbox</button>
  </nav>
</header>
<main>
  <section>
    <h2>Requests <span id="requests-count" class="count"></span></h2>
    <table id="requests"><thead><tr><th>#</th><th>time</th><th>method</th><th>path</th><th>status</th><th>code</th><th>fault</th><th>request</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Outbox <span id="outbox-count" class="count"></span></h2>
    <table id="outbox"><thead><tr><th>#</th><th>time</th><th>operation</th><th>channel</th><th>destination</th><th>OTP</th><th>text</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Armed faults <span id="faults-count" class="count"></span></h2>
    <table id="faults"><thead><tr><th>id</th><th>kind</th><th>for</th><th>remaining</th><th>until</th><th>applied</th></tr></thead><tbody></tbody></table>
  </section>
  <section>
    <h2>Holders <span id="holders-count" class="count"></span></h2>
    <table id="holders"><thead><tr><th>state</th><th>certIdOtp</th><th>deviceCode</th><th>mobile</th><th>email</th></tr></thead><tbody></tbody></table>
  </section>
</main>
</body>
</html>
`;

const CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; font-size: 14px; }
body { margin: 0; }
header { position: sticky; top: 0; background: Canvas; border-bottom: 1px solid GrayText; padding: 0.5rem 1rem; z-index: 1; }
h1 { font-size: 1.2rem; margin: 0 1rem 0 0; display: inline-block; }
form, nav { display: inline-flex; gap: 0.4rem; align-items: center; margin-right: 1rem; }
#status { margin: 0.4rem 0; }
#status.error { color: #c62828; font-weight: 600; }
main { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5rem; padding: 0 1rem 1rem; }
section:first-child { grid-column: 1 / -1; }
h2 { font-size: 1rem; margin: 1rem 0 0.4rem; }
.count { font-weight: 400; color: GrayText; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.15rem 0.4rem; border-bottom: 1px solid color-mix(in srgb, GrayText 30%, transparent); vertical-align: top; }
td { font-family: ui-monospace, monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
tr.fresh td { animation: fresh 1.5s ease-out; }
@keyframes fresh { from { background: color-mix(in srgb, #ffd54f 60%, transparent); } }
.s2 { color: #2e7d32; } .s4, .s5 { color: #c62828; } .none { color: GrayText; }
details pre { white-space: pre-wrap; margin: 0.2rem 0; max-height: 12rem; overflow: auto; }
button.danger { color: #c62828; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
`;

// Plain ES2020, no template literals (this file carries it in one).
const JS = `'use strict';
(function () {
  var KEY = 'leanSandboxToken';
  var API = new URL('.', location.href).pathname.replace(/\\/ui\\/?$/, '/').replace(/\\/$/, '');
  var MAX_ROWS = 200;
  var state = { requests: 0, outbox: 0, generation: 0, polls: new AbortController() };
  var $ = function (id) { return document.getElementById(id); };

  function token() { return sessionStorage.getItem(KEY) || ''; }
  function say(text, error) { var s = $('status'); s.textContent = text; s.className = error ? 'error' : ''; }

  function call(method, path, signal) {
    return fetch(API + path, { method: method, headers: { authorization: 'Bearer ' + token() }, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', signal: signal })
      .then(function (response) {
        if (response.status === 401) { sessionStorage.removeItem(KEY); throw new Error('The token was refused; give the admin token again.'); }
        if (response.status === 204) return null;
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body && body.error ? body.error : 'status ' + response.status);
          return body;
        });
      });
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }
  function time(iso) { var d = new Date(iso); return isNaN(d.getTime()) ? '' : d.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0'); }
  function trim(tbody) { while (tbody.rows.length > MAX_ROWS) tbody.deleteRow(tbody.rows.length - 1); }

  function requestRow(e) {
    var tr = document.createElement('tr');
    tr.className = 'fresh';
    tr.dataset.seq = String(e.seq);
    cell(tr, e.seq); cell(tr, time(e.at)); cell(tr, e.method); cell(tr, e.path);
    var status = e.answer.status;
    cell(tr, status === null ? 'none' : status, status === null ? 'none' : 's' + String(status).charAt(0));
    cell(tr, e.answer.code); cell(tr, e.fault);
    var td = cell(tr, '');
    var details = document.createElement('details');
    var summary = document.createElement('summary');
    summary.textContent = e.body.length + ' chars';
    var pre = document.createElement('pre');
    pre.textContent = Object.keys(e.headers).map(function (k) { return k + ': ' + e.headers[k]; }).join('\\n') + '\\n\\n' + e.body;
    details.appendChild(summary); details.appendChild(pre); td.appendChild(details);
    return tr;
  }
  function outboxRow(e) {
    var tr = document.createElement('tr');
    tr.className = 'fresh';
    cell(tr, e.seq); cell(tr, time(e.at)); cell(tr, e.operation); cell(tr, e.channel); cell(tr, e.destination); cell(tr, e.otp); cell(tr, e.text);
    return tr;
  }

  function prepend(id, rows) {
    var tbody = $(id).tBodies[0];
    rows.forEach(function (row) { tbody.insertBefore(row, tbody.firstChild); });
    trim(tbody);
  }

  function refill(id, items, row) {
    var tbody = $(id).tBodies[0];
    tbody.replaceChildren.apply(tbody, items.map(row));
    $(id + '-count').textContent = '(' + items.length + ')';
  }

  function pullRequests() {
    return call('GET', '/requests?after=' + state.requests).then(function (snap) {
      if (snap.entries.length > 0) state.requests = snap.entries[snap.entries.length - 1].seq;
      prepend('requests', snap.entries.map(requestRow));
      $('requests-count').textContent = '(' + $('requests').tBodies[0].rows.length + ' shown, ' + snap.dropped + ' dropped)';
    });
  }
  function pullOutbox() {
    return call('GET', '/outbox').then(function (snap) {
      var fresh = snap.entries.filter(function (e) { return e.seq > state.outbox; });
      if (snap.entries.length > 0) state.outbox = Math.max(state.outbox, snap.entries[snap.entries.length - 1].seq);
      prepend('outbox', fresh.map(outboxRow));
      $('outbox-count').textContent = '(' + snap.entries.length + ' kept, ' + snap.dropped + ' dropped)';
    });
  }
  function pullHolders() {
    return call('GET', '/holders').then(function (body) {
      refill('holders', body.holders, function (h) {
        var tr = document.createElement('tr');
        cell(tr, h.state); cell(tr, h.certIdOtp); cell(tr, h.deviceCode); cell(tr, h.mobile); cell(tr, h.email);
        return tr;
      });
    });
  }
  function pullFaults() {
    return call('GET', '/faults').then(function (body) {
      refill('faults', body.faults, function (f) {
        var tr = document.createElement('tr');
        var scope = [f.operation, f.certIdOtp].filter(Boolean).join(' ') || 'every request';
        cell(tr, f.id); cell(tr, f.kind + (f.code !== undefined ? ' ' + f.code : f.status !== undefined ? ' ' + f.status : f.ms !== undefined ? ' ' + f.ms + ' ms' : ''));
        cell(tr, scope); cell(tr, f.remaining === null ? 'until time' : f.remaining); cell(tr, f.expiresAt === null ? '' : time(f.expiresAt)); cell(tr, f.applied);
        return tr;
      });
    });
  }

  function everything() {
    return Promise.all([pullRequests(), pullOutbox(), pullHolders(), pullFaults()]).then(function () {
      say('Live: new requests and messages show as they come.', false);
    });
  }

  /** A long poll on one feed: answers as soon as an entry after the newest shown is recorded. */
  function follow(path, key, pull, generation) {
    if (generation !== state.generation || !token()) return;
    call('GET', path + '/next?timeoutMs=25000&after=' + state[key], state.polls.signal)
      .then(function (entry) { return entry ? pull() : null; })
      .then(function () { follow(path, key, pull, generation); })
      .catch(function (error) {
        if (generation !== state.generation) return;
        say(error.message, true);
        if (token()) setTimeout(function () { follow(path, key, pull, generation); }, 2000);
      });
  }

  /** Ends the long polls of an earlier start: the browser has few connections to the sandbox to spare. */
  function stop() {
    state.generation += 1;
    state.polls.abort();
    state.polls = new AbortController();
  }

  function start() {
    stop();
    var generation = state.generation;
    state.requests = 0; state.outbox = 0;
    ['requests', 'outbox'].forEach(function (id) { $(id).tBodies[0].replaceChildren(); });
    everything().then(function () {
      follow('/requests', 'requests', pullRequests, generation);
      follow('/outbox', 'outbox', pullOutbox, generation);
    }).catch(function (error) { say(error.message, true); });
  }

  $('login').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = $('token').value.trim();
    $('token').value = '';
    if (!value) return;
    sessionStorage.setItem(KEY, value);
    start();
  });
  $('logout').addEventListener('click', function () {
    sessionStorage.removeItem(KEY);
    stop();
    say('Token forgotten.', false);
  });
  $('actions').addEventListener('click', function (event) {
    var action = event.target && event.target.dataset ? event.target.dataset.action : undefined;
    if (!action || !token()) return;
    var parts = action.split(' ');
    call(parts[0], parts[1]).then(start).catch(function (error) { say(error.message, true); });
  });
  // Holders and faults change only through the admin API, maybe from another client: looked at every second.
  setInterval(function () { if (token()) Promise.all([pullHolders(), pullFaults()]).catch(function () {}); }, 1000);
  if (token()) start();
})();
`;

export interface UiAsset {
  contentType: string;
  body: string;
}

/** The page's files, by path below the admin prefix. */
export const UI_ASSETS: ReadonlyMap<string, UiAsset> = new Map([
  ['/ui', { contentType: 'text/html; charset=utf-8', body: HTML }],
  ['/ui/app.js', { contentType: 'text/javascript; charset=utf-8', body: JS }],
  ['/ui/style.css', { contentType: 'text/css; charset=utf-8', body: CSS }],
]);

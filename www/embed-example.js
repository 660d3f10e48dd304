// Host side of the report-compare embed API (README, "Share & embed").
// The app's address: ?app=URL on this page, else the app next to this file. The app only
// accepts messages from origins listed in its own ?origins= parameter.
(function () {
  const here = new URL(location.href);
  const app = new URL(here.searchParams.get('app') || './?embed=1', here);
  if (!app.searchParams.has('embed')) app.searchParams.set('embed', '1');
  if (!app.searchParams.has('origins')) app.searchParams.set('origins', location.origin);
  const frame = document.getElementById('app');
  const log = document.getElementById('log');
  const send = document.getElementById('send');
  const summary = document.getElementById('summary');
  frame.src = app.href;

  window.addEventListener('message', (event) => {
    // Only the app's origin, and only its messages.
    if (event.origin !== app.origin || event.source !== frame.contentWindow) return;
    const m = event.data || {};
    if (typeof m.type !== 'string' || !m.type.startsWith('report-compare:')) return;
    log.textContent += JSON.stringify(m) + '\n';
    if (m.type === 'report-compare:ready') send.disabled = false;
    if (m.type === 'report-compare:result') summary.textContent = m.headline;
    if (m.type === 'report-compare:error') summary.textContent = 'Error: ' + m.message;
  });

  const pick = (id) => document.getElementById(id).files[0];
  send.addEventListener('click', async () => {
    const files = [pick('earlier'), pick('later')].filter(Boolean);
    if (files.length < 2) {
      summary.textContent = 'Choose two reports first.';
      return;
    }
    // Text or bytes (a PDF or Word file as an ArrayBuffer): both work.
    const reports = await Promise.all(
      files.map(async (f) => ({ name: f.name, bytes: await f.arrayBuffer() })),
    );
    frame.contentWindow.postMessage({ type: 'report-compare:load', reports }, app.origin);
  });
})();

// Live refresh without a framework: every data-refresh-ms, fetch this same page and swap its #content for
// the fresh one (same URL, same auth, same escaping on the server). Paused while the tab is hidden, and by
// the header's Live button (remembered in localStorage). Pages work without it; it only keeps them current.
(function () {
  'use strict';
  var body = document.body;
  var interval = Number(body.getAttribute('data-refresh-ms'));
  var toggle = document.getElementById('live-toggle');
  if (!interval || !toggle) return;
  var KEY = 'karafka-web-live';
  var live = localStorage.getItem(KEY) !== 'off';
  var busy = false;

  function show() {
    toggle.hidden = false;
    toggle.classList.toggle('on', live);
    toggle.textContent = live ? 'Live' : 'Paused';
    toggle.title = live
      ? 'Refreshing every ' + interval / 1000 + ' s: click to pause'
      : 'Click to refresh live again';
  }

  // Positions of the open <details>, so what the reader expanded stays expanded after a refresh.
  function openDetails(root) {
    var open = [];
    root.querySelectorAll('details').forEach(function (details, index) {
      if (details.open) open.push(index);
    });
    return open;
  }

  function refresh() {
    if (!live || busy || document.hidden) return;
    busy = true;
    fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (text) {
        var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById('content');
        var current = document.getElementById('content');
        if (!fresh || !current) return;
        var open = openDetails(current);
        var details = fresh.querySelectorAll('details');
        open.forEach(function (i) {
          if (details[i]) details[i].open = true;
        });
        current.replaceWith(document.importNode(fresh, true));
        show();
        document.dispatchEvent(new CustomEvent('karafka:refreshed'));
      })
      .catch(function () {
        toggle.classList.remove('on');
        toggle.textContent = 'Offline';
      })
      .finally(function () {
        busy = false;
      });
  }

  toggle.addEventListener('click', function () {
    live = !live;
    localStorage.setItem(KEY, live ? 'on' : 'off');
    show();
    refresh();
  });
  show();
  setInterval(refresh, interval);
})();

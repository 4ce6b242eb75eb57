/* Transparency pages: the board's timers tick from embedded timestamps; the static site's
   search box calls the live search API when one is configured. No inline script: CSP. */
(function () {
  'use strict';
  var english = (document.documentElement.lang || '').indexOf('en') === 0;

  function two(n) { return (n < 10 ? '0' : '') + n; }

  function duration(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var d = Math.floor(s / 86400);
    s -= d * 86400;
    var clock = two(Math.floor(s / 3600)) + ':' + two(Math.floor((s % 3600) / 60)) + ':' + two(s % 60);
    return english ? d + ' d ' + clock : d + ' 天 ' + clock;
  }

  function tick() {
    var now = Date.now();
    var tickers = document.querySelectorAll('.ticker');
    for (var i = 0; i < tickers.length; i++) {
      var t = tickers[i];
      var since = t.getAttribute('data-since');
      var until = t.getAttribute('data-until');
      if (since) {
        t.textContent = (english ? 'elapsed ' : '已过 ') + duration(now - Date.parse(since));
      } else if (until) {
        var left = Date.parse(until) - now;
        t.textContent = left >= 0 ? (english ? 'left ' : '剩余 ') + duration(left)
          : (english ? 'over by ' : '已超 ') + duration(-left);
      }
    }
  }

  function search(form) {
    var api = form.getAttribute('data-search-api');
    var input = form.querySelector('input[type=search]');
    var out = form.querySelector('.search-results');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var q = input.value.trim();
      if (!q) { return; }
      fetch(api + '/api/v1/archive?size=20&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .then(function (page) {
          out.textContent = '';
          var summary = document.createElement('p');
          summary.textContent = english ? page.total + ' letters' : '共 ' + page.total + ' 封';
          out.appendChild(summary);
          var list = document.createElement('ol');
          list.className = 'letters';
          page.items.forEach(function (item) {
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.href = api + '/archive/' + encodeURIComponent(item.trackingNumber);
            a.textContent = item.title;
            li.appendChild(a);
            list.appendChild(li);
          });
          out.appendChild(list);
        })
        .catch(function () {
          out.textContent = english ? 'Online search is not available right now.' : '在线搜索暂时不可用。';
        });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (document.querySelector('.ticker')) {
      tick();
      window.setInterval(tick, 1000);
    }
    var forms = document.querySelectorAll('form[data-search-api]');
    for (var i = 0; i < forms.length; i++) { search(forms[i]); }
  });
}());

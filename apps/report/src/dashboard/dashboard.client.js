// StreamLens dashboard: fetches the JSON API and renders the trend table, charts (uPlot),
// language split and hashtag drill-down. Framework-free; every value from the API is inserted
// as text (textContent), never as markup: hashtags and posts are user content.
(function () {
  'use strict';

  var RANGE_LABELS = { '5m': 'last 5 minutes', '1h': 'last hour', '24h': 'last 24 hours' };
  // The aggregator writes a window's rows on its final invoke, shortly after the window ends.
  var REFRESH_LAG_MS = 2000;
  var CHART_HEIGHT = 220;
  var POSTS_PAGE = 20;

  var state = {
    config: null,
    range: '1h',
    sequence: 0,
    timer: null,
    charts: { volume: null, sentiment: null },
    drill: null,
  };

  var numberFormat = new Intl.NumberFormat();
  var percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
  var languageNames = null;
  try {
    languageNames = new Intl.DisplayNames(undefined, { type: 'language' });
  } catch (e) {
    languageNames = null;
  }

  function $(id) {
    return document.getElementById(id);
  }

  /** An element with text content and attributes; children are nodes. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs.text;
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  function signed(value, digits) {
    if (value === null || value === undefined) return '–';
    return (value > 0 ? '+' : '') + value.toFixed(digits);
  }

  function timeOf(iso) {
    return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function languageLabel(tag) {
    if (tag === 'und') return 'Unknown (und)';
    if (tag === 'other') return 'Other languages';
    try {
      var name = languageNames && languageNames.of(tag);
      return name && name !== tag ? name + ' (' + tag + ')' : tag;
    } catch (e) {
      return tag;
    }
  }

  // --- API -------------------------------------------------------------------------------

  function ApiError(message, status, requestId) {
    this.message = message;
    this.status = status;
    this.requestId = requestId;
  }

  function api(path) {
    var headers = { accept: 'application/json' };
    var jwt = state.config && state.config.auth.mode === 'jwt';
    if (jwt) {
      var token = window.StreamLensAuth.accessToken();
      if (!token) return Promise.reject(new ApiError('sign-in required', 401, null));
      headers.authorization = 'Bearer ' + token;
    }
    return fetch(path, { headers: headers, credentials: 'same-origin' }).then(function (res) {
      return res
        .json()
        .catch(function () {
          return null;
        })
        .then(function (body) {
          if (res.ok && body) return body;
          var err = body && body.error;
          throw new ApiError(
            (err && err.message) || 'the server answered HTTP ' + res.status,
            res.status,
            (err && err.requestId) || null,
          );
        });
    });
  }

  // --- Page states -----------------------------------------------------------------------

  function show(which) {
    ['signin', 'error', 'empty', 'report'].forEach(function (id) {
      $(id).hidden = id !== which;
    });
  }

  function announce(text) {
    $('status').textContent = text;
  }

  function showError(err) {
    if (err.status === 401 && state.config && state.config.auth.mode === 'jwt') {
      window.StreamLensAuth.signOut();
      $('signout').hidden = true;
      show('signin');
      announce('Sign in to see the report.');
      return;
    }
    $('error-text').textContent = err.message + (err.requestId ? ' (request id ' + err.requestId + ')' : '');
    show('error');
    announce('Could not load the report.');
  }

  // --- Trend table -----------------------------------------------------------------------

  function trendBadge(row) {
    var arrows = { rising: '▲', falling: '▼', steady: '•', 'no-baseline': '–' };
    var labels = { rising: 'rising', falling: 'falling', steady: 'steady', 'no-baseline': 'no earlier data' };
    var badge = el('span', {
      class: 'badge ' + row.direction,
      title: 'previous range: ' + numberFormat.format(row.previousCount) + ' uses',
    });
    badge.appendChild(el('span', { 'aria-hidden': 'true', text: (arrows[row.direction] || '') + ' ' }));
    badge.appendChild(el('span', { class: 'badge-label', text: labels[row.direction] || row.direction }));
    return badge;
  }

  function renderTrends(report) {
    var body = $('trends-table').querySelector('tbody');
    body.replaceChildren();
    report.hashtags.forEach(function (row) {
      var button = el('button', { type: 'button', class: 'tag-button', text: '#' + row.hashtag });
      button.addEventListener('click', function (event) {
        event.stopPropagation();
        openDrillDown(row.hashtag, button);
      });
      var tr = el('tr', {}, [
        el('td', { class: 'num', text: String(row.rank) }),
        el('td', {}, [button]),
        el('td', { class: 'num', text: numberFormat.format(row.count) }),
        el('td', { class: 'num col-share', text: percentFormat.format(row.share) }),
        el('td', { class: 'num', text: signed(row.sentimentAverage, 2) }),
        el('td', {}, [trendBadge(row)]),
      ]);
      tr.dataset.tag = row.hashtag;
      // The whole row answers a mouse click; keyboard users use the button in it.
      tr.addEventListener('click', function () {
        openDrillDown(row.hashtag, button);
      });
      body.appendChild(tr);
    });
    markSelected();
    var label = RANGE_LABELS[report.range.name] || 'selected range';
    $('trends-caption').textContent = 'Top hashtags, ' + label;
    var note =
      numberFormat.format(report.totals.posts) +
      ' posts, ' +
      numberFormat.format(report.totals.hashtagOccurrences) +
      ' hashtag uses, ' +
      label +
      '.';
    if (report.approximate)
      note += ' Counts are lower bounds (at most ' + numberFormat.format(report.hashtagErrorBound) + ' off).';
    $('trends-note').textContent = note;
  }

  function markSelected() {
    var rows = $('trends-table').querySelectorAll('tbody tr');
    for (var i = 0; i < rows.length; i++)
      rows[i].classList.toggle('selected', !!state.drill && rows[i].dataset.tag === state.drill.tag);
  }

  // --- Charts ----------------------------------------------------------------------------

  function chartOptions(label, color, fill, width, points) {
    return {
      width: width,
      height: CHART_HEIGHT,
      scales: { x: { time: true } },
      // Points stay visible where a value stands alone between gaps (no posts, no sentiment).
      series: [
        {},
        {
          label: label,
          stroke: color,
          fill: fill || undefined,
          width: 2,
          spanGaps: false,
          points: points ? { show: true, size: 6, fill: color } : {},
        },
      ],
      axes: [{}, { size: 56 }],
      legend: { live: true },
    };
  }

  function drawChart(key, container, label, color, fill, xs, ys, points) {
    var data = [xs, ys];
    var chart = state.charts[key];
    var width = Math.max(container.clientWidth, 240);
    if (!chart) {
      chart = new window.uPlot(chartOptions(label, color, fill, width, points), data, container);
      state.charts[key] = chart;
      if (window.ResizeObserver) {
        new ResizeObserver(function () {
          var w = Math.max(container.clientWidth, 240);
          if (Math.abs(w - chart.width) > 1) chart.setSize({ width: w, height: CHART_HEIGHT });
        }).observe(container);
      }
    } else {
      chart.setData(data);
    }
  }

  function renderVolume(report) {
    var xs = report.points.map(function (p) {
      return Date.parse(p.start) / 1000;
    });
    var posts = report.points.map(function (p) {
      return p.posts;
    });
    var sentiment = report.points.map(function (p) {
      return p.sentimentAverage;
    });
    var step = report.stepSeconds >= 60 ? report.stepSeconds / 60 + '-minute' : report.stepSeconds + '-second';
    drawChart('volume', $('volume-chart'), 'Posts', '#0b5cd5', 'rgba(11, 92, 213, 0.12)', xs, posts, false);
    drawChart('sentiment', $('sentiment-chart'), 'Average sentiment', '#8250df', null, xs, sentiment, true);
    var peak = report.points.reduce(
      function (best, p) {
        return p.posts > best.posts ? p : best;
      },
      report.points[0] || { posts: 0, start: report.range.from },
    );
    $('volume-chart').setAttribute(
      'aria-label',
      'Posts per ' +
        step +
        ' step: ' +
        numberFormat.format(report.totals.posts) +
        ' in total, peak ' +
        numberFormat.format(peak.posts) +
        ' at ' +
        timeOf(peak.start) +
        '.',
    );
    $('sentiment-chart').setAttribute(
      'aria-label',
      'Average sentiment per ' + step + ' step; overall ' + signed(report.totals.sentimentAverage, 2) + '.',
    );
  }

  // --- Languages -------------------------------------------------------------------------

  function renderLanguages(report) {
    var body = $('languages-table').querySelector('tbody');
    body.replaceChildren();
    report.languages.forEach(function (row) {
      var bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
      bar.style.width = Math.max(row.share * 100, 0.5).toFixed(1) + '%';
      var share = el('td', { class: 'bar-cell' }, [
        bar,
        el('span', { class: 'visually-hidden', text: percentFormat.format(row.share) }),
      ]);
      share.title = percentFormat.format(row.share);
      body.appendChild(
        el('tr', {}, [
          el('td', { text: languageLabel(row.language) }),
          el('td', { class: 'num', text: numberFormat.format(row.posts) }),
          share,
        ]),
      );
    });
  }

  // --- Refresh ---------------------------------------------------------------------------

  function schedule(trends) {
    clearTimeout(state.timer);
    var windowMs = state.config.windowSeconds * 1000;
    var delay = windowMs;
    if (trends && trends.generatedAt) {
      // Server times only: the next window closes windowSeconds after range.to.
      var due = Date.parse(trends.range.to) + windowMs + REFRESH_LAG_MS;
      delay = Math.min(Math.max(due - Date.parse(trends.generatedAt), 1000), windowMs + REFRESH_LAG_MS);
    }
    if (!document.hidden) state.timer = setTimeout(refresh, delay);
  }

  function refresh() {
    clearTimeout(state.timer);
    var sequence = ++state.sequence;
    var query = 'range=' + encodeURIComponent(state.range);
    $('main').setAttribute('aria-busy', 'true');
    return Promise.all([
      api('/api/v1/trends?' + query + '&limit=20'),
      api('/api/v1/volume?' + query),
      api('/api/v1/languages?' + query),
    ])
      .then(function (results) {
        if (sequence !== state.sequence) return;
        var trends = results[0];
        if (trends.totals.posts === 0) {
          show('empty');
        } else {
          show('report');
          renderTrends(trends);
          renderVolume(results[1]);
          renderLanguages(results[2]);
        }
        announce(
          'Showing the ' +
            RANGE_LABELS[state.range] +
            ' · ' +
            numberFormat.format(trends.totals.posts) +
            ' posts · updated ' +
            timeOf(trends.generatedAt),
        );
        schedule(trends);
      })
      .catch(function (err) {
        if (sequence !== state.sequence) return;
        showError(err instanceof ApiError ? err : new ApiError(String((err && err.message) || err), 0, null));
        if (!(err instanceof ApiError && err.status === 401)) schedule(null);
      })
      .then(function () {
        if (sequence === state.sequence) $('main').removeAttribute('aria-busy');
      });
  }

  function setRange(range) {
    if (!RANGE_LABELS[range]) return;
    state.range = range;
    var buttons = document.querySelectorAll('.range-picker button');
    for (var i = 0; i < buttons.length; i++)
      buttons[i].setAttribute('aria-pressed', String(buttons[i].dataset.range === range));
    window.history.replaceState(null, '', window.location.pathname + '#range=' + range);
  }

  // --- Drill-down ------------------------------------------------------------------------

  function openDrillDown(tag, opener) {
    state.drill = { tag: tag, cursor: null, opener: opener, sequence: 0 };
    markSelected();
    $('drilldown').hidden = false;
    $('drilldown-title').textContent = 'Recent posts for #' + tag;
    $('posts-list').replaceChildren();
    $('drilldown').scrollIntoView({ block: 'start' });
    $('drilldown-title').focus();
    loadPosts();
  }

  function closeDrillDown() {
    var opener = state.drill && state.drill.opener;
    state.drill = null;
    markSelected();
    $('drilldown').hidden = true;
    if (opener && document.contains(opener)) opener.focus();
  }

  function postItem(post) {
    var meta =
      '@' +
      post.authorHandle +
      ' · ' +
      post.source +
      ' · ' +
      post.language +
      ' · ' +
      new Date(post.createdAt).toLocaleString() +
      ' · sentiment ' +
      signed(post.sentimentScore, 0);
    return el('li', {}, [
      el('article', {}, [el('p', { class: 'meta', text: meta }), el('p', { class: 'text', text: post.textPreview })]),
    ]);
  }

  function loadPosts() {
    var drill = state.drill;
    if (!drill) return;
    var sequence = ++drill.sequence;
    var path =
      '/api/v1/hashtags/' +
      encodeURIComponent(drill.tag) +
      '/posts?limit=' +
      POSTS_PAGE +
      (drill.cursor ? '&cursor=' + encodeURIComponent(drill.cursor) : '');
    $('drilldown-status').textContent = 'Loading posts…';
    $('posts-more').hidden = true;
    api(path)
      .then(function (page) {
        if (state.drill !== drill || sequence !== drill.sequence) return;
        page.posts.forEach(function (post) {
          $('posts-list').appendChild(postItem(post));
        });
        drill.cursor = page.nextCursor;
        $('posts-more').hidden = !page.nextCursor;
        var shown = $('posts-list').children.length;
        $('drilldown-status').textContent =
          shown === 0
            ? 'No stored posts for #' + drill.tag + '.'
            : shown + (shown === 1 ? ' post' : ' posts') + ' shown' + (page.nextCursor ? '; more available.' : '.');
      })
      .catch(function (err) {
        if (state.drill !== drill) return;
        $('drilldown-status').textContent =
          'Could not load posts: ' + err.message + (err.requestId ? ' (request id ' + err.requestId + ')' : '');
      });
  }

  // --- Start -----------------------------------------------------------------------------

  function wire() {
    var buttons = document.querySelectorAll('.range-picker button');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener('click', function (event) {
        setRange(event.currentTarget.dataset.range);
        refresh();
      });
    }
    $('retry').addEventListener('click', refresh);
    $('drilldown-close').addEventListener('click', closeDrillDown);
    $('posts-more').addEventListener('click', loadPosts);
    $('drilldown').addEventListener('keydown', function (event) {
      if (event.key === 'Escape') closeDrillDown();
    });
    $('signin-button').addEventListener('click', function () {
      window.StreamLensAuth.startSignIn(state.config.auth).catch(showError);
    });
    $('signout').addEventListener('click', function () {
      window.StreamLensAuth.signOut();
      $('signout').hidden = true;
      clearTimeout(state.timer);
      show('signin');
    });
    document.addEventListener('visibilitychange', function () {
      if (document.hidden) clearTimeout(state.timer);
      else if (state.config) refresh();
    });
  }

  function start() {
    wire();
    fetch('/api/v1/config', { headers: { accept: 'application/json' } })
      .then(function (res) {
        if (!res.ok)
          throw new ApiError('the configuration could not be loaded (HTTP ' + res.status + ')', res.status, null);
        return res.json();
      })
      .then(function (config) {
        state.config = config;
        var jwt = config.auth.mode === 'jwt';
        // A sign-in response (?code=&state=) is read before anything rewrites the URL.
        return (jwt ? window.StreamLensAuth.completeSignIn(config.auth) : Promise.resolve(false)).then(function () {
          var fromHash = /range=([0-9a-z]+)/.exec(window.location.hash);
          setRange(fromHash && RANGE_LABELS[fromHash[1]] ? fromHash[1] : config.defaultRange);
          if (jwt && !window.StreamLensAuth.accessToken()) {
            show('signin');
            announce('Sign in to see the report.');
            return undefined;
          }
          $('signout').hidden = !jwt;
          return refresh();
        });
      })
      .catch(function (err) {
        showError(err instanceof ApiError ? err : new ApiError(String((err && err.message) || err), 0, null));
      });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();

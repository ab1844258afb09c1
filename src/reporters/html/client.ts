// The page script of the HTML report, as a string constant so the build stays plain `tsc`. It reads the findings
// from the JSON data block and builds the list with createElement/textContent only (never innerHTML), 200 at a time.
// Plain ES2019 without template literals: the string must never contain a script end tag or an HTML comment opener.

export const CLIENT_SCRIPT = `(function () {
  'use strict';
  // Cards per page: big enough to scroll through a small review at once, small enough that 10,000 findings render
  // in well under a second on a slow laptop.
  var PAGE = 200;
  var SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 };
  var source = document.getElementById('pillar-data');
  var form = document.getElementById('filters');
  if (!source || !form) return;
  var data = JSON.parse(source.textContent);
  var all = data.findings;
  var knownFiles = {};
  all.forEach(function (f, i) { f.index = i; knownFiles[f.file] = true; });
  var names = data.names;
  var pillarNames = data.pillarNames;
  var list = document.getElementById('finding-list');
  var counter = document.getElementById('visible-count');
  var more = document.getElementById('show-more');
  var matching = [];
  var shown = 0;

  function el(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === '') return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function number(n) {
    return String(n).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');
  }

  function cweLink(id) {
    var a = el('a', '', ['CWE-' + Number(id)]);
    a.href = 'https://cwe.mitre.org/data/definitions/' + Number(id) + '.html';
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }

  // Messages quote code between backticks; show those parts as code, still as text nodes.
  function prose(className, text) {
    var p = el('p', className);
    String(text).split('\`').forEach(function (part, i) {
      if (part === '') return;
      p.appendChild(i % 2 === 1 ? el('code', '', [part]) : document.createTextNode(part));
    });
    return p;
  }

  function location(file, line, column) {
    return file + ':' + line + (column ? ':' + column : '');
  }

  function codeFrame(f) {
    var r = f.range;
    var lines = String(f.snippet).split('\\n');
    var width = String(r.startLine + lines.length - 1).length;
    var code = el('code');
    lines.forEach(function (text, i) {
      var lineNo = r.startLine + i;
      // Continuation lines are marked from their first non-blank character, so indentation is not highlighted.
      var from = lineNo === r.startLine ? r.startColumn - 1 : text.length - text.replace(/^\\s+/, '').length;
      var to = lineNo === r.endLine ? r.endColumn - 1 : text.length;
      var row = el('span', 'line', [el('span', 'ln', [String(lineNo).padStart(width, ' ')])]);
      if (to > from) {
        row.appendChild(document.createTextNode(text.slice(0, from)));
        row.appendChild(el('mark', '', [text.slice(from, to)]));
        row.appendChild(document.createTextNode(text.slice(to)));
      } else {
        row.appendChild(document.createTextNode(text));
      }
      code.appendChild(row);
    });
    var pre = el('pre', 'frame', [code]);
    pre.tabIndex = 0;
    return pre;
  }

  function card(f, index) {
    var r = f.range;
    var head = el('header', '', [
      el('span', 'badge sev-' + f.severity, [f.severity]),
      el('span', 'badge conf', [f.confidence + ' confidence']),
      f.suppressed ? el('span', 'badge suppressed', ['suppressed']) : null,
      el('code', 'rule', [f.ruleId]),
      el('span', 'loc path', [location(f.file, r.startLine, r.startColumn)]),
    ]);
    var taxa = el('p', 'taxa', [
      cweLink(f.cwe), ' ' + (names[f.cwe] || ''), el('span', 'sep', [' \\u00b7 pillar ']),
      cweLink(f.pillar), ' ' + (names[f.pillar] || pillarNames[f.pillar] || ''),
      f.bandit ? el('span', 'sep', [' \\u00b7 Bandit ' + f.bandit]) : null,
    ]);
    var article = el('article', 'finding sev-edge-' + f.severity, [head, prose('message', f.message), taxa, codeFrame(f)]);
    article.id = 'finding-' + index;
    if (f.evidence && f.evidence.length > 0) {
      var steps = el('ol', 'evidence');
      f.evidence.forEach(function (e) {
        steps.appendChild(el('li', '', [el('span', 'path', [location(e.file, e.range.startLine, e.range.startColumn)]), ' ', e.message]));
      });
      steps.appendChild(el('li', 'final', [el('span', 'path', [location(f.file, r.startLine, r.startColumn)]), ' the finding']));
      article.appendChild(el('div', 'evidence-box', [el('h4', '', ['Evidence path']), steps]));
    }
    var fix = prose('fix', f.remediation);
    fix.insertBefore(el('strong', '', ['Fix ']), fix.firstChild);
    article.appendChild(fix);
    return article;
  }

  function query() {
    return {
      pillar: form.elements.pillar.value,
      severity: form.elements.severity.value,
      confidence: form.elements.confidence.value,
      rule: form.elements.rule.value,
      file: form.elements.file.value.trim(),
      suppressed: form.elements.suppressed ? form.elements.suppressed.checked : false,
      sort: form.elements.sort.value,
    };
  }

  function filter(q) {
    // A complete path from the list or a table matches exactly; anything else is a case-insensitive substring.
    var exact = Object.prototype.hasOwnProperty.call(knownFiles, q.file);
    var needle = q.file.toLowerCase();
    var found = all.filter(function (f) {
      if (f.suppressed && !q.suppressed) return false;
      if (q.pillar && String(f.pillar) !== q.pillar) return false;
      if (q.severity && f.severity !== q.severity) return false;
      if (q.confidence && f.confidence !== q.confidence) return false;
      if (q.rule && f.ruleId !== q.rule) return false;
      if (needle && (exact ? f.file !== q.file : f.file.toLowerCase().indexOf(needle) < 0)) return false;
      return true;
    });
    if (q.sort === 'severity') {
      found.sort(function (a, b) { return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.index - b.index; });
    }
    return found;
  }

  function updateCount() {
    var q = query();
    var filtered = q.pillar || q.severity || q.confidence || q.rule || q.file;
    var text = 'Showing ' + number(shown) + ' of ' + number(matching.length) + (filtered ? ' matching' : '') + ' finding' + (matching.length === 1 ? '' : 's');
    if (filtered) text += ' (' + number(all.length) + ' in the report)';
    counter.textContent = matching.length === 0 ? 'No finding matches these filters.' : text + '.';
    counter.setAttribute('data-shown', String(shown));
    counter.setAttribute('data-matching', String(matching.length));
    var left = matching.length - shown;
    more.hidden = left <= 0;
    more.textContent = 'Show ' + number(Math.min(PAGE, left)) + ' more (' + number(left) + ' not shown)';
  }

  function showMore() {
    var end = Math.min(matching.length, shown + PAGE);
    var batch = document.createDocumentFragment();
    for (var i = shown; i < end; i++) batch.appendChild(card(matching[i], matching[i].index));
    list.appendChild(batch);
    shown = end;
    updateCount();
  }

  function apply() {
    matching = filter(query());
    shown = 0;
    list.textContent = '';
    showMore();
  }

  function setFilter(name, value) {
    var field = form.elements[name];
    if (field) field.value = value;
  }

  // Table rows and chart segments set filters; everything else resets so the result is what the user clicked.
  function activate(target) {
    form.reset();
    if (target.hasAttribute('data-filter-pillar')) setFilter('pillar', target.getAttribute('data-filter-pillar'));
    if (target.hasAttribute('data-filter-severity')) setFilter('severity', target.getAttribute('data-filter-severity'));
    if (target.hasAttribute('data-filter-rule')) setFilter('rule', target.getAttribute('data-filter-rule'));
    if (target.hasAttribute('data-filter-file')) setFilter('file', target.getAttribute('data-filter-file'));
    apply();
    document.getElementById('findings').scrollIntoView({ block: 'start' });
  }

  var TRIGGERS = '[data-filter-pillar],[data-filter-rule],[data-filter-file]';
  document.addEventListener('click', function (event) {
    var target = event.target.closest ? event.target.closest(TRIGGERS) : null;
    if (!target) return;
    event.preventDefault();
    activate(target);
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    var target = event.target.closest ? event.target.closest('g' + TRIGGERS.split(',').join(',g')) : null;
    if (!target) return;
    event.preventDefault();
    activate(target);
  });
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  // The reset event fires before the fields change back; filter once they have.
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  more.addEventListener('click', showMore);
  apply();
})();
`;

#!/usr/bin/env python3
"""Build a proxy held-out set of real security fixes from the openstack/ossa advisories: the fixes of advisories that
../shared/eval's dev and eco-dev sets do not hold, in their JSON-lines format, to measure how the rules generalise
(docs/precision.md, "A proxy held-out set"). Needs PyYAML and the mirrors of repos.txt plus openstack/ossa.

Usage: scripts/eval/ossa_proxy.py [MIRROR_ROOT] [OUT_CASES] [SKIPS_OUT]
  MIRROR_ROOT defaults to /work/.mirror (bare repos <owner>+<name>/repo), OUT to /tmp/ossa-proxy/cases.jsonl.

Steps (deterministic; only reads git mirrors and the eval dev/eco-dev files):
 1. read every ossa/OSSA-*.yaml at the ossa mirror's HEAD: id, title, description, products, Launchpad bug numbers;
 2. drop an advisory if its OSSA id, any of its bug numbers, or any fix commit found for it already appears in
    /work/shared/eval/{dev,eco-dev}-cases.jsonl;
 3. for every mirrored openstack project, find commits whose message names one of the bug numbers (Closes-Bug,
    Partial-Bug, Fixes-Bug, 'bug N', 'LP#N', launchpad URL; Related-Bug only when nothing else names it), keep the
    earliest non-merge, non-revert commit reachable from the default branch that modifies a non-test .py file — one
    fix per (advisory, bug, project);
 4. one case per modified non-test .py file: vuln_commit = first parent, vuln_lines = changed ranges on the old side
    (pure insertion after line a -> [a, a+1]).
"""
import collections, json, os, re, subprocess, sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else '/work/.mirror'
OUT = sys.argv[2] if len(sys.argv) > 2 else '/tmp/ossa-proxy/cases.jsonl'
SKIPS = sys.argv[3] if len(sys.argv) > 3 else '/tmp/ossa-proxy/skipped.tsv'
EVAL = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'eval'))
OSSA = os.path.join(ROOT, 'openstack+ossa', 'repo')
for _out in (OUT, SKIPS):
    os.makedirs(os.path.dirname(_out) or '.', exist_ok=True)
MAX_FILES_PER_FIX = 8       # a fix touching more non-test .py files is a refactor; its line ranges would be noise
MAX_CHANGED_LINES = 400     # same, per file (old-side lines)
CAP = 150                   # file-cases

import yaml  # PyYAML


def git(gd, *args):
    return subprocess.run(['git', '--git-dir', gd, *args], capture_output=True, text=True,
                          errors='replace', check=True).stdout


# ---------------------------------------------------------------- 1. advisories
BUG_URL = re.compile(r'(?:launchpad\.net/(?:[\w.-]+/)?\+?bugs?/|bugs/)(\d{5,8})')


def advisories():
    names = [n for n in git(OSSA, 'ls-tree', '-r', 'HEAD', '--name-only').split()
             if re.match(r'ossa/OSSA-\d{4}-\d{3}\.yaml$', n)]
    out = []
    for n in sorted(names):
        y = yaml.safe_load(git(OSSA, 'show', 'HEAD:' + n))
        links = ((y.get('issues') or {}).get('links') or [])
        bugs = []
        for l in links:
            for b in BUG_URL.findall(str(l)):
                if b not in bugs:
                    bugs.append(b)
        prods = [str(p.get('product', '')).strip() for p in (y.get('affected-products') or [])]
        cves = [str(v.get('cve-id', '')) for v in (y.get('vulnerabilities') or []) if v.get('cve-id')]
        out.append(dict(id=y['id'], title=' '.join(str(y.get('title', '')).split()),
                        description=' '.join(str(y.get('description', '')).split()),
                        products=prods, bugs=bugs, cves=cves, date=str(y.get('date'))))
    return out


# ---------------------------------------------------------------- 2. exclusions
def known():
    ossa, bugs, commits = set(), set(), set()
    for split in ('dev', 'eco-dev'):
        for line in open(os.path.join(EVAL, f'{split}-cases.jsonl')):
            c = json.loads(line)
            adv = c.get('advisory') or ''
            ossa.update(re.findall(r'OSSA-\d{4}-\d{3}', adv))
            bugs.update(re.findall(r'LP\s*#\s*(\d{5,8})', adv))
            bugs.update(re.findall(r'bugs?/(\d{5,8})', c.get('description', '') + ' ' + adv))
            commits.add(c['fix_commit'])
    return ossa, bugs, commits


# ---------------------------------------------------------------- 3. fix commits
def commit_index(gd):
    """All commits (any ref) with parents, commit time and message; and the set reachable from the default branch."""
    raw = git(gd, 'log', '--all', '--format=%H%x00%P%x00%ct%x00%B%x01')
    idx = {}
    for rec in raw.split('\x01'):
        rec = rec.lstrip('\n')
        if not rec:
            continue
        h, parents, ct, body = rec.split('\x00', 3)
        idx[h] = (parents.split(), int(ct), body)
    head = git(gd, 'symbolic-ref', 'HEAD').strip()
    master = set(git(gd, 'rev-list', head).split())
    bynum = collections.defaultdict(list)
    for h, (_, _, body) in idx.items():
        for num in set(re.findall(r'(?<!\d)(\d{5,8})(?!\d)', body)):
            bynum[num].append(h)
    return idx, master, bynum


def mentions(body, bug):
    """'strong' when a line says the commit fixes the bug, 'related' for Related-Bug only, None otherwise."""
    strong = related = False
    for line in body.splitlines():
        if not re.search(r'(?<!\d)%s(?!\d)' % bug, line):
            continue
        if re.search(r'related[- ]bug', line, re.I):
            related = True
        elif re.search(r'bug|lp\s*#|launchpad|closes|fixes|partial', line, re.I):
            strong = True
    return 'strong' if strong else ('related' if related else None)


def is_test(path):
    p = '/' + path
    b = os.path.basename(path)
    return ('/tests/' in p or '/test/' in p or b.startswith('test_') or b in ('tests.py', 'test.py')
            or p.startswith('/releasenotes/') or p.startswith('/doc/') or p.startswith('/devstack/')
            or p.startswith('/tools/') or '/functional/' in p or '/tempest/' in p)


def is_declaration(path):
    """Files a fix touches only to declare what the real change uses (a config option, an exception class, a fake
    driver's signature): no defect lives there, so they are not cases."""
    b = os.path.basename(path)
    return ('/conf/' in '/' + path or b in ('exception.py', 'exceptions.py', 'fake.py', 'config.py'))


def py_files(gd, fix, parent):
    """Modified (not added/deleted) non-test .py files, with rename pairs."""
    out = []
    for line in git(gd, 'diff', '--name-status', '-M', parent, fix).splitlines():
        parts = line.split('\t')
        st = parts[0]
        if st.startswith('M'):
            old = new = parts[1]
        elif st.startswith('R'):
            old, new = parts[1], parts[2]
        else:
            continue
        if old.endswith('.py') and not is_test(old):
            out.append((old, new))
    return out


def declarations(gd, fix, parent):
    return [o for o, n in py_files(gd, fix, parent) if is_declaration(o)]


def code_files(gd, fix, parent):
    out = [(o, n) for o, n in py_files(gd, fix, parent) if not is_declaration(o)]
    return out


def vuln_lines(gd, parent, fix, old, new):
    ranges = []
    diff = git(gd, 'diff', '-U0', '--no-color', '-M', parent, fix, '--', old, new)
    for m in re.finditer(r'^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@', diff, re.M):
        a, b = int(m.group(1)), int(m.group(2) if m.group(2) is not None else 1)
        ranges.append([a, a + 1] if b == 0 else [a, a + b - 1])
    return ranges


def defs(lines):
    """(qualified name, start, end) of every def by indentation, with enclosing classes/defs (py2 and py3 sources)."""
    out, stack = [], []  # stack of (indent, name, kind, start)
    pat = re.compile(r'^(\s*)(?:async\s+)?(def|class)\s+(\w+)')
    ends = {}
    for i, line in enumerate(lines):
        st = line.strip()
        if not st or st.startswith('#'):
            continue
        ind = len(line) - len(line.lstrip())
        while stack and ind <= stack[-1][0]:
            top = stack.pop()
            ends[top[3]] = last
        m = pat.match(line)
        if m:
            stack.append((len(m.group(1)), m.group(3), m.group(2), i))
            out.append(('.'.join(s[1] for s in stack), m.group(2), i))
        last = i
    for top in stack:
        ends[top[3]] = len(lines) - 1
    return [(q, start + 1, ends.get(start, start) + 1) for q, kind, start in out if kind == 'def']


def touched(gd, commit, path, ranges):
    lines = git(gd, 'show', f'{commit}:{path}').splitlines()
    ds = defs(lines)
    names = []
    for a, b in ranges:
        best = None
        for q, s0, e0 in ds:
            if s0 <= a and b <= e0 + 1 and (best is None or s0 >= best[1]):
                best = (q, s0, e0)
        if best and best[0] not in names:
            names.append(best[0])
    return names


# ---------------------------------------------------------------- pillar from the advisory text
# (pattern, pillar, specific CWE); first match wins; order puts the specific classes before the broad ones.
PILLAR_RULES = [
    (r'cross[- ]site scripting|\bxss\b', 'CWE-707', 'CWE-79'),
    (r'clickjack', 'CWE-693', 'CWE-1021'),
    (r'csrf|cross[- ]site request forgery', 'CWE-284', 'CWE-352'),
    (r'\bsql\b.*injection|sql injection', 'CWE-707', 'CWE-89'),
    (r'shell injection|command injection|code execution|code injection|template injection|arbitrary command', 'CWE-707', 'CWE-77'),
    (r'header injection|crlf', 'CWE-707', 'CWE-113'),
    (r'injection', 'CWE-707', 'CWE-74'),
    (r'\bxml\b.*(entity|bomb|expansion)|entity expansion|billion laughs', 'CWE-691', 'CWE-776'),
    (r'xxe|external entit', 'CWE-664', 'CWE-611'),
    (r'open redirect|unvalidated redirect', 'CWE-664', 'CWE-601'),
    (r'ssrf|server[- ]side request forgery', 'CWE-664', 'CWE-918'),
    (r'timing attack|timing side|constant[- ]time', 'CWE-664', 'CWE-208'),
    (r'race condition|toctou|time[- ]of[- ]check', 'CWE-691', 'CWE-362'),
    (r'symlink|symbolic link|path traversal|directory traversal|\.\./', 'CWE-664', 'CWE-22'),
    (r'(password|secret|credential|token|key)s?\b[^.]{0,80}\b(log|logs|logged|logging|plain ?text|cleartext|exposed|disclos|leak|reveal)',
     'CWE-664', 'CWE-532'),
    (r'(log|logs|logged)\b[^.]{0,80}\b(password|secret|credential)', 'CWE-664', 'CWE-532'),
    (r'certificate|\bssl\b|\btls\b|hostname verif', 'CWE-284', 'CWE-295'),
    (r'(token|session|credential)s?[^.]{0,60}(revocation|revoked|expir|still valid|remain valid|continue to)', 'CWE-664', 'CWE-613'),
    (r'(revocation|revoked|expir)[^.]{0,60}(token|session)', 'CWE-664', 'CWE-613'),
    (r'denial of service|\bdos\b|exhaust|unbounded|consume|fill(ing)? up|memory usage|crash', 'CWE-664', 'CWE-400'),
    (r'bypass|unauthori[sz]ed|privilege|escalat|without authori|not authori|access to (other|another)|other (tenant|project)s?\b'
     r'|another (tenant|project|user)|policy|admin[- ]only|spoof|impersonat|permission|role', 'CWE-284', 'CWE-863'),
    (r'information (leak|disclosure|exposure)|disclos|leak|expos|reveal|read arbitrary|access arbitrary|arbitrary file', 'CWE-664', 'CWE-200'),
    (r'(file|image|volume) (permission|mode)|world[- ]readable|insecure (temp|file)', 'CWE-664', 'CWE-732'),
]
# Reviewed by hand where the keywords mislead or say nothing (read from the advisory text).
SPECIFIC = {
    'OSSA-2011-001': 'CWE-22',   # image tarball member names escape the target dir
    'OSSA-2012-001': 'CWE-639',  # project_id taken from request params
    'OSSA-2012-006': 'CWE-384',  # session fixation
    'OSSA-2012-010': 'CWE-613',  # token chaining / disable / password change keep tokens valid
    'OSSA-2012-013': 'CWE-862',  # no authz on add-user-to-tenant
    'OSSA-2012-015': 'CWE-862',  # admin API actions without token validation
    'OSSA-2012-016': 'CWE-863',  # token for disabled tenant
    'OSSA-2012-017': 'CWE-862',  # store delete before authorization
    'OSSA-2012-018': 'CWE-863',  # EC2 credential valid after tenant membership removed
    'OSSA-2012-019': 'CWE-613',  # token validity extended by chaining
    'OSSA-2012-020': 'CWE-226',  # LVM disks not wiped before reuse
    'OSSA-2013-001': 'CWE-639',  # boot from any volume id
    'OSSA-2013-005': 'CWE-863',  # EC2 auth accepts disabled user/tenant
    'OSSA-2013-006': 'CWE-613',  # console tokens survive instance delete
    'OSSA-2013-007': 'CWE-200',  # backend credentials in response headers
    'OSSA-2013-010': 'CWE-377',  # insecure temp dir
    'OSSA-2013-011': 'CWE-613',  # tokens survive user delete
    'OSSA-2013-012': 'CWE-400',  # image virtual size not checked
    'OSSA-2013-013': 'CWE-214',  # password visible on command line
    'OSSA-2013-017': 'CWE-347',  # memcache signing/encryption not enforced
    'OSSA-2013-029': 'CWE-400',  # compressed image DoS
    'OSSA-2013-030': 'CWE-693',  # security groups not re-applied after migrate
    'OSSA-2013-032': 'CWE-863',  # trust scope circumvented via EC2 tokens
    'OSSA-2013-034': 'CWE-862',  # CFN API policy not enforced
    'OSSA-2013-036': 'CWE-79',
    'OSSA-2013-037': 'CWE-400',  # ephemeral backing files fill the disk
    'OSSA-2014-001': 'CWE-732',  # snapshot temp dir permissions
    'OSSA-2014-003': 'CWE-226',  # root disk copied into ephemeral storage
    'OSSA-2014-008': 'CWE-639',  # router ports of other tenants
    'OSSA-2014-009': 'CWE-610',  # image format re-detected, host file read
    'OSSA-2014-010': 'CWE-79',
    'OSSA-2014-011': 'CWE-862',  # EC2 security group calls without RBAC
    'OSSA-2014-016': 'CWE-200',
    'OSSA-2014-017': 'CWE-459',  # rescue VM not deleted
    'OSSA-2014-019': 'CWE-20',   # IPv6 subnet breaks SNAT rule install
    'OSSA-2014-021': 'CWE-532',  # token forwarded to the message queue
    'OSSA-2014-026': 'CWE-613',
    'OSSA-2014-027': 'CWE-79',
    'OSSA-2014-029': 'CWE-200',  # config values substituted into the catalog
    'OSSA-2014-035': 'CWE-362',  # VNC port allocation race
    'OSSA-2014-037': 'CWE-459',  # VM leaked when deleted during resize
    'OSSA-2014-038': 'CWE-400',  # ip filter regex DoS
    'OSSA-2014-039': 'CWE-1333', # hostname regex backtracking
    'OSSA-2015-002': 'CWE-73',   # filesystem:// location
    'OSSA-2015-004': 'CWE-459',  # image data left when import interrupted
    'OSSA-2015-005': 'CWE-1385', # websocket Origin not checked
    'OSSA-2015-007': 'CWE-295',  # insecure option string truthy
    'OSSA-2015-010': 'CWE-79',
    'OSSA-2015-011': 'CWE-610',  # qcow2 backing file on upload
    'OSSA-2015-015': 'CWE-404',  # copy processes survive instance delete
    'OSSA-2015-017': 'CWE-459',  # orphaned instance files
    'OSSA-2015-019': 'CWE-863',  # image status set by user
    'OSSA-2015-021': 'CWE-693',  # security group changes not applied
    'OSSA-2016-001': 'CWE-610',
    'OSSA-2016-002': 'CWE-532',
    'OSSA-2016-007': 'CWE-610',
    'OSSA-2016-010': 'CWE-79',
    'OSSA-2016-013': 'CWE-918',  # template URL fetch scans internal ports
    'OSSA-2017-003': 'CWE-79',
    'OSSA-2017-005': 'CWE-863',  # scheduler filters skipped on rebuild
    'OSSA-2017-006': 'CWE-400',  # allocations doubled
    'OSSA-2018-001': 'CWE-311',  # encryptor not attached
    'OSSA-2018-002': 'CWE-200',
    'OSSA-2019-001': 'CWE-20',   # dport on portless protocol breaks iptables
    'OSSA-2019-002': 'CWE-755',  # KeyError on overlapping rules
    'OSSA-2019-003': 'CWE-209',
    'OSSA-2020-001': 'CWE-532',
    'OSSA-2020-003': 'CWE-294',  # EC2 signature replay (no timestamp check)
    'OSSA-2020-006': 'CWE-668',  # persistent XML keeps source host devices
    'OSSA-2021-001': 'CWE-290',  # anti-spoofing bypass
    'OSSA-2021-002': 'CWE-601',
    'OSSA-2021-005': 'CWE-93',   # newline in dhcp option
    'OSSA-2021-006': 'CWE-401',
    'OSSA-2024-001': 'CWE-610',
    'OSSA-2024-002': 'CWE-610',
    'OSSA-2024-005': 'CWE-863',
    'OSSA-2025-001': 'CWE-22',
    'OSSA-2026-002': 'CWE-20',   # qemu-img without format
    'OSSA-2026-007': 'CWE-704',  # LDAP string not converted to bool
}
PMAP = json.load(open(os.path.join(EVAL, 'pillars.json')))['map']
PILLAR_OVERRIDE = {k: (PMAP.get(v, v), v) for k, v in SPECIFIC.items()}


def pillar(adv):
    if adv['id'] in PILLAR_OVERRIDE:
        return PILLAR_OVERRIDE[adv['id']]
    text = (adv['title'] + '. ' + adv['description']).lower()
    for pat, p, spec in PILLAR_RULES:
        if re.search(pat, adv['title'].lower()):
            return p, spec
    for pat, p, spec in PILLAR_RULES:
        if re.search(pat, text):
            return p, spec
    return None, None


# ---------------------------------------------------------------- main
def main():
    advs = advisories()
    k_ossa, k_bugs, k_commits = known()
    projects = sorted(d[len('openstack+'):] for d in os.listdir(ROOT)
                      if d.startswith('openstack+') and d != 'openstack+ossa')
    # keystonemiddleware's history was imported from python-keystoneclient: visit it last so the copies it carries
    # of older keystoneclient fixes are recognised as duplicates (same subject, file name and line ranges).
    projects.sort(key=lambda p: p == 'keystonemiddleware')
    idx = {p: commit_index(os.path.join(ROOT, 'openstack+' + p, 'repo')) for p in projects}
    cases, skips, seen_ids, seen_code = [], [], set(), set()

    def skip(adv, proj, why):
        skips.append((adv['id'], proj or '-', why))

    for adv in advs:
        if adv['id'] in k_ossa:
            skip(adv, None, 'advisory in dev/eco-dev'); continue
        if set(adv['bugs']) & k_bugs:
            skip(adv, None, 'bug in dev/eco-dev: ' + ','.join(sorted(set(adv['bugs']) & k_bugs))); continue
        if not adv['bugs']:
            skip(adv, None, 'no Launchpad bug number in advisory'); continue
        found_any = False
        fixes = []  # (proj, bug, sha)
        for proj in projects:
            gd = os.path.join(ROOT, 'openstack+' + proj, 'repo')
            cidx, master, bynum = idx[proj]
            for bug in adv['bugs']:
                strong, related = [], []
                for h in bynum.get(bug, ()):
                    m = mentions(cidx[h][2], bug)
                    if m is None:
                        continue
                    (strong if m == 'strong' else related).append(h)
                cands = strong or related
                if not cands:
                    continue
                found_any = True
                onmaster = [h for h in cands if h in master]
                if not onmaster:
                    skip(adv, proj, f'bug {bug}: {len(cands)} commit(s), none on the default branch'); continue
                ok = []
                for h in sorted(onmaster, key=lambda h: cidx[h][1]):
                    parents, ct, body = cidx[h]
                    if len(parents) != 1:
                        continue
                    if body.lower().startswith('revert'):
                        continue
                    files = code_files(gd, h, parents[0])
                    if files:
                        ok.append((h, files))
                if not ok:
                    skip(adv, proj, f'bug {bug}: default-branch commit(s) touch no non-test .py file'); continue
                h, files = ok[0]
                if len(ok) > 1:
                    skip(adv, proj, f'bug {bug}: kept earliest {h[:10]}, {len(ok) - 1} later default-branch '
                                    f'commit(s) also name it: ' + ','.join(x[0][:10] for x in ok[1:]))
                fixes.append((proj, bug, h, files))
        if not found_any:
            skip(adv, None, 'no commit names its bug(s) in any mirrored project (products: %s)'
                 % ','.join(adv['products']))
        if any(f[2] in k_commits for f in fixes):
            skip(adv, None, 'a fix commit is in dev/eco-dev'); continue
        seen_fix = set()
        for proj, bug, h, files in fixes:
            if (proj, h) in seen_fix:
                continue  # one commit closing two of the advisory's bugs
            seen_fix.add((proj, h))
            gd = os.path.join(ROOT, 'openstack+' + proj, 'repo')
            parent = idx[proj][0][h][0][0]
            if len(files) > MAX_FILES_PER_FIX:
                skip(adv, proj, f'{h[:10]} touches {len(files)} non-test .py files (refactor-sized)'); continue
            p, spec = pillar(adv)
            subj = idx[proj][0][h][2].splitlines()[0].strip()
            for d in declarations(gd, h, parent):
                skip(adv, proj, f'{h[:10]} {d}: declaration-only file (option/exception/fake), not a case')
            for old, new in files:
                vl = vuln_lines(gd, parent, h, old, new)
                size = sum(b - a + 1 for a, b in vl)
                if not vl:
                    continue
                if size > MAX_CHANGED_LINES:
                    skip(adv, proj, f'{h[:10]} {old}: {size} changed lines'); continue
                key = (adv['id'], subj, os.path.basename(old), json.dumps(vl))
                if key in seen_code:
                    skip(adv, proj, f'{h[:10]} {old}: same change already taken from another project (imported history)')
                    continue
                seen_code.add(key)
                stem = os.path.splitext(os.path.basename(old))[0]
                cid = f'{proj}-{h[:10]}-{stem}'
                n = 2
                while cid in seen_ids:
                    cid = f'{proj}-{h[:10]}-{stem}{n}'; n += 1
                seen_ids.add(cid)
                ft = touched(gd, parent, old, vl)
                c = dict(id=cid, repo='openstack/' + proj, fix_commit=h, vuln_commit=parent, path=old,
                         vuln_lines=vl, function=ft[0] if ft else '<module>', functions_touched=ft or ['<module>'], cwe_pillar=p, cwe_specific=spec,
                         advisory=' '.join([adv['id']] + adv['cves'] + ['LP#' + bug]),
                         description=adv['title'] + ' — ' + adv['description'],
                         fix_subject=subj, fix_date=adv['date'])
                if new != old:
                    c['fixed_path'] = new
                cases.append(c)
    if len(cases) > CAP:
        # keep the newest advisories' cases (closest to current code); note the rest
        cases.sort(key=lambda c: c['advisory'], reverse=True)
        for c in cases[CAP:]:
            skips.append((c['advisory'].split()[0], c['repo'], f'over cap: {c["id"]}'))
        cases = cases[:CAP]
        cases.sort(key=lambda c: (c['advisory'], c['id']))
    with open(OUT, 'w') as f:
        for c in cases:
            f.write(json.dumps(c) + '\n')
    with open(SKIPS, 'w') as f:
        for s in skips:
            f.write('\t'.join(s) + '\n')
    print(f'{len(advs)} advisories, {len(cases)} file-cases from '
          f'{len({c["advisory"].split()[0] for c in cases})} advisories; {len(skips)} skip notes -> {SKIPS}',
          file=sys.stderr)


if __name__ == '__main__':
    main()

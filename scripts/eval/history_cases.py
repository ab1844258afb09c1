#!/usr/bin/env python3
"""Materialise fix cases from the mirrors' own history: every non-merge commit whose message matches a class's regex.

usage: history_cases.py MIRRORS OUT GREP [ADDED_RE] [REMOVED_RE]

For each openstack+* mirror under MIRRORS, each commit whose message matches GREP (git log -i -E --grep), and each
non-test .py file it changes whose added lines match ADDED_RE and removed lines REMOVED_RE (both optional), writes
OUT/<case>/vuln/<path> (the first parent's file), OUT/<case>/fixed/<path> and OUT/<case>/case.json with the old-side
line ranges of its hunks. A commit message is a noisy label: read the cases a class gives before trusting a figure.
Sources go under OUT (keep it under /tmp); nothing here is committed.
"""
import json
import os
import re
import subprocess
import sys


def git(gitdir, *args):
    return subprocess.run(['git', '--git-dir', gitdir, *args], capture_output=True, text=True, errors='replace').stdout


def main():
    mirrors, out, grep = sys.argv[1:4]
    added_re = sys.argv[4] if len(sys.argv) > 4 else ''
    removed_re = sys.argv[5] if len(sys.argv) > 5 else ''
    os.makedirs(out, exist_ok=True)
    n = 0
    for repo in sorted(os.listdir(mirrors)):
        if not repo.startswith('openstack+') or repo == 'openstack+ossa':
            continue
        g = os.path.join(mirrors, repo, 'repo')
        for commit in git(g, 'log', '--no-merges', '--format=%H', '-i', '-E', f'--grep={grep}').split():
            files, cur = {}, None
            for line in git(g, 'show', '-U0', '--format=', commit).splitlines():
                if line.startswith('diff --git'):
                    cur = None
                elif line.startswith('--- a/'):
                    cur = line[6:]
                elif line.startswith('--- /dev/null'):
                    cur = None
                elif line.startswith('@@') and cur and cur.endswith('.py') and not re.search(r'(^|/)tests?/|test_', cur):
                    m = re.match(r'@@ -(\d+)(?:,(\d+))?', line)
                    a, k = int(m.group(1)), int(m.group(2) or 1)
                    files.setdefault(cur, {'ranges': [], 'added': '', 'removed': ''})['ranges'].append((a, max(a + k - 1, a)))
                elif cur in files:
                    if line.startswith('+'):
                        files[cur]['added'] += line[1:] + '\n'
                    elif line.startswith('-'):
                        files[cur]['removed'] += line[1:] + '\n'
            for path, info in files.items():
                if added_re and not re.search(added_re, info['added'], re.M | re.I):
                    continue
                if removed_re and not re.search(removed_re, info['removed'], re.M | re.I):
                    continue
                case = f"{repo.split('+', 1)[1]}-{commit[:10]}-{os.path.basename(path)[:-3]}"
                sides = {}
                for side, rev in (('vuln', commit + '^'), ('fixed', commit)):
                    p = subprocess.run(['git', '--git-dir', g, 'show', f'{rev}:{path}'], capture_output=True)
                    if p.returncode:
                        break
                    sides[side] = p.stdout
                if len(sides) < 2:
                    continue
                for side, data in sides.items():
                    dst = os.path.join(out, case, side, path)
                    os.makedirs(os.path.dirname(dst), exist_ok=True)
                    with open(dst, 'wb') as f:
                        f.write(data)
                with open(os.path.join(out, case, 'case.json'), 'w') as f:
                    json.dump({'id': case, 'repo': repo, 'file': path, 'ranges': info['ranges'], 'commit': commit}, f)
                n += 1
    print(f'{n} cases in {out}')


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Score a review of history_cases.py's cases: which fixes a set of rules reports on the fixed lines (±3).

usage: history_score.py CASES REPORT.json RULE[,RULE...]

REPORT.json is `pillar review CASES --format json`. A case is a hit when one of RULES reports on the vulnerable
side within 3 lines of a hunk the fix changed; OTHR when only other rules do. Prints each case, the total and the
hits per project.
"""
import collections
import json
import os
import sys


def main():
    cases, report, rules = sys.argv[1], sys.argv[2], set(sys.argv[3].split(','))
    found = collections.defaultdict(list)
    for f in json.load(open(report))['findings']:
        path = f['file'] if os.path.isabs(f['file']) else os.path.join(cases, f['file'])
        rel = os.path.relpath(path, cases).split(os.sep)
        if len(rel) > 2:
            found[(rel[0], rel[1])].append(f)
    hits, total, other = 0, 0, 0
    per, per_total = collections.Counter(), collections.Counter()
    for cid in sorted(os.listdir(cases)):
        meta = os.path.join(cases, cid, 'case.json')
        if not os.path.exists(meta):
            continue
        c = json.load(open(meta))
        project = c['repo'].split('+', 1)[1]
        total += 1
        per_total[project] += 1
        on = [f for f in found[(cid, 'vuln')]
              if any(f['range']['startLine'] <= b + 3 and f['range']['endLine'] >= a - 3 for a, b in c['ranges'])]
        mine = [f for f in on if f['ruleId'] in rules]
        if mine:
            hits += 1
            per[project] += 1
        elif on:
            other += 1
        print('HIT ' if mine else ('OTHR' if on else 'MISS'), cid, sorted({f['ruleId'] for f in on})[:3])
    print(f'{hits}/{total} fixes reported by {sorted(rules)} on their lines; {other} more by other rules only')
    print({p: f'{per[p]}/{per_total[p]}' for p in sorted(per_total)})


if __name__ == '__main__':
    main()

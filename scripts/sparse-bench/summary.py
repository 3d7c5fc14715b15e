#!/usr/bin/python3
"""Ratios from a run.sh log: /usr/bin/python3 summary.py LOG

Per round and family, the median CPU (and wall) seconds of spred4j's warm fits (runs >= 1: the CSC reused), of
glmnet's (runs >= 2: run 1 pays R's lazy loading) at each thresh, and of scikit-learn's; the ratio spred4j / peer
of the medians, and the spread over all pairs of repeats (min..max of ours_i / peer_j)."""
import re, sys, statistics as st, collections
rows = collections.defaultdict(list)
rnd = fam = None
for line in open(sys.argv[1]):
    m = re.match(r"== round (\d+) (\w+)", line)
    if m:
        rnd, fam = int(m.group(1)), m.group(2)
        continue
    m = re.match(r"spred4j \w+ run (\d+)[^:]*: wall ([\d.]+) s, cpu ([\d.]+) s", line)
    if m and int(m.group(1)) >= 1:
        rows[(rnd, fam, "spred4j")].append((float(m.group(3)), float(m.group(2))))
    m = re.match(r"glmnet \w+ thresh=(\S+) run (\d+): wall ([\d.]+) s, cpu ([\d.]+) s", line)
    if m and int(m.group(2)) >= 2:
        rows[(rnd, fam, "glmnet " + m.group(1))].append((float(m.group(4)), float(m.group(3))))
    m = re.match(r"sklearn \w+ run (\d+): wall ([\d.]+) s, cpu ([\d.]+) s", line)
    if m:
        rows[(rnd, fam, "sklearn")].append((float(m.group(3)), float(m.group(2))))
for (r, f, tool), v in sorted(rows.items()):
    if tool == "spred4j":
        continue
    ours = rows[(r, f, "spred4j")]
    if not ours:
        continue
    oc, pc = [c for c, _ in ours], [c for c, _ in v]
    ow, pw = [w for _, w in ours], [w for _, w in v]
    pairs = [a / b for a in oc for b in pc]
    print("round %d %-8s vs %-14s cpu: spred4j %.3f s, peer %.3f s, ratio %.2f (pairs %.2f..%.2f) | wall: %.3f / %.3f = %.2f"
          % (r, f, tool, st.median(oc), st.median(pc), st.median(oc) / st.median(pc), min(pairs), max(pairs),
             st.median(ow), st.median(pw), st.median(ow) / st.median(pw)))

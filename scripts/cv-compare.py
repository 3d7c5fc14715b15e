"""Compares spred4j's CV (DIR/spred_cv.csv, spred_summary.txt) with cv.glmnet's at given thresholds (DIR/glmnet_cv_TH.csv,
glmnet_summary_TH.txt), for scripts/bench-batch.sh.
    cv-compare.py line DIR TH        the bench's comparison line (the format of earlier logs)
    cv-compare.py summary DIR T0 TA TM [TARGET]
        one line per set: the ratio against glmnet at T0 (its default) with that curve's difference; the curve
        difference of glmnet at TA (accurate) against ours; the ratio against TM (the loosest thresh whose curve is
        within TARGET of ours, or "none"); same lambda_min / lambda_1se at each.
    cv-compare.py matched DIR T0 TA TR [TARGET]
        the matched-accuracy comparison against the reference curve (ours at a tight certified tol, CvMatched): where
        the reference comes from and how far glmnet at TA (accurate) is from it; (i) default vs default, ours at our
        default tol and glmnet at T0, each curve's distance from the reference; (ii) our loosest tol against glmnet's
        loosest thresh TR (or "none") that meet TARGET and the reference's lambda_min / lambda_1se, and their ratio."""
import csv
import sys


def load(d, th):
    s = open(d + "/spred_summary.txt").read().split()
    tag = open(d + "/glmnet_summary_" + th + ".txt").read().split()
    g = dict(wall=float(tag[0]), cpu=float(tag[3]), lmin=float(tag[4]), l1se=float(tag[5]), tag=tag[6])
    ours = list(csv.DictReader(open(d + "/spred_cv.csv")))
    theirs = list(csv.DictReader(open(d + "/glmnet_cv_" + tag[6] + ".csv")))
    # relative to glmnet's curve, as the earlier logs did (the line format); the summary also gives it relative to ours
    rel = max(abs(float(a["cvm"]) - float(b["cvm"])) / abs(float(b["cvm"])) for a, b in zip(ours, theirs))
    rel_ours = max(abs(float(a["cvm"]) - float(b["cvm"])) / abs(float(a["cvm"])) for a, b in zip(ours, theirs))
    if len(ours) != len(theirs):
        rel = rel_ours = float("inf")
    lam_ok = len(ours) == len(theirs) and all(abs(float(a["lambda"]) - float(b["lambda"])) <= 1e-12 * float(b["lambda"]) for a, b in zip(ours, theirs))
    same = (abs(float(s[7]) - g["lmin"]) <= 1e-12 * g["lmin"], abs(float(s[8]) - g["l1se"]) <= 1e-12 * g["l1se"])
    return s, g, rel, rel_ours, lam_ok, same


def line(d, th):
    s, g, rel, _, lam_ok, same = load(d, th)
    print(f"cv {s[0]:15s} {s[1]}x{s[2]}: spred4j wall {float(s[4]):.4f} s cpu {float(s[6]):.4f} s | cv.glmnet(thresh {g['tag']}) wall {g['wall']:.4f} s cpu {g['cpu']:.4f} s"
          f" | ratio wall {float(s[4]) / g['wall']:.3f} cpu {float(s[6]) / max(g['cpu'], 1e-9):.3f} | max rel cvm diff {rel:.2e}, same lambda {lam_ok},"
          f" lambda_min same {same[0]}, lambda_1se same {same[1]} | uncertified full-data fits {s[9]}")


def summary(d, t0, ta, tm, target):
    s, g0, _, r0, _, same0 = load(d, t0)
    _, ga, _, ra, _, samea = load(d, ta)
    cpu = float(s[6])
    out = (f"summary {s[0]} {s[1]}x{s[2]} (CPU, max rel cvm diff relative to ours): vs glmnet {t0}: ratio {cpu / max(g0['cpu'], 1e-9):.3f},"
           f" curve {r0:.2e}, lambda_min/1se same {same0[0]}/{same0[1]} | glmnet {ta} (accurate) vs ours: curve {ra:.2e},"
           f" lambda_min/1se same {samea[0]}/{samea[1]} | ")
    if tm == "none":
        out += f"no glmnet thresh searched meets the curve target {target}"
    else:
        _, gm, _, rm, _, samem = load(d, tm)
        out += (f"vs the loosest glmnet meeting the curve target {target} (thresh {tm}): ratio {cpu / max(gm['cpu'], 1e-9):.3f},"
                f" curve {rm:.2e}, lambda_min/1se same {samem[0]}/{samem[1]}")
    print(out)


def pairs(f):
    """A key=value summary line (CvMatched's files) as a dict."""
    return dict(kv.split("=", 1) for kv in open(f).read().split())


def curve(f):
    return [(float(r["lambda"]), float(r["cvm"])) for r in csv.DictReader(open(f))]


def against(c, ref, lmin, l1se, cmin, c1se):
    """Max relative cvm difference from the reference (inf when a curve is short: a glmnet fit stopped at maxit) and
    'True/False' for the same lambda_min / lambda_1se."""
    if len(c) != len(ref):
        d = float("inf")
    else:
        d = max(abs(a[1] - b[1]) / abs(b[1]) for a, b in zip(c, ref))
    same = (abs(cmin - lmin) <= 1e-12 * lmin, abs(c1se - l1se) <= 1e-12 * l1se)
    return d, f"{same[0]}/{same[1]}", d != float("inf") and same[0] and same[1]


def certs(k):
    return (f"uncertified fold fits {k['fold_uncertified']}/{k['fold_fits']}, full-data {k['full_uncertified']}/{k['full_fits']}"
            f" (negative gaps {k['negative_gaps']}, worst {k['worst_gap']}, fits seen {k['fits_seen']}/{k['fits_total']})")


def glmnet_at(d, th, ref, r):
    g = open(d + "/glmnet_summary_" + th + ".txt").read().split()
    c = curve(d + "/glmnet_cv_" + th + ".csv")
    dist, same, ok = against(c, ref, float(r["lambda_min"]), float(r["lambda_1se"]), float(g[4]), float(g[5]))
    short = f" (only {len(c)} of {len(ref)} lambda: a fit stopped at maxit)" if len(c) != len(ref) else ""
    return float(g[3]), dist, same, ok, short


def matched(d, t0, ta, tr, target):
    s = open(d + "/spred_summary.txt").read().split()
    r = pairs(d + "/reference_summary.txt")
    ref = curve(d + "/reference_cv.csv")
    lmin, l1se = float(r["lambda_min"]), float(r["lambda_1se"])
    _, da, sa, _, shorta = glmnet_at(d, ta, ref, r)
    print(f"reference {s[0]}: ours at tol {r['tol']} (every fit certified at that tol: {certs(r)}) | glmnet {ta} vs reference:"
          f" curve {da:.2e}{shorta}, lambda_min/1se same {sa} | the reference is ours: its fits carry a duality-gap"
          f" certificate, glmnet's stop on a change in the objective (and can stop at maxit)")
    k = pairs(d + "/spred_default_fits.txt")
    d0, s0, _ = against(curve(d + "/spred_cv.csv"), ref, lmin, l1se, float(s[7]), float(s[8]))
    g0, dg0, sg0, _, short0 = glmnet_at(d, t0, ref, r)
    try:  # timed in alternation with the matched tol where one was found; else the first timing (the "cv" line's)
        c0 = float(pairs(d + "/spred_default_timed.txt")["cpu"])
    except FileNotFoundError:
        c0 = float(s[6])
    out = (f"matched {s[0]} {s[1]}x{s[2]} (CPU, curves as max rel cvm diff from the reference, target {target} and the same lambda_min/1se):"
           f" (i) default vs default: ours tol {k['tol']} {c0:.4f} s, curve {d0:.2e}, lambda_min/1se same {s0},"
           f" {certs(k)}; glmnet {t0} {g0:.4f} s, curve {dg0:.2e}{short0}, same {sg0}; ratio {c0 / max(g0, 1e-9):.3f} | (ii) matched: ")
    m = pairs(d + "/spred_matched.txt")
    ours = "ours: no tol searched meets the target" if m["tol"] == "none" else \
        f"ours tol {m['tol']} {float(m['cpu']):.4f} s (min {float(m['cpu_min']):.4f}, max {float(m['cpu_max']):.4f}), curve {float(m['curve']):.2e}, {certs(m)}"
    if tr == "none":
        theirs = "glmnet: no thresh searched meets the target"
        try:
            b = open(d + "/glmnet_search_best.txt").read().split()
            if b[0] != "none":
                theirs += f" (closest: thresh {b[0]}, curve {float(b[1]):.2e}, {float(b[2]):.4f} s in its one search run)"
        except FileNotFoundError:
            pass
    else:
        gm, dgm, sgm, _, _ = glmnet_at(d, tr, ref, r)
        theirs = f"glmnet thresh {tr} {gm:.4f} s, curve {dgm:.2e}, same {sgm}"
    out += ours + "; " + theirs
    if m["tol"] != "none" and tr != "none":
        out += f"; ratio {float(m['cpu']) / max(gm, 1e-9):.3f}"
    print(out)


if sys.argv[1] == "line":
    line(sys.argv[2], sys.argv[3])
elif sys.argv[1] == "matched":
    matched(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6] if len(sys.argv) > 6 else "1e-4")
else:
    summary(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6] if len(sys.argv) > 6 else "1e-4")

"""Compares spred4j's CV (DIR/spred_cv.csv, spred_summary.txt) with cv.glmnet's at given thresholds (DIR/glmnet_cv_TH.csv,
glmnet_summary_TH.txt), for scripts/bench-batch.sh.
    cv-compare.py line DIR TH        the bench's comparison line (the format of earlier logs)
    cv-compare.py summary DIR T0 TA TM [TARGET]
        one line per set: the ratio against glmnet at T0 (its default) with that curve's difference; the curve
        difference of glmnet at TA (accurate) against ours; the ratio against TM (the loosest thresh whose curve is
        within TARGET of ours, or "none"); same lambda_min / lambda_1se at each."""
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


if sys.argv[1] == "line":
    line(sys.argv[2], sys.argv[3])
else:
    summary(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6] if len(sys.argv) > 6 else "1e-4")

# cv.glmnet on the files BatchBench wrote (X.f64, y.f64, foldid.txt, lambda.txt, meta.txt in DIR), with the same
# fold ids and lambda; times the call in-process (median of REPS after one warm-up) and writes DIR/glmnet_cv_THRESH.csv
# (lambda, cvm, cvsd) and DIR/glmnet_summary_THRESH.txt (median/min/max wall seconds, median CPU seconds, lambda.min,
# lambda.1se, thresh).
#     Rscript scripts/cv-glmnet.R DIR [REPS] [THRESH]
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
dir <- a[1]; reps <- if (length(a) > 1) as.integer(a[2]) else 3L; thresh <- if (length(a) > 2) as.numeric(a[3]) else 1e-7
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "cv-glmnet-data.R"))
run <- function() cv.glmnet(x, y, family = family, lambda = lambda, foldid = foldid, standardize = FALSE,
                            thresh = thresh, type.measure = if (family == "gaussian") "mse" else "deviance")
fit <- run()  # warm-up
t <- numeric(reps); cpu <- numeric(reps)
for (r in seq_len(reps)) {
  st <- system.time(fit <- run())
  t[r] <- st[["elapsed"]]; cpu[r] <- st[["user.self"]] + st[["sys.self"]]
}
tag <- if (length(a) > 2) a[3] else "1e-7"  # the name the caller gave, for the file names
write.csv(data.frame(lambda = fit$lambda, cvm = fit$cvm, cvsd = fit$cvsd), file.path(dir, paste0("glmnet_cv_", tag, ".csv")), row.names = FALSE)
writeLines(sprintf("%.6f %.6f %.6f %.6f %.17g %.17g %s", median(t), min(t), max(t), median(cpu), fit$lambda.min, fit$lambda.1se, tag),
           file.path(dir, paste0("glmnet_summary_", tag, ".txt")))

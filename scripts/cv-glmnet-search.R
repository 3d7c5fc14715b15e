# The loosest cv.glmnet thresh whose CV curve meets the curve target against ours: runs cv.glmnet once at each
# THRESH in the order given (loosest first, same fold ids and lambda as BatchBench wrote in DIR) and compares its
# mean loss with spred4j's certified curve (DIR/spred_cv.csv) at every lambda; stops at the first within TARGET
# relative. Prints one line a thresh (max relative cvm difference, same lambda.min / lambda.1se as ours, CPU of the
# one untimed-for-ratio run) and writes DIR/glmnet_search.txt: the thresh found, or "none".
#     Rscript scripts/cv-glmnet-search.R DIR TARGET THRESH...
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
dir <- a[1]; target <- as.numeric(a[2]); ths <- a[-(1:2)]
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "cv-glmnet-data.R"))
ours <- read.csv(file.path(dir, "spred_cv.csv"))
s <- strsplit(trimws(readLines(file.path(dir, "spred_summary.txt"))), " +")[[1]]
ours_min <- as.numeric(s[8]); ours_1se <- as.numeric(s[9])
found <- "none"
for (th in ths) {
  st <- system.time(fit <- cv.glmnet(x, y, family = family, lambda = lambda, foldid = foldid, standardize = FALSE,
                                     thresh = as.numeric(th),
                                     type.measure = if (family == "gaussian") "mse" else "deviance"))
  rel <- if (length(fit$cvm) == nrow(ours)) max(abs(fit$cvm - ours$cvm) / abs(ours$cvm)) else Inf
  same_min <- abs(fit$lambda.min - ours_min) <= 1e-12 * ours_min; same_1se <- abs(fit$lambda.1se - ours_1se) <= 1e-12 * ours_1se
  cat(sprintf("search %s: cv.glmnet(thresh %s) max rel cvm diff vs ours %.2e (target %g: %s), lambda_min same %s, lambda_1se same %s, cpu %.3f s (one run)\n",
              basename(normalizePath(dir)), th, rel, target, if (rel <= target) "met" else "not met",
              if (same_min) "True" else "False", if (same_1se) "True" else "False", st[["user.self"]] + st[["sys.self"]]))
  if (rel <= target) { found <- th; break }
}
writeLines(found, file.path(dir, "glmnet_search.txt"))

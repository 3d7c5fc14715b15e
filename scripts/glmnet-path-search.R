# glmnet's thresh search for one λ path, each fit timed once (called by io.github.spred4j.jmh.GlmnetPathSearch).
#   Rscript --vanilla glmnet-path-search.R DIR n p THRESH[,THRESH...]
# DIR holds X.f64 (row-major n*p), y.f64 and path.f64 (the decreasing λ sequence). For each thresh in order:
# one glmnet call on the whole path (gaussian, standardize=FALSE, intercept=TRUE: spred4j's objective), its
# wall (elapsed) and CPU (user + sys) seconds, then its coefficients to coef_path_<t>.f64 ((p+1) per λ:
# intercept, then β) and the line "thresh t THRESH wall W cpu C" (stdout flushed), so the caller can certify the
# answers while the next thresh runs. No warm-up: each call is a 10+ s Fortran fit; R's start-up and the data
# loading are outside the timings.
suppressPackageStartupMessages(library(glmnet))
glmnet.control(fdev = 0, devmax = 1)   # never cut a user-supplied path short
a <- commandArgs(TRUE)
dir <- a[1]; n <- as.integer(a[2]); p <- as.integer(a[3]); thresh <- as.numeric(strsplit(a[4], ",")[[1]])
rd <- function(f) { con <- file(file.path(dir, f), "rb"); on.exit(close(con)); readBin(con, "double", n = 1e9, size = 8, endian = "little") }
X <- matrix(rd("X.f64"), nrow = n, ncol = p, byrow = TRUE)
y <- rd("y.f64"); path <- rd("path.f64")
wr <- function(v, name) { con <- file(file.path(dir, name), "wb"); writeBin(as.double(v), con, size = 8, endian = "little"); close(con) }
for (t in seq_along(thresh)) {
  p0 <- proc.time()
  f <- glmnet(X, y, family = "gaussian", lambda = path, standardize = FALSE, intercept = TRUE, thresh = thresh[t], maxit = 1e7)
  p1 <- proc.time()
  wr(as.numeric(as.matrix(coef(f))), sprintf("coef_path_%d.f64", t - 1))
  cat(sprintf("thresh %d %.0e wall %.3f cpu %.3f lambdas %d npasses %d\n", t - 1, thresh[t], p1[[3]] - p0[[3]],
              p1[[1]] + p1[[2]] - p0[[1]] - p0[[2]], length(f$lambda), f$npasses))
  flush(stdout())
}

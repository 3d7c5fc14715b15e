# glmnet's own fold fits and full-data fit at THRESH (the fits cv.glmnet makes: same fold ids, lambda, options),
# written for the certificate check (GlmnetGaps): DIR/glmnet_coef_THRESH_F.f64, F = 1..K the fit without fold F's
# rows and 0 the full data, each the (p + 1) x L coefficient matrix (intercept first) column-major, float64 LE.
#     Rscript scripts/glmnet-coefs.R DIR THRESH
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
dir <- a[1]; th <- a[2]
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "cv-glmnet-data.R"))
for (f in 0:max(foldid)) {
  rows <- if (f == 0) seq_len(n) else which(foldid != f)
  g <- glmnet(x[rows, , drop = FALSE], y[rows], family = family, lambda = lambda, standardize = FALSE, thresh = as.numeric(th))
  B <- as.matrix(coef(g))
  if (ncol(B) != length(lambda)) stop(sprintf("fit %d stopped after %d of %d lambda", f, ncol(B), length(lambda)))
  writeBin(as.vector(B), file.path(dir, sprintf("glmnet_coef_%s_%d.f64", th, f)), endian = "little")
}

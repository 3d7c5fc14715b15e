# Rscript gen_r.R   (r-base-core 4.x with the Matrix package)
suppressMessages(library(Matrix))
X <- matrix(c(1.5, -2, 0, 0.25, 3, 0, -1, 2.5, 0, 0, 4, -0.5, 0.125, 1, 0, -3, 2, 1e-3), 6, 3,
            dimnames=list(NULL, c("a", "b", "c")))
y <- c(1.25, -0.5, 2, 0, 3.5, -1)
write.csv(data.frame(X, y=y), "r_write_csv.csv")                        # "" header over the row names
write.table(data.frame(X, y=y), "r_write_table.txt")                    # blank-separated, no name over row names
write.csv(data.frame(X, yb=y > 0), "r_logical.csv", row.names=FALSE)   # TRUE/FALSE
writeMM(as(Matrix(X, sparse=TRUE) != 0, "nMatrix"), "r_pattern.mtx")                         # coordinate pattern general
write.csv(data.frame(foldid=c(1L, 2L, 3L, 1L, 2L, 3L)), "r_foldid.csv", row.names=FALSE)
# glmnet's coefficients as an R user saves them (header "","s0"), and its predictions from the same fit
suppressMessages(library(glmnet))
fit <- glmnet(X, y, lambda=0.1, standardize=FALSE)
write.csv(as.matrix(coef(fit)), "r_glmnet_coef.csv")
writeLines(format(predict(fit, X)[, 1], digits=17), "r_glmnet_pred.txt")
# R object files are not read: each must be refused in one line saying so (not "gzip-compressed: decompress it")
saveRDS(X, "r_saverds.rds"); saveRDS(X, "r_saverds_raw.bin", compress=FALSE); save(X, y, file="r_save.RData")
write.csv2(data.frame(X, y=y), "r_write_csv2.csv")                      # ';' separated, decimal commas (European locales)
write.table(data.frame(X, y=y), "r_write_table_noquote.tsv", sep="\t", quote=FALSE)   # unquoted row names 1..6
con <- file("r_lambda_bom.txt", "wb"); writeBin(as.raw(c(0xef, 0xbb, 0xbf)), con); close(con)   # a UTF-8 byte-order mark,
cat(paste0(format(c(0.5, 0.25, 0.125), digits=17), "\n"), file="r_lambda_bom.txt", append=TRUE, sep="")   # as Windows editors save
# binomial responses as R users hold them: a factor or character column (glmnet models the second level, sorted)
lab <- factor(ifelse(y > 0, "M", "B"))
write.csv(data.frame(X, diagnosis=lab), "r_factor_labels.csv")                               # factor, row names
write.csv(data.frame(X, answer=ifelse(y > 0, "yes", "no")), "r_yes_no.csv", row.names=FALSE)  # character
write.csv(data.frame(X, species=c("setosa", "versicolor", "virginica")[c(1, 2, 3, 1, 2, 3)]), "r_three_labels.csv", row.names=FALSE)
fitb <- suppressWarnings(glmnet(X, lab, family="binomial", lambda=0.05, standardize=FALSE, thresh=1e-14))
write.csv(as.matrix(coef(fitb)), "r_glmnet_binomial_coef.csv")
write.csv(data.frame(diagnosis=lab), "r_factor_y.csv", row.names=FALSE)                            # the labels alone (--y)
# the labels alone in plain-text files (--y with --loss logistic): no header, R's write.table (quoted, row names), bare
writeLines(as.character(lab), "r_labels_lines.txt")
write.table(lab, "r_labels_table.txt")
write.table(lab, "r_labels_bare.txt", quote=FALSE, row.names=FALSE, col.names=FALSE)
# a factor feature and an ID column next to the numbers (--drop sex,id; predict ignores columns it does not use)
write.csv(data.frame(X, sex=factor(c("f", "m", "m", "f", "m", "f")), id=paste0("p", 1:6), y=y), "r_factor_feature.csv")

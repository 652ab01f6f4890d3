# The pipeline benchmark's TWFE model (y ~ x1 + ... + x5 | unit + year, clustered by unit) fitted again by R plm,
# independently of panelflow, and compared with panelflow's estimates:
#   Rscript deploy/bench/check-plm.R PANEL.csv OURS.csv
# OURS.csv: term,estimate,std_error as panelflow reported them. Prints one JSON line and exits 1 when an estimate
# or standard error differs by more than 1e-6 relative.
#
# Coefficients: plm's two-way within estimator is the same least-squares problem. Standard errors: plm's
# vcovHC(method = "arellano", type = "sss", cluster = "group") is the cluster-robust sandwich with the factor
# G/(G-1) * (n-1)/(n-k), k = the slopes; panelflow follows fixest, whose default (fixef.K = "nested") counts
# the fixed effects not nested in the clusters: K = k + (G + T - 1) - (G - 1) = k + T. The plm variance is
# rescaled by (n - k) / (n - K) to that convention; nothing else is adjusted.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript check-plm.R PANEL.csv OURS.csv")
suppressPackageStartupMessages(library(plm))
panel <- read.csv(args[1])
ours <- read.csv(args[2], stringsAsFactors = FALSE)
started <- proc.time()[["elapsed"]]
p <- pdata.frame(panel, index = c("unit", "year"))
fit <- plm(y ~ x1 + x2 + x3 + x4 + x5, data = p, model = "within", effect = "twoways")
v <- vcovHC(fit, method = "arellano", type = "sss", cluster = "group")
n <- nrow(panel)
k <- length(coef(fit))
T <- length(unique(panel$year))
v <- v * (n - k) / (n - (k + T))
seconds <- proc.time()[["elapsed"]] - started
b <- coef(fit)
se <- sqrt(diag(v))
m <- match(names(b), ours$term)
if (anyNA(m)) stop(paste("panelflow did not report", paste(names(b)[is.na(m)], collapse = ", ")))
rel <- function(a, b) max(abs(a - b) / pmax(abs(b), 1e-300))
d_b <- rel(ours$estimate[m], b)
d_se <- rel(ours$std_error[m], se)
ok <- d_b <= 1e-6 && d_se <= 1e-6
cat(sprintf('{"check": "plm %s", "coefficients": %d, "max_rel_diff_estimate": %.3g, "max_rel_diff_std_error": %.3g, "within_1e-6": %s, "plm_seconds": %.1f}\n',
            as.character(packageVersion("plm")), length(b), d_b, d_se, if (ok) "true" else "false", seconds))
if (!ok) quit(status = 1)

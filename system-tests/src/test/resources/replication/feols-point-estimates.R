# A minimal stand-in for fixest::feols used by ReproducibilityBundleTest where R is installed but fixest is not:
# point estimates only (OLS and 2SLS with the fixed effects as dummies), the same subset and missing-value rules,
# fixest's coefficient names (var::level for i(), fit_x for an instrumented x). It checks that replicate.R
# selects the rows and builds the variables panelflow used; standard errors are fixest's job (NA here).
setFixest_notes <- function(x) invisible(NULL)
ssc <- function(...) list(...)
DK <- function(lag) lag
i <- function(var, ref = NULL) {
  lv <- sort(unique(var[!is.na(var)])); lv <- lv[!(lv %in% ref)]
  m <- sapply(lv, function(l) as.numeric(var == l)); if (is.null(dim(m))) m <- matrix(m, ncol = 1)
  colnames(m) <- as.character(lv); m }
.pf_eval <- function(label, data) eval(parse(text = label), data)
.pf_cols <- function(labels, data) {
  out <- list()
  for (lab in labels) {
    v <- .pf_eval(lab, data)
    if (is.matrix(v)) {
      var <- sub("^i\\(([^,]+),.*$", "\\1", lab)
      for (k in seq_len(ncol(v))) out[[paste0(var, "::", colnames(v)[k])]] <- v[, k]
    } else out[[lab]] <- as.numeric(v)
  }
  out }
feols <- function(fml, data, subset = NULL, vcov = NULL, panel.id = NULL, weights = NULL, ssc = NULL, fixef.rm = NULL) {
  s <- paste(deparse(fml, width.cutoff = 500L), collapse = " ")
  parts <- trimws(strsplit(s, "|", fixed = TRUE)[[1]])
  main <- as.formula(parts[1], env = globalenv())
  ivpart <- if (length(parts) >= 2 && grepl("~", parts[length(parts)])) parts[length(parts)] else NULL
  fes <- if (length(parts) >= 2 && !grepl("~", parts[2])) trimws(strsplit(parts[2], "+", fixed = TRUE)[[1]]) else character()
  n <- nrow(data)
  keep <- rep(TRUE, n)
  if (!is.null(subset)) { if (is.logical(subset)) keep <- keep & subset else keep <- seq_len(n) %in% subset }
  y <- as.numeric(.pf_eval(deparse(main[[2]]), data))
  xl <- attr(terms(main), "term.labels")
  X <- .pf_cols(xl, data)
  E <- list(); Z <- list()
  if (!is.null(ivpart)) {
    f <- as.formula(ivpart); E <- .pf_cols(deparse(f[[2]]), data); Z <- .pf_cols(attr(terms(f), "term.labels"), data)
  }
  FE <- lapply(fes, function(f) { v <- strsplit(f, "^", fixed = TRUE)[[1]]; interaction(lapply(v, function(x) data[[x]]), drop = TRUE) })
  ok <- keep & is.finite(y)
  for (v in c(X, E, Z)) ok <- ok & is.finite(v)
  for (f in FE) ok <- ok & !is.na(f)
  rows <- which(ok)
  D <- if (length(FE)) do.call(cbind, lapply(FE, function(f) model.matrix(~ factor(f[rows]) - 1))) else matrix(1, length(rows), 1)
  Xm <- if (length(X)) do.call(cbind, lapply(X, function(v) v[rows])) else NULL
  if (length(E)) {
    Em <- do.call(cbind, lapply(E, function(v) v[rows])); Zm <- do.call(cbind, lapply(Z, function(v) v[rows]))
    first <- cbind(Xm, Zm, D)
    Eh <- Em - qr.resid(qr(first), Em)
    colnames(Eh) <- paste0("fit_", names(E))
    Xm <- cbind(Eh, Xm)
  }
  full <- cbind(Xm, D)
  b <- qr.coef(qr(full), y[rows])[seq_len(ncol(Xm))]
  names(b) <- c(if (length(E)) paste0("fit_", names(E)), names(X))
  structure(list(coefficients = b, obs = rows), class = "mockfixest") }
coeftable <- function(m) { ct <- cbind(m$coefficients, NA_real_); rownames(ct) <- names(m$coefficients); ct }
obs <- function(m) m$obs

# Reference results for the assignment audit in src/assign/ (tests/assign/reference.test.ts).
#
# Re-run from the repository root with:
#   Rscript tests/reference/assign.R
# It writes tests/reference/assign.json: R's results at 17 significant digits, and the
# microdata it generated (set.seed) for the balance checks. The tests read only the JSON, so
# they never need R. Needs: stats (chisq.test, t.test, oneway.test), estimatr (lm_robust, HC2).
suppressPackageStartupMessages(library(estimatr))

# ---- a JSON writer at 17 significant digits (jsonlite stops at 15) -----------------------------
num <- function(x) {
  ifelse(is.na(x), "null", ifelse(is.infinite(x), ifelse(x > 0, "\"Infinity\"", "\"-Infinity\""),
    sprintf("%.17g", x)))
}
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    nm <- names(x)
    body <- vapply(x, to_json, "")
    if (is.null(nm)) return(paste0("[", paste(body, collapse = ","), "]"))
    return(paste0("{", paste0("\"", nm, "\":", body, collapse = ","), "}"))
  }
  if (is.character(x) || is.factor(x)) {
    s <- ifelse(is.na(x), "null", paste0("\"", as.character(x), "\""))
    return(if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s)
  }
  if (is.logical(x)) x <- as.numeric(x)
  s <- num(unname(as.numeric(x)))
  if (inherits(x, "AsIs") || length(x) != 1) paste0("[", paste(s, collapse = ","), "]") else s
}
vec <- function(x) I(unname(as.numeric(x)))
chr <- function(x) I(as.character(x))

gof <- function(x, p) {
  t <- chisq.test(x, p = p)
  list(counts = vec(x), weights = vec(p), statistic = unname(t$statistic),
       df = unname(t$parameter), pValue = t$p.value)
}
indep <- function(m) {
  t <- suppressWarnings(chisq.test(m, correct = FALSE))
  list(statistic = unname(t$statistic), df = unname(t$parameter), pValue = t$p.value)
}

# ---- sample-ratio checks -------------------------------------------------------------------------
srm <- list(
  denHaag = gof(c(9788, 2403), c(0.8, 0.2)),
  study2012 = gof(c(4617, 4620), c(0.5, 0.5)),
  threeArms = gof(c(9690, 1270, 1231), c(0.8, 0.1, 0.1)),
  skewed = gof(c(820, 180), c(0.8, 0.2)),
  wayOff = gof(c(700, 300), c(0.8, 0.2))
)

# ---- Table 5.1 (2012-2013 study): basic, intensive ------------------------------------------------
t51 <- list(
  gender = rbind(man = c(2841, 2709), woman = c(1774, 1910), unknown = c(2, 1)),
  age = rbind("<35" = c(1612, 1647), "35-45" = c(1194, 1195), "45+" = c(1809, 1777)),
  household = rbind(single = c(1612, 1544), single_child = c(168, 184), cohabiting = c(2830, 2888)),
  office = rbind("1" = c(1308, 1321), "2" = c(609, 649), "3" = c(448, 498), "4" = c(571, 566),
                 "5" = c(1114, 1034), "6" = c(567, 552))
)
table51 <- lapply(t51, indep)

# ---- microdata balance: two arms and three arms ---------------------------------------------------
set.seed(20240603)
make <- function(n, arms, p) {
  arm <- sample(arms, n, replace = TRUE, prob = p)
  gender <- sample(c("man", "woman", "unknown"), n, replace = TRUE, prob = c(0.55, 0.43, 0.02))
  gender[arm == arms[2]] <- sample(c("man", "woman", "unknown"), sum(arm == arms[2]),
                                   replace = TRUE, prob = c(0.45, 0.53, 0.02))
  age <- round(rnorm(n, 42 + 2 * (arm == arms[2]), 10), 1)
  age[sample(n, 7)] <- NA
  office <- sample(1:4, n, replace = TRUE)
  hours <- round(runif(n, 12, 40))
  data.frame(arm, gender, age, office, hours, stringsAsFactors = FALSE)
}
smd <- function(x, g, ref, other) {
  a <- x[g == ref & !is.na(x)]; b <- x[g == other & !is.na(x)]
  (mean(b) - mean(a)) / sqrt((var(a) + var(b)) / 2)
}
omnibus <- function(d, ref, other) {
  s <- d[d$arm %in% c(ref, other), ]
  s$y <- as.numeric(s$arm == other)
  fit <- lm_robust(y ~ gender + age + factor(office) + hours, data = s, se_type = "HC2")
  b <- coef(fit)[-1]; V <- vcov(fit)[-1, -1]
  W <- drop(t(b) %*% solve(V, b)); q <- length(b)
  list(arm = other, n = fit$nobs, chiSquare = W, statistic = W / q, df = vec(c(q, fit$df.residual[1])),
       pValue = pf(W / q, q, fit$df.residual[1], lower.tail = FALSE))
}
balance_ref <- function(d, arms) {
  others <- arms[-1]
  gender_tab <- table(factor(d$gender), factor(d$arm, levels = arms))
  office_tab <- table(factor(d$office), factor(d$arm, levels = arms))
  numeric_test <- function(x) {
    if (length(arms) == 2) {
      t <- t.test(x[d$arm == arms[2]], x[d$arm == arms[1]], var.equal = FALSE)
      list(statistic = unname(t$statistic), df = vec(t$parameter), pValue = t$p.value)
    } else {
      t <- oneway.test(x ~ d$arm, var.equal = FALSE)
      list(statistic = unname(t$statistic), df = vec(t$parameter), pValue = t$p.value)
    }
  }
  om <- lapply(others, function(o) omnibus(d, arms[1], o))
  holm <- p.adjust(sapply(om, function(o) o$pValue), "holm")
  for (i in seq_along(om)) om[[i]]$adjustedPValue <- holm[i]
  smds <- function(x) {
    out <- lapply(others, function(o) smd(x, d$arm, arms[1], o)); names(out) <- others; out
  }
  list(
    data = list(arm = chr(d$arm), gender = chr(d$gender), age = vec(d$age), office = vec(d$office),
                hours = vec(d$hours)),
    arms = chr(arms),
    gender = indep(gender_tab),
    office = indep(office_tab),
    age = numeric_test(d$age),
    hours = numeric_test(d$hours),
    smd = list(
      age = smds(d$age), hours = smds(d$hours),
      gender_woman = smds(as.numeric(d$gender == "woman")),
      office_3 = smds(as.numeric(d$office == 3))
    ),
    omnibus = om
  )
}
two <- balance_ref(make(300, c("control", "experiment"), c(0.3, 0.7)), c("control", "experiment"))
three <- balance_ref(make(360, c("service", "enforcement", "none"), c(0.6, 0.2, 0.2)),
                     c("service", "enforcement", "none"))

out <- list(srm = srm, table51 = table51, balanceTwoArms = two, balanceThreeArms = three)
writeLines(to_json(out), "tests/reference/assign.json")
cat("wrote tests/reference/assign.json\n")

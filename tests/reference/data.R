# Reference model matrices for tests/data/model-matrix.test.ts, from R's model.matrix with
# treatment contrasts and na.omit (listwise deletion), in the C collation order that
# src/data/model-matrix.ts documents. Run: Rscript tests/reference/data.R
invisible(Sys.setlocale("LC_COLLATE", "C"))
options(contrasts = c("contr.treatment", "contr.poly"))

d <- data.frame(
  arm = c("experiment", "control", "control", "experiment", "control", "experiment", "control", "experiment"),
  age = c(34, 51, NA, 45, 39, 28, 60, 33),
  gender = c("woman", "man", "woman", NA, "woman", "man", "x", "woman"),
  region = c("Noord", "oost", "West", "Noord", "West", "oost", "Noord", "West"),
  decile = c(3, 1, 2, 10, 1, 3, 2, 10),
  stringsAsFactors = FALSE
)

case <- function(formula, data) {
  mf <- model.frame(formula, data, na.action = na.omit)
  mm <- model.matrix(formula, mf)
  list(
    formula = paste(deparse(formula), collapse = ""),
    names = colnames(mm),
    rows = as.integer(rownames(mm)) - 1L,
    matrix = unname(lapply(seq_len(nrow(mm)), function(i) unname(mm[i, ])))
  )
}

dg <- d
dg$gender <- relevel(factor(dg$gender), ref = "woman")
dd <- d
dd$decile <- factor(dd$decile)

out <- list(
  data = d,
  cases = list(
    default = case(~ arm + age + gender, d),
    region = case(~ region + age, d),
    reference = case(~ arm + gender, dg),
    noIntercept = case(~ 0 + age + gender + arm, d),
    decile = case(~ decile, dd)
  )
)
path <- file.path(dirname(sub("--file=", "", grep("--file=", commandArgs(FALSE), value = TRUE))), "data.json")
jsonlite::write_json(out, path, auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null")
cat("wrote", path, "\n")

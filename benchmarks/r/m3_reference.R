# Runs R forecast's ets(), auto.arima() and thetaf() on long-format series (item_id,timestamp,target), holding out
# the last h points of every series (M3 quarterly: the official test split).
# Usage: Rscript m3_reference.R <file.csv> <out-dir> [h=8] [m=4]   (m = frequency(x), also the MASE period)
# Writes <out-dir>/r_forecasts.csv (item_id, method, step, forecast) and prints one summary line per method:
#   method sMAPE MASE seconds
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
data_file <- args[1]; out_dir <- args[2]; h <- if (length(args) >= 3) as.integer(args[3]) else 8L
m <- if (length(args) >= 4) as.integer(args[4]) else 4L
d <- read.csv(data_file, stringsAsFactors = FALSE)
ids <- unique(d$item_id)
smape <- function(y, f) mean(200 * abs(y - f) / (abs(y) + abs(f)))
mase <- function(x, y, f, m) mean(abs(y - f)) / mean(abs(diff(x, lag = m)))
methods <- list(
  ETS = function(x) forecast(ets(x), h = h)$mean,
  ARIMA = function(x) forecast(auto.arima(x), h = h)$mean,
  THETA = function(x) thetaf(x, h = h)$mean)
rows <- list(); summary <- data.frame()
for (name in names(methods)) {
  s <- numeric(0); ms <- numeric(0); fc <- vector("list", length(ids))
  t0 <- proc.time()[["elapsed"]]
  for (i in seq_along(ids)) {
    y <- d$target[d$item_id == ids[i]]
    n <- length(y)
    x <- ts(y[1:(n - h)], frequency = m)
    fc[[i]] <- as.numeric(methods[[name]](x))
  }
  secs <- proc.time()[["elapsed"]] - t0
  for (i in seq_along(ids)) {
    y <- d$target[d$item_id == ids[i]]; n <- length(y)
    x <- y[1:(n - h)]; a <- y[(n - h + 1):n]
    s <- c(s, smape(a, fc[[i]])); ms <- c(ms, mase(x, a, fc[[i]], m))
    rows[[length(rows) + 1]] <- data.frame(item_id = ids[i], method = name, step = 1:h, forecast = fc[[i]])
  }
  summary <- rbind(summary, data.frame(method = name, sMAPE = mean(s), MASE = mean(ms), seconds = secs))
}
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
write.csv(do.call(rbind, rows), file.path(out_dir, "r_forecasts.csv"), row.names = FALSE)
write.csv(summary, file.path(out_dir, "r_summary.csv"), row.names = FALSE)
print(summary, row.names = FALSE)

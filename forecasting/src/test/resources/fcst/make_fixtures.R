# Reference values for the forecasting tests, made with R 4.2.2 and forecast 8.20 (Debian r-cran-forecast):
#   cd forecasting/src/test/resources/fcst && Rscript make_fixtures.R
# For every series of m3_sample.csv (quarterly, last 8 points held out) and air_passengers.csv (monthly, last 12 held
# out): the ets() model chosen by AICc, its point forecasts, auto.arima()'s model and forecasts, and thetaf() forecasts.
suppressPackageStartupMessages(library(forecast))
out <- data.frame()
run <- function(file, freq, h) {
  d <- read.csv(file, stringsAsFactors = FALSE)
  for (id in unique(d$item_id)) {
    y <- d$target[d$item_id == id]
    x <- ts(y[1:(length(y) - h)], frequency = freq)
    e <- ets(x)
    fe <- forecast(e, h = h, level = 80)
    th <- thetaf(x, h = h, level = 80)
    ar <- auto.arima(x)
    fa <- forecast(ar, h = h, level = 80)
    out <<- rbind(out, data.frame(item_id = id, method = "ETS", model = e$method, aicc = e$aicc, step = 1:h,
                                  mean = as.numeric(fe$mean), lo80 = as.numeric(fe$lower), hi80 = as.numeric(fe$upper)))
    out <<- rbind(out, data.frame(item_id = id, method = "ARIMA", model = as.character(ar), aicc = ar$aicc,
                                  step = 1:h, mean = as.numeric(fa$mean), lo80 = as.numeric(fa$lower),
                                  hi80 = as.numeric(fa$upper)))
    out <<- rbind(out, data.frame(item_id = id, method = "THETA", model = "theta", aicc = NA, step = 1:h,
                                  mean = as.numeric(th$mean), lo80 = as.numeric(th$lower), hi80 = as.numeric(th$upper)))
  }
}
run("m3_sample.csv", 4, 8)
run("air_passengers.csv", 12, 12)
write.csv(out, "r_reference.csv", row.names = FALSE)

#include "model/scenario/weather.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "model/thermal/psychro.h"

namespace dctwin::model::scenario {

namespace {

constexpr int kDays = 365;

void require_same_length(const WeatherSeries& s) {
  const std::size_t n = s.dry_bulb_c.size();
  if (s.rh.size() != n || s.pressure_pa.size() != n ||
      (!s.wet_bulb_c.empty() && s.wet_bulb_c.size() != n))
    throw std::invalid_argument("weather series '" + s.name +
                                "': dry-bulb, wet-bulb, rh and pressure must have one value per "
                                "hour each (" +
                                std::to_string(n) + " dry-bulb values)");
}

// splitmix64 (Steele, Lea and Flood 2014): tiny, fast, and the same numbers on every platform.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in (0, 1), never 0 (log below).
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  // Standard normal by Box-Muller (one of the pair; simple beats fast here).
  double normal() {
    const double u1 = uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

 private:
  std::uint64_t state_;
};

// Periodic cubic Hermite (Catmull-Rom tangents) through one value per month placed mid-month;
// t in days from 1 January 00:00.
double seasonal(const std::array<double, 12>& c, double t) {
  std::array<double, 12> x{};
  for (int m = 0; m < 12; ++m) x[m] = 0.5 * (kMonthStartDay[m] + kMonthStartDay[m + 1]);
  auto pos = [&](int i) {  // position of control point i, i may run outside 0..11
    const int k = ((i % 12) + 12) % 12;
    return x[k] + kDays * static_cast<double>((i - k) / 12);
  };
  auto val = [&](int i) { return c[((i % 12) + 12) % 12]; };
  // Segment [pos(i), pos(i+1)] holding t.
  int i = -1;
  while (pos(i + 1) <= t) ++i;
  const double h = pos(i + 1) - pos(i);
  const double s = (t - pos(i)) / h;
  const double m0 = (val(i + 1) - val(i - 1)) / (pos(i + 1) - pos(i - 1)) * h;
  const double m1 = (val(i + 2) - val(i)) / (pos(i + 2) - pos(i)) * h;
  const double s2 = s * s, s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * val(i) + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * val(i + 1) +
         (s3 - s2) * m1;
}

int month_of_day(int d) {
  int m = 0;
  while (d >= kMonthStartDay[m + 1]) ++m;
  return m;
}

// Dew point whose saturation pressure is rh times that of t (bisection; used for a first guess).
double dew_point_c(double t_c, double rh) {
  const double target = rh * thermal::saturation_pressure_pa(t_c);
  double lo = t_c - 80.0, hi = t_c;
  for (int k = 0; k < 60; ++k) {
    const double mid = 0.5 * (lo + hi);
    (thermal::saturation_pressure_pa(mid) > target ? hi : lo) = mid;
  }
  return 0.5 * (lo + hi);
}

struct Noise {
  std::vector<double> temp, range, dew;  // per day, standard normal (temp: AR(1))
};

Noise make_noise(std::uint64_t seed) {
  SplitMix64 rng(seed);
  Noise n;
  n.temp.resize(kDays);
  n.range.resize(kDays);
  n.dew.resize(kDays);
  constexpr double kPhi = 0.7;  // lag-1 correlation of daily mean temperature departures
  const double innovation = std::sqrt(1.0 - kPhi * kPhi);
  double a = 0.0;
  for (int d = 0; d < kDays; ++d) {
    const double e = rng.normal(), u = rng.normal(), v = rng.normal();
    a = d == 0 ? e : kPhi * a + innovation * e;
    n.temp[d] = a;
    n.range[d] = u;
    n.dew[d] = v;
  }
  return n;
}

struct Controls {
  std::array<double, 12> mean{}, range{}, dew{};
};

struct Monthly {
  std::array<double, 12> mean{}, range{}, rh{};
};

// Builds dry-bulb and rh for given control points; returns the monthly statistics.
Monthly generate(const MonthlyNormals& nm, const Noise& noise, const Controls& c,
                 std::vector<double>& t, std::vector<double>& rh) {
  std::vector<double> tmin(kDays), tmax(kDays), td(kDays);
  for (int d = 0; d < kDays; ++d) {
    const double tc = d + 0.5;
    const double sd = std::max(0.0, seasonal(nm.day_sd_k, tc));
    const double dep = sd * noise.temp[d];
    const double mean = seasonal(c.mean, tc) + dep;
    // Warmer-than-normal days are clearer: a wider range; +-20 % per sd, clipped.
    const double f =
        std::clamp(1.0 + 0.2 * (0.5 * noise.temp[d] + std::sqrt(0.75) * noise.range[d]), 0.5, 1.5);
    const double range = std::max(0.0, seasonal(c.range, tc)) * f;
    tmin[d] = mean - 0.5 * range;
    tmax[d] = mean + 0.5 * range;
    td[d] = seasonal(c.dew, tc) + 0.5 * dep + 0.5 * sd * noise.dew[d];
  }
  t.assign(kHoursPerYear, 0.0);
  rh.assign(kHoursPerYear, 0.0);
  constexpr double kMinHour = 6.0, kMaxHour = 15.0, kFall = 24.0 - kMaxHour + kMinHour;
  const double pi = std::numbers::pi;
  for (int d = 0; d < kDays; ++d) {
    for (int h = 0; h < 24; ++h) {
      double v;
      if (h < kMinHour) {  // falling from yesterday's maximum to today's minimum
        const double hi = tmax[d > 0 ? d - 1 : d];
        v = tmin[d] + (hi - tmin[d]) * 0.5 * (1.0 + std::cos(pi * (h + 24.0 - kMaxHour) / kFall));
      } else if (h <= kMaxHour) {  // rising
        v = tmin[d] + (tmax[d] - tmin[d]) * 0.5 *
                          (1.0 - std::cos(pi * (h - kMinHour) / (kMaxHour - kMinHour)));
      } else {  // falling towards tomorrow's minimum
        const double lo = tmin[d + 1 < kDays ? d + 1 : d];
        v = lo + (tmax[d] - lo) * 0.5 * (1.0 + std::cos(pi * (h - kMaxHour) / kFall));
      }
      const std::size_t i = static_cast<std::size_t>(d) * 24 + static_cast<std::size_t>(h);
      t[i] = v;
      // Dew point: linear between day centres (12:00), never above the dry-bulb.
      const double x = h - 12.0;
      const int d2 = x < 0 ? std::max(d - 1, 0) : std::min(d + 1, kDays - 1);
      const double w = std::abs(x) / 24.0;
      const double dew = std::min(v, (1.0 - w) * td[d] + w * td[d2]);
      rh[i] = std::clamp(thermal::saturation_pressure_pa(dew) / thermal::saturation_pressure_pa(v),
                         0.0, 1.0);
    }
  }
  Monthly out;
  std::array<int, 12> days{};
  for (int d = 0; d < kDays; ++d) {
    const int m = month_of_day(d);
    double lo = t[static_cast<std::size_t>(d) * 24], hi = lo;
    for (int h = 0; h < 24; ++h) {
      const std::size_t i = static_cast<std::size_t>(d) * 24 + static_cast<std::size_t>(h);
      out.mean[m] += t[i];
      out.rh[m] += rh[i];
      lo = std::min(lo, t[i]);
      hi = std::max(hi, t[i]);
    }
    out.range[m] += hi - lo;
    ++days[m];
  }
  for (int m = 0; m < 12; ++m) {
    out.mean[m] /= 24.0 * days[m];
    out.rh[m] /= 24.0 * days[m];
    out.range[m] /= days[m];
  }
  return out;
}

void check_normals(const MonthlyNormals& n) {
  auto bad = [&](const std::string& what) {
    throw std::invalid_argument("climate '" + n.name + "': " + what);
  };
  if (!std::isfinite(n.latitude_deg) || !std::isfinite(n.longitude_deg) ||
      !std::isfinite(n.elevation_m) || n.elevation_m < -500 || n.elevation_m > 6000)
    bad("latitude, longitude and elevation must be finite (elevation -500 to 6,000 m)");
  for (int m = 0; m < 12; ++m) {
    const std::string mo = " of month " + std::to_string(m + 1);
    if (!std::isfinite(n.mean_dry_bulb_c[m]) || n.mean_dry_bulb_c[m] < -60 ||
        n.mean_dry_bulb_c[m] > 50)
      bad("mean dry-bulb" + mo + " must be between -60 and 50 C");
    if (!std::isfinite(n.daily_range_k[m]) || n.daily_range_k[m] <= 0 || n.daily_range_k[m] > 40)
      bad("daily range" + mo + " must be above 0 and at most 40 K");
    if (!std::isfinite(n.mean_rh[m]) || n.mean_rh[m] <= 0 || n.mean_rh[m] > 1)
      bad("mean relative humidity" + mo + " must be in (0, 1] (a fraction, not percent)");
    if (!std::isfinite(n.day_sd_k[m]) || n.day_sd_k[m] < 0 || n.day_sd_k[m] > 15)
      bad("day-to-day standard deviation" + mo + " must be between 0 and 15 K");
  }
}

}  // namespace

void compute_wet_bulb(WeatherSeries& s) {
  require_same_length(s);
  s.wet_bulb_c.resize(s.dry_bulb_c.size());
  for (std::size_t i = 0; i < s.dry_bulb_c.size(); ++i)
    s.wet_bulb_c[i] = thermal::wet_bulb_c(s.dry_bulb_c[i], s.rh[i], s.pressure_pa[i]);
}

void check_series(const WeatherSeries& s) {
  require_same_length(s);
  if (s.hours() != kHoursPerYear || s.wet_bulb_c.size() != kHoursPerYear)
    throw std::invalid_argument("weather series '" + s.name + "': needs " +
                                std::to_string(kHoursPerYear) + " hourly values, has " +
                                std::to_string(s.hours()));
  for (std::size_t i = 0; i < s.hours(); ++i) {
    const auto at = [&](const std::string& what) {
      throw std::invalid_argument("weather series '" + s.name + "', hour " + std::to_string(i) +
                                  ": " + what);
    };
    if (!std::isfinite(s.dry_bulb_c[i]) || !std::isfinite(s.wet_bulb_c[i]) ||
        !std::isfinite(s.rh[i]) || !std::isfinite(s.pressure_pa[i]))
      at("non-finite value");
    if (s.rh[i] < 0 || s.rh[i] > 1) at("relative humidity outside 0..1");
    if (s.pressure_pa[i] <= 0) at("pressure not positive");
    if (s.wet_bulb_c[i] > s.dry_bulb_c[i] + 1e-6) at("wet-bulb above dry-bulb");
  }
}

double value_exceeded(const std::vector<double>& values, std::size_t hours_exceeded) {
  if (values.empty() || hours_exceeded >= values.size())
    throw std::invalid_argument("value_exceeded: needs more values than hours exceeded");
  std::vector<double> v = values;
  const auto k = v.begin() + static_cast<std::ptrdiff_t>(v.size() - 1 - hours_exceeded);
  std::nth_element(v.begin(), k, v.end());
  return *k;
}

WeatherStats weather_stats(const WeatherSeries& s) {
  require_same_length(s);
  if (s.hours() == 0) throw std::invalid_argument("weather series '" + s.name + "' is empty");
  WeatherStats st;
  st.hours = s.hours();
  const auto [lo, hi] = std::minmax_element(s.dry_bulb_c.begin(), s.dry_bulb_c.end());
  st.min_dry_bulb_c = *lo;
  st.max_dry_bulb_c = *hi;
  double sum_t = 0, sum_rh = 0, sum_p = 0;
  for (std::size_t i = 0; i < s.hours(); ++i) {
    sum_t += s.dry_bulb_c[i];
    sum_rh += s.rh[i];
    sum_p += s.pressure_pa[i];
  }
  const double n = static_cast<double>(s.hours());
  st.mean_dry_bulb_c = sum_t / n;
  st.mean_rh = sum_rh / n;
  st.mean_pressure_pa = sum_p / n;
  // 0.4 % of the hours, rounded down: 35 of 8,760.
  const auto k = static_cast<std::size_t>(0.004 * n + 1e-9);
  st.design_dry_bulb_0_4_c = value_exceeded(s.dry_bulb_c, k);
  if (s.wet_bulb_c.size() == s.hours()) {
    st.design_wet_bulb_0_4_c = value_exceeded(s.wet_bulb_c, k);
    st.max_wet_bulb_c = *std::max_element(s.wet_bulb_c.begin(), s.wet_bulb_c.end());
  } else {
    WeatherSeries copy = s;
    compute_wet_bulb(copy);
    st.design_wet_bulb_0_4_c = value_exceeded(copy.wet_bulb_c, k);
    st.max_wet_bulb_c = *std::max_element(copy.wet_bulb_c.begin(), copy.wet_bulb_c.end());
  }
  return st;
}

std::size_t hours_above(const WeatherSeries& s, double threshold_c) {
  return static_cast<std::size_t>(std::count_if(s.dry_bulb_c.begin(), s.dry_bulb_c.end(),
                                                [&](double t) { return t > threshold_c; }));
}

WeatherSeries synthetic_year(const MonthlyNormals& nm) {
  check_normals(nm);
  const Noise noise = make_noise(nm.seed);
  Controls c;
  c.mean = nm.mean_dry_bulb_c;
  c.range = nm.daily_range_k;
  for (int m = 0; m < 12; ++m) c.dew[m] = dew_point_c(nm.mean_dry_bulb_c[m], nm.mean_rh[m]);
  std::vector<double> t, rh;
  // Fixed-point correction of the control points: each month's error is added back to its own
  // point (the spline is close to the identity on monthly means, so this converges in a few
  // dozen passes). Dew point by Newton on d(rh)/d(dew point) = rh * d ln(p_ws)/dT, damped
  // because the cap at saturation flattens the response in humid months.
  for (int iter = 0; iter < 200; ++iter) {
    const Monthly got = generate(nm, noise, c, t, rh);
    double worst_t = 0, worst_r = 0, worst_h = 0;
    for (int m = 0; m < 12; ++m) {
      const double et = nm.mean_dry_bulb_c[m] - got.mean[m];
      const double er = nm.daily_range_k[m] - got.range[m];
      const double eh = nm.mean_rh[m] - got.rh[m];
      worst_t = std::max(worst_t, std::abs(et));
      worst_r = std::max(worst_r, std::abs(er) / nm.daily_range_k[m]);
      worst_h = std::max(worst_h, std::abs(eh));
      c.mean[m] += et;
      c.range[m] = std::max(0.0, c.range[m] + er);
      const double slope = std::max(got.rh[m], 0.02) * 0.06;
      c.dew[m] += std::clamp(0.7 * eh / slope, -5.0, 5.0);
    }
    if (worst_t < 1e-3 && worst_r < 1e-3 && worst_h < 2e-4) break;
  }
  generate(nm, noise, c, t, rh);

  WeatherSeries s;
  s.name = nm.name;
  s.source =
      "synthetic year from monthly normals (" + nm.source + "), seed " + std::to_string(nm.seed);
  s.latitude_deg = nm.latitude_deg;
  s.longitude_deg = nm.longitude_deg;
  s.elevation_m = nm.elevation_m;
  s.dry_bulb_c = std::move(t);
  s.rh = std::move(rh);
  s.pressure_pa.assign(kHoursPerYear, thermal::pressure_at_elevation_pa(nm.elevation_m));
  compute_wet_bulb(s);
  return s;
}

}  // namespace dctwin::model::scenario

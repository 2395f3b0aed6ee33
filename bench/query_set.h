// The fixed benchmark query set (bench/data/queries.tsv: kind, query, search
// flags) and latency percentiles, shared by query_bench and doclevel_probe.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "scrutiny/query.h"

namespace bench {

struct BenchQuery {
  std::string kind, text, flags;
};

inline std::vector<BenchQuery> load_queries(const std::string& path) {
  std::vector<BenchQuery> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    BenchQuery q;
    std::istringstream fields(line);
    std::getline(fields, q.kind, '\t');
    std::getline(fields, q.text, '\t');
    std::getline(fields, q.flags);
    out.push_back(q);
  }
  return out;
}

// The search flags of the query file ("--year 2021 --theme finance") as Filters.
inline scrutiny::Filters parse_flags(const std::string& flags) {
  scrutiny::Filters f;
  std::istringstream in(flags);
  std::string flag, value;
  while (in >> flag >> value) {
    if (flag == "--year") f.year_from = f.year_to = std::atoi(value.c_str());
    else if (flag == "--theme") f.themes.push_back(value);
    else if (flag == "--type") f.type = value;
    else if (flag == "--body") f.body = value;
    else if (flag == "--from") f.from = value;
    else if (flag == "--to") f.to = value;
    else if (flag == "--polarity") f.polarity = value;
  }
  return f;
}

inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

// kind  n  p50  p95  p99  max  mean, in milliseconds.
inline void report(const std::map<std::string, std::vector<double>>& times) {
  std::printf("kind\tn\tp50_ms\tp95_ms\tp99_ms\tmax_ms\tmean_ms\n");
  for (const auto& [kind, v] : times) {
    double sum = 0;
    for (double t : v) sum += t;
    std::printf("%s\t%zu\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\n", kind.c_str(), v.size(), percentile(v, 0.50),
                percentile(v, 0.95), percentile(v, 0.99), percentile(v, 1.0), sum / static_cast<double>(v.size()));
  }
}

}  // namespace bench

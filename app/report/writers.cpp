// The table writers: JSON (one document), CSV (one file per table), XLSX (one sheet per table).
// Each iterates ReportContent::tables the same way; the PDF writer is in pdf.cpp.
#include <xlsxwriter.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/report/report.h"

namespace dctwin::app::report {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json cell_json(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Empty:
      return nullptr;
    case Cell::Kind::Integer:
      return c.integer;
    case Cell::Kind::Text:
      return c.text;
    case Cell::Kind::Number:
      return std::isfinite(c.number) ? json(c.number) : json(nullptr);
  }
  return nullptr;
}

// Shortest text that reads back to the same double.
std::string exact(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// RFC 4180: quote fields holding a comma, a quote or a line break; double the quotes.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char ch : s) {
    if (ch == '"') o += '"';
    o += ch;
  }
  return o + "\"";
}

std::string csv_cell(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::Empty:
      return {};
    case Cell::Kind::Integer:
      return std::to_string(c.integer);
    case Cell::Kind::Text:
      return csv_field(c.text);
    case Cell::Kind::Number:
      return std::isfinite(c.number) ? exact(c.number) : std::string();
  }
  return {};
}

}  // namespace

void write_json(const ReportContent& c, const std::string& path) {
  json j;
  j["schema"] = c.schema;
  j["title"] = c.title;
  j["site"] = c.site_name;
  j["project_file"] = c.project_file;
  j["scenario"] = c.scenario;
  j["scenario_description"] = c.scenario_description;
  j["created_utc"] = c.created_utc;
  j["dctwin_version"] = c.dctwin_version;
  json head = json::array();
  for (const auto& f : c.headline)
    head.push_back({{"key", f.key},
                    {"label", f.label},
                    {"unit", f.unit},
                    {"value", f.value && std::isfinite(*f.value) ? json(*f.value) : json(nullptr)},
                    {"text", f.text}});
  j["headline"] = head;
  json tables = json::array();
  for (const auto& t : c.tables) {
    json cols = json::array();
    for (const auto& col : t.columns)
      cols.push_back({{"key", col.key}, {"title", col.title}, {"unit", col.unit}});
    json rows = json::array();
    for (const auto& r : t.rows) {
      json row = json::array();
      for (const auto& cell : r) row.push_back(cell_json(cell));
      rows.push_back(std::move(row));
    }
    tables.push_back(
        {{"key", t.key}, {"title", t.title}, {"note", t.note}, {"columns", cols}, {"rows", rows}});
  }
  j["tables"] = tables;
  json series = json::array();
  for (const auto& s : c.series) {
    json v = json::array();
    for (double x : s.values) v.push_back(std::isfinite(x) ? json(x) : json(nullptr));
    series.push_back({{"key", s.key}, {"title", s.title}, {"unit", s.unit}, {"values", v}});
  }
  j["series"] = {{"step_s", c.step_s}, {"series", series}};
  j["timings"] = {{"solve_s", c.timings.solve_s},       {"n1_s", c.timings.n1_s},
                  {"simulate_s", c.timings.simulate_s}, {"build_s", c.timings.build_s},
                  {"n1_reused", c.timings.n1_reused},   {"air_reused", c.timings.air_reused}};
  std::ofstream f(path, std::ios::binary);
  f << j.dump(1) << "\n";
  f.close();
  if (!f)
    throw ReportWriteError("cannot write " + path +
                           ": check that its folder exists and is writable");
}

std::vector<std::string> write_csv(const ReportContent& c, const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw ReportWriteError(
        "cannot create the folder " + dir + " for the CSV files" +
        (ec ? " (" + ec.message() + ")" : std::string(" (a file of that name exists)")) +
        ": choose another -o folder");
  std::vector<std::string> written;
  for (const auto& t : c.tables) {
    const std::string path = (fs::path(dir) / (t.key + ".csv")).string();
    if (fs::is_symlink(fs::symlink_status(path, ec)))
      throw ReportWriteError(path +
                             " is a symbolic link; dctwin does not write through links (it may "
                             "point out of the folder): remove it or choose another -o folder");
    std::ofstream f(path, std::ios::binary);
    for (std::size_t k = 0; k < t.columns.size(); ++k)
      f << (k ? "," : "") << csv_field(t.columns[k].key);
    f << "\r\n";
    for (const auto& r : t.rows) {
      for (std::size_t k = 0; k < t.columns.size(); ++k)
        f << (k ? "," : "") << (k < r.size() ? csv_cell(r[k]) : "");
      f << "\r\n";
    }
    f.close();
    if (!f) throw ReportWriteError("cannot write " + path + ": check that the folder is writable");
    written.push_back(path);
  }
  return written;
}

void write_xlsx(const ReportContent& c, const std::string& path) {
  // Check the folder first: libxlsxwriter only fails at close, with a terse code.
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent))
    throw ReportWriteError("cannot write " + path + ": the folder " + parent.string() +
                           " does not exist");
  lxw_workbook_options wo{};
  wo.constant_memory = LXW_TRUE;  // rows are written in order: far less memory for long series
  wo.tmpdir = nullptr;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &wo);
  if (!wb) throw ReportWriteError("cannot create " + path + ": check that its folder is writable");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  format_set_bottom(bold, LXW_BORDER_THIN);
  format_set_text_wrap(bold);
  std::map<int, lxw_format*> num_formats;
  auto num_format = [&](int decimals) {
    auto it = num_formats.find(decimals);
    if (it != num_formats.end()) return it->second;
    lxw_format* f = workbook_add_format(wb);
    const std::string code =
        decimals <= 0 ? "0" : "0." + std::string(std::size_t(std::min(decimals, 10)), '0');
    format_set_num_format(f, code.c_str());
    return num_formats[decimals] = f;
  };
  for (const auto& t : c.tables) {
    std::string name = t.key.substr(0, 31);  // Excel's limit; keys hold no []:*?/\ characters
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (!ws) {
      workbook_close(wb);
      throw ReportWriteError("cannot add sheet " + name + " to " + path);
    }
    for (std::size_t k = 0; k < t.columns.size(); ++k) {
      std::size_t width = t.columns[k].header().size();
      for (std::size_t r = 0; r < std::min<std::size_t>(t.rows.size(), 200); ++r)
        if (k < t.rows[r].size()) width = std::max(width, t.rows[r][k].display().size());
      worksheet_set_column(ws, lxw_col_t(k), lxw_col_t(k),
                           double(std::min<std::size_t>(width + 2, 60)), nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (std::size_t k = 0; k < t.columns.size(); ++k)
      worksheet_write_string(ws, 0, lxw_col_t(k), t.columns[k].header().c_str(), bold);
    lxw_row_t row = 1;
    for (const auto& r : t.rows) {
      for (std::size_t k = 0; k < r.size() && k < t.columns.size(); ++k) {
        const Cell& cell = r[k];
        const auto col = lxw_col_t(k);
        switch (cell.kind) {
          case Cell::Kind::Empty:
            break;
          case Cell::Kind::Integer:
            worksheet_write_number(ws, row, col, double(cell.integer), nullptr);
            break;
          case Cell::Kind::Number:
            if (std::isfinite(cell.number))
              worksheet_write_number(ws, row, col, cell.number, num_format(cell.decimals));
            break;
          case Cell::Kind::Text:
            worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
            break;
        }
      }
      ++row;
    }
  }
  const lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    throw ReportWriteError("cannot write " + path + ": " + lxw_strerror(err) +
                           " (check that the folder is writable)");
}

}  // namespace dctwin::app::report

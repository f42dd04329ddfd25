#include "app/report/sankey.h"

#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

namespace dctwin::app::report {

namespace el = model::electrical;
using model::ElecKind;
using model::Id;

namespace {

// The chain in order; keys of the middle stages are the site solve's loss stages (kLoss*).
struct StageDef {
  const char* key;
  const char* label;
};
constexpr StageDef kStages[] = {
    {"grid", "Grid"},
    {el::kLossTransformers, "Transformers"},
    {el::kLossMvCables, "MV distribution"},
    {el::kLossConverters, "UPS / rectifiers / SST"},
    {el::kLossLvDistribution, "LV distribution"},
    {el::kLossPsus, "Rack PSUs"},
    {"it", "IT load"},
};

std::vector<StageFlow> chain(double it_w, const std::map<std::string, double>& losses) {
  double total = it_w;
  for (const auto& s : kStages)
    if (auto it = losses.find(s.key); it != losses.end()) total += it->second;
  std::vector<StageFlow> out;
  double in = total;
  for (const auto& s : kStages) {
    StageFlow f{s.key, s.label, in, 0.0};
    if (auto it = losses.find(s.key); it != losses.end()) f.loss_w = it->second;
    out.push_back(f);
    in -= f.loss_w;
  }
  out.back().in_w = it_w;  // equal to `in` up to rounding; state the solve's IT exactly
  return out;
}

QString mw_text(double w) {
  const double mw = w / 1e6;
  const int dec = std::abs(mw) >= 100 ? 1 : std::abs(mw) >= 1 ? 2 : 3;
  return QString::number(mw, 'f', dec) + " MW";
}

// Pixel size of a point size on this painter's device.
double px_of_pt(const QPainter& p, double pt) {
  const int dpi = p.device() ? p.device()->logicalDpiY() : 96;
  return pt * dpi / 72.0;
}

void set_font_px(QPainter& p, double px, bool bold = false) {
  QFont f = p.font();
  f.setPixelSize(std::max(1, int(std::lround(px))));
  f.setBold(bold);
  p.setFont(f);
}

// Moves r horizontally so that it lies inside bounds.
QRectF clamp_x(QRectF r, const QRectF& bounds) {
  if (r.left() < bounds.left()) r.moveLeft(bounds.left());
  if (r.right() > bounds.right()) r.moveRight(bounds.right());
  return r;
}

}  // namespace

std::vector<StageFlow> stage_flows(const model::Site& site, const el::SiteElecResult& result,
                                   const SankeyScope& scope) {
  static const model::Catalog kNoTypes;  // the scopes need the site's tables, not its types
  return stage_flows(model::compile_site_ref(site, kNoTypes), result, scope);
}

std::vector<StageFlow> stage_flows(const model::SiteRef& ref, const el::SiteElecResult& result,
                                   const SankeyScope& scope) {
  if (scope.kind == SankeyScope::Kind::Site) return chain(result.it_power_w, result.losses_w);
  const model::Site& site = *ref.site;

  // Which racks are in scope.
  const bool hall_scope = scope.kind == SankeyScope::Kind::Hall;
  const bool known =
      hall_scope ? ref.hall_index.count(scope.id) != 0 : ref.building_index.count(scope.id) != 0;
  if (!known)
    throw std::invalid_argument(std::string("no ") + (hall_scope ? "hall" : "building") +
                                " with id " + std::to_string(scope.id) +
                                " in the site: choose one of its " +
                                (hall_scope ? "halls" : "buildings"));
  auto in_scope = [&](std::size_t rack) {
    const std::size_t h = ref.rack_hall[rack];
    if (h == model::kNone) return false;
    if (hall_scope) return site.halls[h].id == scope.id;
    return site.halls[h].building_id == scope.id;
  };

  // Upstream connections of every node (energized edges only: normally-open standby paths carry
  // nothing in the solve).
  const std::size_t nn = site.elec_nodes.size(), ne = site.elec_edges.size();
  const auto& node_index = ref.node_index;
  std::vector<std::vector<std::size_t>> up_edges(nn);
  for (std::size_t e = 0; e < ne; ++e) {
    const auto& ed = site.elec_edges[e];
    if (e < result.edges.size() && !result.edges[e].energized) continue;
    const auto t = node_index.find(ed.to);
    if (t != node_index.end() && node_index.count(ed.from)) up_edges[t->second].push_back(e);
  }
  // Ancestors (nodes, edges) of each feed node, cached: racks share few feeds.
  struct Ancestors {
    std::vector<std::size_t> nodes, edges;
  };
  std::unordered_map<std::size_t, Ancestors> cache;
  auto ancestors = [&](std::size_t feed) -> const Ancestors& {
    auto it = cache.find(feed);
    if (it != cache.end()) return it->second;
    Ancestors a;
    std::vector<char> seen_n(nn, 0), seen_e(ne, 0);
    std::vector<std::size_t> stack{feed};
    seen_n[feed] = 1;
    while (!stack.empty()) {
      const std::size_t k = stack.back();
      stack.pop_back();
      a.nodes.push_back(k);
      for (std::size_t e : up_edges[k]) {
        if (!seen_e[e]) {
          seen_e[e] = 1;
          a.edges.push_back(e);
        }
        const std::size_t f = node_index.at(site.elec_edges[e].from);
        if (!seen_n[f]) {
          seen_n[f] = 1;
          stack.push_back(f);
        }
      }
    }
    return cache.emplace(feed, std::move(a)).first->second;
  };

  // The cooling units' loads on the network (a coupled solve) draw through the chain as racks
  // do: a unit in the scope's hall (or building) takes its share of every loss above it.
  auto load_in_scope = [&](Id entity) {
    const std::size_t k = model::SiteRef::find(ref.cooling_index, entity);
    if (k == model::kNone) return false;
    const model::CoolingUnit& u = site.cooling[k];
    return hall_scope ? u.hall_id == scope.id : u.building_id == scope.id;
  };
  // Cord power through every element, in total and to racks in scope.
  std::vector<double> node_total(nn, 0), node_in(nn, 0), edge_total(ne, 0), edge_in(ne, 0);
  double it_w = 0, psu_w = 0;
  // w watts drawn at feed node `feed` pass through every element above it.
  auto spread = [&](std::size_t feed, double w, bool mine) {
    const Ancestors& a = ancestors(feed);
    for (std::size_t k : a.nodes) {
      node_total[k] += w;
      if (mine) node_in[k] += w;
    }
    for (std::size_t e : a.edges) {
      edge_total[e] += w;
      if (mine) edge_in[e] += w;
    }
  };
  for (std::size_t i = 0; i < site.racks.size() && i < result.racks.size(); ++i) {
    const auto& rf = result.racks[i];
    if (!rf.powered) continue;
    const bool mine = in_scope(i);
    if (mine) {
      it_w += rf.it_w;
      psu_w += rf.input_w - rf.it_w;
    }
    for (int c = 0; c < 2; ++c) {
      const Id feed = c == 0 ? site.racks.feed_a[i] : site.racks.feed_b[i];
      const double w = c == 0 ? rf.cord_a_w : rf.cord_b_w;
      const auto f = node_index.find(feed);
      if (feed == model::kNoId || f == node_index.end() || w <= 0) continue;
      spread(f->second, w, mine);
    }
  }
  for (const auto& lf : result.loads) {
    if (!lf.powered) continue;
    const bool mine = load_in_scope(lf.entity);
    const std::size_t k = model::SiteRef::find(ref.cooling_index, lf.entity);
    if (k == model::kNone) continue;
    const model::CoolingUnit& u = site.cooling[k];
    for (int c = 0; c < 2; ++c) {
      const Id feed = c == 0 ? u.feed_a : u.feed_b;
      const double w = c == 0 ? lf.feed_a_w : lf.feed_b_w;
      const auto f = node_index.find(feed);
      if (feed == model::kNoId || f == node_index.end() || w <= 0) continue;
      spread(f->second, w, mine);
    }
  }
  std::map<std::string, double> losses{{el::kLossTransformers, 0.0},
                                       {el::kLossMvCables, 0.0},
                                       {el::kLossConverters, 0.0},
                                       {el::kLossLvDistribution, 0.0},
                                       {el::kLossPsus, psu_w}};
  for (std::size_t k = 0; k < nn && k < result.nodes.size(); ++k) {
    if (node_total[k] <= 0 || result.nodes[k].loss_w == 0) continue;
    const double share = node_in[k] / node_total[k];
    const ElecKind kind = site.elec_nodes[k].kind;
    if (is_transformer(kind))
      losses[el::kLossTransformers] += share * result.nodes[k].loss_w;
    else if (is_converter(kind))
      losses[el::kLossConverters] += share * result.nodes[k].loss_w;
  }
  for (std::size_t e = 0; e < ne && e < result.edges.size(); ++e) {
    if (edge_total[e] <= 0 || result.edges[e].loss_w == 0) continue;
    const auto& from = site.elec_nodes[node_index.at(site.elec_edges[e].from)];
    const bool mv = !from.dc && from.voltage_v > 1000.0;
    losses[mv ? el::kLossMvCables : el::kLossLvDistribution] +=
        edge_in[e] / edge_total[e] * result.edges[e].loss_w;
  }
  return chain(it_w, losses);
}

SankeyModel build_sankey(const model::Site& site, const el::SiteElecResult& result,
                         const SankeyScope& scope) {
  static const model::Catalog kNoTypes;
  return build_sankey(model::compile_site_ref(site, kNoTypes), result, scope);
}

SankeyModel build_sankey(const model::SiteRef& ref, const el::SiteElecResult& result,
                         const SankeyScope& scope) {
  const model::Site& site = *ref.site;
  SankeyModel m;
  m.stages = stage_flows(ref, result, scope);
  switch (scope.kind) {
    case SankeyScope::Kind::Site:
      m.title = "Site '" + site.name + "'";
      break;
    case SankeyScope::Kind::Building:
      for (const auto& b : site.buildings)
        if (b.id == scope.id) m.title = "Building '" + b.name + "'";
      break;
    case SankeyScope::Kind::Hall:
      for (const auto& h : site.halls)
        if (h.id == scope.id) m.title = "Hall '" + h.name + "'";
      break;
  }
  m.input_w = m.stages.front().in_w;
  m.it_w = m.stages.back().in_w;
  const int n = int(m.stages.size());
  for (int k = 0; k < n; ++k)
    m.nodes.push_back({m.stages[std::size_t(k)].label, m.stages[std::size_t(k)].in_w, k, false});
  for (int k = 0; k + 1 < n; ++k)
    m.links.push_back({k, k + 1, m.stages[std::size_t(k)].out_w(), false});
  for (int k = 0; k < n; ++k) {
    const auto& s = m.stages[std::size_t(k)];
    if (s.loss_w <= 0) continue;
    m.nodes.push_back({s.label + " losses", s.loss_w, k, true});
    m.links.push_back({k, int(m.nodes.size()) - 1, s.loss_w, true});
  }
  return m;
}

void paint_sankey(QPainter& p, const QRectF& rect, const SankeyModel& m, const SankeyStyle& st) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setRenderHint(QPainter::TextAntialiasing, true);
  const double fpx =
      st.font_pt > 0 ? px_of_pt(p, st.font_pt)
                     : std::clamp(std::min(rect.height() / 26.0, rect.width() / 75.0), 7.0, 400.0);
  const double hairline = std::max(1.0, fpx / 12.0);
  QRectF area = rect;
  if (st.show_title && !m.title.empty()) {
    set_font_px(p, fpx * 1.1, true);
    p.setPen(st.text);
    const QRectF tr(area.left(), area.top(), area.width(), fpx * 1.6);
    p.drawText(tr, Qt::AlignLeft | Qt::AlignVCenter,
               QString::fromStdString(m.title) +
                   QString(": %1 in, %2 to IT, %3 lost (%4 %)")
                       .arg(mw_text(m.input_w), mw_text(m.it_w), mw_text(m.total_loss_w()))
                       .arg(m.input_w > 0 ? 100.0 * m.total_loss_w() / m.input_w : 0.0, 0, 'f', 2));
    area.setTop(tr.bottom() + fpx * 0.4);
  }
  // Stage nodes only (the first m.stages.size() nodes are the chain, in order).
  const int n = int(m.stages.size());
  if (n < 2 || m.input_w <= 0) {
    set_font_px(p, fpx);
    p.drawText(area, Qt::AlignCenter, "no power flows (the solve carried no load)");
    p.restore();
    return;
  }
  const double label_h = fpx * 5.2;  // stage name (two lines), MW and % above the bars
  const double loss_h = fpx * 4.8;   // loss label lines at the bottom
  const double top = area.top() + label_h;
  const double bottom = area.bottom() - loss_h;
  const double band_h = std::max(10.0, (bottom - top) * 0.45);
  const double scale = band_h / m.input_w;
  // One column per stage, the bar in its middle: every label gets a column's width.
  const double step = area.width() / n;
  const double barw = std::max(3.0, area.width() * 0.012);
  auto bar_x = [&](int k) { return area.left() + (k + 0.5) * step - barw / 2; };

  // Main flow bands, behind the bars.
  QColor flow = st.flow;
  flow.setAlpha(150);
  p.setPen(Qt::NoPen);
  p.setBrush(flow);
  for (int k = 0; k + 1 < n; ++k) {
    const double h = m.stages[std::size_t(k)].out_w() * scale;
    p.drawRect(QRectF(bar_x(k) + barw, top, bar_x(k + 1) - bar_x(k) - barw, h));
  }
  // Loss bands: leave the bottom of the stage's bar, turn down halfway to the next stage.
  QColor loss = st.loss;
  loss.setAlpha(200);
  const double loss_top = bottom + fpx * 0.2;
  for (int k = 0; k < n; ++k) {
    const auto& s = m.stages[std::size_t(k)];
    if (s.loss_w <= 0) continue;
    const double t = std::max(hairline, s.loss_w * scale);
    const double y = top + s.out_w() * scale + t / 2;
    const double x0 = bar_x(k) + barw;
    const double xm = bar_x(k) + barw / 2 + 0.5 * step;
    QPainterPath path(QPointF(x0, y));
    path.cubicTo(QPointF(xm, y), QPointF(xm, y), QPointF(xm, std::min(loss_top, y + 3 * t + fpx)));
    path.lineTo(QPointF(xm, loss_top));
    QPen pen(loss, t, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawPath(path);
    // Label below.
    p.setPen(st.text);
    set_font_px(p, fpx * 0.9);
    const QRectF lr =
        clamp_x(QRectF(xm - step * 0.5, loss_top + fpx * 0.2, step, loss_h - fpx * 0.4), area);
    p.drawText(lr, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
               QString("%1 loss\n%2\n%3 % of input")
                   .arg(QString::fromStdString(s.label), mw_text(s.loss_w))
                   .arg(100.0 * s.loss_w / m.input_w, 0, 'f', 2));
  }
  // Stage bars and their labels.
  for (int k = 0; k < n; ++k) {
    const auto& s = m.stages[std::size_t(k)];
    const double h = std::max(hairline, s.in_w * scale);
    p.setPen(Qt::NoPen);
    p.setBrush(st.node);
    p.drawRect(QRectF(bar_x(k), top, barw, h));
    p.setPen(st.text);
    const QRectF lr(bar_x(k) + barw / 2 - step * 0.5, area.top(), step, label_h - fpx * 0.3);
    set_font_px(p, fpx, true);
    const QString name = QString::fromStdString(s.label);
    const QRectF name_r(lr.left(), lr.top(), lr.width(), fpx * 2.5);
    p.drawText(name_r, Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap, name);
    set_font_px(p, fpx);
    QString value = mw_text(s.in_w);
    if (k > 0) value += QString("\n%1 %").arg(100.0 * s.in_w / m.input_w, 0, 'f', 2);
    p.drawText(QRectF(lr.left(), name_r.bottom(), lr.width(), fpx * 2.6),
               Qt::AlignHCenter | Qt::AlignTop, value);
  }
  p.restore();
}

void paint_capacity_bars(QPainter& p, const QRectF& rect,
                         const std::vector<el::LevelCapacity>& levels, double font_pt) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  const double fpx =
      font_pt > 0
          ? px_of_pt(p, font_pt)
          : std::clamp(std::min(rect.height() / (2.2 * (levels.size() + 2)), rect.width() / 70.0),
                       7.0, 400.0);
  set_font_px(p, fpx);
  if (levels.empty()) {
    p.drawText(rect, Qt::AlignCenter, "no capacity figures (run N-1 first)");
    p.restore();
    return;
  }
  const QColor colors[] = {QColor(49, 104, 155), QColor(230, 159, 0), QColor(150, 150, 150),
                           QColor(140, 200, 140)};
  const char* names[] = {"used", "reserved for redundancy", "stranded", "free"};
  const double legend_h = fpx * 2.0;
  const double row_h = (rect.height() - legend_h) / double(levels.size());
  const double label_w = rect.width() * 0.24, value_w = rect.width() * 0.16;
  const double bar_l = rect.left() + label_w, bar_w = rect.width() - label_w - value_w;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto& l = levels[i];
    const double y = rect.top() + i * row_h;
    p.setPen(Qt::black);
    p.drawText(QRectF(rect.left(), y, label_w - fpx * 0.5, row_h),
               Qt::AlignRight | Qt::AlignVCenter,
               QString::fromStdString(l.level) + QString(" (%1)").arg(l.units));
    const double parts[] = {l.used_w, l.reserved_w, l.stranded_w, l.free_w};
    double sum = 0;
    for (double v : parts) sum += std::max(0.0, v);
    const double denom = std::max(sum, l.installed_w);
    double x = bar_l;
    const double bh = std::min(row_h * 0.7, fpx * 2.0);
    const double by = y + (row_h - bh) / 2;
    for (int c = 0; c < 4; ++c) {
      const double w = denom > 0 ? std::max(0.0, parts[c]) / denom * bar_w : 0.0;
      p.setPen(Qt::NoPen);
      p.setBrush(colors[c]);
      p.drawRect(QRectF(x, by, w, bh));
      x += w;
    }
    p.setPen(QPen(Qt::black, std::max(1.0, fpx / 14)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(bar_l, by, bar_w, bh));
    p.drawText(QRectF(bar_l + bar_w + fpx * 0.5, y, value_w - fpx * 0.5, row_h),
               Qt::AlignLeft | Qt::AlignVCenter, mw_text(l.installed_w) + " installed");
  }
  double x = bar_l;
  const double ly = rect.bottom() - legend_h + fpx * 0.4;
  for (int c = 0; c < 4; ++c) {
    p.setPen(Qt::NoPen);
    p.setBrush(colors[c]);
    p.drawRect(QRectF(x, ly + fpx * 0.15, fpx, fpx));
    p.setPen(Qt::black);
    const QString t = names[c];
    const double tw = QFontMetricsF(p.font(), p.device()).horizontalAdvance(t);
    p.drawText(QPointF(x + fpx * 1.4, ly + fpx), t);
    x += fpx * 3 + tw;
  }
  p.restore();
}

}  // namespace dctwin::app::report

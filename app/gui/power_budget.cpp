#include "app/gui/power_budget.h"

#include <QComboBox>
#include <QCursor>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "app/gui/charts.h"
#include "model/facility/coupled.h"
#include "model/site/validation.h"
#include "model/thermal/site_thermal.h"

namespace dctwin::app {

namespace el = model::electrical;

struct PowerBudget::RunShared : model::Progress {
  std::mutex m;
  double fraction = 0;
  std::string stage;
  std::uint64_t run_id = 0;
  void report(double f, std::string_view st) override {
    std::lock_guard lock(m);
    fraction = std::clamp(f, 0.0, 1.0);
    stage = std::string(st);
  }
};

// ---------------------------------------------------------------------------------------------

SankeyView::SankeyView(QWidget* parent) : QWidget(parent) {
  setObjectName("sankeyView");
  setMinimumSize(420, 220);
  setAutoFillBackground(true);
  QPalette pal = palette();
  pal.setColor(QPalette::Window, Qt::white);
  setPalette(pal);
}

void SankeyView::set_model(std::optional<report::SankeyModel> model, const QString& empty_text) {
  model_ = std::move(model);
  empty_text_ = empty_text;
  update();
}

void SankeyView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  if (!model_) {
    p.setPen(QColor(90, 90, 90));
    p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, empty_text_);
    return;
  }
  report::SankeyStyle style;
  style.font_pt = 8.5;
  report::paint_sankey(p, QRectF(rect()).adjusted(8, 6, -8, -6), *model_, style);
}

// ---------------------------------------------------------------------------------------------

namespace {

// Levels in the order of the chain, grid first; unknown levels (e.g. cooling) after, by name.
int level_rank(const std::string& level) {
  const auto& kinds = model::all_elec_kinds();
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (level == model::to_string(kinds[i])) return static_cast<int>(i);
  return 1000;
}

QString mw(double w, int decimals = 2) { return QString::number(w / 1e6, 'f', decimals); }

// A number shown rounded, sorted (and exported) by its exact value (Qt::UserRole).
class NumItem : public QTableWidgetItem {
 public:
  NumItem(double v, int decimals) {
    setText(QLocale().toString(v, 'f', decimals));
    setData(Qt::UserRole, v);
    setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  }
  bool operator<(const QTableWidgetItem& o) const override {
    return data(Qt::UserRole).toDouble() < o.data(Qt::UserRole).toDouble();
  }
};

QTableWidgetItem* num_item(double v, int decimals) { return new NumItem(v, decimals); }

QTableWidgetItem* text_item(const QString& s) {
  auto* it = new QTableWidgetItem(s);
  it->setToolTip(s);
  return it;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

namespace {
const QColor kCapColors[] = {QColor(49, 104, 155), QColor(230, 159, 0), QColor(150, 150, 150),
                             QColor(140, 200, 140)};
const char* const kCapNames[] = {QT_TRANSLATE_NOOP("PowerBudget", "used"),
                                 QT_TRANSLATE_NOOP("PowerBudget", "reserved for redundancy"),
                                 QT_TRANSLATE_NOOP("PowerBudget", "stranded"),
                                 QT_TRANSLATE_NOOP("PowerBudget", "free")};
}  // namespace

CapacityView::CapacityView(QWidget* parent) : QWidget(parent) {
  setObjectName("capacityView");
  setMinimumSize(360, 200);
  setMouseTracking(true);
  setAutoFillBackground(true);
  QPalette pal = palette();
  pal.setColor(QPalette::Window, Qt::white);
  setPalette(pal);
}

void CapacityView::set_levels(std::vector<el::LevelCapacity> levels) {
  std::stable_sort(levels.begin(), levels.end(), [](const auto& a, const auto& b) {
    return level_rank(a.level) < level_rank(b.level);
  });
  levels_ = std::move(levels);
  update();
}

int CapacityView::row_at(int y) const {
  if (row_h_ <= 0 || y < top_) return -1;
  const int r = static_cast<int>((y - top_) / row_h_);
  return r < static_cast<int>(levels_.size()) ? r : -1;
}

QString CapacityView::tooltip_at(int y) const {
  const int r = row_at(y);
  if (r < 0) return {};
  const auto& l = levels_[static_cast<std::size_t>(r)];
  return tr("%1 (%2 units)\ninstalled %3 MW\nused %4 MW\nreserved for redundancy %5 MW\n"
            "stranded %6 MW\nfree %7 MW")
      .arg(QString::fromStdString(l.level))
      .arg(l.units)
      .arg(mw(l.installed_w))
      .arg(mw(l.used_w))
      .arg(mw(l.reserved_w))
      .arg(mw(l.stranded_w))
      .arg(mw(l.free_w));
}

bool CapacityView::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* he = static_cast<QHelpEvent*>(e);
    const QString t = tooltip_at(he->pos().y());
    if (t.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(he->globalPos(), t, this);
    return true;
  }
  return QWidget::event(e);
}

void CapacityView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), Qt::white);
  const QFontMetrics fm(font());
  const int lh = fm.height();
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  p.setPen(Qt::black);
  p.drawText(
      QRect(6, 4, width() - 12, lh), Qt::AlignLeft | Qt::AlignVCenter,
      tr("Capacity per level: MW in the bars, share of installed (hover a row for its figures)"));
  p.setFont(font());
  if (levels_.empty()) {
    row_h_ = 0;
    p.setPen(QColor(90, 90, 90));
    p.drawText(rect(), Qt::AlignCenter, tr("No capacity figures: run N-1."));
    return;
  }
  // Layout: label | bar | installed and used.
  int label_w = 0, value_w = 0;
  for (const auto& l : levels_) {
    label_w = std::max(
        label_w,
        fm.horizontalAdvance(QString("%1 ×%2").arg(QString::fromStdString(l.level)).arg(l.units)));
    value_w = std::max(value_w, fm.horizontalAdvance(
                                    tr("%1 of %2 MW").arg(mw(l.used_w, 1), mw(l.installed_w, 1))));
  }
  const int legend_h = lh + 10;
  top_ = lh + 10;
  const double avail = height() - top_ - legend_h;
  row_h_ = std::clamp(avail / static_cast<double>(levels_.size()), static_cast<double>(lh) + 4,
                      3.0 * lh);
  const int bar_l = 8 + label_w + 8;
  const int bar_w = std::max(60, width() - bar_l - value_w - 16);
  for (std::size_t i = 0; i < levels_.size(); ++i) {
    const auto& l = levels_[i];
    const double y = top_ + static_cast<double>(i) * row_h_;
    p.setPen(Qt::black);
    p.drawText(QRectF(6, y, label_w + 2, row_h_), Qt::AlignRight | Qt::AlignVCenter,
               QString("%1 ×%2").arg(QString::fromStdString(l.level)).arg(l.units));
    const double parts[] = {l.used_w, std::max(0.0, l.reserved_w), std::max(0.0, l.stranded_w),
                            std::max(0.0, l.free_w)};
    double sum = 0;
    for (double v : parts) sum += std::max(0.0, v);
    const double denom = std::max(sum, l.installed_w);
    const double bh = std::min(row_h_ * 0.7, 2.0 * lh);
    const double by = y + (row_h_ - bh) / 2;
    double x = bar_l;
    for (int c = 0; c < 4; ++c) {
      const double w = denom > 0 ? std::max(0.0, parts[c]) / denom * bar_w : 0.0;
      const QRectF seg(x, by, w, bh);
      p.setPen(Qt::NoPen);
      p.setBrush(kCapColors[c]);
      p.drawRect(seg);
      const QString t = mw(parts[c], parts[c] >= 100e6 ? 0 : 1);
      if (w >= fm.horizontalAdvance(t) + 6) {
        p.setPen(c == 0 ? Qt::white : Qt::black);
        p.drawText(seg, Qt::AlignCenter, t);
      }
      x += w;
    }
    p.setPen(QPen(QColor(60, 60, 60), 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(bar_l, by, bar_w, bh));
    p.setPen(Qt::black);
    p.drawText(QRectF(bar_l + bar_w + 8, y, value_w + 4, row_h_), Qt::AlignLeft | Qt::AlignVCenter,
               tr("%1 of %2 MW").arg(mw(l.used_w, 1), mw(l.installed_w, 1)));
  }
  // Legend.
  double lx = bar_l;
  const double ly = top_ + static_cast<double>(levels_.size()) * row_h_ + 6;
  for (int c = 0; c < 4; ++c) {
    p.setPen(Qt::NoPen);
    p.setBrush(kCapColors[c]);
    p.drawRect(QRectF(lx, ly + 2, lh - 4, lh - 4));
    p.setPen(Qt::black);
    const QString t = tr(kCapNames[c]);
    p.drawText(QPointF(lx + lh, ly + fm.ascent()), t);
    lx += lh + fm.horizontalAdvance(t) + 14;
  }
}

PowerBudget::PowerBudget(QWidget* parent) : QWidget(parent) {
  setObjectName("powerBudget");
  build_ui();
  poll_ = new QTimer(this);
  poll_->setInterval(100);
  connect(poll_, &QTimer::timeout, this, &PowerBudget::poll);
  refresh_scopes();
  refresh_sankey();
  refresh_capacity();
  refresh_n1();
  refresh_status();
}

PowerBudget::~PowerBudget() {
  if (worker_.joinable()) {
    shared_->cancel();
    worker_.join();
  }
}

void PowerBudget::build_ui() {
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(tr("Scope")));
  scope_ = new QComboBox;
  scope_->setObjectName("scopeCombo");
  scope_->setMinimumContentsLength(18);
  connect(scope_, &QComboBox::currentIndexChanged, this, [this] { refresh_sankey(); });
  top->addWidget(scope_);
  run_btn_ = new QPushButton(tr("Run N-1"));
  run_btn_->setObjectName("runN1Button");
  run_btn_->setToolTip(
      tr("Fail each member of every redundancy group in turn and re-solve "
         "(in the background)"));
  connect(run_btn_, &QPushButton::clicked, this, [this] { run_n1(); });
  top->addWidget(run_btn_);
  progress_ = new QProgressBar;
  progress_->setObjectName("n1Progress");
  progress_->setRange(0, 1000);
  progress_->setFormat("%p %");
  progress_->setMaximumWidth(220);
  top->addWidget(progress_);
  cancel_btn_ = new QPushButton(tr("Cancel"));
  cancel_btn_->setObjectName("cancelN1Button");
  connect(cancel_btn_, &QPushButton::clicked, this, &PowerBudget::cancel);
  top->addWidget(cancel_btn_);
  auto* exp = new QToolButton;
  exp->setObjectName("exportBudgetButton");
  exp->setText(tr("Export"));
  exp->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(exp);
  auto ask = [this](const QString& title, const QString& def, const QString& filter,
                    std::function<bool(PowerBudget*, const QString&, QString*)> f) {
    const QString path = QFileDialog::getSaveFileName(this, title, def, filter);
    if (path.isEmpty()) return;
    QString err;
    if (!f(this, path, &err)) QMessageBox::warning(this, title, err);
  };
  menu->addAction(tr("Sankey as PNG..."), this, [ask] {
    ask(tr("Export Sankey"), "sankey.png", tr("PNG image (*.png)"),
        &PowerBudget::export_sankey_png);
  });
  menu->addAction(tr("Sankey as SVG..."), this, [ask] {
    ask(tr("Export Sankey"), "sankey.svg", tr("SVG drawing (*.svg)"),
        &PowerBudget::export_sankey_svg);
  });
  menu->addAction(tr("Capacity bars as PNG..."), this, [ask] {
    ask(tr("Export capacity"), "capacity.png", tr("PNG image (*.png)"),
        &PowerBudget::export_capacity_png);
  });
  menu->addAction(tr("Capacity bars as SVG..."), this, [ask] {
    ask(tr("Export capacity"), "capacity.svg", tr("SVG drawing (*.svg)"),
        &PowerBudget::export_capacity_svg);
  });
  menu->addAction(tr("N-1 table as CSV..."), this, [ask] {
    ask(tr("Export N-1"), "n-1.csv", tr("CSV (*.csv)"), &PowerBudget::export_n1_csv);
  });
  exp->setMenu(menu);
  top->addWidget(exp);
  top->addStretch(1);

  status_ = new QLabel;
  status_->setObjectName("budgetStatus");
  status_->setWordWrap(true);

  sankey_ = new SankeyView;

  capacity_ = new CapacityView;

  n1_ = new QTableWidget;
  n1_->setObjectName("n1Table");
  n1_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  n1_->setSelectionBehavior(QAbstractItemView::SelectRows);
  n1_->verticalHeader()->hide();
  n1_->setAlternatingRowColors(true);

  auto* bottom = new QSplitter(Qt::Horizontal);
  bottom->addWidget(capacity_);
  auto* n1box = new QWidget;
  auto* nv = new QVBoxLayout(n1box);
  nv->setContentsMargins(0, 0, 0, 0);
  auto* n1title = new QLabel(tr("N-1 cases, worst first (click a header to sort)"));
  nv->addWidget(n1title);
  nv->addWidget(n1_, 1);
  bottom->addWidget(n1box);
  bottom->setStretchFactor(0, 1);
  bottom->setStretchFactor(1, 1);
  bottom->setSizes({560, 740});
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(sankey_);
  split->addWidget(bottom);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 1);
  split->setSizes({420, 480});

  auto* lay = new QVBoxLayout(this);
  lay->setContentsMargins(4, 4, 4, 4);
  lay->addLayout(top);
  lay->addWidget(status_);
  lay->addWidget(split, 1);
}

void PowerBudget::set_site(const model::Site& site, const model::Catalog& catalog) {
  run_site_ = std::make_shared<const model::Site>(site);
  catalog_ = std::make_shared<const model::Catalog>(catalog);
  if (!site_) {
    site_ = run_site_;
    refresh_scopes();
    refresh_sankey();
  }
  refresh_status();
}

void PowerBudget::set_results(const model::Site& site, const el::SiteElecResult& result,
                              const el::ContingencyResult* contingency) {
  site_ = std::make_shared<const model::Site>(site);
  if (!run_site_) run_site_ = site_;
  // Copies first: the arguments may point into this widget's own results.
  el::SiteElecResult base_copy = result;
  std::optional<el::ContingencyResult> cont_copy;
  if (contingency) cont_copy = *contingency;
  base_ = std::move(base_copy);
  contingency_ = std::move(cont_copy);
  stale_ = false;
  refresh_scopes();
  refresh_sankey();
  refresh_capacity();
  refresh_n1();
  refresh_status();
}

void PowerBudget::mark_stale() {
  stale_ = true;
  refresh_status();
}

int PowerBudget::scope_count() const { return scope_->count(); }

void PowerBudget::set_scope(int index) { scope_->setCurrentIndex(index); }

report::SankeyScope PowerBudget::scope() const {
  report::SankeyScope s;
  const QVariantList v = scope_->currentData().toList();
  if (v.size() == 2) {
    s.kind = static_cast<report::SankeyScope::Kind>(v[0].toInt());
    s.id = v[1].toLongLong();
  }
  return s;
}

const std::optional<report::SankeyModel>& PowerBudget::sankey() const { return sankey_->model(); }

void PowerBudget::refresh_scopes() {
  const int old = scope_->currentIndex();
  const QSignalBlocker block(scope_);
  scope_->clear();
  scope_->addItem(tr("Site"), QVariantList{static_cast<int>(report::SankeyScope::Kind::Site), 0});
  if (site_) {
    for (const auto& b : site_->buildings)
      scope_->addItem(tr("Building '%1'").arg(QString::fromStdString(b.name)),
                      QVariantList{static_cast<int>(report::SankeyScope::Kind::Building),
                                   QVariant::fromValue<qlonglong>(b.id)});
    for (const auto& h : site_->halls)
      scope_->addItem(tr("Hall '%1'").arg(QString::fromStdString(h.name)),
                      QVariantList{static_cast<int>(report::SankeyScope::Kind::Hall),
                                   QVariant::fromValue<qlonglong>(h.id)});
  }
  scope_->setCurrentIndex(old >= 0 && old < scope_->count() ? old : 0);
}

void PowerBudget::refresh_sankey() {
  if (!site_ || !base_) {
    sankey_->set_model(std::nullopt,
                       tr("No power solve yet. Press \"Run N-1\": it solves normal operation "
                          "and every single failure."));
    return;
  }
  try {
    report::SankeyModel m = report::build_sankey(*site_, *base_, scope());
    sankey_->set_model(std::move(m));
  } catch (const std::exception& e) {
    sankey_->set_model(std::nullopt, QString::fromUtf8(e.what()));
  }
}

void PowerBudget::refresh_capacity() {
  capacity_->set_levels(contingency_ ? contingency_->levels : std::vector<el::LevelCapacity>{});
}

QStringList PowerBudget::capacity_levels() const {
  QStringList out;
  for (const auto& l : capacity_->levels()) out << QString::fromStdString(l.level);
  return out;
}

QString PowerBudget::node_name(model::Id id) const {
  if (!site_ || id == model::kNoId) return {};
  for (const auto& n : site_->elec_nodes)
    if (n.id == id) return QString::fromStdString(n.name);
  for (const auto& e : site_->elec_edges) {
    if (e.id != id) continue;
    if (!e.name.empty()) return QString::fromStdString(e.name);
    // An unnamed connection by its ends: "B1-A-MV01 -> B1-H1-A-F01".
    QString from = QString::number(e.from), to = QString::number(e.to);
    for (const auto& n : site_->elec_nodes) {
      if (n.id == e.from) from = QString::fromStdString(n.name);
      if (n.id == e.to) to = QString::fromStdString(n.name);
    }
    return tr("%1 -> %2").arg(from, to);
  }
  for (const auto& u : site_->cooling)
    if (u.id == id) return QString::fromStdString(u.name);
  for (const auto& g : site_->groups)  // cooling cases name their group
    if (g.id == id) return tr("group %1").arg(QString::fromStdString(g.name));
  for (std::size_t i = 0; i < site_->racks.size(); ++i)
    if (site_->racks.id[i] == id) return QString::fromStdString(site_->racks.name[i]);
  return tr("id %1").arg(id);
}

void PowerBudget::refresh_n1() {
  n1_->setSortingEnabled(false);
  n1_->clear();
  const QStringList head{tr("#"),
                         tr("Group"),
                         tr("Failed"),
                         tr("Racks lost"),
                         tr("Worst loading (%)"),
                         tr("At"),
                         tr("Overloads"),
                         tr("Converged"),
                         tr("Cooling limit in (s)"),
                         tr("Explanation")};
  n1_->setColumnCount(static_cast<int>(head.size()));
  n1_->setHorizontalHeaderLabels(head);
  if (!contingency_) {
    n1_->setRowCount(0);
    return;
  }
  std::unordered_map<model::Id, QString> group_names;
  if (site_)
    for (const auto& g : site_->groups) group_names[g.id] = QString::fromStdString(g.name);
  const auto& cases = contingency_->cases;  // worst first (racks lost, then loading)
  n1_->setRowCount(static_cast<int>(cases.size()));
  for (int r = 0; r < static_cast<int>(cases.size()); ++r) {
    const auto& c = cases[static_cast<std::size_t>(r)];
    QString why;
    if (!c.converged)
      why = tr("the solve did not converge");
    else if (!c.racks_lost.empty())
      why = tr("%1 racks lose power").arg(c.racks_lost.size());
    else if (c.overloads)
      why = tr("%1 components above their rating, worst %2 % at %3")
                .arg(c.overloads)
                .arg(c.worst_loading_pct, 0, 'f', 1)
                .arg(node_name(c.worst_entity));
    else
      why = tr("load transferred; worst loading %1 % at %2")
                .arg(c.worst_loading_pct, 0, 'f', 1)
                .arg(node_name(c.worst_entity));
    if (!c.note.empty()) why += " (" + QString::fromStdString(c.note) + ")";
    if (c.time_to_limit_s)
      why += tr("; cooling: %1 (%2) reached after %3 s, %4 racks")
                 .arg(QString::fromStdString(c.limit), QString::fromStdString(c.cooling_medium))
                 .arg(*c.time_to_limit_s, 0, 'f', 0)
                 .arg(c.racks_affected.size());
    else if (!c.cooling_stopped.empty())
      why += tr("; cooling: %1 units stop, no limit reached").arg(c.cooling_stopped.size());
    if (c.single_point) why = tr("single point of failure: ") + why;
    const QString group = group_names.count(c.group) ? group_names[c.group]
                          : c.group == model::kNoId  ? tr("(none)")
                                                     : QString::number(c.group);
    n1_->setItem(r, 0, num_item(r + 1, 0));
    n1_->setItem(r, 1, text_item(group));
    n1_->setItem(r, 2, text_item(node_name(c.failed)));
    n1_->setItem(r, 3, num_item(static_cast<double>(c.racks_lost.size()), 0));
    n1_->setItem(r, 4, num_item(c.worst_loading_pct, 1));
    n1_->setItem(r, 5, text_item(node_name(c.worst_entity)));
    n1_->setItem(r, 6, num_item(static_cast<double>(c.overloads), 0));
    n1_->setItem(r, 7, text_item(c.converged ? tr("yes") : tr("NO")));
    // No limit reached sorts after every time (blank cell).
    QTableWidgetItem* limit_in =
        num_item(c.time_to_limit_s.value_or(std::numeric_limits<double>::infinity()), 0);
    if (!c.time_to_limit_s) limit_in->setText(QString());
    n1_->setItem(r, 8, limit_in);
    n1_->setItem(r, 9, text_item(why));
    const QColor bg = !c.racks_lost.empty() || !c.converged || c.time_to_limit_s
                          ? QColor(255, 215, 215)
                      : c.overloads ? QColor(255, 238, 200)
                                    : QColor();
    if (bg.isValid())
      for (int k = 0; k < n1_->columnCount(); ++k) n1_->item(r, k)->setBackground(bg);
  }
  n1_->setSortingEnabled(true);
  n1_->sortByColumn(0, Qt::AscendingOrder);
  n1_->resizeColumnsToContents();
  n1_->setColumnWidth(9, std::max(n1_->columnWidth(9), 260));
  n1_->horizontalHeader()->setStretchLastSection(true);
}

void PowerBudget::refresh_status() {
  QString s;
  if (!site_ && !run_site_) {
    s = tr("No site.");
  } else if (!contingency_) {
    s = base_ ? tr("Normal operation: %1 MW IT, %2 MW from the grid, %3 MW losses. N-1 not run.")
                    .arg(mw(base_->it_power_w))
                    .arg(mw(base_->grid_import_w))
                    .arg(mw(base_->total_loss_w))
              : tr("Press \"Run N-1\" to solve the site and every single failure.");
  } else {
    const auto& c = *contingency_;
    double cooling_w = 0;  // the cooling units' power on the network (coupled N-1)
    for (const auto& l : c.base.loads) cooling_w += l.p_w;
    s = tr("%1 MW IT, %2 MW from the grid, %3 MW losses%4. N-1: %5 cases, %6 lose racks, %7 "
           "reach a cooling limit, %8 overload a component, %9 single points of failure, worst "
           "loading %10 %")
            .arg(mw(c.base.it_power_w))
            .arg(mw(c.base.grid_import_w))
            .arg(mw(c.base.total_loss_w))
            .arg(cooling_w > 0 ? tr(", %1 MW to the cooling plant (the chart shows IT and the "
                                    "losses)")
                                     .arg(mw(cooling_w))
                               : QString())
            .arg(c.cases.size())
            .arg(c.cases_with_rack_loss)
            .arg(c.cases_with_cooling_limit)
            .arg(c.cases_with_overload)
            .arg(c.single_points)
            .arg(c.worst_loading_pct, 0, 'f', 1) +
        (c.all_converged ? QString() : tr("; some solves did not converge")) +
        (c.base.loads.empty() ? tr("; without the cooling plant's load (the site has no design "
                                   "weather)")
                              : QString()) +
        ".";
  }
  if (stale_) s = tr("STALE: the site changed since these results; run N-1 again. ") + s;
  status_->setText(s);
  status_->setStyleSheet(stale_ ? "QLabel { color: #a04000; }" : QString());
  run_btn_->setEnabled(!is_running() && catalog_ && (run_site_ || site_));
  cancel_btn_->setEnabled(is_running());
}

bool PowerBudget::run_n1() {
  if (is_running() || !catalog_ || !(run_site_ || site_)) return false;
  static std::uint64_t next_id = 0;
  shared_ = std::make_shared<RunShared>();
  shared_->run_id = ++next_id;
  shared_->stage = "starting";
  auto shared = shared_;
  auto site = run_site_ ? run_site_ : site_;
  auto catalog = catalog_;
  const std::uint64_t id = shared_->run_id;
  worker_ = std::thread([this, shared, site, catalog, id] {
    std::shared_ptr<el::ContingencyResult> r;
    QString error;
    bool cancelled = false;
    try {
      model::require_valid(*site, *catalog);
      // As the CLI's contingency: with design weather, the coupled design point puts the
      // cooling units' power on the network and every case gets its cooling consequence.
      if (const auto od = model::thermal::design_outdoor(*site))
        r = std::make_shared<el::ContingencyResult>(
            model::facility::run_facility_contingencies(*site, *catalog, *od, {}, shared.get()).n1);
      else
        r = std::make_shared<el::ContingencyResult>(
            el::run_contingencies(*site, *catalog, {}, shared.get()));
    } catch (const model::Cancelled&) {
      cancelled = true;
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    QMetaObject::invokeMethod(
        this, [this, r, error, cancelled, id] { on_n1_done(r, error, cancelled, id); },
        Qt::QueuedConnection);
  });
  progress_->setValue(0);
  poll_->start();
  refresh_status();
  status_->setText(tr("Running N-1..."));
  emit n1Started();
  return true;
}

void PowerBudget::cancel() {
  if (!is_running()) return;
  shared_->cancel();
  cancel_btn_->setEnabled(false);
  status_->setText(tr("Cancelling N-1..."));
}

void PowerBudget::poll() {
  if (!shared_) return;
  double f;
  std::string st;
  {
    std::lock_guard lock(shared_->m);
    f = shared_->fraction;
    st = shared_->stage;
  }
  progress_->setValue(static_cast<int>(std::lround(1000 * f)));
  if (!shared_->cancelled())
    status_->setText(tr("Running N-1: %1").arg(QString::fromStdString(st)));
}

void PowerBudget::on_n1_done(std::shared_ptr<el::ContingencyResult> r, const QString& error,
                             bool cancelled, std::uint64_t run_id) {
  if (!shared_ || shared_->run_id != run_id) return;
  if (worker_.joinable()) worker_.join();
  auto site = run_site_ ? run_site_ : site_;
  shared_.reset();
  poll_->stop();
  QString msg;
  if (r) {
    progress_->setValue(1000);
    set_results(*site, r->base, r.get());
    msg = tr("N-1 finished.");
  } else {
    progress_->setValue(0);
    refresh_status();
    msg = cancelled ? tr("N-1 cancelled.") : tr("N-1 failed: %1").arg(error);
    status_->setText(msg + " " + status_->text());
  }
  refresh_status();
  if (!r) status_->setText(msg);
  emit n1Finished(r != nullptr, msg);
}

bool PowerBudget::export_sankey_png(const QString& path, QString* error) {
  return export_widget_png(sankey_, path, error);
}
bool PowerBudget::export_sankey_svg(const QString& path, QString* error) {
  return export_widget_svg(sankey_, path, tr("Power flow"), error);
}
bool PowerBudget::export_capacity_png(const QString& path, QString* error) {
  return export_widget_png(capacity_, path, error);
}
bool PowerBudget::export_capacity_svg(const QString& path, QString* error) {
  return export_widget_svg(capacity_, path, tr("Capacity per level"), error);
}
bool PowerBudget::export_n1_csv(const QString& path, QString* error) {
  return export_table_csv(n1_, path, error);
}

}  // namespace dctwin::app

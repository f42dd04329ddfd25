#include "app/gui/property_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>
#include <cmath>

#include "app/gui/site_document.h"

namespace dctwin::app {

namespace edit = model::edit;
using model::Id;

namespace {
int decimals_for(const edit::PropertyInfo& p) {
  if (p.unit == "deg") return 0;
  if (p.display_unit == "kW" || p.unit == "C" || p.unit == "K") return 1;
  if (p.unit == "m3/s") return 4;
  if (p.unit == "V") return 0;
  return 3;
}
QString kind_title(const std::string& kind) {
  if (kind == "rack") return QObject::tr("Rack");
  if (kind == "row") return QObject::tr("Row");
  if (kind == "hall") return QObject::tr("Hall");
  if (kind == "elec_node") return QObject::tr("Electrical equipment");
  if (kind == "cooling_unit") return QObject::tr("Cooling unit");
  return QString::fromStdString(kind);
}
}  // namespace

PropertyEditor::PropertyEditor(SiteDocument* doc, QWidget* parent) : QWidget(parent), doc_(doc) {
  auto* outer = new QVBoxLayout(this);
  header_ = new QLabel;
  header_->setObjectName("propHeader");
  header_->setWordWrap(true);
  header_->setTextFormat(Qt::RichText);
  outer->addWidget(header_);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  body_ = new QWidget;
  form_ = new QFormLayout(body_);
  form_->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  scroll->setWidget(body_);
  outer->addWidget(scroll, 1);
  // Queued: an editor's own signal may trigger the change that rebuilds (deletes) it.
  connect(doc_, &SiteDocument::siteChanged, this, &PropertyEditor::refresh, Qt::QueuedConnection);
  connect(doc_, &SiteDocument::selectionChanged, this, &PropertyEditor::refresh,
          Qt::QueuedConnection);
  refresh();
}

QWidget* PropertyEditor::editor_for(const QString& name) const {
  return body_->findChild<QWidget*>("prop_" + name);
}

QString PropertyEditor::error_for(const QString& name) const {
  for (const auto& [n, label] : errors_)
    if (n == name && label->isVisible()) return label->text();
  for (const auto& [n, label] : errors_)
    if (n == name) return label->text();
  return {};
}

void PropertyEditor::commit(const std::string& name, const edit::PropValue& value) {
  QString error;
  try {
    auto cmd = edit::set_property(doc_->site(), doc_->catalog(), ids_, name, value);
    if (!doc_->push(std::move(cmd))) error = doc_->last_error();
  } catch (const std::exception& e) {
    error = QString::fromUtf8(e.what());
  }
  if (!error.isEmpty()) {
    pending_error_name_ = QString::fromStdString(name);
    pending_error_ = error;
    QMetaObject::invokeMethod(this, &PropertyEditor::refresh, Qt::QueuedConnection);
  }
}

void PropertyEditor::refresh() {
  while (form_->rowCount() > 0) form_->removeRow(0);
  errors_.clear();
  const QString err_name = pending_error_name_, err = pending_error_;
  pending_error_name_.clear();
  pending_error_.clear();
  ids_ = doc_->selection();
  const auto& site = doc_->site();
  const auto& cat = doc_->catalog();
  if (ids_.empty()) {
    header_->setText(tr("<i>Nothing selected.</i> Click a rack or unit on the hall plan."));
    return;
  }
  const std::string kind = edit::entity_kind(site, ids_.front());
  bool same_kind = true;
  for (Id id : ids_) same_kind = same_kind && edit::entity_kind(site, id) == kind;
  if (!same_kind) {
    header_->setText(
        tr("<b>%1 items</b> of different kinds: select one kind to edit.").arg(ids_.size()));
    return;
  }
  auto props = edit::entity_properties(site, cat, ids_.front());
  if (ids_.size() > 1) {
    if (kind != "rack") {
      header_->setText(tr("<b>%1 %2s</b>: select one to edit it.")
                           .arg(ids_.size())
                           .arg(kind_title(kind).toLower()));
      return;
    }
    std::vector<edit::PropertyInfo> shared;
    for (auto& p : props)
      if (p.name == "type" || p.name == "orientation_deg" || p.name == "power_override_w")
        shared.push_back(p);
    props = shared;
    header_->setText(tr("<b>%1 racks</b>: the fields below set all of them.").arg(ids_.size()));
  } else {
    QString name;
    try {
      const auto v = edit::get_property(site, ids_.front(), "name");
      if (const auto* s = std::get_if<std::string>(&v)) name = QString::fromStdString(*s);
    } catch (const std::exception&) {
    }
    header_->setText(tr("<b>%1</b> %2 <span style='color:gray'>(id %3)</span>")
                         .arg(kind_title(kind), name.toHtmlEscaped())
                         .arg(ids_.front()));
  }
  if (props.empty()) return;

  // Whether every selected entity has the same value (multi-selection shows blanks otherwise).
  auto common = [&](const std::string& name, edit::PropValue& out) {
    out = edit::get_property(site, ids_.front(), name);
    for (Id id : ids_)
      if (!(edit::get_property(site, id, name) == out)) return false;
    return true;
  };

  for (const auto& p : props) {
    const QString qname = QString::fromStdString(p.name);
    const std::string name = p.name;
    edit::PropValue value;
    const bool same = common(name, value);
    QWidget* field = nullptr;
    if (p.read_only) {
      QString text;
      if (const auto* s = std::get_if<std::string>(&value))
        text = QString::fromStdString(*s);
      else if (const auto* d = std::get_if<double>(&value))
        text = QString::number(*d * p.display_scale, 'f', decimals_for(p)) + " " +
               QString::fromStdString(p.display_unit);
      field = new QLabel(text);
    } else if (p.kind == edit::PropKind::Number) {
      auto* spin = new QDoubleSpinBox;
      spin->setDecimals(decimals_for(p));
      spin->setRange(p.min_value * p.display_scale, p.max_value * p.display_scale);
      spin->setSingleStep(p.step > 0 ? p.step * p.display_scale : 1.0);
      spin->setSuffix(" " + QString::fromStdString(p.display_unit));
      spin->setKeyboardTracking(false);
      spin->setAccelerated(true);
      const double* d = std::get_if<double>(&value);
      if (d) spin->setValue(*d * p.display_scale);
      if (!same) spin->setSpecialValueText(tr("(various)"));
      if (!same) spin->setValue(spin->minimum());
      const double scale = p.display_scale;
      const int dec = decimals_for(p);
      auto commit_spin = [this, spin, name, scale, dec] {
        const edit::PropValue now = edit::get_property(doc_->site(), ids_.front(), name);
        const double* cur = std::get_if<double>(&now);
        const double want = spin->value() / scale;
        const double tol = 0.5 * std::pow(10.0, -dec) / scale;
        bool differs = !cur || std::abs(*cur - want) > tol;
        if (ids_.size() > 1) differs = true;
        if (differs) commit(name, want);
      };
      if (p.optional) {
        auto* box = new QWidget;
        auto* h = new QHBoxLayout(box);
        h->setContentsMargins(0, 0, 0, 0);
        auto* check = new QCheckBox(tr("set"));
        check->setObjectName("propset_" + qname);
        check->setChecked(d != nullptr);
        spin->setEnabled(d != nullptr);
        h->addWidget(check);
        h->addWidget(spin, 1);
        connect(check, &QCheckBox::toggled, this, [this, spin, name, scale](bool on) {
          spin->setEnabled(on);
          commit(name, on ? edit::PropValue(spin->value() / scale) : edit::PropValue());
        });
        connect(spin, &QDoubleSpinBox::editingFinished, this, commit_spin);
        spin->setObjectName("prop_" + qname);
        field = box;
      } else {
        connect(spin, &QDoubleSpinBox::editingFinished, this, commit_spin);
        field = spin;
      }
    } else if (p.kind == edit::PropKind::Enum || p.kind == edit::PropKind::CatalogType) {
      auto* combo = new QComboBox;
      int current = -1;
      for (const auto& c : p.choices) {
        QString label = QString::fromStdString(c);
        if (p.kind == edit::PropKind::CatalogType)
          if (const auto* item = cat.find(c))
            label = QString::fromStdString(item->name + "  (" + c + ")");
        combo->addItem(label, QString::fromStdString(c));
        if (same && std::holds_alternative<std::string>(value) && std::get<std::string>(value) == c)
          current = combo->count() - 1;
      }
      combo->setCurrentIndex(current);
      if (current < 0) combo->setPlaceholderText(tr("(various)"));
      connect(combo, &QComboBox::activated, this, [this, combo, name](int index) {
        const std::string v = combo->itemData(index).toString().toStdString();
        commit(name, v);
      });
      field = combo;
    } else if (p.kind == edit::PropKind::Reference) {
      auto* combo = new QComboBox;
      int current = -1;
      for (std::size_t k = 0; k < p.choice_ids.size(); ++k) {
        combo->addItem(QString::fromStdString(p.choice_labels[k]), qlonglong(p.choice_ids[k]));
        if (same && std::holds_alternative<Id>(value) && std::get<Id>(value) == p.choice_ids[k])
          current = combo->count() - 1;
      }
      if (current < 0 && same && std::holds_alternative<Id>(value)) {
        // A connection to something outside the candidates (another hall): show it as such.
        combo->addItem(tr("entity %1 (not in this hall)").arg(std::get<Id>(value)),
                       qlonglong(std::get<Id>(value)));
        current = combo->count() - 1;
      }
      combo->setCurrentIndex(current);
      connect(combo, &QComboBox::activated, this, [this, combo, name](int index) {
        commit(name, edit::PropValue(Id(combo->itemData(index).toLongLong())));
      });
      field = combo;
    } else {
      auto* line = new QLineEdit;
      if (const auto* s = std::get_if<std::string>(&value))
        line->setText(QString::fromStdString(*s));
      connect(line, &QLineEdit::editingFinished, this, [this, line, name] {
        const edit::PropValue now = edit::get_property(doc_->site(), ids_.front(), name);
        const std::string want = line->text().toStdString();
        if (const auto* s = std::get_if<std::string>(&now); s && *s == want && ids_.size() == 1)
          return;
        commit(name, want);
      });
      field = line;
    }
    if (field->objectName().isEmpty()) field->setObjectName("prop_" + qname);
    if (auto* combo = qobject_cast<QComboBox*>(field)) {
      combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
      combo->setMinimumContentsLength(12);
    }
    QString label = QString::fromStdString(p.label);
    if (p.kind != edit::PropKind::Number && !p.unit.empty())
      label += " (" + QString::fromStdString(p.unit) + ")";
    field->setToolTip(p.kind == edit::PropKind::Number
                          ? tr("%1 to %2 %3")
                                .arg(p.min_value * p.display_scale)
                                .arg(p.max_value * p.display_scale)
                                .arg(QString::fromStdString(p.display_unit))
                          : QString());
    form_->addRow(label, field);
    auto* error = new QLabel;
    error->setObjectName("properr_" + qname);
    error->setWordWrap(true);
    error->setStyleSheet("color: #b00020;");
    if (qname == err_name && !err.isEmpty()) {
      error->setText(err);
      field->setStyleSheet("border: 1px solid #b00020;");
    } else {
      error->hide();
    }
    form_->addRow(QString(), error);
    errors_.emplace_back(qname, error);
  }
}

}  // namespace dctwin::app

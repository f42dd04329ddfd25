// The property editor (a dock widget's body): the selected entity (rack, row, hall, electrical
// node, cooling unit) as a form of typed editors built from model::edit::entity_properties:
// spin boxes with unit suffix and range, combos for enums, catalog types and connections, line
// edits for names. Editing commits one set-property command through the document (one undo
// step); a refused value shows its message under the field and the field goes back to the
// site's value. With several racks selected, the fields they share (type, orientation, power
// override) edit all of them at once.
#pragma once

#include <QWidget>
#include <string>
#include <vector>

#include "model/edit/properties.h"

class QFormLayout;
class QLabel;

namespace dctwin::app {

class SiteDocument;

class PropertyEditor : public QWidget {
  Q_OBJECT
 public:
  explicit PropertyEditor(SiteDocument* doc, QWidget* parent = nullptr);
  /// The editor widget of a property (objectName "prop_<name>"), or null when not shown.
  [[nodiscard]] QWidget* editor_for(const QString& name) const;
  /// The message shown under a field after a refused edit (empty when none).
  [[nodiscard]] QString error_for(const QString& name) const;

 public slots:
  /// Rebuilds the form from the document's selection and site.
  void refresh();

 private:
  void commit(const std::string& name, const model::edit::PropValue& value);

  SiteDocument* doc_;
  QLabel* header_ = nullptr;
  QFormLayout* form_ = nullptr;
  QWidget* body_ = nullptr;
  std::vector<model::Id> ids_;
  std::vector<std::pair<QString, QLabel*>> errors_;
  QString pending_error_name_, pending_error_;
  quint64 shown_revision_ = ~0ull;
};

}  // namespace dctwin::app

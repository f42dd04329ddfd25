// The open project as the GUI edits it: owns data::Project (site, catalog, scenarios), the undo
// stack, the file name and the selection. Every change to the site goes through push() as a
// model edit command (model/edit/commands.h), wrapped in a QUndoCommand; views listen to
// siteChanged() (once per user action, macros included) and selectionChanged().
#pragma once

#include <QObject>
#include <QString>
#include <QUndoStack>
#include <vector>

#include "data/project_file.h"
#include "model/edit/commands.h"

namespace dctwin::app {

class SiteDocument : public QObject {
  Q_OBJECT
 public:
  explicit SiteDocument(QObject* parent = nullptr);

  [[nodiscard]] const data::Project& project() const { return project_; }
  [[nodiscard]] const model::Site& site() const { return project_.site; }
  [[nodiscard]] const model::Catalog& catalog() const { return project_.catalog; }
  QUndoStack* undo_stack() { return &stack_; }

  /// Replaces the project (clears the undo stack and the selection; the document is unmodified).
  /// file is empty for a project not saved yet (from a template).
  void set_project(data::Project project, const QString& file);
  [[nodiscard]] QString file() const { return file_; }
  /// True when the site differs from what was last saved or set (the undo stack is not clean),
  /// or the scenarios were edited since.
  [[nodiscard]] bool modified() const { return !stack_.isClean() || scenarios_edited_; }

  /// The project for the scenario explorer, which edits project->scenarios in place (scenario
  /// edits are not undo steps); it calls scenarios_edited() after each change. Never the site:
  /// site edits go through push().
  [[nodiscard]] data::Project* mutable_project() { return &project_; }
  /// The scenarios were changed through mutable_project(): the document is modified.
  void scenarios_edited();
  /// Writes the project (site, catalog, scenarios) to path with data::save_project; on success
  /// the document takes path as its file and becomes unmodified. On failure error gets the
  /// message and nothing else changes.
  bool save(const QString& path, QString* error);

  /// Applies cmd to the site and puts it on the undo stack as one step, named text (empty: the
  /// command's own text). merge: fold into the previous step when both are the same kind of
  /// edit of the same entities (model::edit::Command::merge_with). A command that fails to
  /// apply changes nothing: push returns false, last_error() and editRejected() say why.
  bool push(model::edit::CommandPtr cmd, const QString& text = {}, bool merge = false);
  [[nodiscard]] QString last_error() const { return last_error_; }
  /// Groups the pushes until end_macro() into one undo step and one siteChanged().
  void begin_macro(const QString& text);
  void end_macro();

  /// Increments on every change of the site: each push, undo and redo.
  [[nodiscard]] quint64 revision() const { return revision_; }

  [[nodiscard]] const std::vector<model::Id>& selection() const { return selection_; }
  /// Sets the selected entity ids (racks, rows, halls, nodes, cooling units); emits
  /// selectionChanged() when it differs.
  void set_selection(std::vector<model::Id> ids);

 signals:
  void siteChanged();
  void selectionChanged();
  void fileChanged();
  void modifiedChanged(bool modified);
  /// An edit was refused (the message names the entity and the fix).
  void editRejected(const QString& message);

 private:
  void touched();
  void flush();
  void prune_selection();

  data::Project project_;
  QUndoStack stack_;
  QString file_;
  QString last_error_;
  quint64 revision_ = 0;
  bool dirty_ = false;
  bool scenarios_edited_ = false;
  int macro_depth_ = 0;
  std::vector<model::Id> selection_;
};

}  // namespace dctwin::app

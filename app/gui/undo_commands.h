// QUndoCommand around a model edit command: redo() applies it to the document's site, undo()
// reverts it. Commands with a model merge id (moves) merge, so a drag is one undo step.
#pragma once

#include <QUndoCommand>
#include <functional>

#include "model/edit/commands.h"

namespace dctwin::app {

class ModelUndoCommand : public QUndoCommand {
 public:
  /// site: where to apply; changed: called after every redo/undo (the document's notifier).
  /// applied: the command was already applied (the first redo(), from QUndoStack::push, then
  /// does nothing). mergeable: may fold into the step before (see mergeWith).
  ModelUndoCommand(model::Site* site, model::edit::CommandPtr cmd, const QString& text,
                   std::function<void()> changed, bool applied = false, bool mergeable = false);
  void redo() override;
  void undo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;
  [[nodiscard]] const model::edit::Command& command() const { return *cmd_; }

 private:
  model::Site* site_;
  model::edit::CommandPtr cmd_;
  std::function<void()> changed_;
  bool skip_redo_ = false;
  bool mergeable_ = false;
};

}  // namespace dctwin::app

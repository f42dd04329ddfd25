#include "app/gui/undo_commands.h"

namespace dctwin::app {

ModelUndoCommand::ModelUndoCommand(model::Site* site, model::edit::CommandPtr cmd,
                                   const QString& text, std::function<void()> changed, bool applied,
                                   bool mergeable)
    : site_(site),
      cmd_(std::move(cmd)),
      changed_(std::move(changed)),
      skip_redo_(applied),
      mergeable_(mergeable) {
  setText(text.isEmpty() ? QString::fromStdString(cmd_->text()) : text);
}

void ModelUndoCommand::redo() {
  if (skip_redo_) {
    skip_redo_ = false;
    return;
  }
  // Qt's undo stack is not exception safe: a command that no longer fits the site (which the
  // document's linear history prevents) is reported and left undone.
  try {
    cmd_->apply(*site_);
  } catch (const std::exception& e) {
    qWarning("redo of '%s' failed: %s", qPrintable(text()), e.what());
    setObsolete(true);
  }
  if (changed_) changed_();
}

void ModelUndoCommand::undo() {
  try {
    cmd_->revert(*site_);
  } catch (const std::exception& e) {
    qWarning("undo of '%s' failed: %s", qPrintable(text()), e.what());
    setObsolete(true);
  }
  if (changed_) changed_();
}

int ModelUndoCommand::id() const { return mergeable_ ? cmd_->merge_id() : -1; }

bool ModelUndoCommand::mergeWith(const QUndoCommand* other) {
  const auto* o = dynamic_cast<const ModelUndoCommand*>(other);
  if (!o || !mergeable_ || !o->mergeable_) return false;
  return cmd_->merge_with(*o->cmd_);
}

}  // namespace dctwin::app

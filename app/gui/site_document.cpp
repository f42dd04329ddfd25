#include "app/gui/site_document.h"

#include <algorithm>
#include <unordered_set>

#include "app/gui/undo_commands.h"

namespace dctwin::app {

SiteDocument::SiteDocument(QObject* parent) : QObject(parent) {
  // Undo and redo of any step (a macro too) end with one indexChanged: one siteChanged.
  connect(&stack_, &QUndoStack::indexChanged, this, [this] { flush(); });
  connect(&stack_, &QUndoStack::cleanChanged, this,
          [this](bool clean) { emit modifiedChanged(!clean || scenarios_edited_); });
}

void SiteDocument::scenarios_edited() {
  const bool was = modified();
  scenarios_edited_ = true;
  if (!was) emit modifiedChanged(true);
}

void SiteDocument::set_project(data::Project project, const QString& file) {
  const bool only_scenarios = scenarios_edited_ && stack_.isClean();
  scenarios_edited_ = false;
  project_ = std::move(project);
  file_ = file;
  ++revision_;
  dirty_ = false;
  macro_depth_ = 0;
  selection_.clear();
  stack_.clear();  // clean again: modifiedChanged(false) when it was modified
  if (only_scenarios) emit modifiedChanged(false);
  emit fileChanged();
  emit siteChanged();
  emit selectionChanged();
}

bool SiteDocument::save(const QString& path, QString* error) {
  try {
    data::save_project(path.toStdString(), project_);
  } catch (const std::exception& e) {
    if (error) *error = QString::fromUtf8(e.what());
    return false;
  }
  const bool file_changed = path != file_;
  const bool was_modified = modified();
  file_ = path;
  scenarios_edited_ = false;
  stack_.setClean();
  if (was_modified && !modified()) emit modifiedChanged(false);
  if (file_changed) emit fileChanged();
  return true;
}

bool SiteDocument::push(model::edit::CommandPtr cmd, const QString& text, bool merge) {
  if (!cmd) return false;
  try {
    cmd->apply(project_.site);
  } catch (const std::exception& e) {
    last_error_ = QString::fromUtf8(e.what());
    emit editRejected(last_error_);
    return false;
  }
  last_error_.clear();
  auto* undo = new ModelUndoCommand(
      &project_.site, std::move(cmd), text, [this] { touched(); },
      /*applied=*/true, merge);
  touched();
  stack_.push(undo);  // redo() is a no-op for an applied command; a merge keeps the index
  flush();
  return true;
}

void SiteDocument::begin_macro(const QString& text) {
  ++macro_depth_;
  stack_.beginMacro(text);
}

void SiteDocument::end_macro() {
  if (macro_depth_ == 0) return;
  --macro_depth_;
  stack_.endMacro();
  flush();
}

void SiteDocument::set_selection(std::vector<model::Id> ids) {
  std::vector<model::Id> v;
  std::unordered_set<model::Id> seen;
  for (model::Id id : ids)
    if (id != model::kNoId && seen.insert(id).second) v.push_back(id);
  if (v == selection_) return;
  selection_ = std::move(v);
  emit selectionChanged();
}

void SiteDocument::touched() {
  ++revision_;
  dirty_ = true;
}

void SiteDocument::flush() {
  if (!dirty_ || macro_depth_ > 0) return;
  dirty_ = false;
  prune_selection();
  emit siteChanged();
}

void SiteDocument::prune_selection() {
  if (selection_.empty()) return;
  std::vector<model::Id> kept;
  for (model::Id id : selection_)
    if (!model::edit::entity_kind(project_.site, id).empty()) kept.push_back(id);
  if (kept.size() == selection_.size()) return;
  selection_ = std::move(kept);
  emit selectionChanged();
}

}  // namespace dctwin::app

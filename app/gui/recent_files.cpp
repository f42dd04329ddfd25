#include "app/gui/recent_files.h"

#include <QFileInfo>
#include <QSettings>

namespace dctwin::app {

namespace {
constexpr const char* kKey = "recentFiles";
}

QStringList recent_files() {
  const QStringList all = QSettings().value(kKey).toStringList();
  QStringList out;
  for (const QString& f : all)
    if (QFileInfo::exists(f)) out << f;
  return out;
}

void add_recent_file(const QString& path) {
  const QString abs = QFileInfo(path).absoluteFilePath();
  QStringList all = QSettings().value(kKey).toStringList();
  all.removeAll(abs);
  all.prepend(abs);
  while (all.size() > kMaxRecent) all.removeLast();
  QSettings().setValue(kKey, all);
}

void clear_recent_files() { QSettings().remove(kKey); }

}  // namespace dctwin::app

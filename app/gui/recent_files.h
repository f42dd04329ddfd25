// The File > Open Recent list, kept in QSettings ("recentFiles"): newest first, at most
// kMaxRecent, files that no longer exist left out when listed.
#pragma once

#include <QStringList>

namespace dctwin::app {

inline constexpr int kMaxRecent = 8;

/// The remembered files that still exist, newest first.
[[nodiscard]] QStringList recent_files();
/// Puts path first (absolute, once) and trims the list to kMaxRecent.
void add_recent_file(const QString& path);
void clear_recent_files();

}  // namespace dctwin::app

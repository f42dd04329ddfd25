// Helpers shared by the libFuzzer targets of tests/fuzz.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace dctwin::fuzz {

/// The readers that take a path (the project file, the site JSON with its repeated-key check) are
/// fed through a file: one per process, rewritten for each input, in $TMPDIR (tmpfs on most
/// machines, so that the fuzzer is not limited by the disk).
inline std::string scratch_path(const char* suffix) {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/dctwin-fuzz-" +
         std::to_string(::getpid()) + suffix;
}

/// Writes the input to scratch_path(suffix) and returns the path; aborts when it cannot (a broken
/// fuzzing set-up, not a finding).
inline std::string write_scratch(const std::uint8_t* data, std::size_t size, const char* suffix) {
  const std::string path = scratch_path(suffix);
  for (const char* extra : {"-wal", "-shm", "-journal"}) std::remove((path + extra).c_str());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr || (size > 0 && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
    std::perror(path.c_str());
    std::abort();
  }
  return path;
}

/// A violated property of the reader (not an input it refused): report and abort, so that
/// libFuzzer keeps the input.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz property violated: %s\n", what);
  std::abort();
}

}  // namespace dctwin::fuzz

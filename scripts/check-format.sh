#!/usr/bin/env bash
# Fails, listing the files, when a C++ source of the project differs from what clang-format
# makes of it with the project's .clang-format (Debian 12's clang-format 14, installed by
# scripts/deps.sh). `scripts/check-format.sh --fix` reformats them in place. Run by .ci/run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v clang-format >/dev/null || { echo "check-format: clang-format not found (scripts/deps.sh installs it)"; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
drift=()
for f in "${files[@]}"; do
  clang-format "$f" | cmp -s - "$f" || drift+=("$f")
done
if [ ${#drift[@]} -gt 0 ]; then
  echo "check-format: ${#drift[@]} of ${#files[@]} files differ from .clang-format:"
  printf '  %s\n' "${drift[@]}"
  echo "check-format: run scripts/check-format.sh --fix and commit the result"
  exit 1
fi
echo "check-format: ${#files[@]} files follow .clang-format"

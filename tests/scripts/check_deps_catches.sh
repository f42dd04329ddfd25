#!/usr/bin/env bash
# scripts/check-deps.sh must fail, naming the package, when deps.sh leaves out one the build used.
# Runs it on a copy of the scripts whose deps.sh drops libqt6opengl6-dev (render/ needs Qt6
# OpenGL; the fresh-machine failure of issue 11) and poppler-utils (pdftotext in tst_report).
set -euo pipefail
root="$1"; build="$2"
t="$(mktemp -d)"; trap 'rm -rf "$t"' EXIT
mkdir "$t/scripts"
cp "$root/scripts/check-deps.sh" "$t/scripts/"
sed -e 's/ libqt6opengl6-dev//' -e 's/ poppler-utils//' "$root/scripts/deps.sh" >"$t/scripts/deps.sh"
chmod +x "$t/scripts/"*.sh
if "$t/scripts/check-deps.sh" "$build" 2>"$t/err"; then
  echo "FAIL: check-deps passed with libqt6opengl6-dev and poppler-utils left out of deps.sh"; exit 1
fi
for p in libqt6opengl6-dev poppler-utils; do
  grep -q "package $p is not installed by scripts/deps.sh" "$t/err" || { echo "FAIL: $p not named:"; cat "$t/err"; exit 1; }
done
echo "ok: check-deps names the packages left out"; cat "$t/err"

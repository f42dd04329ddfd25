#!/usr/bin/env bash
# Checks that scripts/deps.sh installs everything the build used, so that a fresh Debian 12
# machine can build and test what this one did. Run by .ci/run after the build.
#
# It maps to their Debian packages (dpkg -S):
#   - every CMake package config file the build found (the *_DIR entries of CMakeCache.txt and
#     the <Name>Config.cmake / <name>-config.cmake inside each),
#   - every shared library the built programs and libraries link (ldd),
#   - every program the scripts and tests run (TOOLS below),
# and fails, naming the package and what needed it, when a package is neither listed in
# scripts/deps.sh nor pulled in by one that is (apt-cache depends --recurse, Depends and
# PreDepends only: deps.sh installs with --no-install-recommends).
#
# Usage: scripts/check-deps.sh [BUILD_DIR]   (default: $DCTWIN_BUILD_DIR or build/)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${DCTWIN_BUILD_DIR:-$root/build}}"
cache="$build/CMakeCache.txt"
if [ ! -f "$cache" ]; then
  echo "check-deps: $cache not found; build first (scripts/build.sh)" >&2
  exit 2
fi
for tool in dpkg apt-cache ldd; do
  command -v "$tool" >/dev/null || { echo "check-deps: '$tool' not found (a Debian machine is needed)" >&2; exit 2; }
done

# Programs the scripts and the test suites run (scripts/*.sh, tests/unit/*.cpp).
TOOLS=(cmake ninja ccache xvfb-run xauth Xvfb pdfinfo pdftotext unzip sqlite3 clang-format)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. What deps.sh installs, and everything that pulls in.
"$root/scripts/deps.sh" --list | sort -u >"$work/listed"
# shellcheck disable=SC2046
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
  --no-replaces --no-enhances $(cat "$work/listed") 2>/dev/null |
  sed -n -e 's/^[[:space:]]*|\{0,1\}\(Pre\)\{0,1\}Depends: <\{0,1\}\([^ >]*\)>\{0,1\}.*/\2/p' \
         -e 's/^\([^ <][^ ]*\)$/\1/p' |
  sed 's/:[a-z0-9]*$//' | sort -u >"$work/closure"
cat "$work/listed" >>"$work/closure"
sort -u -o "$work/closure" "$work/closure"

# 2. Files the build used: "file<TAB>what needed it".
: >"$work/files"
while IFS= read -r line; do
  name="${line%%_DIR:*}"
  dir="${line#*=}"
  [ -d "$dir" ] || continue
  case "$dir" in "$build"*|"$root"*) continue ;; esac
  lower="$(echo "$name" | tr '[:upper:]' '[:lower:]')"
  found=""
  for f in "$dir/${name}Config.cmake" "$dir/${lower}-config.cmake" "$dir/${name}-config.cmake"; do
    if [ -f "$f" ]; then found="$f"; break; fi
  done
  if [ -z "$found" ]; then
    found="$(find "$dir" -maxdepth 1 \( -name '*Config.cmake' -o -name '*-config.cmake' \) | head -n 1)"
  fi
  [ -n "$found" ] && printf '%s\tCMake package %s (%s)\n' "$found" "$name" "$cache" >>"$work/files"
done < <(grep -E '^[A-Za-z0-9_.+-]+_DIR:(PATH|STRING|INTERNAL)=/' "$cache")

# Libraries and programs the build produced (skip static archives and objects).
while IFS= read -r bin; do
  [ "$(head -c 4 "$bin" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
  ldd "$bin" 2>/dev/null | awk -v b="$bin" '$2 == "=>" && $3 ~ /^\// { print $3 "\tlinked by " b }
                                            $2 == "=>" && $3 == "not" { print "MISSING:" $1 "\tlinked by " b }'
done < <(find "$build" -type f \( -perm -u+x -o -name '*.so*' \) -not -path '*/CMakeFiles/*') |
  sort -u -k1,1 >>"$work/files"

for t in "${TOOLS[@]}"; do
  p="$(command -v "$t" || true)"
  if [ -n "$p" ]; then printf '%s\tprogram %s, run by the scripts or tests\n' "$p" "$t" >>"$work/files"
  else printf 'MISSING:%s\tprogram run by the scripts or tests\n' "$t" >>"$work/files"; fi
done

# 3. Map each file to its package and judge it.
owner() {  # dpkg -S wants the path as the package recorded it (usrmerge: /lib vs /usr/lib)
  local f="$1" r
  for cand in "$f" "$(readlink -f "$f")" "${f#/usr}" "/usr$f" "$(readlink -f "$f" | sed 's|^/usr||')"; do
    r="$(dpkg -S "$cand" 2>/dev/null | head -n 1 | cut -d: -f1)" && [ -n "$r" ] && { echo "$r"; return 0; }
  done
  return 1
}
fail=0
checked=0
declare -A seen=()
while IFS=$'\t' read -r f why; do
  checked=$((checked + 1))
  case "$f" in
    MISSING:*)
      echo "check-deps: ${f#MISSING:} not found on this machine ($why); add its package to scripts/deps.sh" >&2
      fail=1; continue ;;
  esac
  pkg="$(owner "$f" || true)"
  if [ -z "$pkg" ]; then
    echo "check-deps: $f ($why) belongs to no Debian package: installed by hand? A fresh machine will not have it" >&2
    fail=1; continue
  fi
  pkg="${pkg%%,*}"
  pkg="${pkg%%:*}"
  [ -n "${seen[$pkg]:-}" ] && continue
  seen[$pkg]=1
  if ! grep -qxF "$pkg" "$work/closure"; then
    echo "check-deps: package $pkg is not installed by scripts/deps.sh nor pulled in by what it lists;" \
         "needed for $f ($why). Add $pkg to PACKAGES in scripts/deps.sh" >&2
    fail=1
  fi
done <"$work/files"

if [ "$fail" -ne 0 ]; then
  exit 1
fi
echo "check-deps: ok: $checked files from ${#seen[@]} Debian packages, all installed by scripts/deps.sh" \
     "($(wc -l <"$work/listed") listed, $(wc -l <"$work/closure") with their dependencies)"

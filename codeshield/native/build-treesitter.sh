#!/usr/bin/env bash
# Builds Tree-sitter and the grammars Code Shield uses as optimized shared libraries, from the C
# sources their npm packages ship. Optional: without them Ward uses the natives inside the
# io.github.bonede jars, which are compiled without optimization (-O0) and parse about 3x slower.
#
#   codeshield/native/build-treesitter.sh [OUT_DIR]      (default: codeshield/target/native)
#   WARD_TREESITTER_DIR=OUT_DIR ./ward scan ...           (or -Dward.treesitter.dir=OUT_DIR)
#
# Needs npm and a C compiler. Grammar versions are the ones the root pom manages
# (tree-sitter-<lang>.version), so the ABI matches the jars'.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=$(mkdir -p "${1:-$ROOT/codeshield/target/native}" && cd "${1:-$ROOT/codeshield/target/native}" && pwd)
CORE_NPM_VERSION=0.25.0   # the node binding whose vendored C core matches binding 0.25.x
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2 -fPIC -std=c11 -D_DEFAULT_SOURCE -DNDEBUG -w}

die() { echo "build-treesitter: $*" >&2; exit 1; }
command -v npm >/dev/null || die "npm is needed to fetch the C sources"
command -v "$CC" >/dev/null || die "a C compiler ($CC) is needed"

version() { # the version the root pom manages for a grammar artifact
  sed -n "s:.*<tree-sitter-$1.version>\(.*\)</tree-sitter-$1.version>.*:\1:p" "$ROOT/pom.xml" | head -n 1
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fetch() { # npm package name, version -> unpacked folder
  local dir="$WORK/$1"
  mkdir -p "$dir"
  (cd "$WORK" && npm pack --silent "$1@$2" >/dev/null) || die "cannot fetch $1@$2 from npm"
  tar xzf "$WORK/$1-$2.tgz" -C "$dir"
  echo "$dir/package"
}

core=$(fetch tree-sitter "$CORE_NPM_VERSION")/vendor/tree-sitter/lib
"$CC" $CFLAGS -shared -I"$core/include" -I"$core/src" "$core/src/lib.c" -o "$OUT/libtree-sitter.so"
echo "built $OUT/libtree-sitter.so"

# artifact (pom property and library name) and the source folder inside its npm package
for entry in c: cpp: c-sharp: java: javascript: typescript:typescript php:php python: rust: go: kotlin: ruby: swift:; do
  artifact=${entry%%:*}
  sub=${entry#*:}
  v=$(version "$artifact")
  [ -n "$v" ] || die "no <tree-sitter-$artifact.version> in $ROOT/pom.xml"
  npm_version=$v
  [ "$artifact" = kotlin ] && npm_version=${v%.*}   # the jar adds a fourth digit to npm's 0.3.8
  pkg=$(fetch "tree-sitter-$artifact" "$npm_version")
  src="$pkg/${sub:+$sub/}src"
  sources=("$src/parser.c")
  [ -f "$src/scanner.c" ] && sources+=("$src/scanner.c")
  "$CC" $CFLAGS -shared -I"$src" -I"$core/include" "${sources[@]}" \
    -L"$OUT" -ltree-sitter -Wl,-rpath,'$ORIGIN' -o "$OUT/libtree-sitter-$artifact.so"
  echo "built $OUT/libtree-sitter-$artifact.so ($npm_version)"
done

#!/usr/bin/env bash
# Installs freshdocs for the GitHub Action (action.yml), in two calls:
#
#   install.sh key      writes `dir=` (where freshdocs is installed, which actions/cache keeps)
#                       and `key=` (runner OS and architecture, version, and a hash of the
#                       action's own source) to $GITHUB_OUTPUT;
#   install.sh install  puts freshdocs in that folder unless the cache brought it back: the
#                       release binary for the runner when the version has one, else a build
#                       from the action's own checkout (cargo install --path $GITHUB_ACTION_PATH);
#                       then adds the folder to $GITHUB_PATH.
#
# Reads FRESHDOCS_VERSION (a release tag; empty: the action's ref), ACTION_REF, ACTION_REPOSITORY
# (owner/name, for the release address), RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE (or HOME), and
# FRESHDOCS_RELEASES, the address releases are downloaded from (default
# https://github.com/$ACTION_REPOSITORY/releases/download; a mirror, or a file:// folder in tests).
set -euo pipefail

: "${GITHUB_ACTION_PATH:?install.sh runs inside the action (GITHUB_ACTION_PATH is not set)}"
version=${FRESHDOCS_VERSION:-${ACTION_REF:-}}
os=${RUNNER_OS:-$(uname -s)}
arch=${RUNNER_ARCH:-$(uname -m)}
dir="${RUNNER_TOOL_CACHE:-$HOME/.cache}/freshdocs-action/${version:-source}-$os-$arch/bin"

# The Rust target of the release binary for this runner, or nothing when none is built for it.
target() {
  case "$os/$arch" in
    Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-gnu ;;
    Linux/ARM64 | Linux/aarch64) echo aarch64-unknown-linux-gnu ;;
    macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
  esac
}

# A branch name as the version does not say which commit was built: the source's hash does.
source_hash() {
  (cd "$GITHUB_ACTION_PATH" && find Cargo.toml Cargo.lock build.rs src themes -type f -print0 2>/dev/null |
    LC_ALL=C sort -z | xargs -0 cat | { sha256sum 2>/dev/null || shasum -a 256; } | cut -c1-16)
}

# Downloads and unpacks the release binary into $dir; fails quietly when there is none.
from_release() {
  local target base url tmp
  target=$(target)
  [ -n "$target" ] && [ -n "$version" ] || return 1
  base=${FRESHDOCS_RELEASES:-https://github.com/${ACTION_REPOSITORY:-}/releases/download}
  url="$base/$version/freshdocs-$target.tar.gz"
  tmp=$(mktemp -d)
  echo "freshdocs: trying the release binary $url"
  if curl --fail --silent --show-error --location --retry 2 --output "$tmp/freshdocs.tar.gz" "$url" &&
    tar -xzf "$tmp/freshdocs.tar.gz" -C "$tmp" freshdocs; then
    mkdir -p "$dir"
    mv "$tmp/freshdocs" "$dir/freshdocs"
    chmod +x "$dir/freshdocs"
    rm -rf "$tmp"
    return 0
  fi
  rm -rf "$tmp"
  echo "freshdocs: no release binary for $target at $version; building from source instead"
  return 1
}

from_source() {
  if ! command -v cargo >/dev/null; then
    echo "::error title=freshdocs::cargo is needed to build freshdocs from source: add dtolnay/rust-toolchain@stable before this step, or use a version with a release binary for $os/$arch"
    exit 2
  fi
  cargo install --locked --path "$GITHUB_ACTION_PATH" --root "$(dirname "$dir")"
}

case "${1:-}" in
  key)
    {
      echo "dir=$dir"
      echo "key=freshdocs-$os-$arch-${version:-source}-$(source_hash)"
    } >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
    ;;
  install)
    if [ -x "$dir/freshdocs" ]; then
      echo "freshdocs: using the cached $dir/freshdocs"
    else
      from_release || from_source
    fi
    echo "$dir" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
    "$dir/freshdocs" --version
    ;;
  *)
    echo "usage: install.sh key|install" >&2
    exit 2
    ;;
esac

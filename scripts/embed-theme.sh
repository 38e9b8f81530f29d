#!/usr/bin/env bash
# Usage: embed-theme.sh TEMPLATES_FOLDER OUTPUT_FILE
# Writes the Swift source that carries every file under templates/ in the binary. Run before every build by
# the EmbedThemePlugin build-tool plugin (Plugins/EmbedThemePlugin), which puts OUTPUT_FILE in the build folder:
# the generated source is never in the repository, and never stale.
#
# Why: `collective new site` copies the default theme into the new site, so the binary must carry it.
# SwiftPM resources can only live inside a target's folder, and the theme lives at the top level where
# users find and copy it, so the files are embedded as Swift source instead.
#
# Files are stored base64-encoded (wrapped at 76 columns) so that any byte — a brace, a triple quote,
# a backslash, an image — survives, and the output is byte-for-byte deterministic (sorted by path).
# Hidden files (.DS_Store, editor swap files) are skipped, as the test skips them.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: embed-theme.sh TEMPLATES_FOLDER OUTPUT_FILE" >&2; exit 2; }
templates="$1"
out="$2"

[ -d "$templates" ] || { echo "embed-theme: no templates/ folder at $templates" >&2; exit 1; }

mkdir -p "$(dirname "$out")"
tmp="$(mktemp "$out.XXXXXX")"
trap 'rm -f "$tmp"' EXIT

{
  echo "// Generated at build time by scripts/embed-theme.sh (EmbedThemePlugin) from templates/. Not in the repository."
  echo "// The default theme, carried in the binary so that \`collective new site\` can copy it."
  echo ""
  echo "enum EmbeddedTheme {"
  echo "    /// Every file under templates/ (hidden files excepted), by path relative to templates/, base64-encoded."
  echo "    static let base64: [String: String] = ["
  # -print0 | sort -z: stable order whatever the file names are; LC_ALL=C: byte order, not the locale's.
  (cd "$templates" && find . -type f ! -path '*/.*' -print0 | LC_ALL=C sort -z) |
    while IFS= read -r -d '' file; do
      path="${file#./}"
      case "$path" in *'"'*|*'\'*) echo "embed-theme: unsupported character in file name: $path" >&2; exit 1 ;; esac
      echo "        \"$path\": \"\"\""
      base64 -w 76 < "$templates/$path" | sed 's/^/            /'
      echo "            \"\"\","
    done
  echo "    ]"
  echo "}"
} > "$tmp"

# Only a changed theme touches the output, so an unchanged one recompiles nothing.
if cmp -s "$tmp" "$out"; then rm -f "$tmp"; else mv "$tmp" "$out"; fi
trap - EXIT

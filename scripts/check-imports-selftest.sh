#!/usr/bin/env bash
# Proves that scripts/check-imports.py fails on an edge outside docs/architecture.md's table:
# copies the package's tracked files to a scratch folder, adds an import of a peer
# (ConfigurationChecks -> Scenarios), and expects the check to reject it, naming file and line.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$scratch" 2>/dev/null || true
file=Sources/ConfigurationChecks/ConfigRules.swift
sed -i '1i import Scenarios' "$scratch/$file"
if output=$(python3 "$scratch/scripts/check-imports.py" "$scratch" 2>&1); then
  echo "check-imports.py accepted a peer import; it should have failed:"
  echo "$output"
  exit 1
fi
if ! grep -q "$file:1: ConfigurationChecks imports Scenarios, not allowed" <<<"$output"; then
  echo "check-imports.py failed, but without naming the added edge:"
  echo "$output"
  exit 1
fi
echo "check-imports.py rejects a peer import, as it should:"
echo "$output"

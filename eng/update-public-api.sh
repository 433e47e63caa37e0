#!/usr/bin/env bash
# Appends every symbol the PublicApiAnalyzers report as undeclared (RS0016) to that project's PublicAPI.Unshipped.txt,
# and drops entries it reports as no longer existing (RS0017). Review the diff: the public surface is a decision.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/; do
  csproj=$(ls "$project"*.csproj 2>/dev/null | head -n1) || continue
  [ -f "$project/PublicAPI.Unshipped.txt" ] || continue
  log=$(dotnet build "$csproj" --no-incremental -p:TreatWarningsAsErrors=false -nologo 2>&1 || true)
  added=$(grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API)" <<<"$log" | sort -u || true)
  removed=$(grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API, but)" <<<"$log" | sort -u || true)
  file="$project/PublicAPI.Unshipped.txt"
  if [ -n "$added" ]; then printf '%s\n' "$added" >>"$file"; fi
  if [ -n "$removed" ]; then
    while IFS= read -r symbol; do grep -vxF -- "$symbol" "$file" >"$file.tmp" || true; mv "$file.tmp" "$file"; done <<<"$removed"
  fi
  { head -n1 "$file"; tail -n +2 "$file" | sort -u; } >"$file.tmp" && mv "$file.tmp" "$file"
done

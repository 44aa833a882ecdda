#!/usr/bin/env bash
# Audit every locked package (requirements.lock) against the Python vulnerability
# database with pip-audit. When the database cannot be reached, say so plainly and
# exit 3: nothing was audited, which is not a pass.
set -u
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if ! $PY - <<'PY' 2>/dev/null
import sys, urllib.request
try:
    urllib.request.urlopen("https://pypi.org/pypi/pip-audit/json", timeout=15).read(1)
except Exception as error:
    print(f"unreachable: {error}", file=sys.stderr)
    sys.exit(1)
PY
then
  echo "make audit: the vulnerability database (PyPI's advisory API) cannot be reached from this machine; NOTHING WAS AUDITED." >&2
  exit 3
fi
echo "Auditing the packages pinned in requirements.lock against PyPI's vulnerability database..."
report=$(mktemp)
trap 'rm -f "$report"' EXIT
.venv/bin/pip-audit --disable-pip --require-hashes --progress-spinner off -r requirements.lock \
  --format json --output "$report" >/dev/null 2>&1
# pip-audit exits 0 when every package it could not look up was skipped; count them, so a
# database that answers "not found" for everything is not reported as a clean audit.
$PY - "$report" <<'PY'
import json, sys
try:
    deps = json.load(open(sys.argv[1]))["dependencies"]
except (OSError, ValueError, KeyError) as error:
    print(f"make audit: pip-audit gave no report ({error}); NOTHING WAS AUDITED.", file=sys.stderr)
    sys.exit(3)
skipped = [d for d in deps if d.get("skip_reason")]
audited = [d for d in deps if not d.get("skip_reason")]
vulnerable = [d for d in audited if d.get("vulns")]
for d in vulnerable:
    for v in d["vulns"]:
        fixed = ", ".join(v.get("fix_versions") or []) or "no fixed release"
        print(f"{d['name']} {d['version']}: {v['id']} (fixed in {fixed})")
if not audited:
    print(
        f"make audit: the vulnerability database knew none of the {len(deps)} locked packages "
        "(every lookup was skipped: an index mirror without the advisory API?); "
        "NOTHING WAS AUDITED.",
        file=sys.stderr,
    )
    sys.exit(3)
if skipped:
    names = ", ".join(d["name"] for d in skipped)
    print(f"make audit: {len(skipped)} of {len(deps)} packages could not be looked up: {names}")
if vulnerable:
    print(f"make audit: {len(vulnerable)} package(s) with known vulnerabilities; see above.", file=sys.stderr)
    sys.exit(1)
print(f"make audit: no known vulnerabilities in the {len(audited)} audited packages.")
PY

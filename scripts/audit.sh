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
.venv/bin/pip-audit --disable-pip --require-hashes --progress-spinner off -r requirements.lock
rc=$?
if [ $rc -eq 0 ]; then
  echo "make audit: no known vulnerabilities in the locked packages."
else
  echo "make audit: pip-audit reported vulnerabilities or failed (exit $rc); see above." >&2
fi
exit $rc

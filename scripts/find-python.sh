#!/usr/bin/env bash
# Print the path of a Python 3.12+ interpreter, or fail with a clear message.
# The machine's default python3 is 3.11 and the python3.1x names on PATH may be
# pyenv shims that fail, so each candidate is asked for its version.
set -u
ok() { "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; }
for cand in python3.13 python3.12 python3; do
  p=$(command -v "$cand" 2>/dev/null) || continue
  if ok "$p"; then echo "$p"; exit 0; fi
done
root=${PYENV_ROOT:-$HOME/.pyenv}
for p in $(ls -d "$root"/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
  if ok "$p/bin/python3"; then echo "$p/bin/python3"; exit 0; fi
done
echo "No Python 3.12 or newer found (tried python3.13, python3.12, python3 and $root/versions)." >&2
exit 1

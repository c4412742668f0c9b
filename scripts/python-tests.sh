#!/usr/bin/env bash
# Builds the Python package (python/) in a fresh virtual environment the way a user
# installs it (`pip install ./python`, a release build through maturin), then runs its
# pytest suite and mypy --strict on the package, its tests, its examples and the overhead
# bench. The Rust build goes to target/python inside the clone, apart from the root
# crate's target dir (its own workspace and lock file: python/Cargo.lock).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
venv="$root/target/python-venv"
export CARGO_TARGET_DIR="$root/target/python"

cargo fmt --manifest-path python/Cargo.toml -- --check
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet maturin pytest mypy
PYO3_PYTHON="$venv/bin/python" cargo clippy --manifest-path python/Cargo.toml --all-targets -- -D warnings
"$venv/bin/python" -m pip install --quiet ./python
# The issue's acceptance line: a shot count from a fresh install.
"$venv/bin/python" -c "import scenec; print(len(scenec.compile('a panda bear walks from left to right, then turns and waves')['storyboard']['shots']))"
(cd python && "$venv/bin/python" -m mypy --strict scenec tests examples bench)
# pytest (not python -m pytest) keeps python/ off sys.path: the installed package is tested
(cd python && "$venv/bin/pytest" -q -p no:cacheprovider tests)

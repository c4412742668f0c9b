//! The replay director: serves recorded cassettes through the same repair loop as the LLM
//! director, offline and deterministically.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use async_trait::async_trait;
use serde_json::Value;

use super::llm::repair::Engine;
use super::llm::transport::{Failure, FailureKind, Sent, Transport, Wire, classify};
use super::llm::{LlmSettings, load_prompts};
use super::record::{Cassette, Exchange, body_text};
use super::{Directed, Director, DirectorError, Request, checked_prompt};

/// Replays cassettes from a folder written with `--record`.
#[derive(Debug)]
pub struct ReplayDirector {
    engine: Engine,
    dir: PathBuf,
}

impl ReplayDirector {
    /// Replays from `dir`, building requests with `settings` (templates, mode, attempts) so
    /// the loop behaves as it did when recording.
    pub fn open(dir: impl Into<PathBuf>, settings: LlmSettings) -> Result<Self, DirectorError> {
        let dir = dir.into();
        if !dir.is_dir() {
            return Err(DirectorError::Replay {
                message: format!("{} is not a folder of cassettes", dir.display()),
            });
        }
        let prompts = load_prompts(&settings)?;
        Ok(Self {
            engine: Engine {
                settings,
                prompts,
                host: "replay".into(),
            },
            dir,
        })
    }
}

#[async_trait]
impl Director for ReplayDirector {
    fn name(&self) -> &'static str {
        "replay"
    }

    async fn direct(&self, request: &Request) -> Result<Directed, DirectorError> {
        checked_prompt(&request.prompt)?;
        let cassette = Cassette::load(&self.dir, request)?;
        let transport = Tape {
            exchanges: cassette.exchanges,
            next: AtomicUsize::new(0),
            ran_out: AtomicBool::new(false),
            differs: AtomicBool::new(false),
        };
        let result = self.engine.direct(&transport, request, self.name()).await;
        // a cassette recorded without the fidelity gate ends before the gate's repair
        // request: the engine keeps the valid storyboard with its findings as warnings (or,
        // strict, fails with them)
        let settled = matches!(&result, Ok(_) | Err(DirectorError::Unfaithful { .. }));
        if transport.ran_out.load(Ordering::SeqCst) && !settled {
            return Err(DirectorError::Replay {
                message: format!(
                    "the cassette for {:?} holds {} exchange(s) and the director asked for more; re-record it with --record",
                    request.prompt,
                    transport.exchanges.len()
                ),
            });
        }
        result.map(|mut directed| {
            directed.meta.model = Some(cassette.model);
            if cassette.prompt_version != self.engine.prompts.version() {
                directed.meta.notes.push(format!(
                    "recorded with prompt version {}, replayed with {}",
                    cassette.prompt_version,
                    self.engine.prompts.version()
                ));
            }
            if transport.differs.load(Ordering::SeqCst) {
                directed.meta.notes.push(
                    "the requests built now differ from the recorded ones; re-record to refresh"
                        .into(),
                );
            }
            directed
        })
    }
}

/// Serves recorded exchanges in order.
struct Tape {
    exchanges: Vec<Exchange>,
    next: AtomicUsize,
    ran_out: AtomicBool,
    differs: AtomicBool,
}

#[async_trait]
impl Transport for Tape {
    async fn send(&self, body: &Value) -> Result<Sent, Failure> {
        let index = self.next.fetch_add(1, Ordering::SeqCst);
        let Some(exchange) = self.exchanges.get(index) else {
            self.ran_out.store(true, Ordering::SeqCst);
            return Err(Failure::new(
                FailureKind::Transport,
                "the cassette ran out".into(),
            ));
        };
        if &exchange.request != body {
            self.differs.store(true, Ordering::SeqCst);
        }
        if exchange.status == 0 {
            return Err(Failure::new(
                FailureKind::Transport,
                body_text(&exchange.response),
            ));
        }
        let wire = Wire {
            status: exchange.status,
            body: body_text(&exchange.response),
        };
        classify(wire, None, None)
            .map(|(response, wire)| Sent {
                response,
                http_attempts: 1,
                wire,
            })
            .map_err(|mut f| {
                f.http_attempts = 1;
                f
            })
    }
}

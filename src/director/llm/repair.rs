//! The repair loop: ask → parse → schema-validate → check → deterministic fixes → fidelity
//! gate → if errors or fidelity findings remain, send them back and ask again, at most
//! `max_attempts` times. A valid storyboard the gate still faults at the end is kept with its
//! findings as warnings (or fails the call in strict mode). Mode fallback, length stops and
//! refusals are handled here too. Every call is in the transcript.

use std::time::Instant;

use serde_json::Value;

use super::mode::OutputMode;
use super::prompts::PromptSet;
use super::request::{self, Message};
use super::response::{ChatResponse, excerpt, extract_json};
use super::settings::LlmSettings;
use super::transport::{Failure, FailureKind, Transport};
use crate::check::{self, Diagnostic, Severity};
use crate::director::fidelity::{self, FidelityMode};
use crate::director::transcript::{Attempt, Outcome, Transcript};
use crate::director::{Directed, DirectorError, Request, checked_prompt};
use crate::ir::{Meta, Predicate, Storyboard};
use crate::schema;

/// Code of the diagnostic sent back when a reply holds no JSON object.
pub const REPLY_NOT_JSON: &str = "E0000";
/// Most diagnostics sent back in one repair request (keeps the request lean).
const MAX_REPAIR_DIAGNOSTICS: usize = 20;

/// What the loop needs besides the transport: settings, templates, endpoint host.
#[derive(Debug)]
pub struct Engine {
    /// The settings.
    pub settings: LlmSettings,
    /// The templates.
    pub prompts: PromptSet,
    /// The endpoint host recorded in metadata.
    pub host: String,
}

/// The loop's state over one director call.
struct Run<'a> {
    engine: &'a Engine,
    started: Instant,
    transcript: Transcript,
    notes: Vec<String>,
    mode: OutputMode,
    tried: Vec<String>,
    /// What the storyboard must show (empty with the gate off).
    predicates: Vec<Predicate>,
    /// The valid storyboard the gate faulted least so far, its diagnostics and the findings.
    best: Option<Unfaithful>,
}

/// A storyboard that passed the schema and the checker but not the fidelity gate.
struct Unfaithful {
    storyboard: Storyboard,
    diagnostics: Vec<Diagnostic>,
    findings: Vec<Diagnostic>,
}

impl Engine {
    /// The first request body this engine would send for `request`.
    pub fn first_body(&self, request: &Request) -> Result<Value, DirectorError> {
        let mode = self.settings.mode;
        let messages =
            request::first_messages(&self.prompts, request, mode, self.settings.examples)?;
        Ok(request::body(
            &self.settings,
            &messages,
            mode,
            self.settings.max_tokens,
        ))
    }

    /// Runs the repair loop for `request` over `transport`; `director` names it in metadata.
    pub async fn direct(
        &self,
        transport: &dyn Transport,
        request: &Request,
        director: &str,
    ) -> Result<Directed, DirectorError> {
        checked_prompt(&request.prompt)?;
        let mut run = Run {
            engine: self,
            started: Instant::now(),
            transcript: Transcript::default(),
            notes: Vec::new(),
            mode: self.settings.mode,
            tried: vec![self.settings.mode.as_str().to_owned()],
            predicates: match self.settings.fidelity {
                FidelityMode::Off => Vec::new(),
                FidelityMode::Warn | FidelityMode::Strict => fidelity::predicates(request),
            },
            best: None,
        };
        let mut first =
            request::first_messages(&self.prompts, request, run.mode, self.settings.examples)?;
        let mut messages = first.clone();
        let mut max_tokens = self.settings.max_tokens;
        let mut length_retried = false;
        let mut evaluated = 0u32;
        loop {
            let body = request::body(&self.settings, &messages, run.mode, max_tokens);
            let t0 = Instant::now();
            let sent = match transport.send(&body).await {
                Ok(sent) => sent,
                Err(failure) => {
                    run.push_failure(&failure, max_tokens, t0);
                    let FailureKind::ModeRejected { status } = failure.kind else {
                        if let Some(best) = run.best.take() {
                            run.notes.push(format!(
                                "the repair request for the fidelity findings failed ({}); the last valid storyboard is kept",
                                failure.message
                            ));
                            return run.settle(best, director);
                        }
                        return Err(run.failed(failure));
                    };
                    let Some(next) = run.mode.fallback() else {
                        return Err(DirectorError::ModeUnsupported {
                            tried: run.tried,
                            message: failure.message,
                            transcript: Box::new(run.transcript),
                        });
                    };
                    run.notes.push(format!(
                        "the server rejected output mode {} (HTTP {status}: {}); fell back to {next}",
                        run.mode, failure.message
                    ));
                    run.mode = next;
                    run.tried.push(next.as_str().to_owned());
                    first = request::first_messages(
                        &self.prompts,
                        request,
                        run.mode,
                        self.settings.examples,
                    )?;
                    messages = first.clone();
                    continue;
                }
            };
            let usage = sent.response.usage.unwrap_or_default();
            let mut attempt = Attempt {
                number: run.transcript.attempts.len() as u32 + 1,
                mode: run.mode.as_str().to_owned(),
                http_attempts: sent.http_attempts,
                max_tokens,
                reply: sent.response.text(),
                finish_reason: sent.response.finish_reason().map(str::to_owned),
                diagnostics: Vec::new(),
                outcome: Outcome::Invalid,
                note: None,
                prompt_tokens: usage.prompt_tokens,
                completion_tokens: usage.completion_tokens,
                elapsed_ms: ms(t0),
            };
            let verdict = judge(&sent.response);
            tracing::debug!(
                attempt = attempt.number,
                mode = run.mode.as_str(),
                http_attempts = sent.http_attempts,
                verdict = match &verdict {
                    Verdict::Refusal(_) => "refusal",
                    Verdict::Length => "length",
                    Verdict::Valid { .. } => "valid",
                    Verdict::Invalid { .. } => "invalid",
                },
                errors = match &verdict {
                    Verdict::Invalid { diagnostics, .. } => {
                        diagnostics.iter().filter(|d| d.is_error()).count()
                    }
                    _ => 0,
                },
                "director attempt judged"
            );
            match verdict {
                Verdict::Refusal(refusal) => {
                    attempt.outcome = Outcome::Refusal;
                    attempt.note = Some(refusal.clone());
                    run.transcript.attempts.push(attempt);
                    return Err(DirectorError::Refusal {
                        message: refusal,
                        transcript: Box::new(run.transcript),
                    });
                }
                Verdict::Length => {
                    attempt.outcome = Outcome::Length;
                    attempt.note = Some(format!("the reply stopped at max_tokens = {max_tokens}"));
                    run.transcript.attempts.push(attempt);
                    if length_retried {
                        return Err(DirectorError::Length {
                            max_tokens,
                            transcript: Box::new(run.transcript),
                        });
                    }
                    length_retried = true;
                    max_tokens = max_tokens.saturating_mul(2);
                    run.notes.push(format!(
                        "a reply was cut at the token limit; retried with max_tokens = {max_tokens}"
                    ));
                }
                Verdict::Valid {
                    storyboard,
                    diagnostics,
                } => {
                    let findings = fidelity::check(&storyboard, &run.predicates);
                    attempt.diagnostics = diagnostics.clone();
                    if findings.is_empty() {
                        attempt.outcome = Outcome::Valid;
                        run.transcript.attempts.push(attempt);
                        return Ok(Directed {
                            storyboard,
                            meta: run.meta(director),
                            diagnostics,
                        });
                    }
                    evaluated += 1;
                    attempt.outcome = Outcome::Unfaithful;
                    attempt.diagnostics.extend(findings.iter().cloned());
                    let reply = attempt.reply.clone().unwrap_or_default();
                    run.transcript.attempts.push(attempt);
                    let errors: Vec<Diagnostic> = findings.iter().map(as_error).collect();
                    // the findings point into the storyboard as fixed: echo that one
                    let echoed = serde_json::to_value(&storyboard).ok();
                    if run
                        .best
                        .as_ref()
                        .is_none_or(|b| findings.len() <= b.findings.len())
                    {
                        run.best = Some(Unfaithful {
                            storyboard,
                            diagnostics,
                            findings,
                        });
                    }
                    if evaluated >= self.settings.max_attempts
                        && let Some(best) = run.best.take()
                    {
                        return run.settle(best, director);
                    }
                    messages = repair_conversation(
                        &self.prompts,
                        &first,
                        &reply,
                        echoed.as_ref(),
                        &errors,
                        run.mode,
                    )?;
                }
                Verdict::Invalid {
                    reply,
                    value,
                    diagnostics,
                } => {
                    evaluated += 1;
                    attempt.diagnostics = diagnostics.clone();
                    run.transcript.attempts.push(attempt);
                    if evaluated >= self.settings.max_attempts
                        && let Some(best) = run.best.take()
                    {
                        return run.settle(best, director);
                    }
                    if evaluated >= self.settings.max_attempts {
                        return Err(DirectorError::AttemptsExhausted {
                            attempts: evaluated,
                            last_storyboard: value.map(Box::new),
                            diagnostics,
                            transcript: Box::new(run.transcript),
                        });
                    }
                    messages = repair_conversation(
                        &self.prompts,
                        &first,
                        &reply,
                        value.as_ref(),
                        &diagnostics,
                        run.mode,
                    )?;
                }
            }
        }
    }
}

/// What one reply amounts to, judged as the repair loop judges it.
#[derive(Debug, Clone)]
pub enum Verdict {
    /// The model refused: its refusal text, or the content-filter note.
    Refusal(String),
    /// The reply stopped at the token limit (`finish_reason: "length"`).
    Length,
    /// The reply holds a storyboard that passes the schema and the checker once the
    /// deterministic fixes ran.
    Valid {
        /// The fixed storyboard.
        storyboard: Storyboard,
        /// Its remaining warnings and the fixes made (never errors).
        diagnostics: Vec<Diagnostic>,
    },
    /// Errors remain: what a repair request sends back.
    Invalid {
        /// The reply text.
        reply: String,
        /// The JSON object the reply held, when it held one.
        value: Option<Value>,
        /// Every diagnostic (errors first from the schema, or the checker's after the fixes).
        diagnostics: Vec<Diagnostic>,
    },
}

/// Judges a reply: a refusal, else a length stop, else the JSON it holds (whole, fenced or in
/// prose) through the schema, the deterministic fixes and the checker.
pub fn judge(response: &ChatResponse) -> Verdict {
    if let Some(refusal) = response.refusal() {
        return Verdict::Refusal(super::untrusted::printable(&refusal));
    }
    if response.finish_reason() == Some("length") {
        return Verdict::Length;
    }
    let reply = response.text().unwrap_or_default();
    let value = extract_json(&reply);
    let diagnostics = match &value {
        None => vec![not_json(&reply)],
        Some(value) => match evaluate(value) {
            Ok((storyboard, diagnostics)) => {
                return Verdict::Valid {
                    storyboard,
                    diagnostics,
                };
            }
            Err(diagnostics) => diagnostics,
        },
    };
    Verdict::Invalid {
        reply,
        value,
        diagnostics,
    }
}

/// The conversation of the repair request after an invalid `reply`: the system message and
/// prompt of `first`, the reply, then the repair message listing the errors among
/// `diagnostics` (at most 20, to keep the request lean) in `mode`. When the reply held a JSON
/// object (`value`) the object is echoed as compact JSON, not the reply's own spacing and
/// prose around it: the diagnostics point into the object, and whitespace costs tokens.
pub fn repair_conversation(
    prompts: &PromptSet,
    first: &[Message],
    reply: &str,
    value: Option<&Value>,
    diagnostics: &[Diagnostic],
    mode: OutputMode,
) -> Result<Vec<Message>, DirectorError> {
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .take(MAX_REPAIR_DIAGNOSTICS)
        .cloned()
        .collect();
    let repair = prompts.repair(&errors, mode)?;
    let compact = value.and_then(|v| serde_json::to_string(v).ok());
    Ok(request::repair_messages(
        first,
        compact.as_deref().unwrap_or(reply),
        repair,
    ))
}

/// A fidelity finding as the error a repair request lists.
fn as_error(d: &Diagnostic) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        ..d.clone()
    }
}

impl Run<'_> {
    /// The end of a call whose best storyboard the gate still faults: the storyboard with
    /// the findings as warnings, or (strict) the typed error.
    fn settle(mut self, best: Unfaithful, director: &str) -> Result<Directed, DirectorError> {
        if self.engine.settings.fidelity == FidelityMode::Strict {
            return Err(DirectorError::Unfaithful {
                attempts: self.transcript.attempts.len() as u32,
                storyboard: Box::new(best.storyboard),
                diagnostics: best.findings.iter().map(as_error).collect(),
                transcript: Box::new(self.transcript),
            });
        }
        self.notes.push(format!(
            "the storyboard still misses {} thing(s) the prompt says (fidelity warnings F…)",
            best.findings.len()
        ));
        let mut diagnostics = best.diagnostics;
        diagnostics.extend(best.findings);
        Ok(Directed {
            storyboard: best.storyboard,
            meta: self.meta(director),
            diagnostics,
        })
    }

    fn push_failure(&mut self, failure: &Failure, max_tokens: u32, t0: Instant) {
        let outcome = match failure.kind {
            FailureKind::ModeRejected { .. } => Outcome::ModeRejected,
            _ => Outcome::Failed,
        };
        self.transcript.attempts.push(Attempt {
            number: self.transcript.attempts.len() as u32 + 1,
            mode: self.mode.as_str().to_owned(),
            http_attempts: failure.http_attempts,
            max_tokens,
            reply: None,
            finish_reason: None,
            diagnostics: Vec::new(),
            outcome,
            note: Some(failure.message.clone()),
            prompt_tokens: 0,
            completion_tokens: 0,
            elapsed_ms: ms(t0),
        });
    }

    /// The typed error for a failure that ends the call.
    fn failed(self, failure: Failure) -> DirectorError {
        let host = self.engine.host.clone();
        let transcript = Box::new(self.transcript);
        match failure.kind {
            FailureKind::Http { status } | FailureKind::ModeRejected { status } => {
                DirectorError::Http {
                    host,
                    status,
                    message: failure.message,
                    http_attempts: failure.http_attempts,
                    transcript,
                }
            }
            FailureKind::Transport => DirectorError::Transport {
                host,
                message: failure.message,
                http_attempts: failure.http_attempts,
                transcript,
            },
            FailureKind::Malformed => DirectorError::MalformedResponse {
                host,
                message: failure.message,
                http_attempts: failure.http_attempts,
                transcript,
            },
            FailureKind::TooLarge { limit } => DirectorError::ResponseTooLarge {
                host,
                limit,
                http_attempts: failure.http_attempts,
                transcript,
            },
        }
    }

    fn meta(&mut self, director: &str) -> Meta {
        let settings = &self.engine.settings;
        Meta {
            director: director.to_owned(),
            model: Some(settings.model.clone()),
            endpoint_host: Some(self.engine.host.clone()),
            prompt_version: Some(self.engine.prompts.version().to_owned()),
            schema_hash: Some(schema::wire_schema_hash()),
            attempts: self.transcript.attempts.len() as u32,
            prompt_tokens: self.transcript.prompt_tokens(),
            completion_tokens: self.transcript.completion_tokens(),
            elapsed_ms: ms(self.started),
            cached: false,
            output_mode: Some(self.mode.as_str().to_owned()),
            http_attempts: self.transcript.http_attempts(),
            notes: std::mem::take(&mut self.notes),
            predicates: self.predicates.clone(),
        }
    }
}

/// Schema, checker, fixes: the storyboard and its remaining warnings and fixes, or every
/// diagnostic when errors remain.
fn evaluate(value: &Value) -> Result<(Storyboard, Vec<Diagnostic>), Vec<Diagnostic>> {
    let checked = check::check_value(value);
    let Some(mut storyboard) = checked.storyboard else {
        return Err(checked.diagnostics);
    };
    // The version upgrade made on reading (a v1 reply, a replayed cassette) is kept.
    let mut diagnostics: Vec<Diagnostic> = checked
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Fixed)
        .collect();
    diagnostics.extend(check::fix(&mut storyboard));
    diagnostics.extend(check::check(&storyboard));
    if diagnostics.iter().any(Diagnostic::is_error) {
        Err(diagnostics)
    } else {
        Ok((storyboard, diagnostics))
    }
}

fn not_json(reply: &str) -> Diagnostic {
    Diagnostic {
        code: REPLY_NOT_JSON.into(),
        severity: Severity::Error,
        path: String::new(),
        message: format!(
            "{}: {}",
            super::response::json_problem(reply),
            excerpt(reply)
        ),
        help: Some("answer with exactly one JSON object, the storyboard".into()),
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

//! Ingesting Batch API results: every round's answers judged as the LLM director's repair loop
//! judges them (refusal, length stop, schema, deterministic fixes, checker), the valid ones
//! lowered into the usual `{"id", "storyboard", "keyframes", "error"}` lines, and the next
//! round written as request lines: exactly what the repair loop would send next.
//!
//! Rounds: the first requests file defines the items; each later round's requests file holds
//! the requests written for the items that needed another round, and its results answer them.
//! An item's answer is the result of the latest round that asked for it.
//!
//! What goes into the next round, per item:
//! - an invalid reply: the repair request (first conversation, the reply, the diagnostics),
//!   unless `max_attempts` answers have been judged already;
//! - a reply cut at the token limit: the same request with twice the `max_tokens`, once;
//! - no answer (missing from the results, expired, cancelled, HTTP 408/429/5xx, a body that
//!   is not a chat completion): the same request again.
//!
//! Refusals and other failures are final.
//!
//! A valid storyboard then goes through the fidelity gate against its prompt (read back from
//! the first request's user message), as in an interactive compile. A batch sends no repair
//! request for the gate's findings: the answer is final for the gate, and its line carries
//! them as warnings in `fidelity` (or, strict, becomes an `unfaithful` error line); the other
//! lines are unaffected.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::line::compile_code;
use super::requests::{RequestLine, accepted};
use super::results::{Answer, parse_result};
use super::{BatchError, BatchLine, items, text};
use crate::Compiler;
use crate::check::{Diagnostic, Severity};
use crate::director::fidelity::{self, FidelityMode};
use crate::director::llm::OutputMode;
use crate::director::llm::prompts::PromptSet;
use crate::director::llm::repair::{Verdict, judge, repair_conversation};
use crate::director::llm::request::{messages_of, with_messages};
use crate::director::llm::response::ChatResponse;
use crate::director::{Directed, DirectorError, Request, Transcript};
use crate::ir::Meta;
use crate::schema;

/// One round: the requests sent and the results that came back (the file's bytes).
#[derive(Debug, Clone, Copy)]
pub struct Round<'a> {
    /// The round's request lines.
    pub requests: &'a [RequestLine],
    /// The round's results file; a line that is not UTF-8 is an `invalid_result_line`.
    pub results: &'a [u8],
}

/// What ingesting produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ingested {
    /// One line per item (in input order when the input is given, else in the first
    /// requests file's order), then one error line per results line that matched no request.
    pub lines: Vec<BatchLine>,
    /// The next round's requests, in item order.
    pub next: Vec<RequestLine>,
}

/// How answers are judged beyond the schema and the checker: the director's settings that a
/// batch honours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judging {
    /// The most answers judged per item (`--max-attempts`).
    pub max_attempts: u32,
    /// What the fidelity gate does with a valid storyboard that misses what the prompt says
    /// (`--strict-fidelity`, `--no-fidelity`).
    pub fidelity: FidelityMode,
}

/// A round's requests by custom_id.
type Asked<'a> = HashMap<&'a str, &'a RequestLine>;

/// How an item stands after the rounds.
struct Item<'a> {
    first: &'a RequestLine,
    /// Per round: the answer, when the round's results held one.
    answers: Vec<Option<Answer>>,
}

/// Ingests `rounds` (at least one; the first defines the items). `input`, the original
/// `{"id", "prompt"}` file, restores ids to their JSON type and input order, and turns the
/// lines that became no request into error lines. `prompts` renders repair messages and reads
/// the prompts back (use the templates the requests were built with); `judging` bounds the
/// judged answers per item and sets the fidelity gate.
pub fn ingest(
    compiler: &Compiler,
    prompts: &PromptSet,
    input: Option<&[u8]>,
    rounds: &[Round<'_>],
    judging: Judging,
) -> Result<Ingested, DirectorError> {
    let Some(first_round) = rounds.first() else {
        return Ok(Ingested::default());
    };
    let mut items: Vec<Item<'_>> = first_round
        .requests
        .iter()
        .map(|first| Item {
            first,
            answers: Vec::new(),
        })
        .collect();
    let index: HashMap<&str, usize> = items
        .iter()
        .enumerate()
        .map(|(i, item)| (item.first.custom_id.as_str(), i))
        .collect();
    let asked: Vec<Asked<'_>> = rounds
        .iter()
        .map(|round| {
            round
                .requests
                .iter()
                .map(|q| (q.custom_id.as_str(), q))
                .collect()
        })
        .collect();
    let strays = match_results(rounds, &asked, &index, &mut items);
    let mut settled: Vec<(String, BatchLine)> = Vec::new();
    let mut next = Vec::new();
    for item in &items {
        let (line, request) = settle(compiler, prompts, &asked, item, judging)?;
        settled.push((item.first.custom_id.clone(), line));
        next.extend(request);
    }
    let mut lines = match input {
        Some(input) => in_input_order(input, settled),
        None => settled.into_iter().map(|(_, line)| line).collect(),
    };
    lines.extend(strays);
    Ok(Ingested { lines, next })
}

/// Files every results line under its item and round; returns an error line for each line
/// that answers no request of its round (unreadable, unknown custom_id, a second answer).
fn match_results(
    rounds: &[Round<'_>],
    asked: &[Asked<'_>],
    index: &HashMap<&str, usize>,
    items: &mut [Item<'_>],
) -> Vec<BatchLine> {
    let mut strays = Vec::new();
    for (r, round) in rounds.iter().enumerate() {
        for item in items.iter_mut() {
            item.answers.push(None);
        }
        let round_asked = asked.get(r);
        for (number, line) in text::lines(round.results) {
            let line = match line {
                Ok(line) if line.trim().is_empty() => continue,
                Ok(line) => line,
                Err(bad) => {
                    strays.push(BatchLine::failed(
                        Value::Null,
                        error(
                            "invalid_result_line",
                            format!("results file {}, {}", r + 1, bad.message(number)),
                        ),
                    ));
                    continue;
                }
            };
            let place = format!("results file {}, line {number}", r + 1);
            let result = match parse_result(line, number) {
                Ok(result) => result,
                Err(e) => {
                    strays.push(BatchLine::failed(
                        Value::Null,
                        error(&e.code, format!("results file {}, {}", r + 1, e.message)),
                    ));
                    continue;
                }
            };
            let cid = result.custom_id;
            let slot = index
                .get(cid.as_str())
                .filter(|_| round_asked.is_some_and(|a| a.contains_key(cid.as_str())))
                .and_then(|&i| items.get_mut(i))
                .and_then(|item| item.answers.last_mut());
            let stray = match slot {
                Some(slot @ None) => {
                    *slot = Some(result.answer);
                    continue;
                }
                Some(Some(_)) => error(
                    "duplicate_result",
                    format!(
                        "{place}: a second result for custom_id {cid:?}; the first one was used"
                    ),
                ),
                None => error(
                    "unknown_custom_id",
                    format!(
                        "{place}: custom_id {cid:?} is not in requests file {}; give each results file after the requests file it answers",
                        r + 1
                    ),
                ),
            };
            strays.push(BatchLine::failed(Value::String(cid), stray));
        }
    }
    strays
}

/// An item's line and, when it needs one, its next-round request.
type Settled = (BatchLine, Option<RequestLine>);

/// Settles an item on the answer to the latest round that asked for it.
fn settle(
    compiler: &Compiler,
    prompts: &PromptSet,
    asked: &[Asked<'_>],
    item: &Item<'_>,
    judging: Judging,
) -> Result<Settled, DirectorError> {
    let cid = item.first.custom_id.as_str();
    let failed = |code: &str, message: String| {
        BatchLine::failed(Value::String(cid.to_owned()), error(code, message))
    };
    let Some((last, request)) = asked
        .iter()
        .enumerate()
        .rev()
        .find_map(|(r, round)| round.get(cid).map(|q| (r, *q)))
    else {
        return Ok((
            failed("missing_request", format!("no request for {cid:?}")),
            None,
        ));
    };
    match item.answers.get(last).and_then(Option::as_ref) {
        None => Ok((
            failed(
                "missing_result",
                format!(
                    "results file {} has no result for custom_id {cid:?}; the request is in the next round",
                    last + 1
                ),
            ),
            Some(request.clone()),
        )),
        Some(Answer::Failed { error, retry }) => {
            let again = retry.then(|| request.clone());
            let message = if again.is_some() {
                format!(
                    "{}; the request is in the next round",
                    error.message.trim_end_matches('.')
                )
            } else {
                error.message.clone()
            };
            Ok((failed(&error.code, message), again))
        }
        Some(Answer::Completion(response)) => {
            let earlier: Vec<Verdict> = item
                .answers
                .iter()
                .take(last)
                .flatten()
                .filter_map(|a| match a {
                    Answer::Completion(r) => Some(judge(r)),
                    Answer::Failed { .. } => None,
                })
                .collect();
            let history = History {
                judged: earlier
                    .iter()
                    .filter(|v| matches!(v, Verdict::Valid { .. } | Verdict::Invalid { .. }))
                    .count() as u32,
                cut: earlier.iter().any(|v| matches!(v, Verdict::Length)),
                max_attempts: judging.max_attempts,
            };
            let answered = Answered {
                compiler,
                prompts,
                first: item.first,
                request,
                fidelity: judging.fidelity,
            };
            answered.settle(response, &history)
        }
    }
}

/// What an item's earlier rounds did, as far as the loop's limits count it.
struct History {
    /// Answers judged valid or invalid before this one.
    judged: u32,
    /// Whether an earlier answer was cut at the token limit.
    cut: bool,
    /// The most answers judged per item.
    max_attempts: u32,
}

/// An item whose latest request got a chat completion.
struct Answered<'a> {
    compiler: &'a Compiler,
    prompts: &'a PromptSet,
    /// The item's first-round request (its first conversation).
    first: &'a RequestLine,
    /// The request the completion answers.
    request: &'a RequestLine,
    /// What the fidelity gate does.
    fidelity: FidelityMode,
}

impl Answered<'_> {
    /// Judges `response` as the repair loop does and decides the line and the next request.
    fn settle(&self, response: &ChatResponse, history: &History) -> Result<Settled, DirectorError> {
        let cid = self.first.custom_id.as_str();
        let failed = |code: &str, message: String| {
            BatchLine::failed(Value::String(cid.to_owned()), error(code, message))
        };
        let max_tokens = self
            .request
            .body
            .get("max_tokens")
            .and_then(Value::as_u64)
            .and_then(|t| u32::try_from(t).ok())
            .unwrap_or(0);
        match judge(response) {
            Verdict::Refusal(message) => {
                let e = DirectorError::Refusal {
                    message,
                    transcript: Box::default(),
                };
                Ok((failed(e.code(), e.to_string()), None))
            }
            Verdict::Length if history.cut => {
                let e = DirectorError::Length {
                    max_tokens,
                    transcript: Box::default(),
                };
                Ok((failed(e.code(), e.to_string()), None))
            }
            Verdict::Length => {
                let doubled = max_tokens.saturating_mul(2);
                let mut body = self.request.body.clone();
                if let Value::Object(map) = &mut body {
                    map.insert("max_tokens".into(), json!(doubled));
                }
                Ok((
                    failed(
                        "length",
                        format!(
                            "the reply was cut at the token limit (max_tokens = {max_tokens}); the next round asks again with {doubled}"
                        ),
                    ),
                    Some(RequestLine::new(cid, body)),
                ))
            }
            Verdict::Valid {
                storyboard,
                mut diagnostics,
            } => {
                let attempts = history.judged + 1;
                let mut meta = meta(self.prompts, self.request, response, attempts);
                if self.fidelity != FidelityMode::Off {
                    let Some(prompt) = self.prompt() else {
                        return Ok((
                            failed(
                                "invalid_request",
                                format!(
                                    "the first request for {cid:?} does not quote its prompt as the templates do, so the fidelity gate cannot read what the storyboard must show; ingest with the templates that wrote it (--prompt-dir), or with --no-fidelity to take the storyboard unchecked"
                                ),
                            ),
                            None,
                        ));
                    };
                    meta.predicates = fidelity::predicates(&prompt);
                    let findings = fidelity::check(&storyboard, &meta.predicates);
                    if !findings.is_empty() && self.fidelity == FidelityMode::Strict {
                        let e = DirectorError::Unfaithful {
                            attempts,
                            storyboard: Box::new(storyboard),
                            diagnostics: findings.into_iter().map(as_error).collect(),
                            transcript: Box::default(),
                        };
                        return Ok((failed(e.code(), e.to_string()), None));
                    }
                    if !findings.is_empty() {
                        meta.notes.push(format!(
                            "the storyboard still misses {} thing(s) the prompt says (fidelity warnings F…); a batch sends no repair request for them",
                            findings.len()
                        ));
                    }
                    diagnostics.extend(findings);
                }
                let directed = Directed {
                    storyboard,
                    meta,
                    diagnostics,
                };
                let line = match self.compiler.accept(directed) {
                    Ok(c) => BatchLine::compiled(Value::String(cid.to_owned()), c),
                    Err(e) => failed(compile_code(&e), e.to_string()),
                };
                Ok((line, None))
            }
            Verdict::Invalid {
                reply,
                value,
                diagnostics,
            } => {
                let attempts = history.judged + 1;
                if attempts >= history.max_attempts {
                    let e = DirectorError::AttemptsExhausted {
                        attempts,
                        last_storyboard: value.map(Box::new),
                        diagnostics,
                        transcript: Box::new(Transcript::default()),
                    };
                    return Ok((failed(e.code(), e.to_string()), None));
                }
                let (Some(first), Some(mode)) = (
                    messages_of(&self.first.body),
                    OutputMode::of_body(&self.request.body),
                ) else {
                    return Ok((
                        failed(
                            "invalid_request",
                            format!(
                                "the request for {cid:?} is not one scenec wrote (its messages or response_format are unknown), so no repair request can follow it"
                            ),
                        ),
                        None,
                    ));
                };
                let conversation = repair_conversation(
                    self.prompts,
                    &first,
                    &reply,
                    value.as_ref(),
                    &diagnostics,
                    mode,
                )?;
                Ok((
                    failed(
                        "check_failed",
                        format!(
                            "the reply has {}; a repair request is in the next round",
                            summary(&diagnostics)
                        ),
                    ),
                    Some(RequestLine::new(
                        cid,
                        with_messages(&self.request.body, &conversation),
                    )),
                ))
            }
        }
    }
}

impl Answered<'_> {
    /// The request the item's first request was written for, read back from its user message.
    fn prompt(&self) -> Option<Request> {
        let messages = messages_of(&self.first.body)?;
        let user = messages.iter().rev().find(|m| m.role == "user")?;
        self.prompts.read_user(&user.content)
    }
}

/// A fidelity finding as the error an `unfaithful` line reports, as the director does.
fn as_error(d: Diagnostic) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        ..d
    }
}

/// A batch error with `code` and `message`.
fn error(code: &str, message: String) -> BatchError {
    BatchError {
        code: code.into(),
        message,
    }
}

/// "N error(s): CODE at /pointer: message; …" for the first three errors.
fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let first: Vec<String> = errors
        .iter()
        .take(3)
        .map(|d| {
            let path = if d.path.is_empty() { "/" } else { &d.path };
            format!("{} at {path}: {}", d.code, d.message)
        })
        .collect();
    format!("{} error(s): {}", errors.len(), first.join("; "))
}

/// What a batch answer records about how it came about.
fn meta(
    prompts: &PromptSet,
    request: &RequestLine,
    response: &ChatResponse,
    attempts: u32,
) -> Meta {
    let usage = response.usage.unwrap_or_default();
    Meta {
        director: "llm".into(),
        model: request
            .body
            .get("model")
            .and_then(Value::as_str)
            .map(str::to_owned),
        endpoint_host: Some("batch".into()),
        prompt_version: Some(prompts.version().to_owned()),
        schema_hash: Some(schema::wire_schema_hash()),
        attempts,
        prompt_tokens: usage.prompt_tokens,
        completion_tokens: usage.completion_tokens,
        elapsed_ms: 0.0,
        cached: false,
        output_mode: OutputMode::of_body(&request.body).map(|m| m.as_str().to_owned()),
        http_attempts: 0,
        notes: vec!["answered through a Batch API results file".into()],
        predicates: Vec::new(),
    }
}

/// The settled lines in `input`'s order with the input's ids; input lines that became no
/// request get their reason; settled items the input lacks follow at the end.
fn in_input_order(input: &[u8], settled: Vec<(String, BatchLine)>) -> Vec<BatchLine> {
    let order: Vec<String> = settled.iter().map(|(cid, _)| cid.clone()).collect();
    let mut by_id: HashMap<String, BatchLine> = settled.into_iter().collect();
    let mut lines = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for item in items(input) {
        let (number, id) = (item.number, item.id);
        let line = match accepted(number, &id, item.prompt, &mut seen) {
            Ok((cid, _)) => match by_id.remove(&cid) {
                Some(mut line) => {
                    line.id = id;
                    line
                }
                None => BatchLine::failed(
                    id,
                    error(
                        "missing_request",
                        format!(
                            "line {number}: id {cid:?} has no request in the first requests file; was it written from this input?"
                        ),
                    ),
                ),
            },
            Err(e) => BatchLine::failed(id, e),
        };
        lines.push(line);
    }
    lines.extend(order.into_iter().filter_map(|cid| by_id.remove(&cid)));
    lines
}

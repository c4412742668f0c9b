//! The fidelity gate in the LLM director's repair loop, against a loopback server: a reply
//! that drops an entity the prompt names is sent back with a fidelity diagnostic naming it,
//! and the next reply's storyboard has it; a reply that never does is kept with warnings, or
//! fails with `strict`; with the gate off it is accepted at once.

use scenec::director::fidelity::{FidelityMode, codes};
use scenec::director::{
    Director, DirectorError, Heuristic, LlmDirector, LlmSettings, ReplayDirector, Request,
};
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::completion;

const PROMPT: &str = "a blue cat and a white bird sit on a bench";

/// The heuristic director's storyboard for the prompt: it shows everything the prompt says.
fn faithful() -> Value {
    serde_json::to_value(Heuristic.decompose(&Request::new(PROMPT)).unwrap()).unwrap()
}

/// The same storyboard without the bird.
fn without_bird() -> Value {
    let mut sb = faithful();
    sb["entities"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["id"] != "bird");
    for shot in sb["shots"].as_array_mut().unwrap() {
        for list in ["cast", "actions"] {
            shot[list]
                .as_array_mut()
                .unwrap()
                .retain(|x| x["entity"] != "bird");
        }
    }
    sb
}

/// A server answering `first` once, then `then` (or `first` for ever).
async fn server(first: &Value, then: Option<&Value>) -> MockServer {
    let server = MockServer::start().await;
    let chat = || Mock::given(method("POST")).and(path("/v1/chat/completions"));
    let once: ResponseTemplate = completion(&first.to_string());
    match then {
        Some(then) => {
            chat()
                .respond_with(once)
                .up_to_n_times(1)
                .with_priority(1)
                .mount(&server)
                .await;
            chat()
                .respond_with(completion(&then.to_string()))
                .with_priority(2)
                .mount(&server)
                .await;
        }
        None => chat().respond_with(once).mount(&server).await,
    }
    server
}

fn director(server: &MockServer, fidelity: FidelityMode) -> LlmDirector {
    let mut s = LlmSettings::new(format!("{}/v1", server.uri()));
    s.api_key = "sk-fidelity".into();
    s.max_http_attempts = 1;
    s.fidelity = fidelity;
    LlmDirector::new(s).unwrap()
}

async fn bodies(server: &MockServer) -> Vec<Value> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

#[tokio::test]
async fn a_dropped_entity_is_named_in_the_repair_request_and_the_result_has_it() {
    let server = server(&without_bird(), Some(&faithful())).await;
    let directed = director(&server, FidelityMode::Warn)
        .direct(&Request::new(PROMPT))
        .await
        .unwrap();
    let requests = bodies(&server).await;
    assert_eq!(requests.len(), 2);
    let messages = requests[1]["messages"].as_array().unwrap();
    let repair = messages.last().unwrap()["content"].as_str().unwrap();
    assert!(
        repair.contains(
            "/entities: the prompt names white bird; no entity's id or description says \"bird\""
        ),
        "{repair}"
    );
    assert!(
        repair.contains("add an entity for white bird (id `bird`)"),
        "{repair}"
    );
    assert!(directed.storyboard.entities.iter().any(|e| e.id == "bird"));
    assert!(
        directed
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with('F'))
    );
    assert_eq!(directed.meta.attempts, 2);
    assert!(!directed.meta.predicates.is_empty());
}

#[tokio::test]
async fn a_reply_that_never_shows_it_is_kept_with_warnings_or_fails_when_strict() {
    let server = server(&without_bird(), None).await;
    let directed = director(&server, FidelityMode::Warn)
        .direct(&Request::new(PROMPT))
        .await
        .unwrap();
    assert_eq!(directed.meta.attempts, 3);
    let missing: Vec<_> = directed
        .diagnostics
        .iter()
        .filter(|d| d.code == codes::ENTITY_MISSING)
        .collect();
    assert_eq!(missing.len(), 1, "{:?}", directed.diagnostics);
    assert!(!missing[0].is_error());
    assert!(directed.meta.notes.iter().any(|n| n.contains("fidelity")));

    let server = self::server(&without_bird(), None).await;
    let err = director(&server, FidelityMode::Strict)
        .direct(&Request::new(PROMPT))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unfaithful");
    let DirectorError::Unfaithful {
        storyboard,
        diagnostics,
        transcript,
        ..
    } = &err
    else {
        panic!("{err}")
    };
    assert!(storyboard.entities.iter().all(|e| e.id != "bird"));
    assert!(diagnostics.iter().all(|d| d.is_error()));
    assert_eq!(transcript.attempts.len(), 3);
    assert!(err.to_string().contains("white bird"), "{err}");
}

#[tokio::test]
async fn with_the_gate_off_the_first_valid_reply_is_accepted() {
    let server = server(&without_bird(), None).await;
    let directed = director(&server, FidelityMode::Off)
        .direct(&Request::new(PROMPT))
        .await
        .unwrap();
    assert_eq!(bodies(&server).await.len(), 1);
    assert!(directed.meta.predicates.is_empty());
    assert!(
        directed
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with('F'))
    );
}

#[tokio::test]
async fn a_cassette_recorded_without_the_gate_replays_with_its_findings_as_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let server = server(&without_bird(), None).await;
    director(&server, FidelityMode::Off)
        .record_to(dir.path())
        .direct(&Request::new(PROMPT))
        .await
        .unwrap();
    let mut settings = LlmSettings::new("http://127.0.0.1:9/v1");
    settings.fidelity = FidelityMode::Warn;
    let replayed = ReplayDirector::open(dir.path(), settings.clone())
        .unwrap()
        .direct(&Request::new(PROMPT))
        .await
        .unwrap();
    assert!(
        replayed
            .diagnostics
            .iter()
            .any(|d| d.code == codes::ENTITY_MISSING && !d.is_error())
    );
    assert!(
        replayed
            .meta
            .notes
            .iter()
            .any(|n| n.contains("the repair request for the fidelity findings failed")),
        "{:?}",
        replayed.meta.notes
    );
    settings.fidelity = FidelityMode::Strict;
    let err = ReplayDirector::open(dir.path(), settings)
        .unwrap()
        .direct(&Request::new(PROMPT))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "unfaithful");
}

//! The bad-reply corpus (`tests/llm_bad_replies/`): every malformed, mistyped, absurd, evasive
//! or unfaithful answer an LLM server has been seen to give, served by wiremock on 127.0.0.1
//! through the real `LlmDirector`. `cases.json` names each file, its category and the
//! specific outcome expected in two scenarios:
//!
//! - `first`: the bad reply comes first and every later request gets a valid storyboard;
//! - `always`: the server answers every request with the bad reply.
//!
//! An outcome is `accepted` (a storyboard from the first reply), `retried` (a storyboard after
//! an HTTP-level retry of an unusable body), `repaired` (a storyboard after a repair request
//! carrying the diagnostics; `mentions` must appear in that request), `unfaithful` (a valid
//! storyboard kept with fidelity warnings after every attempt missed what the prompt says;
//! an unfaithful case also gives `repair`, the exact repair message its findings must make) or
//! the code of the typed `DirectorError`, which must carry a transcript. A panic anywhere
//! fails the case.
//!
//! A case asks for the panda prompt unless it names its own `prompt`; the valid storyboard
//! that follows a bad reply is `examples/panda.json` for the panda prompt and the heuristic
//! director's storyboard for another (it passes its own fidelity predicates).
//!
//! `.txt` files are the assistant message's content; `.body` files are the whole HTTP body
//! (for replies that cannot be expressed as content: no choices, null content, invalid UTF-8).
//! The 10,000-shot reply is generated here (`generate_shots`) rather than committed (≈1 MB).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use scenec::director::llm::request::MAX_ECHOED_REPLY_CHARS;
use scenec::director::{
    Directed, Director, DirectorError, Heuristic, LlmDirector, LlmSettings, Request,
};
use serde::Deserialize;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
use support::{completion, panda};

/// Every category issue #7 names; each must hold at least one case.
const CATEGORIES: [&str; 18] = [
    "truncated_json",
    "wrong_types",
    "missing_fields",
    "extra_fields",
    "unknown_enum",
    "nan",
    "negative_numbers",
    "huge_numbers",
    "duplicate_ids",
    "dangling_refs",
    "empty_shots",
    "ten_thousand_shots",
    "prose_around_json",
    "two_json_objects",
    "refusal",
    "empty_content",
    "invalid_utf8",
    "unfaithful",
];

/// The prompt every case asks for unless it names another.
const PANDA_PROMPT: &str = "a panda walks from left to right, then turns and waves";

/// One entry of `cases.json`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The reply file, or null for a generated reply.
    file: Option<String>,
    /// Shots of a generated reply.
    #[serde(default)]
    generate_shots: Option<usize>,
    category: String,
    /// Expected outcome when valid replies follow the bad one.
    first: String,
    /// Expected outcome when every reply is the bad one.
    always: String,
    /// Text the repair request must contain (a JSON pointer or the diagnostic's words).
    #[serde(default)]
    mentions: Option<String>,
    /// The prompt asked for, when not the panda prompt.
    #[serde(default)]
    prompt: Option<String>,
    /// The exact repair message (the second request's last message); every case of the
    /// `unfaithful` category gives it.
    #[serde(default)]
    repair: Option<String>,
    /// Why this outcome is the right one (printed when the case fails).
    why: String,
}

/// What a case's file holds.
enum Reply {
    Content(String),
    Body(Vec<u8>),
}

fn corpus_dir() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/llm_bad_replies"
    ))
}

/// A storyboard with `n` one-second shots of the panda.
fn many_shots(n: usize) -> String {
    let mut storyboard = panda();
    let shot = storyboard["shots"][0].clone();
    let shots: Vec<Value> = (0..n)
        .map(|i| {
            let mut s = shot.clone();
            s["id"] = json!(format!("s{i}"));
            s
        })
        .collect();
    storyboard["duration_s"] = json!(8.0 * n as f64);
    storyboard["shots"] = Value::Array(shots);
    storyboard.to_string()
}

fn load(case: &Case) -> Reply {
    match (&case.file, case.generate_shots) {
        (Some(file), None) => {
            let bytes = std::fs::read(corpus_dir().join(file)).unwrap();
            if file.ends_with(".body") {
                Reply::Body(bytes)
            } else {
                assert!(file.ends_with(".txt"), "{file}: .txt or .body");
                Reply::Content(String::from_utf8(bytes).unwrap())
            }
        }
        (None, Some(n)) => Reply::Content(many_shots(n)),
        _ => panic!("{case:?}: give either file or generate_shots"),
    }
}

fn template(reply: &Reply) -> ResponseTemplate {
    match reply {
        Reply::Content(text) => completion(text),
        Reply::Body(bytes) => {
            ResponseTemplate::new(200).set_body_raw(bytes.clone(), "application/json")
        }
    }
}

fn settings(base: &str) -> LlmSettings {
    let mut s = LlmSettings::new(format!("{base}/v1"));
    s.api_key = "sk-corpus".into();
    s.max_http_attempts = 3;
    s.retry_base_delay = Duration::from_millis(2);
    s.retry_max_delay = Duration::from_millis(10);
    s.read_timeout = Duration::from_secs(5);
    // the 10,000-shot reply (over the default 8 MiB) tests the checker's size limits, not
    // the body limit (tests/hostile_server.rs tests that)
    s.max_response_bytes = 64 << 20;
    // with few-shot pairs in the first request, the repair request shows it leaves them out
    s.examples = 2;
    s
}

/// What one scenario ended in.
struct Ran {
    result: Result<Directed, DirectorError>,
    requests: Vec<Value>,
}

/// A valid storyboard for `prompt` that passes its fidelity predicates.
fn faithful(prompt: &str) -> String {
    if prompt == PANDA_PROMPT {
        return panda().to_string();
    }
    let storyboard = Heuristic.decompose(&Request::new(prompt)).unwrap();
    serde_json::to_string(&storyboard).unwrap()
}

async fn serve(reply: &Reply, then_valid: bool, prompt: &str) -> Ran {
    let server = MockServer::start().await;
    let chat = || Mock::given(method("POST")).and(path("/v1/chat/completions"));
    if then_valid {
        chat()
            .respond_with(template(reply))
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        chat()
            .respond_with(completion(&faithful(prompt)))
            .with_priority(2)
            .mount(&server)
            .await;
    } else {
        chat().respond_with(template(reply)).mount(&server).await;
    }
    let result = LlmDirector::new(settings(&server.uri()))
        .unwrap()
        .direct(&Request::new(prompt))
        .await;
    let requests = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    Ran { result, requests }
}

/// The outcome's name and, when it disagrees with the case, why.
fn judge(case: &Case, expected: &str, ran: &Ran) -> Result<String, String> {
    let outcome = match &ran.result {
        Ok(directed) if directed.diagnostics.iter().any(|d| d.code.starts_with('F')) => {
            "unfaithful"
        }
        Ok(directed) if directed.meta.attempts == 1 && directed.meta.http_attempts == 1 => {
            "accepted"
        }
        Ok(directed) if directed.meta.attempts == 1 => "retried",
        Ok(_) => "repaired",
        Err(e) => e.code(),
    };
    if outcome != expected {
        let detail = match &ran.result {
            Ok(d) => format!(
                "attempts {}, http {}",
                d.meta.attempts, d.meta.http_attempts
            ),
            Err(e) => e.to_string(),
        };
        return Err(format!("expected {expected}, got {outcome} ({detail})"));
    }
    match &ran.result {
        Ok(directed) => {
            if directed.storyboard.shots.is_empty() {
                return Err("a storyboard without shots".into());
            }
            if outcome == "repaired" || outcome == "unfaithful" {
                let repair = repair_text(ran).ok_or("no repair request was sent")?;
                let mentions = case.mentions.as_deref().ok_or("repaired needs mentions")?;
                if !repair.contains(mentions) {
                    return Err(format!("the repair request lacks {mentions:?}: {repair}"));
                }
                if let Some(expected) = &case.repair
                    && repair != *expected
                {
                    return Err(format!("the repair message is {repair:?}"));
                }
                let echoed = echoed_chars(ran).ok_or("the repair request echoes no reply")?;
                if echoed > MAX_ECHOED_REPLY_CHARS + 64 {
                    return Err(format!("the repair request echoes {echoed} characters"));
                }
                repair_shape(ran)?;
            }
        }
        Err(e) => {
            let transcript = e
                .transcript()
                .ok_or_else(|| format!("{} carries no transcript", e.code()))?;
            if transcript.attempts.is_empty() {
                return Err("an empty transcript".into());
            }
            if let DirectorError::AttemptsExhausted {
                attempts,
                diagnostics,
                ..
            } = e
                && (*attempts != 3 || transcript.attempts.len() != 3 || diagnostics.is_empty())
            {
                return Err(format!("exhausted after {attempts} attempts: {e}"));
            }
        }
    }
    Ok(outcome.to_owned())
}

/// Characters of the reply echoed back as the assistant message of the repair request.
fn echoed_chars(ran: &Ran) -> Option<usize> {
    let messages = ran.requests.get(1)?["messages"].as_array()?;
    let echoed = messages.get(messages.len().checked_sub(2)?)?;
    (echoed["role"] == "assistant")
        .then(|| echoed["content"].as_str().unwrap_or("").chars().count())
}

/// The repair request carries only what the model needs: the first request's system message
/// and prompt (not its few-shot pairs), the reply, then the repair message.
fn repair_shape(ran: &Ran) -> Result<(), String> {
    let messages = |i: usize| {
        ran.requests.get(i)?["messages"]
            .as_array()
            .filter(|m| !m.is_empty())
    };
    let (Some(first), Some(repair)) = (messages(0), messages(1)) else {
        return Err("fewer than two requests with messages".into());
    };
    let roles: Vec<&str> = repair.iter().filter_map(|m| m["role"].as_str()).collect();
    if first.len() != 6 || roles != ["system", "user", "assistant", "user"] {
        return Err(format!(
            "a first request of {} messages, a repair request of {roles:?}",
            first.len()
        ));
    }
    if repair[0] != first[0] || repair[1] != first[first.len() - 1] {
        return Err("the repair request changed the system message or the prompt".into());
    }
    Ok(())
}

/// The last user message of the second request: the repair message.
fn repair_text(ran: &Ran) -> Option<String> {
    let second = ran.requests.get(1)?;
    let messages = second["messages"].as_array()?;
    let last = messages.last()?;
    (last["role"] == "user").then(|| last["content"].as_str().unwrap_or("").to_owned())
}

/// Both scenarios of `case`; every disagreement is reported.
async fn run_case(case: Case) -> Result<(), String> {
    let reply = load(&case);
    let prompt = case.prompt.as_deref().unwrap_or(PANDA_PROMPT);
    let first = judge(&case, &case.first, &serve(&reply, true, prompt).await);
    let always = judge(&case, &case.always, &serve(&reply, false, prompt).await);
    match (first, always) {
        (Ok(_), Ok(_)) => Ok(()),
        (first, always) => Err(format!(
            "first: {}; always: {}",
            first.unwrap_or_else(|e| e),
            always.unwrap_or_else(|e| e)
        )),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_reply_ends_in_its_expected_storyboard_or_typed_error() {
    let manifest = std::fs::read_to_string(corpus_dir().join("cases.json")).unwrap();
    let cases: Vec<Case> = serde_json::from_str(&manifest).unwrap();

    // every file of the folder is a case, and every case's file exists
    let mut files: Vec<String> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "cases.json")
        .collect();
    files.sort();
    let mut listed: Vec<String> = cases.iter().filter_map(|c| c.file.clone()).collect();
    listed.sort();
    assert_eq!(files, listed, "cases.json and the folder disagree");

    let mut per_category: BTreeMap<String, usize> = BTreeMap::new();
    for case in &cases {
        assert!(
            CATEGORIES.contains(&case.category.as_str()),
            "unknown category {}",
            case.category
        );
        assert!(
            case.category != "unfaithful" || case.repair.is_some(),
            "{:?}: an unfaithful case gives its expected repair message",
            case.file
        );
        *per_category.entry(case.category.clone()).or_default() += 1;
    }
    let total = cases.len();
    println!("{total} bad replies");
    for (category, n) in &per_category {
        println!("  {category:<20} {n}");
    }
    assert!(total >= 50, "only {total} cases");
    for category in CATEGORIES {
        assert!(
            per_category.contains_key(category),
            "no case for {category}"
        );
    }

    let mut failures = Vec::new();
    let mut outcomes: BTreeMap<(String, String), usize> = BTreeMap::new();
    for case in cases {
        let name = case
            .file
            .clone()
            .unwrap_or_else(|| format!("generated {} shots", case.generate_shots.unwrap_or(0)));
        *outcomes
            .entry((case.first.clone(), case.always.clone()))
            .or_default() += 1;
        // a task of its own, so a panic names its case instead of ending the test
        let why = case.why.clone();
        match tokio::spawn(run_case(case)).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("{name}: {e} [expected because: {why}]")),
            Err(join) if join.is_panic() => failures.push(format!("{name}: PANICKED")),
            Err(join) => failures.push(format!("{name}: {join}")),
        }
    }
    println!("outcomes (first, always):");
    for ((first, always), n) in &outcomes {
        println!("  {first:<20} {always:<20} {n}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

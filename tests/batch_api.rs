//! Batch API files (OpenAI Batch API, vLLM run-batch): the emitted requests are exactly what
//! the LLM director sends (captured from a wiremock server on 127.0.0.1), results of every
//! kind are ingested into the usual output lines, the second round holds exactly the repair
//! request the loop would send next, and a round trip through a run-batch-like loop over
//! wiremock ends with complete output.

use scenec::batch::BatchLine;
use scenec::batch::ingest::{Ingested, Judging, Round, ingest};
use scenec::batch::requests::{RequestLine, emit, to_jsonl};
use scenec::director::fidelity;
use scenec::director::fidelity::FidelityMode;
use scenec::director::{Director, Heuristic, LlmDirector, LlmSettings, OutputMode, Request};
use scenec::{Compiler, backend};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Respond, ResponseTemplate};

mod support;
use support::{completion_body, panda};

/// The panda with a shot 2 s short of the total: the deterministic fixes rescale it.
fn fixable_panda() -> Value {
    let mut p = panda();
    p["duration_s"] = json!(10.0);
    p
}

/// The panda with an action by an entity that is not listed (E0401): no fix exists.
fn invalid_panda() -> Value {
    let mut p = panda();
    p["shots"][0]["actions"][0]["entity"] = json!("bear");
    p
}

fn settings(base: &str) -> LlmSettings {
    let mut s = LlmSettings::new(format!("{base}/v1"));
    s.model = "test-model".into();
    s.max_http_attempts = 1;
    // every prompt gets the panda storyboard: these tests are about request bodies, not
    // about what the storyboard shows (tests/llm_fidelity.rs is)
    s.fidelity = FidelityMode::Off;
    s
}

/// The director's attempts, without the fidelity gate (see `settings`).
const UNGATED: Judging = Judging {
    max_attempts: 3,
    fidelity: FidelityMode::Off,
};

fn offline() -> LlmDirector {
    LlmDirector::new(settings("http://127.0.0.1:9")).unwrap()
}

/// An OpenAI Batch API output line answering `custom_id` with `body`.
fn ok_line(custom_id: &str, body: Value) -> String {
    json!({
        "id": format!("batch_req_{custom_id}"), "custom_id": custom_id,
        "response": {"status_code": 200, "request_id": format!("req_{custom_id}"), "body": body},
        "error": null
    })
    .to_string()
}

fn compiler() -> Compiler {
    Compiler::builder().build()
}

fn ingest_rounds(input: Option<&str>, rounds: &[(&[RequestLine], &str)]) -> Ingested {
    let rounds: Vec<Round<'_>> = rounds
        .iter()
        .map(|(requests, results)| Round {
            requests,
            results: results.as_bytes(),
        })
        .collect();
    ingest(
        &compiler(),
        offline().prompts(),
        input.map(str::as_bytes),
        &rounds,
        UNGATED,
    )
    .unwrap()
}

fn code(line: &BatchLine) -> Option<&str> {
    line.error.as_ref().map(|e| e.code.as_str())
}

fn snapshot_settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    s.set_prepend_module_to_snapshot(true);
    s
}

#[test]
fn emitted_requests_for_three_prompts() {
    let mut s = LlmSettings::new("http://127.0.0.1:9/v1");
    s.model = "gpt-4o-mini".into();
    let director = LlmDirector::new(s).unwrap();
    let input = concat!(
        "{\"id\": \"walk\", \"prompt\": \"a panda bear walks from left to right, then turns and waves\"}\n",
        "{\"id\": 2, \"prompt\": \"a paper lantern drifts up into the night sky\", \"note\": \"ignored\"}\n",
        "{\"id\": \"fox\", \"prompt\": \"close-up of a fox in the snow, the camera slowly pushes in\"}\n",
    );
    let emitted = emit(&director, input, None).unwrap();
    assert!(emitted.rejected.is_empty());
    let lines: Vec<Value> = to_jsonl(&emitted.requests)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for line in &lines {
        assert_eq!(
            line["body"]["response_format"]["json_schema"]["schema"],
            scenec::schema::wire_schema()
        );
    }
    // The schema is the same in every line and checked above and in tests/llm_snapshots.rs;
    // the snapshot shows the envelope and what differs per line (no few-shot examples by
    // default: system message, then the prompt).
    snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("emit_requests_three_prompts", lines, {
            "[].body.response_format.json_schema.schema" => "[the wire schema]",
        });
    });
}

/// Captures the first request the director sends for `request` to a wiremock server.
async fn sent_by_director(s: &LlmSettings, request: &Request, server: &MockServer) -> Value {
    server.reset().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(completion_body(&panda().to_string(), "stop")),
        )
        .mount(server)
        .await;
    LlmDirector::new(s.clone())
        .unwrap()
        .direct(request)
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    serde_json::from_slice(&received[0].body).unwrap()
}

#[tokio::test]
async fn each_emitted_body_is_exactly_what_the_director_sends() {
    let server = MockServer::start().await;
    let prompt = "a panda bear walks from left to right, then turns and waves";
    for mode in OutputMode::ALL {
        for duration_s in [None, Some(12.0)] {
            let mut s = settings(&server.uri());
            s.mode = mode;
            s.temperature = 0.4;
            s.seed = Some(42);
            s.max_tokens = 900;
            let sent = sent_by_director(
                &s,
                &Request {
                    prompt: prompt.into(),
                    duration_s,
                },
                &server,
            )
            .await;
            let line = json!({"id": "p", "prompt": prompt}).to_string();
            let emitted = emit(&LlmDirector::new(s).unwrap(), &line, duration_s).unwrap();
            assert_eq!(emitted.requests.len(), 1);
            assert_eq!(emitted.requests[0].body, sent, "{mode} {duration_s:?}");
            assert_eq!(
                serde_json::to_string(&emitted.requests[0].body).unwrap(),
                serde_json::to_string(&sent).unwrap(),
                "byte for byte: {mode} {duration_s:?}"
            );
        }
    }
}

#[tokio::test]
async fn the_second_round_holds_exactly_the_repair_request_the_loop_sends_next() {
    let server = MockServer::start().await;
    let invalid = invalid_panda().to_string();
    let prompt = "a panda walks from left to right, then turns and waves";
    for mode in [OutputMode::JsonSchema, OutputMode::Text] {
        server.reset().await;
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(completion_body(&invalid, "stop")),
            )
            .up_to_n_times(1)
            .with_priority(1)
            .mount(&server)
            .await;
        Mock::given(method("POST"))
            .and(path("/v1/chat/completions"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(completion_body(&panda().to_string(), "stop")),
            )
            .with_priority(2)
            .mount(&server)
            .await;
        let mut s = settings(&server.uri());
        s.mode = mode;
        let director = LlmDirector::new(s).unwrap();
        director.direct(&Request::new(prompt)).await.unwrap();
        let sent: Vec<Value> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| serde_json::from_slice(&r.body).unwrap())
            .collect();
        assert_eq!(sent.len(), 2, "one invalid reply, one repair");

        let line = json!({"id": "p", "prompt": prompt}).to_string();
        let requests = emit(&director, &line, None).unwrap().requests;
        let results = ok_line("p", completion_body(&invalid, "stop"));
        let out = ingest_rounds(None, &[(&requests, &results)]);
        assert_eq!(code(&out.lines[0]), Some("check_failed"));
        let message = &out.lines[0].error.as_ref().unwrap().message;
        assert!(
            message.contains("E0401 at /shots/0/actions/0/entity"),
            "{message}"
        );
        assert_eq!(out.next.len(), 1);
        assert_eq!(out.next[0].custom_id, "p");
        assert_eq!(out.next[0].body, sent[1], "{mode}");
    }
}

#[test]
fn every_kind_of_result_becomes_a_line_and_the_retryable_ones_a_next_request() {
    let ids = [
        "ok", "fixable", "invalid", "http", "expired", "refusal", "length", "vllm", "missing",
    ];
    let input: String = ids
        .iter()
        .map(|id| {
            format!(
                "{}\n",
                json!({"id": id, "prompt": format!("a panda, case {id}")})
            )
        })
        .collect();
    let requests = emit(&offline(), &input, None).unwrap().requests;
    let results = [
        ok_line("ok", completion_body(&panda().to_string(), "stop")),
        // Text-mode style: the JSON inside a fence, with prose around it.
        ok_line(
            "fixable",
            completion_body(&format!("Here it is:\n```json\n{}\n```", fixable_panda()), "stop"),
        ),
        ok_line("invalid", completion_body(&invalid_panda().to_string(), "stop")),
        json!({"id": "batch_req_http", "custom_id": "http",
               "response": {"status_code": 400, "request_id": "req_http",
                            "body": {"error": {"message": "Invalid 'max_tokens': too large", "type": "invalid_request_error", "code": null}}},
               "error": null})
        .to_string(),
        json!({"id": "batch_req_expired", "custom_id": "expired", "response": null,
               "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}})
        .to_string(),
        ok_line(
            "refusal",
            json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": null, "refusal": "I can't help with that."}, "finish_reason": "stop"}]}),
        ),
        ok_line("length", completion_body("{\"schema_version\": \"1\", \"title\": \"Pa", "length")),
        json!({"id": "vllm-1", "custom_id": "vllm",
               "response": {"status_code": 400, "request_id": "vllm-batch-1", "body": null},
               "error": "This model's maximum context length is 2048 tokens"})
        .to_string(),
        "{\"id\": \"batch_req_broken\", \"custom_id\": ".to_owned(),
        ok_line("stranger", completion_body("{}", "stop")),
    ]
    .join("\n");
    let out = ingest_rounds(Some(&input), &[(&requests, &results)]);
    let codes: Vec<(Value, Option<&str>)> =
        out.lines.iter().map(|l| (l.id.clone(), code(l))).collect();
    assert_eq!(
        codes,
        [
            (json!("ok"), None),
            (json!("fixable"), None),
            (json!("invalid"), Some("check_failed")),
            (json!("http"), Some("http_status")),
            (json!("expired"), Some("batch_error")),
            (json!("refusal"), Some("refusal")),
            (json!("length"), Some("length")),
            (json!("vllm"), Some("batch_error")),
            (json!("missing"), Some("missing_result")),
            (Value::Null, Some("invalid_result_line")),
            (json!("stranger"), Some("unknown_custom_id")),
        ]
    );
    let ok = &out.lines[0];
    assert!(ok.storyboard.is_some() && ok.keyframes.is_some());
    let fixed = out.lines[1].storyboard.as_ref().unwrap();
    assert_eq!(fixed.shots[0].duration_s, 10.0, "the fix rescaled the shot");

    let next: Vec<&str> = out.next.iter().map(|r| r.custom_id.as_str()).collect();
    assert_eq!(next, ["invalid", "expired", "length", "missing"]);
    let by_id = |id: &str| requests.iter().find(|r| r.custom_id == id).unwrap();
    // Lost answers are asked again unchanged; a cut one with twice the tokens.
    assert_eq!(out.next[1], *by_id("expired"));
    assert_eq!(out.next[3], *by_id("missing"));
    assert_eq!(out.next[2].body["max_tokens"], json!(4096));
    assert_eq!(
        out.next[2].body["messages"],
        by_id("length").body["messages"]
    );
    // The repair: the first conversation, the reply, then the diagnostics.
    let repair = out.next[0].body["messages"].as_array().unwrap();
    let first = by_id("invalid").body["messages"].as_array().unwrap();
    assert_eq!(repair.len(), first.len() + 2);
    assert_eq!(repair[..first.len()], first[..]);
    assert_eq!(repair[first.len()]["role"], "assistant");
    assert_eq!(repair[first.len()]["content"], invalid_panda().to_string());
    let diagnostics = repair[first.len() + 1]["content"].as_str().unwrap();
    assert!(
        diagnostics.contains("/shots/0/actions/0/entity"),
        "{diagnostics}"
    );

    let errors: Vec<Value> = out
        .lines
        .iter()
        .filter(|l| l.error.is_some())
        .map(|l| json!({"id": l.id, "error": l.error.as_ref().map(|e| json!({"code": e.code, "message": e.message}))}))
        .collect();
    snapshot_settings().bind(|| {
        insta::assert_json_snapshot!("ingest_error_lines_of_every_kind", errors);
    });
}

#[test]
fn attempts_and_length_retries_are_bounded_across_rounds_as_in_the_loop() {
    let input =
        "{\"id\": \"a\", \"prompt\": \"a panda\"}\n{\"id\": \"b\", \"prompt\": \"a fox\"}\n";
    let round1 = emit(&offline(), input, None).unwrap().requests;
    let bad = |id: &str| ok_line(id, completion_body(&invalid_panda().to_string(), "stop"));
    let cut = |id: &str| ok_line(id, completion_body("{\"title\": ", "length"));
    let results1 = [bad("a"), cut("b")].join("\n");
    let out1 = ingest_rounds(None, &[(&round1, &results1)]);
    assert_eq!(out1.next.len(), 2);
    let results2 = [bad("a"), cut("b")].join("\n");
    let out2 = ingest_rounds(None, &[(&round1, &results1), (&out1.next, &results2)]);
    // b was cut twice: final, as the loop stops after one retry with more tokens.
    assert_eq!(code(&out2.lines[1]), Some("length"));
    assert!(
        out2.lines[1]
            .error
            .as_ref()
            .unwrap()
            .message
            .contains("twice")
    );
    assert_eq!(out2.next.len(), 1);
    // The repair of the repair keeps only the last reply, as the loop does.
    assert_eq!(
        out2.next[0].body["messages"].as_array().unwrap().len(),
        out1.next[0].body["messages"].as_array().unwrap().len()
    );
    let results3 = bad("a");
    let out3 = ingest_rounds(
        None,
        &[
            (&round1, &results1),
            (&out1.next, &results2),
            (&out2.next, &results3),
        ],
    );
    assert_eq!(code(&out3.lines[0]), Some("attempts_exhausted"));
    assert!(
        out3.next.is_empty(),
        "three judged answers is --max-attempts' default"
    );
}

/// Answers like a model: a repair request (its last message lists problems) or any prompt
/// but the bear's gets the valid panda; the bear's first request gets an invalid storyboard.
struct Model;

impl Respond for Model {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let body: Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let last = body["messages"]
            .as_array()
            .and_then(|m| m.last())
            .and_then(|m| m["content"].as_str())
            .unwrap_or_default();
        let reply = if last.contains("bear") && !last.contains("problem") {
            invalid_panda()
        } else {
            panda()
        };
        ResponseTemplate::new(200).set_body_json(completion_body(&reply.to_string(), "stop"))
    }
}

/// What `vllm run-batch` does with a requests file: POST each body to the line's URL and
/// write one result line per request.
async fn run_batch(server: &MockServer, requests: &str) -> String {
    let http = reqwest::Client::new();
    let mut out = String::new();
    for (n, line) in requests.lines().enumerate() {
        let request: Value = serde_json::from_str(line).unwrap();
        assert_eq!(request["method"], "POST");
        let url = format!("{}{}", server.uri(), request["url"].as_str().unwrap());
        let response = http
            .post(url)
            .header("content-type", "application/json")
            .body(serde_json::to_vec(&request["body"]).unwrap())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        out.push_str(
            &json!({"id": format!("vllm-{n}"), "custom_id": request["custom_id"],
                    "response": {"status_code": status, "request_id": format!("vllm-batch-{n}"), "body": body},
                    "error": null})
            .to_string(),
        );
        out.push('\n');
    }
    out
}

#[tokio::test]
async fn a_round_trip_through_a_run_batch_loop_ends_with_complete_output() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/chat/completions"))
        .respond_with(Model)
        .mount(&server)
        .await;
    let input = concat!(
        "{\"id\": 1, \"prompt\": \"a panda walks from left to right\"}\n",
        "{\"id\": \"bear\", \"prompt\": \"a bear waves at the camera\"}\n",
        "{\"id\": 3, \"prompt\": \"a panda turns and waves\"}\n",
    );
    let round1 = emit(&offline(), input, None).unwrap().requests;
    let results1 = run_batch(&server, &to_jsonl(&round1).unwrap()).await;
    let out1 = ingest_rounds(Some(input), &[(&round1, &results1)]);
    let codes: Vec<_> = out1.lines.iter().map(code).collect();
    assert_eq!(codes, [None, Some("check_failed"), None]);
    assert_eq!(out1.next.len(), 1);

    let round2 = to_jsonl(&out1.next).unwrap();
    let results2 = run_batch(&server, &round2).await;
    let out2 = ingest_rounds(
        Some(input),
        &[(&round1, &results1), (&out1.next, &results2)],
    );
    assert!(out2.next.is_empty());
    let ids: Vec<&Value> = out2.lines.iter().map(|l| &l.id).collect();
    assert_eq!(
        ids,
        [&json!(1), &json!("bear"), &json!(3)],
        "ids keep their JSON type"
    );
    for line in &out2.lines {
        assert!(line.error.is_none(), "{:?}", line.error);
        assert!(line.storyboard.is_some() && line.keyframes.is_some());
    }
    // The keyframes are lowered for the chosen backend.
    let wan = Compiler::builder()
        .boxed_backend(backend::by_name("wan").unwrap())
        .build();
    let rounds = [
        Round {
            requests: &round1,
            results: results1.as_bytes(),
        },
        Round {
            requests: &out1.next,
            results: results2.as_bytes(),
        },
    ];
    let out = ingest(
        &wan,
        offline().prompts(),
        Some(input.as_bytes()),
        &rounds,
        UNGATED,
    )
    .unwrap();
    assert_eq!(out.lines[0].keyframes.as_ref().unwrap().backend, "wan");
}

/// The heuristic director's storyboard for `prompt`: a valid answer that shows it.
fn storyboard_of(prompt: &str) -> Value {
    serde_json::to_value(Heuristic.decompose(&Request::new(prompt)).unwrap()).unwrap()
}

#[test]
fn the_fidelity_gate_judges_each_line_as_an_interactive_compile_and_keeps_the_others() {
    const BIRD: &str = "a blue cat and a white bird sit on a bench";
    let input = concat!(
        "{\"id\": \"good\", \"prompt\": \"a panda walks from left to right\"}\n",
        "{\"id\": \"bird\", \"prompt\": \"a blue cat and a white bird sit on a bench\"}\n",
    );
    let requests = emit(&offline(), input, None).unwrap().requests;
    let reply = |id: &str, prompt: &str| {
        ok_line(
            id,
            completion_body(&storyboard_of(prompt).to_string(), "stop"),
        )
    };
    // the bird's answer drops the bird
    let results = [
        reply("good", "a panda walks from left to right"),
        reply("bird", "a blue cat sits on a bench"),
    ]
    .join("\n");
    let rounds = [Round {
        requests: &requests,
        results: results.as_bytes(),
    }];
    let run = |fidelity| {
        let judging = Judging {
            max_attempts: 3,
            fidelity,
        };
        ingest(
            &compiler(),
            offline().prompts(),
            Some(input.as_bytes()),
            &rounds,
            judging,
        )
        .unwrap()
    };

    let warned = run(FidelityMode::Warn);
    assert!(
        warned.next.is_empty(),
        "a batch sends no repair request for fidelity findings"
    );
    let (good, bird) = (&warned.lines[0], &warned.lines[1]);
    assert!(good.error.is_none() && good.fidelity.is_empty());
    assert!(bird.error.is_none() && bird.storyboard.is_some() && bird.keyframes.is_some());
    // the same findings as the gate gives an interactive compile of that storyboard
    let expected = fidelity::check(
        bird.storyboard.as_ref().unwrap(),
        &fidelity::predicates(&Request::new(BIRD)),
    );
    assert_eq!(bird.fidelity, expected);
    assert_eq!(bird.fidelity[0].code, fidelity::codes::ENTITY_MISSING);
    assert!(
        bird.fidelity[0].message.contains("white bird"),
        "{:?}",
        bird.fidelity
    );
    let written: Value =
        serde_json::from_str(to_jsonl(&warned.lines).unwrap().lines().nth(1).unwrap()).unwrap();
    assert_eq!(written["fidelity"][0]["code"], "F0101");
    let clean: Value =
        serde_json::from_str(to_jsonl(&warned.lines).unwrap().lines().next().unwrap()).unwrap();
    assert!(clean.get("fidelity").is_none(), "no key without findings");

    let strict = run(FidelityMode::Strict);
    let codes: Vec<Option<&str>> = strict.lines.iter().map(code).collect();
    assert_eq!(codes, [None, Some("unfaithful")]);
    let message = &strict.lines[1].error.as_ref().unwrap().message;
    assert!(
        message.contains("F0101") && message.contains("white bird"),
        "{message}"
    );
    assert!(
        strict.lines[0].storyboard.is_some(),
        "the other line is kept"
    );

    let off = run(FidelityMode::Off);
    assert!(
        off.lines
            .iter()
            .all(|l| l.error.is_none() && l.fidelity.is_empty())
    );
}

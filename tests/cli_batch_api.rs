//! `scenec batch --emit-requests` and `scenec batch --ingest` through the CLI: files, exit
//! codes, messages, and a two-round trip with hand-written results files.

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;
use serde_json::{Value, json};

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap();
    cmd.env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL");
    cmd
}

fn read_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn panda() -> Value {
    serde_json::from_str(include_str!("../examples/panda.json")).unwrap()
}

/// An OpenAI Batch API output line answering `custom_id` with a completion of `content`.
fn answer(custom_id: &str, content: &str) -> String {
    json!({
        "id": format!("batch_req_{custom_id}"), "custom_id": custom_id,
        "response": {"status_code": 200, "request_id": "r", "body": {
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]}},
        "error": null
    })
    .to_string()
}

const INPUT: &str = concat!(
    "{\"id\": 1, \"prompt\": \"a panda walks from left to right\"}\n",
    "{\"id\": \"b\", \"prompt\": \"a panda turns and waves\"}\n",
    "not json\n",
    "{\"id\": \"1\", \"prompt\": \"the same id again\"}\n",
);

#[test]
fn emit_needs_a_model_and_names_every_rejected_line() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let req = dir.path().join("req.jsonl");
    std::fs::write(&input, INPUT).unwrap();
    scenec()
        .args(["batch"])
        .arg(&input)
        .arg("--emit-requests")
        .arg(&req)
        .assert()
        .code(2)
        .stderr(contains("--model"));
    scenec()
        .args(["batch"])
        .arg(&input)
        .arg("--emit-requests")
        .arg(&req)
        .args([
            "--model",
            "Qwen/Qwen2.5-7B-Instruct",
            "--mode",
            "json_object",
        ])
        .env("OPENAI_API_KEY", "sk-batch-secret-never-written")
        .assert()
        .code(1)
        .stderr(contains("rejected: invalid_json: line 3"))
        .stderr(contains("rejected: duplicate_id: line 4"))
        .stderr(contains(
            "2 request(s) for model Qwen/Qwen2.5-7B-Instruct (json_object output)",
        ));
    let text = std::fs::read_to_string(&req).unwrap();
    assert!(
        !text.contains("sk-batch-secret"),
        "the key never reaches a requests file"
    );
    let lines = read_lines(&req);
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l["custom_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1", "b"]);
    for line in &lines {
        assert_eq!(line["method"], "POST");
        assert_eq!(line["url"], "/v1/chat/completions");
        assert_eq!(line["body"]["model"], "Qwen/Qwen2.5-7B-Instruct");
        assert_eq!(
            line["body"]["response_format"],
            json!({"type": "json_object"})
        );
    }
}

#[test]
fn ingest_writes_the_output_and_the_next_round_then_the_second_round_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let req = dir.path().join("req.jsonl");
    let results = dir.path().join("results.jsonl");
    let out = dir.path().join("out.jsonl");
    std::fs::write(&input, INPUT).unwrap();
    scenec()
        .args(["batch"])
        .arg(&input)
        .arg("--emit-requests")
        .arg(&req)
        .args(["--model", "m"])
        .assert()
        .code(1);
    let mut invalid = panda();
    invalid["entities"][0]["id"] = json!("bear");
    std::fs::write(
        &results,
        format!(
            "{}\n{}\n",
            answer("b", &invalid.to_string()),
            answer("1", &panda().to_string())
        ),
    )
    .unwrap();
    scenec()
        .args(["batch"])
        .arg(&input)
        .arg("--requests")
        .arg(&req)
        .arg("--ingest")
        .arg(&results)
        .arg("-o")
        .arg(&out)
        .args(["--backend", "ltx"])
        .assert()
        .success()
        .stderr(contains("4 line(s): 1 compiled, 3 failed"))
        .stderr(contains("1 request(s) for the next round in"));
    let lines = read_lines(&out);
    let summary: Vec<(Value, Value)> = lines
        .iter()
        .map(|l| (l["id"].clone(), l["error"]["code"].clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (json!(1), Value::Null),
            (json!("b"), json!("check_failed")),
            (Value::Null, json!("invalid_json")),
            (json!("1"), json!("duplicate_id")),
        ]
    );
    assert_eq!(lines[0]["keyframes"]["backend"], "ltx");
    let next = dir.path().join("req.next.jsonl");
    let next_lines = read_lines(&next);
    assert_eq!(next_lines.len(), 1);
    assert_eq!(next_lines[0]["custom_id"], "b");

    let results2 = dir.path().join("results2.jsonl");
    std::fs::write(&results2, answer("b", &panda().to_string())).unwrap();
    scenec()
        .args(["batch"])
        .arg(&input)
        .arg("--requests")
        .arg(&req)
        .arg("--ingest")
        .arg(&results)
        .arg("--requests")
        .arg(&next)
        .arg("--ingest")
        .arg(&results2)
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("no item needs another round"));
    let lines = read_lines(&out);
    assert!(lines[0]["error"].is_null() && lines[1]["error"].is_null());
    assert!(lines[1]["storyboard"].is_object() && lines[1]["keyframes"].is_object());
}

#[test]
fn ingest_refuses_unpaired_files_and_a_file_that_is_not_a_requests_file() {
    let dir = tempfile::tempdir().unwrap();
    let req = dir.path().join("req.jsonl");
    let results = dir.path().join("results.jsonl");
    std::fs::write(&req, "{\"id\": 1, \"prompt\": \"a cat\"}\n").unwrap();
    std::fs::write(&results, "").unwrap();
    scenec()
        .args(["batch", "--ingest"])
        .arg(&results)
        .assert()
        .code(2)
        .stderr(contains("--requests"));
    scenec()
        .args(["batch", "--requests"])
        .arg(&req)
        .arg("--ingest")
        .arg(&results)
        .arg("--ingest")
        .arg(&results)
        .assert()
        .code(2)
        .stderr(contains("2 --ingest file(s) and 1 --requests file(s)"));
    scenec()
        .args(["batch", "--requests"])
        .arg(&req)
        .arg("--ingest")
        .arg(&results)
        .assert()
        .code(2)
        .stderr(contains("line 1 is not a Batch API request line"));
}

#[test]
fn ingest_runs_the_fidelity_gate_with_the_director_flags() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let req = dir.path().join("req.jsonl");
    let results = dir.path().join("results.jsonl");
    let out = dir.path().join("out.jsonl");
    std::fs::write(
        &input,
        concat!(
            "{\"id\": 1, \"prompt\": \"a panda walks from left to right\"}\n",
            "{\"id\": 2, \"prompt\": \"a blue cat and a white bird sit on a bench\"}\n",
        ),
    )
    .unwrap();
    scenec()
        .args(["batch"])
        .arg(&input)
        .arg("--emit-requests")
        .arg(&req)
        .args(["--model", "m"])
        .assert()
        .success();
    // the panda answers both: faithful to the first prompt, not to the second
    let panda = panda().to_string();
    std::fs::write(
        &results,
        format!("{}\n{}\n", answer("1", &panda), answer("2", &panda)),
    )
    .unwrap();
    let ingest = |flags: &[&str]| {
        scenec()
            .args(["batch"])
            .arg(&input)
            .arg("--requests")
            .arg(&req)
            .arg("--ingest")
            .arg(&results)
            .arg("-o")
            .arg(&out)
            .args(flags)
            .assert()
            .success();
        read_lines(&out)
    };
    let warned = ingest(&[]);
    assert!(warned[0]["error"].is_null() && warned[0].get("fidelity").is_none());
    assert!(warned[1]["error"].is_null() && warned[1]["storyboard"].is_object());
    assert_eq!(warned[1]["fidelity"][0]["code"], "F0101");
    assert_eq!(warned[1]["fidelity"][0]["severity"], "warning");
    let strict = ingest(&["--strict-fidelity"]);
    assert!(strict[0]["error"].is_null());
    assert_eq!(strict[1]["error"]["code"], "unfaithful");
    let off = ingest(&["--no-fidelity"]);
    assert!(
        off.iter()
            .all(|l| l["error"].is_null() && l.get("fidelity").is_none())
    );
}

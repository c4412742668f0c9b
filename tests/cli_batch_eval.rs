//! `scenec batch` and `scenec eval` through the CLI.

use assert_cmd::Command;

fn scenec() -> Command {
    let mut cmd = Command::cargo_bin("scenec").unwrap_or_else(|e| panic!("no scenec binary: {e}"));
    cmd.env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL");
    cmd
}

#[test]
fn batch_at_concurrency_one_writes_one_line_per_input_in_order_and_survives_bad_lines() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    std::fs::write(
        &input,
        concat!(
            "{\"id\": \"panda\", \"prompt\": \"a panda walks from left to right\", \"lang\": \"en\"}\n",
            "this is not json\n",
            "{\"id\": 2}\n",
            "{\"id\": \"empty\", \"prompt\": \"\"}\n",
            "{\"id\": \"fox\", \"prompt\": \"a fox jumps over a log\"}\n",
        ),
    )
    .unwrap_or_else(|e| panic!("cannot write input: {e}"));
    scenec()
        .arg("batch")
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .args(["--concurrency", "1"])
        .assert()
        .success();
    let text = std::fs::read_to_string(&output).unwrap_or_else(|e| panic!("no output: {e}"));
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad output line {l}: {e}")))
        .collect();
    assert_eq!(lines.len(), 5);
    let ids: Vec<&serde_json::Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(
        ids,
        [
            &serde_json::json!("panda"),
            &serde_json::Value::Null,
            &serde_json::json!(2),
            &serde_json::json!("empty"),
            &serde_json::json!("fox")
        ]
    );
    for l in &lines {
        let keys: Vec<&String> = l
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys, ["id", "storyboard", "keyframes", "error"]);
    }
    assert!(lines[0]["error"].is_null() && lines[0]["keyframes"]["keyframes"].is_array());
    assert_eq!(lines[1]["error"]["code"], "invalid_json");
    assert_eq!(lines[2]["error"]["code"], "missing_prompt");
    assert_eq!(lines[3]["error"]["code"], "empty_prompt");
    assert!(lines[4]["storyboard"]["shots"].is_array());
}

#[test]
fn eval_prints_categories_and_reports_failures() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    let suite = dir.path().join("suite.jsonl");
    let report = dir.path().join("report.txt");
    std::fs::write(
        &suite,
        concat!(
            "{\"id\": \"ok\", \"category\": \"order\", \"prompt\": \"a cat jumps, then sleeps\", \"expect\": {\"actions\": [\"jump\", \"sleep\"]}}\n",
            "{\"id\": \"wrong\", \"category\": \"camera\", \"prompt\": \"a cat sleeps\", \"expect\": {\"camera\": [{\"move\": \"orbit\"}]}}\n",
        ),
    )
    .unwrap_or_else(|e| panic!("cannot write suite: {e}"));
    let out = scenec()
        .args(["eval", "--director", "heuristic", "--report"])
        .arg(&report)
        .arg(&suite)
        .output()
        .unwrap_or_else(|e| panic!("scenec did not run: {e}"));
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("order") && table.contains("1.000"),
        "{table}"
    );
    assert!(
        table.contains("overall") && table.contains("0.500"),
        "{table}"
    );
    let text = std::fs::read_to_string(&report).unwrap_or_else(|e| panic!("no report: {e}"));
    assert!(
        text.contains("wrong [camera] camera: no camera move Orbit"),
        "{text}"
    );
    scenec()
        .args(["eval", "--min-score", "0.9"])
        .arg(&suite)
        .assert()
        .code(1);
}

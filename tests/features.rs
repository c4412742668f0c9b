//! The library builds without the CLI and without the LLM stack: in Cargo.toml, clap,
//! indicatif, tokio and reqwest (and the rest of those stacks) are optional dependencies
//! that only the `cli` and `llm` features turn on. `.ci/run` builds
//! `cargo build --lib --no-default-features` to prove the library compiles without them.

const MANIFEST: &str = include_str!("../Cargo.toml");

/// The `name = …` line of `[dependencies]` (or the unix target table) for `name`.
fn dependency_line(name: &str) -> Option<&'static str> {
    let mut in_dependencies = false;
    for line in MANIFEST.lines() {
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]"
                || (line.starts_with("[target.") && line.ends_with(".dependencies]"));
            continue;
        }
        if in_dependencies && line.starts_with(&format!("{name} = ")) {
            return Some(line);
        }
    }
    None
}

/// The dependencies a feature turns on (`"dep:NAME"` entries of its list).
fn feature_deps(feature: &str) -> Vec<String> {
    let start = MANIFEST
        .find(&format!("\n{feature} = ["))
        .unwrap_or_else(|| panic!("no feature `{feature}` in Cargo.toml"));
    let list = &MANIFEST[start..];
    let end = list.find(']').expect("the feature list closes");
    list[..end]
        .split('"')
        .filter_map(|s| s.strip_prefix("dep:"))
        .map(str::to_owned)
        .collect()
}

const CLI_ONLY: &[&str] = &["clap", "clap_complete", "indicatif", "tracing-subscriber"];
const LLM_ONLY: &[&str] = &["tokio", "reqwest", "async-openai"];

#[test]
fn the_cli_and_llm_stacks_are_optional_dependencies() {
    for name in CLI_ONLY.iter().chain(LLM_ONLY) {
        let line = dependency_line(name).unwrap_or_else(|| panic!("{name} is not a dependency"));
        assert!(
            line.contains("optional = true"),
            "{name} must be optional: {line}"
        );
    }
}

#[test]
fn only_the_cli_and_llm_features_turn_them_on() {
    let (cli, llm) = (feature_deps("cli"), feature_deps("llm"));
    for name in CLI_ONLY {
        assert!(cli.iter().any(|d| d == name), "`cli` should enable {name}");
    }
    for name in LLM_ONLY {
        assert!(llm.iter().any(|d| d == name), "`llm` should enable {name}");
    }
    assert!(
        MANIFEST.contains("default = [\"cli\", \"llm\"]"),
        "both features are on by default"
    );
}

#[test]
fn ci_builds_the_library_without_default_features() {
    let ci = include_str!("../.ci/run");
    let build = ci
        .find("cargo build --lib --no-default-features")
        .expect(".ci/run builds the library alone");
    let tests = ci
        .rfind("cargo test --all-targets")
        .expect("the test command");
    assert!(
        build < tests,
        "the library build runs before the test command"
    );
}

//! The language layer: tokenizer cases, the bundled model on prompt-like sentences, its
//! accuracy on a slice of the UD English EWT test split, morphology, and reproducible
//! training.

use scenec::lang::{self, Model, TrainConfig, Upos, evaluate, parse_conllu, tokenize, train};

const SLICE: &str = include_str!("data/ud-english-ewt/en_ewt-ud-test-first500.conllu");

fn words(text: &str) -> Vec<Vec<String>> {
    tokenize(text)
        .into_iter()
        .map(|s| s.into_iter().map(|t| t.text).collect())
        .collect()
}

#[test]
fn tokenizer_splits_like_the_treebank() {
    assert_eq!(
        words("\"Stop!\" she said. The dog's ball isn't red."),
        vec![
            vec!["\"", "Stop", "!", "\"", "she", "said", "."],
            vec!["The", "dog", "'s", "ball", "is", "n't", "red", "."],
        ]
    );
    assert_eq!(
        words("A 30-second ad, 1,000 birds and 3.5 m at 10:30 e.g. today..."),
        vec![vec![
            "A", "30", "-", "second", "ad", ",", "1,000", "birds", "and", "3.5", "m", "at",
            "10:30", "e.g.", "today", "..."
        ]]
    );
    assert_eq!(
        words("the cats' toys I'm sure we'll"),
        vec![vec![
            "the", "cats", "'", "toys", "I", "'m", "sure", "we", "'ll"
        ]]
    );
    assert_eq!(
        words("“Hi,” said Ann’s friend."),
        vec![vec![
            "“", "Hi", ",", "”", "said", "Ann", "’s", "friend", "."
        ]]
    );
}

#[test]
fn tokenizer_keeps_emoji_other_scripts_and_urls_whole() {
    assert_eq!(
        words("a cat 🐱 waves 👋🏽 at 👨‍👩‍👧"),
        vec![vec!["a", "cat", "🐱", "waves", "👋🏽", "at", "👨‍👩‍👧"]]
    );
    assert_eq!(
        words("un chat très mignon"),
        vec![vec!["un", "chat", "très", "mignon"]]
    );
    assert_eq!(
        words("Кошка спит. 猫が寝ている"),
        vec![vec!["Кошка", "спит", "."], vec!["猫が寝ている"]]
    );
    assert_eq!(
        words("see https://example.com/a-b?x=1."),
        vec![vec!["see", "https://example.com/a-b?x=1", "."]]
    );
    let text = "Mr. Lee’s 🐼 can't wait — “now”!";
    for s in tokenize(text) {
        for t in s {
            assert_eq!(&text[t.span.clone()], t.text);
        }
    }
}

#[test]
fn tokenizer_splits_sentences() {
    let s = words("The robot stops. Then it turns! Is it done? yes.");
    assert_eq!(s.len(), 3, "{s:?}");
    assert_eq!(words("Mr. Smith waves.").len(), 1);
    assert!(tokenize("   ").is_empty());
}

/// Finds the token with this text in the first sentence.
fn token<'a>(a: &'a lang::Analysis, text: &str) -> (usize, &'a lang::Token) {
    a.sentences[0]
        .tokens
        .iter()
        .enumerate()
        .find(|(_, t)| t.text == text)
        .unwrap_or_else(|| panic!("no token `{text}` in {a:?}"))
}

#[test]
fn tags_lemmas_and_parses_a_prompt() {
    let a =
        lang::analyze("a panda bear walks from left to right, then turns and waves at the camera.");
    assert_eq!(a.sentences.len(), 1);
    let (_, panda) = token(&a, "panda");
    let (bear_i, bear) = token(&a, "bear");
    let (walks_i, walks) = token(&a, "walks");
    let (turns_i, turns) = token(&a, "turns");
    let (waves_i, waves) = token(&a, "waves");
    let (_, then) = token(&a, "then");
    let (_, camera) = token(&a, "camera");
    assert_eq!(panda.upos, Upos::Noun);
    assert_eq!(bear.upos, Upos::Noun);
    assert_eq!((walks.upos, walks.lemma.as_str()), (Upos::Verb, "walk"));
    assert_eq!((then.upos, then.head), (Upos::Adv, Some(turns_i)));
    assert_eq!((turns.upos, turns.lemma.as_str()), (Upos::Verb, "turn"));
    assert_eq!((waves.upos, waves.lemma.as_str()), (Upos::Verb, "wave"));
    assert_eq!(a.sentences[0].root(), Some(walks_i));
    assert_eq!((bear.head, bear.deprel.as_str()), (Some(walks_i), "nsubj"));
    assert_eq!(panda.head, Some(bear_i));
    assert_eq!(turns.head, Some(walks_i));
    assert!(
        ["conj", "parataxis"].contains(&turns.deprel.as_str()),
        "{turns:?}"
    );
    assert_eq!((waves.head, waves.deprel.as_str()), (Some(turns_i), "conj"));
    assert_eq!(
        (camera.head, camera.deprel.as_str()),
        (Some(waves_i), "obl")
    );
}

#[test]
fn reads_objects_and_prepositions() {
    let a = lang::analyze("The chef tosses the tomatoes into the pan.");
    let (tosses_i, tosses) = token(&a, "tosses");
    let (_, tomatoes) = token(&a, "tomatoes");
    let (pan_i, pan) = token(&a, "pan");
    let (_, into) = token(&a, "into");
    assert_eq!((tosses.upos, tosses.lemma.as_str()), (Upos::Verb, "toss"));
    assert_eq!(
        (tomatoes.upos, tomatoes.lemma.as_str()),
        (Upos::Noun, "tomato")
    );
    assert_eq!(
        (tomatoes.head, tomatoes.deprel.as_str()),
        (Some(tosses_i), "obj")
    );
    assert_eq!(
        (pan.upos, into.upos, into.head),
        (Upos::Noun, Upos::Adp, Some(pan_i))
    );

    let a = lang::analyze("The cat jumps onto the table.");
    let (jumps_i, _) = token(&a, "jumps");
    let (_, table) = token(&a, "table");
    assert_eq!((table.head, table.deprel.as_str()), (Some(jumps_i), "obl"));

    let a = lang::analyze("Two red cars drive slowly past the old lighthouse.");
    let (_, two) = token(&a, "Two");
    let (_, red) = token(&a, "red");
    let (cars_i, cars) = token(&a, "cars");
    assert_eq!(two.upos, Upos::Num);
    assert_eq!((red.upos, red.head), (Upos::Adj, Some(cars_i)));
    assert_eq!((cars.upos, cars.lemma.as_str()), (Upos::Noun, "car"));
}

#[test]
fn reads_past_tense_narration_and_names() {
    let a = lang::analyze("Daniel opened the door and the dog ran outside.");
    let (_, daniel) = token(&a, "Daniel");
    let (_, opened) = token(&a, "opened");
    let (_, ran) = token(&a, "ran");
    assert_eq!(
        (daniel.upos, daniel.lemma.as_str()),
        (Upos::Propn, "Daniel")
    );
    assert_eq!((opened.upos, opened.lemma.as_str()), (Upos::Verb, "open"));
    assert_eq!((ran.upos, ran.lemma.as_str()), (Upos::Verb, "run"));
}

#[test]
fn morphology_in_one_place() {
    assert_eq!(lang::plural("cat"), "cats");
    assert_eq!(lang::plural("box"), "boxes");
    assert_eq!(lang::plural("child"), "children");
    assert_eq!(lang::plural("person"), "people");
    assert_eq!(lang::plural("mouse"), "mice");
    assert_eq!(lang::singular("bears"), "bear");
    assert_eq!(lang::singular("mice"), "mouse");
    assert_eq!(lang::singular("women"), "woman");
    assert_eq!(lang::gerund("run"), "running");
    assert_eq!(lang::gerund("wave"), "waving");
    assert_eq!(lang::gerund("lie"), "lying");
    assert_eq!(lang::gerund("be"), "being");
    assert_eq!(lang::third_person("fly"), "flies");
    assert_eq!(lang::third_person("have"), "has");
    assert_eq!(lang::third_person("go"), "goes");
    assert_eq!(lang::past("walk"), "walked");
    assert_eq!(lang::past("run"), "ran");
    assert_eq!(lang::past("go"), "went");
    assert_eq!(lang::lemma("merged", Upos::Verb), "merge");
    assert_eq!(lang::lemma("restored", Upos::Verb), "restore");
    assert_eq!(lang::lemma("was", Upos::Aux), "be");
    assert_eq!(lang::lemma("breaths", Upos::Noun), "breath");
}

/// Accuracy on the first 500 test sentences; the floors are the slice's own figures
/// (README) less half a point, so a model that got worse fails here.
#[test]
fn bundled_model_accuracy_on_a_test_slice() {
    let data = parse_conllu(SLICE, "first500").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.len(), 500);
    let s = evaluate(Model::bundled(), &data);
    println!("{s}");
    assert!(s.upos >= 0.955, "{s}");
    assert!(s.lemma >= 0.969, "{s}");
    assert!(s.uas >= 0.836, "{s}");
    assert!(s.las >= 0.793, "{s}");
}

/// The lexicon narrows the tagger's choices where it lists a word in one open class only:
/// a plural subject's verb is a verb, a listed noun after a possessive is a noun, and a
/// base form after a determiner stays open ("takes a walk").
#[test]
fn the_lexicon_constrains_the_tagger_on_prompts() {
    let tags = |text: &str| -> Vec<(String, Upos)> {
        lang::analyze(text).sentences[0]
            .tokens
            .iter()
            .map(|t| (t.text.clone(), t.upos))
            .collect()
    };
    let t = tags("Two dogs chase a frisbee across the park.");
    assert_eq!(t[2], ("chase".into(), Upos::Verb), "{t:?}");
    assert_eq!(t[1], ("dogs".into(), Upos::Noun), "{t:?}");
    let t = tags("A waiter taps his tray and smiles.");
    assert_eq!(t[1], ("waiter".into(), Upos::Noun), "{t:?}");
    assert_eq!(t[2], ("taps".into(), Upos::Verb), "{t:?}");
    let t = tags("The old man takes a walk.");
    assert_eq!(t[5], ("walk".into(), Upos::Noun), "{t:?}");
}

#[test]
fn bad_model_bytes_are_an_error_not_a_panic() {
    let e = Model::from_bytes(b"not a model")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("scenec-lang") && e.contains("train_lang"), "{e}");
    let e = Model::from_bytes(b"scenec-lang\n\x01\x02")
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(e.contains("cannot decode") || e.contains("version"), "{e}");
}

/// Same data and configuration → same model bytes (on a small slice, few epochs).
#[test]
fn training_is_reproducible() {
    let data = parse_conllu(SLICE, "first500").unwrap_or_else(|e| panic!("{e}"));
    let cfg = TrainConfig {
        tagger_epochs: 2,
        parser_epochs: 2,
        labeller_epochs: 2,
        folds: 2,
        tagger_min_seen: 1,
        parser_min_seen: 1,
        labeller_min_seen: 1,
        ..TrainConfig::default()
    };
    let (model, a) = train(&data[..150], &cfg, &mut |_| {}).unwrap_or_else(|e| panic!("{e}"));
    let (_, b) = train(&data[..150], &cfg, &mut |_| {}).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(blake3::hash(&a), blake3::hash(&b));
    // The tiny model has learned something from its own training data.
    let s = evaluate(&model, &data[..150]);
    assert!(s.upos > 0.8 && s.uas > 0.5, "{s}");
}

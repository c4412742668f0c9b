//! Verb forms, read with the shared lexicon's morphology ([`crate::lang::verb_form`]).

pub(super) use crate::lang::{VerbForm as Form, verb_form as known_verb};

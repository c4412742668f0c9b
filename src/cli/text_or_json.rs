//! The `--format` choice of the commands that print either a report for people or JSON for
//! machines (`analyze`, `backends`, `check`).

use clap::ValueEnum;

/// Text for people or JSON for machines.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TextOrJson {
    /// Text for people.
    Text,
    /// JSON for machines.
    Json,
}

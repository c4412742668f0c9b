//! `scenec schema`: print a generated JSON Schema.

use clap::ValueEnum;

use super::EXIT_OK;

/// Which schema to print.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Which {
    /// The faithful storyboard schema, used for validation.
    Storyboard,
    /// The strict storyboard schema sent to models as a response format.
    Wire,
    /// The keyframe plan schema.
    Plan,
}

/// Arguments of `scenec schema`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which schema.
    #[arg(value_enum, default_value_t = Which::Storyboard)]
    which: Which,
}

/// Prints the schema as pretty JSON.
pub fn run(args: &Args) -> u8 {
    let value = match args.which {
        Which::Storyboard => scenec::schema::storyboard_schema(),
        Which::Wire => scenec::schema::wire_schema(),
        Which::Plan => scenec::schema::plan_schema(),
    };
    println!("{:#}", value);
    EXIT_OK
}

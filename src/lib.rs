//! smallwins: a micro-win journal over a folder of dated markdown notes.
//!
//! The pipeline runs one way: [`vault`] walks the folder, [`parse`] turns each note's text into
//! win entries, [`journal`] gathers the dated notes, [`stats`] scores them, the review, replay,
//! heatmap, status and other modules render, and [`write`](mod@write) puts notes back. [`config`]
//! resolves every setting once, up front; [`term`] decides colour and paints. Markdown is read
//! one way everywhere, through [`markdown`] (options, front matter, comments, heading labels,
//! tags, plain text). The binary's `commands/` sit on top: they call these modules and print.

pub mod cache;
pub mod capture;
pub mod check;
pub mod config;
pub mod dates;
pub mod error;
pub mod git;
pub mod heatmap;
pub mod hook;
pub mod init;
pub mod journal;
pub mod list;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod paths;
pub mod replay;
pub mod review;
pub mod stats;
pub mod status;
pub mod templates;
pub mod term;
pub mod vault;
pub mod words;
pub mod write;

pub use config::Config;
pub use error::{Error, Result};
pub use journal::Journal;
pub use model::{Note, Win, WinKind};

//! smallwins: a micro-win journal over a folder of dated markdown notes.
//!
//! The pipeline runs one way: `vault` (walk) → `parse` → `model` → `stats` → `render` → `write`.

pub mod dates;
pub mod model;
pub mod parse;

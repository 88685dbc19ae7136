//! Integration tests: the real `smallwins` binary over fixture vaults in `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod add_shapes;
mod cache;
mod capture;
mod check;
mod exit_codes;
mod forms;
mod habit;
mod heatmap;
mod hook;
mod hostile;
mod hostile_wins;
mod init;
mod list;
mod output;
mod periods;
mod properties;
mod replay;
mod safety;
mod stats;
mod week;

//! Integration tests: the real `smallwins` binary over fixture vaults in `tests/fixtures/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod check;
mod hook;
mod init;
mod list;

//! Hardening tests (issue 8): hostile and broken input never crashes, hangs, leaks a secret
//! or leaves half a connector behind. Every test drives the real `connectorize` binary, so a
//! panic is seen as exit 101 and a stack overflow as a signal.
//!
//! Tests that read the shared corpus skip, with a printed note, when `CONNECTORIZE_SHARED` is
//! unset. Every random choice comes from a fixed seed.

mod common;
mod concurrency;
mod fs_safety;
mod limits;
mod matrix;
mod secrets;

//! The common intermediate form (IR) of connectorize.
//!
//! Frontends (Postman, OpenAPI, API Management) *lower* their inputs to an [`Api`]; the
//! connector backend *renders* an [`Api`] as connector files. This crate is the contract
//! between them: it knows no input or output format, does no I/O and never prints.
//!
//! # Invariants
//!
//! [`validate()`] checks what every frontend must guarantee and every backend may rely on:
//!
//! * operation ids are non-empty and unique (IR003); no two operations share a method and a
//!   path compared case-insensitively (IR004);
//! * paths start with `/` and their `{name}` variables each lie inside one segment (IR005);
//!   every variable has exactly one path parameter and every path parameter a variable (IR006);
//! * no parameter is declared twice (header names compared case-insensitively) (IR007);
//! * every [`Schema::reference`] names an entry of [`Api::schemas`] (IR008), every shared
//!   parameter or response reference an entry of the shared maps (IR013);
//! * every tag an operation uses is declared in [`Api::tags`] (IR009), every security
//!   requirement names a declared scheme (IR010);
//! * every policy targets existing operations (IR011) and its templates refer only to
//!   declared connection parameters (IR012);
//! * an operation lists each response status once (IR014).
//!
//! What the IR does *not* promise — summary lengths, identifier style, size limits — is the
//! backend's to enforce, because those rules belong to the target format.
//!
//! # Serialized form
//!
//! The IR serializes to JSON with `irVersion` as its first key ([`to_json`], [`from_json`]).
//! Empty optional fields are omitted. A file with another `irVersion` is rejected.
//!
//! # Secrets
//!
//! The IR never holds a secret value: frontends replace tokens, passwords, client secrets
//! and secret variables by connection parameters or leave them out, and report where.

#![warn(missing_docs)]

pub mod codes;
pub mod diag;
mod json;
mod model;
pub mod pointer;
pub mod template;
mod validate;

pub use diag::{Code, Diagnostic, Diagnostics, Error, Location, Severity};
pub use json::{from_json, from_value, to_json};
pub use model::*;
pub use validate::{path_variables, validate, visit};

/// The version of the serialized form this build reads and writes.
pub const IR_VERSION: u32 = 1;

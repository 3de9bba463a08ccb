//! Writing the IR as connector files. Each function maps what the IR holds, faithfully.

pub mod definition;
pub mod examples;
pub mod fragments;
pub mod layout;
pub mod properties;
pub mod readme;
pub mod schema;

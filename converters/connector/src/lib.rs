//! Backend: renders the IR as connector files.

//! Offline validation of connector files.

//! connectorize: Postman collections and API Management exports to Power Platform connectors.
pub use connectorize_ir as ir;

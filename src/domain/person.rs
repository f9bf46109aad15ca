//! People in the worker's network (the resource map), in three layers.

use serde::Serialize;

use super::codes::code_enum;

code_enum! {
    /// The three layers of the network around the worker.
    Layer, "layer" {
        Company = "company", "職場", "company";
        Welfare = "welfare", "福祉・医療", "welfare / medical";
        Community = "community", "地域", "community";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: String,
    pub worker_id: String,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub layer: Layer,
    pub phone: String,
    pub email: String,
    pub note: String,
}

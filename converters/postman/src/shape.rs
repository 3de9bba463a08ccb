//! The schemas lowering works on before they become IR [`Schema`]s.
//!
//! An IR schema node holds every keyword a connector can express (over 800 bytes), while
//! inference only ever sets a type, a format, `nullable`, properties with their required
//! flags, and items. Inferring, merging and interning therefore work on [`Shape`] (a tenth of
//! the size, nothing to initialise or drop that is never used), and each node that reaches the
//! output becomes an IR schema once, when the API is assembled ([`crate::definitions`]).

use connectorize_ir::SchemaType;

/// A schema as inference builds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Shape {
    /// The type; `None` means any value.
    pub kind: Option<SchemaType>,
    /// Format hint (every format lowering produces is a literal).
    pub format: Option<&'static str>,
    /// Whether `null` was seen.
    pub nullable: bool,
    /// Object properties, in first-seen order; names are unique.
    pub properties: Vec<Property>,
    /// Array items.
    pub items: Option<Box<Shape>>,
    /// The interned shape this one stands for (an index into the registry); the other fields
    /// are then empty.
    pub interned: Option<usize>,
}

/// One object property. `required` stands for the name's place in the IR `required` list,
/// which always lists property names in property order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Property {
    /// Name.
    pub name: String,
    /// Schema.
    pub shape: Shape,
    /// Present in every sample.
    pub required: bool,
}

impl Shape {
    /// A shape of one type and nothing else.
    pub fn of(kind: SchemaType) -> Self {
        Shape {
            kind: Some(kind),
            ..Shape::default()
        }
    }

    /// An array of `items`.
    pub fn array_of(items: Shape) -> Self {
        Shape {
            kind: Some(SchemaType::Array),
            items: Some(Box::new(items)),
            ..Shape::default()
        }
    }

    /// A string with a format.
    pub fn string(format: Option<&'static str>) -> Self {
        Shape {
            format,
            ..Shape::of(SchemaType::String)
        }
    }

    /// A reference to interned shape `id`.
    pub fn interned(id: usize) -> Self {
        Shape {
            interned: Some(id),
            ..Shape::default()
        }
    }

    /// Whether the shape only says "null was seen".
    pub fn null_only(&self) -> bool {
        self.nullable && self.kind.is_none() && self.properties.is_empty() && self.items.is_none()
    }

    /// Whether the shape says nothing at all (any value).
    pub fn is_unknown(&self) -> bool {
        *self == Shape::default()
    }
}

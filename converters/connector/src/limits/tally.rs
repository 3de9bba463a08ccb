//! The exact minified size of a part of an API, kept up to date as operations are added: each
//! operation brings its path item member (or a method in an item the part already has), its
//! tags, shared parameters and responses, and the named schemas they reach, each counted once.

use std::collections::{HashMap, HashSet};

use super::graph::Graph;
use super::measure::{container, member, Sizes};
use super::Size;
use crate::emit::fragments::Selection;

/// Items picked once each, in the order they were first picked, with their sizes' sum.
#[derive(Clone, Debug, Default)]
struct Picked {
    seen: HashSet<usize>,
    order: Vec<usize>,
    sum: usize,
}

impl Picked {
    /// Every item, in API order.
    fn all(sizes: &[usize]) -> Self {
        Picked {
            seen: (0..sizes.len()).collect(),
            order: (0..sizes.len()).collect(),
            sum: sizes.iter().sum(),
        }
    }

    /// Picks an item; false when it was already picked.
    fn pick(&mut self, i: usize, size: usize) -> bool {
        if !self.seen.insert(i) {
            return false;
        }
        self.order.push(i);
        self.sum += size;
        true
    }

    fn sorted(&self) -> Vec<usize> {
        let mut order = self.order.clone();
        order.sort_unstable();
        order
    }
}

/// A path item: its methods with their member sizes, and its own member size in `paths`.
#[derive(Clone, Debug, Default)]
struct Item {
    methods: Vec<(&'static str, usize)>,
    member: usize,
}

/// The operations of a part and what they bring, measured.
#[derive(Clone, Debug)]
pub(crate) struct Tally<'a> {
    graph: &'a Graph,
    sizes: &'a Sizes,
    operations: Vec<usize>,
    items: HashMap<usize, Item>,
    /// Members of `paths`, summed.
    paths: usize,
    schemas: Picked,
    shared_parameters: Picked,
    shared_responses: Picked,
    tags: Picked,
}

impl<'a> Tally<'a> {
    /// A part without operations.
    pub(crate) fn new(graph: &'a Graph, sizes: &'a Sizes) -> Self {
        Tally {
            graph,
            sizes,
            operations: Vec::new(),
            items: HashMap::new(),
            paths: 0,
            schemas: Picked::default(),
            shared_parameters: Picked::default(),
            shared_responses: Picked::default(),
            tags: Picked::default(),
        }
    }

    /// The whole API: every operation, and every item whether an operation uses it or not.
    pub(crate) fn whole(graph: &'a Graph, sizes: &'a Sizes) -> Self {
        let mut tally = Tally::new(graph, sizes);
        for op in 0..graph.operations.len() {
            tally.add(op);
        }
        tally.schemas = Picked::all(&sizes.schemas);
        tally.shared_parameters = Picked::all(&sizes.shared_parameters);
        tally.shared_responses = Picked::all(&sizes.shared_responses);
        tally.tags = Picked::all(&sizes.tags);
        for (path, extension) in graph.path_extension.iter().enumerate() {
            if extension.is_some() && !tally.items.contains_key(&path) {
                let item = tally.item(path, Vec::new());
                tally.paths += item.member;
                tally.items.insert(path, item);
            }
        }
        tally
    }

    /// A part holding these operations.
    pub(crate) fn of(graph: &'a Graph, sizes: &'a Sizes, operations: &[usize]) -> Self {
        let mut tally = Tally::new(graph, sizes);
        for &op in operations {
            tally.add(op);
        }
        tally
    }

    /// Adds an operation and everything it needs that the part does not hold yet.
    pub(crate) fn add(&mut self, op: usize) {
        let (graph, sizes) = (self.graph, self.sizes);
        let needs = &graph.operations[op];
        self.operations.push(op);
        let mut methods = self
            .items
            .get(&needs.path)
            .map(|item| item.methods.clone())
            .unwrap_or_default();
        // A second operation with the same method replaces the first, as in the document.
        match methods.iter_mut().find(|(m, _)| *m == needs.method) {
            Some(slot) => slot.1 = sizes.operations[op],
            None => methods.push((needs.method, sizes.operations[op])),
        }
        let item = self.item(needs.path, methods);
        let before = self.items.get(&needs.path).map_or(0, |i| i.member);
        self.paths = self.paths - before + item.member;
        self.items.insert(needs.path, item);
        for &t in &needs.tags {
            self.tags.pick(t, sizes.tags[t]);
        }
        let mut reached: Vec<usize> = needs.schemas.clone();
        for &p in &needs.shared_parameters {
            if self.shared_parameters.pick(p, sizes.shared_parameters[p]) {
                reached.extend(&graph.shared_parameter_schemas[p]);
            }
        }
        for &r in &needs.shared_responses {
            if self.shared_responses.pick(r, sizes.shared_responses[r]) {
                reached.extend(&graph.shared_response_schemas[r]);
            }
        }
        while let Some(s) = reached.pop() {
            if self.schemas.pick(s, sizes.schemas[s]) {
                reached.extend(&graph.schema_schemas[s]);
            }
        }
    }

    /// A path item holding `methods`, then the path's extensions whose keys are free.
    fn item(&self, path: usize, methods: Vec<(&'static str, usize)>) -> Item {
        let mut sum: usize = methods.iter().map(|(_, size)| size).sum();
        let mut count = methods.len();
        if let Some(extension) = self.graph.path_extension[path] {
            for (key, size) in &self.sizes.path_extensions[extension] {
                if !methods.iter().any(|(m, _)| m == key) {
                    sum += size;
                    count += 1;
                }
            }
        }
        Item {
            member: self.sizes.path_keys[path] + 1 + container(sum, count),
            methods,
        }
    }

    /// The part's size, given the size of its `info` object.
    pub(crate) fn size(&self, info: usize) -> Size {
        let optional = [
            ("definitions", &self.schemas),
            ("parameters", &self.shared_parameters),
            ("responses", &self.shared_responses),
        ];
        let mut keys: Vec<&str> = vec!["info", "paths"];
        let mut sum =
            member("info", info) + member("paths", container(self.paths, self.items.len()));
        for (key, size) in &self.sizes.fixed {
            keys.push(key);
            sum += size;
        }
        for (key, picked) in optional {
            if !picked.order.is_empty() {
                keys.push(key);
                sum += member(key, container(picked.sum, picked.order.len()));
            }
        }
        if !self.tags.order.is_empty() {
            keys.push("tags");
            sum += member("tags", container(self.tags.sum, self.tags.order.len()));
        }
        for (key, size) in &self.sizes.tail {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
                sum += size;
            }
        }
        Size {
            operations: self.operations.len(),
            bytes: container(sum, keys.len()),
        }
    }

    /// What the part's definition holds, in document order: operations as added, shared
    /// parameters and responses as first referred to, everything else in API order.
    pub(crate) fn selection(&self) -> Selection {
        let mut path_extensions: Vec<usize> = self
            .items
            .keys()
            .filter_map(|&path| self.graph.path_extension[path])
            .collect();
        path_extensions.sort_unstable();
        Selection {
            operations: self.operations.clone(),
            schemas: self.schemas.sorted(),
            shared_parameters: self.shared_parameters.order.clone(),
            shared_responses: self.shared_responses.order.clone(),
            tags: self.tags.sorted(),
            path_extensions,
        }
    }
}

//! Corpus tests over the real connectors in `../shared/corpus` (skipped, with a note, when
//! `CONNECTORIZE_SHARED` is unset): every connector compares equal to itself and merges
//! into itself unchanged, and every mutation of a mutation table is found by `diff` with the
//! expected class and merged as its owner dictates.

#![allow(clippy::print_stdout)] // the skip note and the mutation count are the test's report

use std::fs;
use std::path::{Path, PathBuf};

use connectorize_diff::{diff, merge, to_pretty, Class, Connector};
use connectorize_golden::shared_dir;
use serde_json::{json, Value};

/// Connector folders (holding `apiDefinition.swagger.json`) under the shared corpus.
fn corpus_connectors() -> Option<Vec<PathBuf>> {
    let Some(shared) = shared_dir() else {
        println!("note: CONNECTORIZE_SHARED is unset; corpus tests skipped");
        return None;
    };
    let mut found = Vec::new();
    let mut stack = vec![shared.join("corpus")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .file_name()
                .is_some_and(|n| n == "apiDefinition.swagger.json")
            {
                found.push(dir.clone());
            }
        }
    }
    found.sort();
    assert!(
        !found.is_empty(),
        "no connector found under {}",
        shared.display()
    );
    Some(found)
}

fn load(dir: &Path) -> Connector {
    let definition =
        fs::read_to_string(dir.join("apiDefinition.swagger.json")).expect("definition");
    let properties =
        fs::read_to_string(dir.join("apiProperties.json")).unwrap_or_else(|_| "{}".to_owned());
    Connector::from_texts(&definition, &properties)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

#[test]
fn every_corpus_connector_equals_itself_and_merges_into_itself() {
    let Some(dirs) = corpus_connectors() else {
        return;
    };
    for dir in &dirs {
        let c = load(dir);
        let changes = diff(&c, &c);
        assert!(changes.is_empty(), "{}: {changes:#?}", dir.display());
        for base in [Some(&c), None] {
            let m = merge(base, &c, &c, None);
            assert!(
                m.conflicts.is_empty() && m.applied.is_empty(),
                "{}",
                dir.display()
            );
            assert_eq!(
                to_pretty(&m.merged.definition),
                to_pretty(&c.definition),
                "{}",
                dir.display()
            );
            assert_eq!(
                to_pretty(&m.merged.properties),
                to_pretty(&c.properties),
                "{}",
                dir.display()
            );
        }
    }
}

/// A small deterministic generator (xorshift64*), so runs are repeatable without a crate.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        (x >> 33) as usize % n.max(1)
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> Option<T> {
        (!items.is_empty()).then(|| items[self.below(items.len())].clone())
    }
}

/// What a two-way merge (no base) of the original (ours) and the mutant (theirs) keeps.
#[derive(Clone, Copy, Debug, PartialEq)]
enum TwoWay {
    /// The mutant: the source owns what changed.
    Theirs,
    /// The original: the maker owns what changed.
    Ours,
}

struct Expect {
    class: Class,
    key: String,
    two_way: TwoWay,
}

fn expect(class: Class, key: impl Into<String>, two_way: TwoWay) -> Option<Expect> {
    Some(Expect {
        class,
        key: key.into(),
        two_way,
    })
}

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// `(path, method, key)` of every operation; key is the operationId or `METHOD path`.
fn operations(d: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (path, item) in d["paths"].as_object().into_iter().flatten() {
        for (method, op) in item.as_object().into_iter().flatten() {
            if METHODS.contains(&method.as_str()) {
                let key = op["operationId"].as_str().map_or_else(
                    || format!("{} {path}", method.to_uppercase()),
                    str::to_owned,
                );
                out.push((path.clone(), method.clone(), key));
            }
        }
    }
    out
}

fn op_mut<'v>(d: &'v mut Value, path: &str, method: &str) -> &'v mut Value {
    &mut d["paths"][path][method]
}

/// Inline (not `$ref`) parameters of operations: `(path, method, key, index)`, filtered.
fn inline_params(d: &Value, keep: impl Fn(&Value) -> bool) -> Vec<(String, String, String, usize)> {
    let mut out = Vec::new();
    for (path, method, key) in operations(d) {
        let params = d["paths"][&path][&method]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (i, p) in params.iter().enumerate() {
            if p.get("$ref").is_none() && p.get("name").is_some() && keep(p) {
                out.push((path.clone(), method.clone(), key.clone(), i));
            }
        }
    }
    out
}

fn param_label(d: &Value, path: &str, method: &str, i: usize) -> String {
    let p = &d["paths"][path][method]["parameters"][i];
    format!(
        "parameter {}:{}",
        p["in"].as_str().unwrap_or_default(),
        p["name"].as_str().unwrap_or_default()
    )
}

/// Pointers of object schemas with properties reached from 2xx response schemas.
fn response_objects(d: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, method, key) in operations(d) {
        let responses = &d["paths"][&path][&method]["responses"];
        for (code, response) in responses.as_object().into_iter().flatten() {
            if !code.starts_with('2') {
                continue;
            }
            let mut pointer = format!(
                "/paths/{}/{method}/responses/{code}/schema",
                path.replace('~', "~0").replace('/', "~1")
            );
            if response.get("$ref").is_some() {
                continue;
            }
            for _ in 0..6 {
                let Some(schema) = d.pointer(&pointer) else {
                    break;
                };
                if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
                    pointer = r.trim_start_matches('#').to_owned();
                } else if schema.get("items").is_some() {
                    pointer.push_str("/items");
                } else {
                    if schema["properties"]
                        .as_object()
                        .is_some_and(|p| !p.is_empty())
                    {
                        out.push((pointer.clone(), key.clone()));
                    }
                    break;
                }
            }
        }
    }
    out
}

type Mutation = fn(&mut Connector, &mut Rng) -> Option<Expect>;

fn mutations() -> Vec<(&'static str, Mutation)> {
    use Class::{Breaking, Cosmetic, NonBreaking};
    use TwoWay::{Ours, Theirs};
    vec![
        ("remove an operation", |c, r| {
            let (path, method, key) = r.pick(&operations(&c.definition))?;
            c.definition["paths"][&path]
                .as_object_mut()?
                .shift_remove(&method);
            expect(Breaking, format!("operation {key}"), Theirs)
        }),
        ("rename an operationId", |c, r| {
            let ops: Vec<_> = operations(&c.definition)
                .into_iter()
                .filter(|(p, m, _)| c.definition["paths"][p][m].get("operationId").is_some())
                .collect();
            let (path, method, key) = r.pick(&ops)?;
            op_mut(&mut c.definition, &path, &method)["operationId"] =
                json!(format!("{key}Renamed"));
            expect(Breaking, format!("operation {key}"), Theirs)
        }),
        ("add an operation", |c, _| {
            c.definition["paths"].as_object_mut()?.insert(
                "/zz-mutation".to_owned(),
                json!({"get": {"operationId": "ZzMutationAdded", "responses": {"200": {"description": "OK"}}}}),
            );
            expect(NonBreaking, "operation ZzMutationAdded", Theirs)
        }),
        ("make an optional parameter required", |c, r| {
            let found = inline_params(&c.definition, |p| p["required"] != json!(true));
            let (path, method, key, i) = r.pick(&found)?;
            let label = param_label(&c.definition, &path, &method, i);
            op_mut(&mut c.definition, &path, &method)["parameters"][i]["required"] = json!(true);
            expect(
                Breaking,
                format!("operation {key} / {label} / required"),
                Theirs,
            )
        }),
        ("change a parameter's type", |c, r| {
            let found = inline_params(&c.definition, |p| {
                p.get("type").is_some() && p["in"] != "body"
            });
            let (path, method, key, i) = r.pick(&found)?;
            let label = param_label(&c.definition, &path, &method, i);
            let p = &mut op_mut(&mut c.definition, &path, &method)["parameters"][i];
            p["type"] = json!(if p["type"] == "string" {
                "integer"
            } else {
                "string"
            });
            expect(
                Breaking,
                format!("operation {key} / {label} / type"),
                Theirs,
            )
        }),
        ("narrow a parameter's values", |c, r| {
            let found = inline_params(&c.definition, |p| {
                p["type"] == "string" && p["in"] != "body"
            });
            let (path, method, key, i) = r.pick(&found)?;
            let label = param_label(&c.definition, &path, &method, i);
            let p = &mut op_mut(&mut c.definition, &path, &method)["parameters"][i];
            let narrowed = match p["enum"].as_array() {
                Some(values) if values.len() > 1 => json!(values[1..]),
                Some(_) => return None,
                None => json!(["zz-only-value"]),
            };
            p["enum"] = narrowed;
            expect(
                Breaking,
                format!("operation {key} / {label} / enum"),
                Theirs,
            )
        }),
        ("remove a parameter", |c, r| {
            let found = inline_params(&c.definition, |_| true);
            let (path, method, key, i) = r.pick(&found)?;
            let label = param_label(&c.definition, &path, &method, i);
            op_mut(&mut c.definition, &path, &method)["parameters"]
                .as_array_mut()?
                .remove(i);
            expect(Breaking, format!("operation {key} / {label}"), Theirs)
        }),
        ("add an optional parameter", |c, r| {
            let (path, method, key) = r.pick(&operations(&c.definition))?;
            let op = op_mut(&mut c.definition, &path, &method);
            if op.get("parameters").is_none() {
                op["parameters"] = json!([]);
            }
            op["parameters"]
                .as_array_mut()?
                .push(json!({"name": "zzMutation", "in": "query", "type": "string"}));
            expect(
                NonBreaking,
                format!("operation {key} / parameter query:zzMutation"),
                Theirs,
            )
        }),
        ("add a required parameter", |c, r| {
            let (path, method, key) = r.pick(&operations(&c.definition))?;
            let op = op_mut(&mut c.definition, &path, &method);
            if op.get("parameters").is_none() {
                op["parameters"] = json!([]);
            }
            op["parameters"].as_array_mut()?.push(
                json!({"name": "zzMutation", "in": "query", "type": "string", "required": true}),
            );
            expect(
                Breaking,
                format!("operation {key} / parameter query:zzMutation"),
                Theirs,
            )
        }),
        ("remove a response property", |c, r| {
            let (pointer, key) = r.pick(&response_objects(&c.definition))?;
            let props = c
                .definition
                .pointer_mut(&format!("{pointer}/properties"))?
                .as_object_mut()?;
            let names: Vec<String> = props.keys().cloned().collect();
            let name = r.pick(&names)?;
            props.shift_remove(&name);
            expect(Breaking, format!("operation {key} / response"), Theirs)
        }),
        ("add a response property", |c, r| {
            let (pointer, key) = r.pick(&response_objects(&c.definition))?;
            let props = c
                .definition
                .pointer_mut(&format!("{pointer}/properties"))?
                .as_object_mut()?;
            props.insert("zzMutationAdded".to_owned(), json!({"type": "string"}));
            expect(NonBreaking, format!("operation {key} / response"), Theirs)
        }),
        ("change the host", |c, _| {
            c.definition["host"] = json!("zz-mutation.example.com");
            expect(Breaking, "host", Theirs)
        }),
        ("change the base path", |c, _| {
            c.definition["basePath"] = json!("/zz-mutation");
            expect(Breaking, "basePath", Theirs)
        }),
        ("reword a summary", |c, r| {
            let ops: Vec<_> = operations(&c.definition)
                .into_iter()
                .filter(|(p, m, _)| c.definition["paths"][p][m]["summary"].is_string())
                .collect();
            let (path, method, key) = r.pick(&ops)?;
            op_mut(&mut c.definition, &path, &method)["summary"] = json!("Reworded by a maker");
            expect(Cosmetic, format!("operation {key} / summary"), Ours)
        }),
        ("reword a description", |c, r| {
            let ops: Vec<_> = operations(&c.definition)
                .into_iter()
                .filter(|(p, m, _)| c.definition["paths"][p][m]["description"].is_string())
                .collect();
            let (path, method, key) = r.pick(&ops)?;
            op_mut(&mut c.definition, &path, &method)["description"] =
                json!("Reworded by a maker.");
            expect(Cosmetic, format!("operation {key} / description"), Ours)
        }),
        ("reword a parameter's x-ms-summary", |c, r| {
            let found = inline_params(&c.definition, |p| p["x-ms-summary"].is_string());
            let (path, method, key, i) = r.pick(&found)?;
            let label = param_label(&c.definition, &path, &method, i);
            op_mut(&mut c.definition, &path, &method)["parameters"][i]["x-ms-summary"] =
                json!("Reworded");
            expect(
                Cosmetic,
                format!("operation {key} / {label} / x-ms-summary"),
                Ours,
            )
        }),
        ("hide an operation as internal", |c, r| {
            let ops: Vec<_> = operations(&c.definition)
                .into_iter()
                .filter(|(p, m, _)| c.definition["paths"][p][m]["x-ms-visibility"] != "internal")
                .collect();
            let (path, method, key) = r.pick(&ops)?;
            let op = op_mut(&mut c.definition, &path, &method);
            let two_way = if op.get("x-ms-visibility").is_some() {
                TwoWay::Ours
            } else {
                TwoWay::Theirs
            };
            op["x-ms-visibility"] = json!("internal");
            expect(
                Breaking,
                format!("operation {key} / x-ms-visibility"),
                two_way,
            )
        }),
        ("make an action a trigger", |c, r| {
            let ops: Vec<_> = operations(&c.definition)
                .into_iter()
                .filter(|(p, m, _)| c.definition["paths"][p][m].get("x-ms-trigger").is_none())
                .collect();
            let (path, method, key) = r.pick(&ops)?;
            op_mut(&mut c.definition, &path, &method)["x-ms-trigger"] = json!("single");
            expect(Breaking, format!("operation {key} / x-ms-trigger"), Theirs)
        }),
        ("rename the connector", |c, _| {
            c.definition["info"]["title"] = json!("Renamed by a maker");
            expect(Cosmetic, "info / title", Ours)
        }),
        ("recolour the icon", |c, _| {
            c.properties.get_mut("properties")?["iconBrandColor"] = json!("#123456");
            expect(Cosmetic, "iconBrandColor", Ours)
        }),
        ("move an API key to the query", |c, r| {
            let defs = c.definition["securityDefinitions"].as_object()?.clone();
            let names: Vec<String> = defs
                .iter()
                .filter(|(_, v)| v["type"] == "apiKey")
                .map(|(k, _)| k.clone())
                .collect();
            let name = r.pick(&names)?;
            let scheme = &mut c.definition["securityDefinitions"][&name];
            scheme["in"] = json!(if scheme["in"] == "query" {
                "header"
            } else {
                "query"
            });
            expect(Breaking, format!("security definition {name} / in"), Theirs)
        }),
        ("add a policy", |c, _| {
            let props = c.properties.get_mut("properties")?;
            if props.get("policyTemplateInstances").is_none() {
                props["policyTemplateInstances"] = json!([]);
            }
            props["policyTemplateInstances"].as_array_mut()?.push(json!({
                "templateId": "setheader", "title": "Zz mutation",
                "parameters": {"x-ms-apimTemplateParameter.name": "X-Zz", "x-ms-apimTemplateParameter.value": "1"}
            }));
            expect(NonBreaking, "policy setheader \"Zz mutation\"", Theirs)
        }),
        ("remove a connection parameter", |c, r| {
            let params = c.properties["properties"]["connectionParameters"].as_object()?;
            let names: Vec<String> = params.keys().cloned().collect();
            let name = r.pick(&names)?;
            c.properties["properties"]["connectionParameters"]
                .as_object_mut()?
                .shift_remove(&name);
            expect(Breaking, format!("connection parameter {name}"), Theirs)
        }),
    ]
}

#[test]
fn every_mutation_of_the_corpus_is_found_and_classified() {
    let Some(dirs) = corpus_connectors() else {
        return;
    };
    const ROUNDS: u64 = 3;
    let mut applied = 0;
    let mut failures = Vec::new();
    for (n, dir) in dirs.iter().enumerate() {
        let original = load(dir);
        for (m, (name, mutate)) in mutations().into_iter().enumerate() {
            for round in 0..ROUNDS {
                let seed = 0x9e37_79b9_7f4a_7c15 ^ ((n as u64) << 32 | (m as u64) << 8 | round);
                let mut rng = Rng(seed | 1);
                let mut mutant = original.clone();
                let Some(want) = mutate(&mut mutant, &mut rng) else {
                    continue;
                };
                if mutant == original {
                    continue;
                }
                applied += 1;
                let label = format!("{} / {name} (round {round})", dir.display());
                let changes = diff(&original, &mutant);
                let worst = changes.iter().map(|c| c.class).max();
                let hit = changes
                    .iter()
                    .any(|c| c.class == want.class && c.key.starts_with(&want.key));
                if worst != Some(want.class) || !hit {
                    failures.push(format!(
                        "{label}: expected {} at {}, found {:#?}",
                        want.class,
                        want.key,
                        changes
                            .iter()
                            .map(|c| format!("{} {} {}", c.class, c.key, c.reason))
                            .collect::<Vec<_>>()
                    ));
                    continue;
                }
                assert!(
                    !diff(&mutant, &original).is_empty(),
                    "{label}: not found in reverse"
                );
                if round > 0 {
                    // Merging is checked once per mutation kind; it is the slow part.
                    continue;
                }
                // Three-way: whichever side alone changed wins, byte for byte.
                let source = merge(Some(&original), &original, &mutant, None);
                assert!(source.conflicts.is_empty(), "{label}");
                assert_eq!(
                    source.merged, mutant,
                    "{label}: three-way merge of a source change"
                );
                let maker = merge(Some(&original), &mutant, &original, None);
                assert_eq!(
                    to_pretty(&maker.merged.definition),
                    to_pretty(&mutant.definition),
                    "{label}"
                );
                assert_eq!(
                    to_pretty(&maker.merged.properties),
                    to_pretty(&mutant.properties),
                    "{label}"
                );
                // Two-way: the owner of what changed wins.
                let two_way = merge(None, &original, &mutant, None);
                assert!(two_way.conflicts.is_empty(), "{label}");
                let expected = match want.two_way {
                    TwoWay::Theirs => &mutant,
                    TwoWay::Ours => &original,
                };
                assert_eq!(
                    &two_way.merged, expected,
                    "{label}: two-way merge ({:?})",
                    want.two_way
                );
                let again = merge(None, &two_way.merged, &mutant, None);
                assert!(
                    again.applied.is_empty(),
                    "{label}: two-way merge is not idempotent"
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {applied} mutations misjudged:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(applied > 100, "only {applied} mutations applied");
    println!(
        "{applied} mutations over {} connectors found and classified",
        dirs.len()
    );
}

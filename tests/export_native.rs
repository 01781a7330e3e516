//! Property test: random trees survive native export and import exactly (kinds, order, every
//! field), and what is read back from a library is the tree that was put in.

use std::collections::HashSet;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use proptest::prelude::*;

use nacre::Store;
use nacre::formats::native;
use nacre::formats::tree::{Icon, ImportedTree, Node, NodeKind};
use nacre::model::PageDetails;

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title as the library keeps it: a user's as written, any other on one collapsed line.
fn title(user: bool, raw: &str) -> String {
    if user { raw.to_owned() } else { one_line(raw) }
}

fn details() -> impl Strategy<Value = Option<PageDetails>> {
    let text = proptest::option::of("\\PC{0,12}");
    prop_oneof![
        Just(None),
        (
            text.clone(),
            proptest::option::of(100u16..=599),
            text.clone(),
            text.clone(),
            (text.clone(), text.clone(), text),
            proptest::option::of(0i64..4_000_000_000_000),
            proptest::option::of("[a-z ]{1,10}"),
        )
            .prop_map(
                |(
                    final_url,
                    http_status,
                    title,
                    description,
                    (site, image, favicon),
                    at,
                    error,
                )| {
                    Some(PageDetails {
                        final_url,
                        http_status,
                        title,
                        description,
                        site_name: site,
                        image_url: image,
                        favicon_url: favicon,
                        fetched_at: at,
                        error,
                    })
                }
            ),
    ]
}

fn icon() -> impl Strategy<Value = Option<Icon>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Icon::Data { mime: "image/png".into(), base64: BASE64.encode(b"\x89PNG one") })),
        1 => Just(Some(Icon::Data { mime: "image/x-icon".into(), base64: BASE64.encode(b"icon two") })),
    ]
}

/// What every kind of node shares: whether the user typed the title (the raw title is kept
/// for the kind to tidy), note, tags, dates, icon, details. The kind is set afterwards.
fn common() -> impl Strategy<Value = Node> {
    (
        any::<bool>(),
        "\\PC{0,16}",
        prop_oneof![
            Just(String::new()),
            "\\PC{0,30}",
            "[a-z]{1,5}\n\n[a-z ]{0,10}\n"
        ],
        proptest::collection::btree_set("[a-z][a-z0-9 -]{0,6}[a-z]", 0..4),
        (0i64..4_000_000_000_000, 0i64..4_000_000_000_000),
        icon(),
        details(),
    )
        .prop_map(
            |(user, raw, note, tags, (created, modified), icon, details)| {
                let details = if icon.is_some() {
                    Some(details.unwrap_or_default())
                } else {
                    details
                };
                Node {
                    kind: NodeKind::Section,
                    title: raw,
                    title_is_user: user,
                    note,
                    tags: tags.into_iter().collect(),
                    created_at: Some(created),
                    modified_at: Some(modified),
                    icon,
                    details,
                    key: None,
                    uuid: None,
                }
            },
        )
}

fn leaf() -> impl Strategy<Value = Node> {
    (
        0u8..5,
        common(),
        "[a-z0-9._~/-]{0,20}",
        "[a-z]{1,8}( [a-z]{1,8}){0,3}",
    )
        .prop_map(|(which, mut node, path, text)| {
            node.title = title(node.title_is_user, &node.title);
            node.kind = match which {
                0 | 1 => NodeKind::Link {
                    url: format!("https://example.com/{path}"),
                },
                2 => NodeKind::Link {
                    url: "javascript:alert(1)".to_owned(),
                },
                3 => {
                    // A note pearl's text is its note, never empty, stored trimmed.
                    node.note = text;
                    NodeKind::Note
                }
                _ => NodeKind::Section,
            };
            node
        })
}

/// Trees of collections (never untitled) and leaves, with a few alias placeholders that
/// [`aim_aliases`] points at collections afterwards.
fn tree() -> impl Strategy<Value = Node> {
    let alias =
        (any::<bool>(), "[A-Za-z ]{0,6}", 0i64..4_000_000_000_000).prop_map(|(user, raw, at)| {
            let title = if user {
                raw
            } else {
                one_line(&format!("alias {raw}"))
            };
            Node {
                kind: NodeKind::Alias {
                    target_key: String::new(),
                },
                title,
                title_is_user: user,
                created_at: Some(at),
                modified_at: Some(at),
                ..Node::default()
            }
        });
    let item = prop_oneof![3 => leaf(), 1 => alias];
    item.prop_recursive(5, 80, 8, |inner| {
        (
            proptest::collection::vec(inner, 1..8),
            common(),
            "[A-Za-z][A-Za-z ]{0,10}",
        )
            .prop_map(|(children, mut node, name)| {
                node.kind = NodeKind::Collection { children };
                node.title = title(node.title_is_user, &name);
                node
            })
    })
    .prop_map(|node| match node.kind {
        NodeKind::Collection { .. } => node,
        _ => Node {
            created_at: Some(0),
            modified_at: Some(0),
            ..Node::collection("Top", vec![node])
        },
    })
}

/// Points each alias at a collection that is not one of its ancestors (by preorder number),
/// giving that collection a key; an alias with nowhere to point becomes a section.
fn aim_aliases(root: &mut Node) {
    let mut collections = Vec::new();
    let mut count = 0;
    number(root, &mut Vec::new(), &mut collections, &mut count);
    let mut index = 0;
    aim(root, &collections, &mut Vec::new(), &mut index);
}

fn number(node: &Node, path: &mut Vec<usize>, out: &mut Vec<Vec<usize>>, count: &mut usize) {
    let me = *count;
    *count += 1;
    if let NodeKind::Collection { children } = &node.kind {
        path.push(me);
        out.push(path.clone());
        for child in children {
            number(child, path, out, count);
        }
        path.pop();
    }
}

fn aim(node: &mut Node, collections: &[Vec<usize>], path: &mut Vec<usize>, index: &mut usize) {
    let me = *index;
    *index += 1;
    match &mut node.kind {
        NodeKind::Collection { children } => {
            path.push(me);
            for child in children.iter_mut() {
                aim(child, collections, path, index);
            }
            path.pop();
        }
        NodeKind::Alias { target_key } => {
            let ancestors: HashSet<usize> = path.iter().copied().collect();
            let choice = collections
                .iter()
                .filter_map(|c| c.last().copied())
                .filter(|c| !ancestors.contains(c))
                .nth(me % 3);
            match choice {
                Some(target) => *target_key = format!("k{target}"),
                None => node.kind = NodeKind::Section,
            }
        }
        _ => {}
    }
}

fn set_keys(node: &mut Node, wanted: &HashSet<String>, index: &mut usize) {
    let key = format!("k{index}");
    *index += 1;
    if wanted.contains(&key) {
        node.key = Some(key);
    }
    if let NodeKind::Collection { children } = &mut node.kind {
        for child in children {
            set_keys(child, wanted, index);
        }
    }
}

fn alias_keys(node: &Node, out: &mut HashSet<String>) {
    if let NodeKind::Alias { target_key } = &node.kind {
        out.insert(target_key.clone());
    }
    for child in node.children() {
        alias_keys(child, out);
    }
}

/// A tree with its keys renamed to the preorder number of the node that carries them, so
/// trees written with different key schemes compare by what the aliases point at.
fn canonical(node: &Node) -> Node {
    let mut keys = std::collections::HashMap::new();
    let mut index = 0;
    collect_keys(node, &mut keys, &mut index);
    let mut out = node.clone();
    rename(&mut out, &keys);
    out
}

fn collect_keys(
    node: &Node,
    keys: &mut std::collections::HashMap<String, String>,
    index: &mut usize,
) {
    if let Some(key) = &node.key {
        keys.insert(key.clone(), format!("n{index}"));
    }
    *index += 1;
    for child in node.children() {
        collect_keys(child, keys, index);
    }
}

fn rename(node: &mut Node, keys: &std::collections::HashMap<String, String>) {
    node.key = node.key.as_ref().and_then(|k| keys.get(k).cloned());
    node.uuid = None;
    match &mut node.kind {
        NodeKind::Alias { target_key } => {
            *target_key = keys.get(target_key).cloned().unwrap_or_default();
        }
        NodeKind::Collection { children } => {
            for child in children {
                rename(child, keys);
            }
        }
        _ => {}
    }
}

/// Imports `tree` into a fresh library and reads the imported collection back.
fn through_library(tree: &Node) -> Node {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path().join("lib.sqlite")).expect("library");
    let imported = ImportedTree {
        source: "test".into(),
        roots: vec![tree.clone()],
        skipped: vec![],
        shared: None,
    };
    let report = store
        .import_tree(&imported, store.root_id(), "Import")
        .expect("import");
    assert!(report.skipped.is_empty(), "skipped: {:?}", report.skipped);
    let wrapper = store.export_tree(report.collection).expect("export");
    let mut children = match wrapper.kind {
        NodeKind::Collection { children } => children,
        _ => Vec::new(),
    };
    assert_eq!(
        children.len(),
        1,
        "the import holds the one exported collection"
    );
    children.remove(0)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_trees_survive_native_export_and_import_exactly(mut generated in tree()) {
        aim_aliases(&mut generated);
        let mut wanted = HashSet::new();
        alias_keys(&generated, &mut wanted);
        set_keys(&mut generated, &wanted, &mut 0);

        let first = through_library(&generated);
        prop_assert_eq!(
            canonical(&first),
            canonical(&generated),
            "the library gives back the tree that was put in"
        );

        let file = native::write(&first).expect("write");
        let read = native::read(&file, "test.nacre.json").expect("read");
        prop_assert_eq!(read.roots.len(), 1);
        prop_assert_eq!(&read.roots[0], &first, "the file holds the exported tree");

        let second = through_library(&read.roots[0]);
        prop_assert_eq!(
            canonical(&second),
            canonical(&first),
            "export, import, export gives the same tree (with identities of its own)"
        );
    }
}

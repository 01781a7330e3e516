//! The host end to end over its streams: framed messages in, framed replies out, on a real
//! library file. Every refusal carries its code and leaves the library as it was.

use nacre::Store;
use nacre_host::{Library, serve};
use serde_json::{Value, json};

fn framed(body: &[u8]) -> Vec<u8> {
    let mut bytes = u32::try_from(body.len()).unwrap().to_le_bytes().to_vec();
    bytes.extend_from_slice(body);
    bytes
}

fn replies(mut output: &[u8]) -> Vec<Value> {
    let mut out = Vec::new();
    while output.len() >= 4 {
        let len = u32::from_le_bytes(output[..4].try_into().unwrap()) as usize;
        out.push(serde_json::from_slice(&output[4..4 + len]).unwrap());
        output = &output[4 + len..];
    }
    assert!(output.is_empty(), "a reply was cut");
    out
}

struct Scratch {
    _dir: tempfile::TempDir,
    path: std::path::PathBuf,
}

fn scratch() -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite");
    Scratch { _dir: dir, path }
}

/// Sends raw bytes to the host and returns its replies.
fn exchange(library: &std::path::Path, input: &[u8]) -> Vec<Value> {
    let mut lib = Library::at(library);
    let mut output = Vec::new();
    serve(&mut &input[..], &mut output, &mut lib, "chromium").unwrap();
    replies(&output)
}

fn send(library: &std::path::Path, messages: &[Value]) -> Vec<Value> {
    let input: Vec<u8> = messages
        .iter()
        .flat_map(|m| framed(m.to_string().as_bytes()))
        .collect();
    exchange(library, &input)
}

fn code(reply: &Value) -> &str {
    assert_eq!(reply["ok"], false, "{reply}");
    reply["error"]["code"].as_str().unwrap()
}

/// What a user could see change: every edit, every row.
fn state(path: &std::path::Path) -> (usize, usize) {
    let store = Store::open(path).unwrap();
    let history = store.history().unwrap().len();
    let rows = store.subtree(store.root_id(), None).unwrap().len();
    (history, rows)
}

#[test]
fn bad_frames_are_refused_with_their_codes_and_no_library_is_made() {
    let s = scratch();
    let oversize = (1024u32 * 1024 + 1).to_le_bytes().to_vec();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("oversize", oversize, "tooLarge"),
        ("truncated length", vec![7, 0], "badMessage"),
        (
            "truncated body",
            framed(b"{\"type\":\"save\"}")[..9].to_vec(),
            "badMessage",
        ),
        (
            "bad UTF-8",
            framed(b"{\"type\":\"save\",\"url\":\"\xc3\x28\"}"),
            "badMessage",
        ),
        ("bad JSON", framed(b"{\"type\":\"save\","), "badMessage"),
        ("not an object", framed(b"[1,2]"), "badMessage"),
        (
            "unknown type",
            framed(br#"{"type":"delete-everything"}"#),
            "unknownType",
        ),
        (
            "no type",
            framed(br#"{"url":"https://example.org/"}"#),
            "unknownType",
        ),
    ];
    for (what, input, expected) in cases {
        let got = exchange(&s.path, &input);
        assert_eq!(got.len(), 1, "{what}: one reply");
        assert_eq!(code(&got[0]), expected, "{what}: {}", got[0]);
        assert!(
            !got[0]["error"]["message"].as_str().unwrap().is_empty(),
            "{what}"
        );
        assert!(!s.path.exists(), "{what}: the library was not even created");
    }
}

#[test]
fn bad_fields_are_refused_and_change_nothing() {
    let s = scratch();
    let before = state(&s.path);
    let cases = [
        (json!({"type": "save"}), "invalid", "missing field `url`"),
        (
            json!({"type": "save", "url": 42}),
            "invalid",
            "invalid type",
        ),
        (
            json!({"type": "save", "url": "not a url at all"}),
            "invalid",
            "not a valid URL",
        ),
        (
            json!({"type": "save", "url": "chrome://settings/"}),
            "invalid",
            "cannot be pearled",
        ),
        (
            json!({"type": "save", "url": "https://example.org/", "collection": "Nowhere/At all"}),
            "notFound",
            "Nowhere",
        ),
        (
            json!({"type": "save", "url": "https://example.org/", "tags": ["a,b"]}),
            "invalid",
            "comma",
        ),
        (
            json!({"type": "save-note", "text": "  "}),
            "invalid",
            "needs some text",
        ),
        (
            json!({"type": "save-tabs", "title": "T", "tabs": [{"url": "about:blank"}]}),
            "invalid",
            "none of the 1 tabs",
        ),
        (json!({"type": "lookup"}), "invalid", "missing field `url`"),
    ];
    for (message, expected, words) in &cases {
        let got = send(&s.path, std::slice::from_ref(message));
        assert_eq!(code(&got[0]), *expected, "{message}: {}", got[0]);
        let text = got[0]["error"]["message"].as_str().unwrap();
        assert!(
            text.to_lowercase().contains(&words.to_lowercase()),
            "{message}: {text}"
        );
    }
    assert_eq!(state(&s.path), before, "the library is as it was");
}

/// A 1×1 PNG, as a page's favicon read by the extension.
const ICON_BASE64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

#[test]
fn a_save_lands_in_the_inbox_with_the_pages_details_and_is_one_undoable_edit() {
    let s = scratch();
    let got = send(
        &s.path,
        &[json!({
            "type": "save",
            "url": "https://histoire.example/bastille?utm_source=x",
            "title": "La prise de la Bastille",
            "note": "le 14 juillet 1789",
            "tags": ["histoire", "révolution"],
            "details": {
                "description": "Ce jour-là", "siteName": "Histoire",
                "canonicalUrl": "https://histoire.example/bastille",
                "faviconUrl": "https://histoire.example/favicon.ico",
                "faviconData": format!("data:image/png;base64,{ICON_BASE64}")
            },
            "someFieldFromTheFuture": true
        })],
    );
    assert_eq!(got[0]["ok"], true, "{}", got[0]);
    assert_eq!(got[0]["path"], "Inbox");
    let id = nacre::PearlId(got[0]["id"].as_i64().unwrap());
    let store = Store::open(&s.path).unwrap();
    let pearl = store.pearl(id).unwrap();
    assert_eq!(pearl.title, "La prise de la Bastille");
    assert_eq!(pearl.note, "le 14 juillet 1789");
    assert_eq!(pearl.tags, ["histoire", "révolution"]);
    let details = store
        .page_details(id)
        .unwrap()
        .expect("the page's details are kept");
    assert_eq!(details.details.description.as_deref(), Some("Ce jour-là"));
    assert_eq!(details.details.site_name.as_deref(), Some("Histoire"));
    assert_eq!(
        details.details.favicon_url.as_deref(),
        Some("https://histoire.example/favicon.ico"),
        "the favicon's address is kept, not the data: URL"
    );
    let icon = store
        .favicon(
            details
                .favicon_id
                .expect("the favicon the page read is kept"),
        )
        .unwrap()
        .unwrap();
    assert_eq!(icon.mime, "image/png");
    assert!(icon.data.starts_with(b"\x89PNG"), "the image itself");
    let history = store.history().unwrap();
    assert_eq!(
        history.last().unwrap().label,
        "Pearled “La prise de la Bastille” from the browser"
    );
    store.undo().unwrap();
    assert!(store.pearl(id).is_err() || store.place(id).unwrap() != nacre::store::Place::Tree);
}

#[test]
fn lookup_finds_the_page_by_its_normalised_url_and_where_it_is() {
    let s = scratch();
    {
        let store = Store::open(&s.path).unwrap();
        let cours = store
            .create(
                store.root_id(),
                nacre::Placement::End,
                &nacre::NewPearl::collection("Cours").unwrap(),
            )
            .unwrap();
        store
            .create(
                cours.id,
                nacre::Placement::End,
                &nacre::NewPearl::collection("Révolution").unwrap(),
            )
            .unwrap();
    }
    let got = send(
        &s.path,
        &[
            json!({"type": "save", "url": "https://Example.org/page#", "title": "A page", "collection": "Cours/Révolution"}),
            json!({"type": "save", "url": "https://example.org/page?fbclid=1", "title": "Again"}),
            json!({"type": "lookup", "url": "https://example.org/page"}),
            json!({"type": "lookup", "url": "https://example.org/other"}),
        ],
    );
    assert_eq!(got[0]["path"], "Cours/Révolution", "{}", got[0]);
    let pearls = got[2]["pearls"].as_array().unwrap();
    assert_eq!(pearls.len(), 2, "{}", got[2]);
    assert_eq!(pearls[0]["path"], "Cours/Révolution");
    assert_eq!(pearls[0]["title"], "A page");
    assert_eq!(pearls[1]["path"], "Inbox");
    assert_eq!(got[3]["pearls"], json!([]));
}

#[test]
fn a_note_all_tabs_and_the_collection_finder() {
    let s = scratch();
    let got = send(
        &s.path,
        &[
            json!({"type": "save-note", "text": "Liberté, égalité", "url": "https://example.org/devise"}),
            json!({"type": "save-tabs", "title": "Session du soir", "tabs": [
                {"url": "https://a.example/", "title": "A"},
                {"url": "chrome://newtab/", "title": "New Tab"},
                {"url": "https://b.example/", "title": "B"}
            ]}),
            json!({"type": "collections", "query": "soir"}),
            json!({"type": "collections", "query": "SESSION"}),
            json!({"type": "collections", "query": "zzz"}),
        ],
    );
    assert_eq!(got[0]["path"], "Inbox", "{}", got[0]);
    assert_eq!(got[1]["saved"], 2, "{}", got[1]);
    assert_eq!(got[1]["path"], "Inbox/Session du soir");
    assert_eq!(got[1]["skipped"][0]["url"], "chrome://newtab/");
    assert_eq!(
        got[2]["collections"][0]["path"], "Inbox/Session du soir",
        "{}",
        got[2]
    );
    assert_eq!(got[3]["collections"][0]["title"], "Session du soir");
    assert_eq!(got[4]["collections"], json!([]));
    let store = Store::open(&s.path).unwrap();
    let note = store
        .pearl(nacre::PearlId(got[0]["id"].as_i64().unwrap()))
        .unwrap();
    assert_eq!(
        note.note,
        "Liberté, égalité\n\n— https://example.org/devise"
    );
    let tabs = store
        .children(nacre::PearlId(got[1]["id"].as_i64().unwrap()))
        .unwrap();
    let titles: Vec<&str> = tabs.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, ["A", "B"], "in tab order");
    let contacts = store.browser_contacts().unwrap();
    assert_eq!(
        contacts[0].browser, "chromium",
        "the host says who spoke to it"
    );
}

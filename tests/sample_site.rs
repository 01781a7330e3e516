//! The pages the test server serves to every fetch test (the core's and the tool's): character
//! sets, titles, error pages, bot walls, redirects, favicons.

use std::io::Write;
use std::time::Duration;

use crate::fetch_server::Reply;

pub(crate) fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        crate::sample_library::repo_root()
            .join("tests/data/fetch")
            .join(name),
    )
    .expect("fixture")
}

/// The pages every test can ask for.
pub(crate) fn pages(path: &str, before: usize) -> Reply {
    let html = |name: &str| Reply::html(fixture(name));
    let cp1252 = |name: &str, content_type: &str| Reply::new(200, content_type, fixture(name));
    match path {
        "/utf8" => html("utf8.html"),
        "/title-only" => html("title-only.html"),
        "/cp1252-header" => cp1252("cp1252-header.html", "text/html; charset=windows-1252"),
        "/cp1252-meta" => cp1252("cp1252-meta.html", "text/html"),
        "/cp1252-latin1" => cp1252("cp1252-latin1.html", "text/html"),
        "/cp1252-nolabel" => cp1252("cp1252-nolabel.html", "text/html"),
        "/old" => Reply::redirect(301, "/middle"),
        "/middle" => Reply::redirect(308, "/utf8"),
        "/temporary" => Reply::redirect(302, "/utf8"),
        "/loop-a" => Reply::redirect(301, "/loop-b"),
        "/loop-b" => Reply::redirect(301, "/loop-a"),
        "/missing" => Reply::new(404, "text/html; charset=utf-8", fixture("notfound.html")),
        "/soft-404" => html("notfound.html"),
        "/challenge" => Reply::new(403, "text/html; charset=UTF-8", fixture("challenge.html"))
            .header("cf-mitigated", "challenge"),
        "/slow" => html("utf8.html").delayed(Duration::from_secs(3)),
        "/gzip" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&fixture("utf8.html")).expect("gzip");
            Reply::html(gz.finish().expect("gzip")).header("Content-Encoding", "gzip")
        }
        "/brotli" => {
            let mut br = Vec::new();
            brotli::BrotliCompress(
                &mut fixture("utf8.html").as_slice(),
                &mut br,
                &brotli::enc::BrotliEncoderParams::default(),
            )
            .expect("brotli");
            Reply::html(br).header("Content-Encoding", "br")
        }
        "/large" => {
            let mut body =
                b"<html><head><meta charset=utf-8><title>A large page</title></head><body>"
                    .to_vec();
            while body.len() < 5 * 1024 * 1024 {
                body.extend_from_slice(b"<p>filler filler filler filler filler filler</p>\n");
            }
            body.extend_from_slice(b"</body></html>");
            Reply::html(body)
        }
        "/huge-head" => {
            let mut body = b"<html><head><meta charset=utf-8>".to_vec();
            while body.len() < 2 * 1024 * 1024 {
                body.extend_from_slice(b"<!-- a head that never ends -->\n");
            }
            body.extend_from_slice(b"<title>Past the cap</title></head></html>");
            Reply::html(body)
        }
        "/busy" if before == 0 => {
            Reply::new(429, "text/plain", "slow down").header("Retry-After", "1")
        }
        "/busy" => html("title-only.html"),
        "/status-999" => Reply::new(999, "text/html", "<title>Request denied</title>"),
        "/busy-long" => {
            Reply::new(429, "text/plain", "come back tomorrow").header("Retry-After", "86400")
        }
        "/with-icon" | "/with-icon-too" => html("with-icon.html"),
        "/static/icon.png" => Reply::new(200, "image/png", PNG.to_vec()),
        "/image.png" => Reply::new(200, "image/png", PNG.to_vec()),
        _ => Reply::new(404, "text/plain", "no such page"),
    }
}

/// A 1x1 PNG.
pub(crate) const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc`\xf8\xcf\xc0\xf0\x1f\0\x05\0\x02\x01\xa5\xf6J\x1b\0\0\0\0IEND\xaeB`\x82";

pub(crate) const CP1252_TITLE: &str = "Café “naïve” – €5 ™ Œuvre";

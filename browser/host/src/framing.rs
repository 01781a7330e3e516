//! The native messaging wire: each message is a 4-byte little-endian length, then that many
//! bytes of UTF-8 JSON, in both directions. Messages to the host over 1 MiB are refused
//! without being read; replies are kept under the 1 MB browsers accept from a host.

use std::io::{self, Read, Write};

use nacre::error::ErrorCode;

/// The largest message the host reads (1 MiB).
pub const MAX_MESSAGE: usize = 1024 * 1024;
/// The largest reply the host writes (browsers refuse more than 1 MB from a host).
pub const MAX_REPLY: usize = 1_000_000;

/// The wire's own failures, each with the code it crosses with (the core's [`ErrorCode`], like
/// every other failure the host reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WireError {
    /// A message over [`MAX_MESSAGE`] bytes (code `tooLarge`).
    TooLarge(String),
    /// Bytes that are not a message: a cut length or body, not UTF-8, not JSON, not an object
    /// (code `badMessage`).
    BadMessage(String),
    /// A JSON object without a `type` the host knows (code `unknownType`).
    UnknownType(String),
}

impl WireError {
    /// The stable code of this failure.
    pub fn code(&self) -> ErrorCode {
        match self {
            WireError::TooLarge(_) => ErrorCode::TooLarge,
            WireError::BadMessage(_) => ErrorCode::BadMessage,
            WireError::UnknownType(_) => ErrorCode::UnknownType,
        }
    }

    /// What was wrong, for people.
    pub fn message(&self) -> &str {
        match self {
            WireError::TooLarge(m) | WireError::BadMessage(m) | WireError::UnknownType(m) => m,
        }
    }

    /// Whether the stream can still be read after this failure (it cannot after a cut or
    /// refused frame: where the next message starts is unknown).
    pub fn keeps_stream(&self) -> bool {
        !matches!(self, WireError::TooLarge(_)) && !self.message().starts_with("cut short")
    }
}

/// One frame read from the browser.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A whole message, checked to be UTF-8.
    Message(String),
    /// The browser closed the stream between messages: the host's work is done.
    End,
}

/// Reads the next frame.
///
/// # Errors
/// A [`WireError`] for a cut length, a length over [`MAX_MESSAGE`] (the body is not read), a
/// cut body or bytes that are not UTF-8; an [`io::Error`] when reading itself fails.
pub fn read_frame(input: &mut impl Read) -> io::Result<Result<Frame, WireError>> {
    let mut head = [0u8; 4];
    let got = read_up_to(input, &mut head)?;
    if got == 0 {
        return Ok(Ok(Frame::End));
    }
    if got < head.len() {
        return Ok(Err(WireError::BadMessage(format!(
            "cut short: the length takes 4 bytes and only {got} came"
        ))));
    }
    let length = u32::from_le_bytes(head) as usize;
    if length > MAX_MESSAGE {
        return Ok(Err(WireError::TooLarge(format!(
            "the message is {length} bytes; the host reads at most {MAX_MESSAGE}"
        ))));
    }
    let mut body = vec![0u8; length];
    let got = read_up_to(input, &mut body)?;
    if got < length {
        return Ok(Err(WireError::BadMessage(format!(
            "cut short: the message said {length} bytes and only {got} came"
        ))));
    }
    match String::from_utf8(body) {
        Ok(text) => Ok(Ok(Frame::Message(text))),
        Err(e) => Ok(Err(WireError::BadMessage(format!(
            "the message is not UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        )))),
    }
}

/// Reads until `buf` is full or the stream ends; returns how many bytes came.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match input.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Writes one frame holding `json` and flushes it.
///
/// # Errors
/// An [`io::Error`] when writing fails, or `InvalidInput` for a reply over [`MAX_REPLY`] (the
/// caller keeps replies under it; nothing is written then).
pub fn write_frame(output: &mut impl Write, json: &str) -> io::Result<()> {
    if json.len() > MAX_REPLY {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a reply of {} bytes is over {MAX_REPLY}", json.len()),
        ));
    }
    let length = u32::try_from(json.len()).map_err(|_| io::ErrorKind::InvalidInput)?;
    output.write_all(&length.to_le_bytes())?;
    output.write_all(json.as_bytes())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &[u8]) -> Vec<u8> {
        let mut bytes = u32::try_from(body.len()).unwrap().to_le_bytes().to_vec();
        bytes.extend_from_slice(body);
        bytes
    }

    #[test]
    fn a_whole_message_is_read_then_the_end() {
        let mut input = framed(br#"{"type":"lookup"}"#);
        input.extend(framed("{\"é\":1}".as_bytes()));
        let mut input = input.as_slice();
        assert_eq!(
            read_frame(&mut input).unwrap(),
            Ok(Frame::Message(r#"{"type":"lookup"}"#.to_owned()))
        );
        assert_eq!(
            read_frame(&mut input).unwrap(),
            Ok(Frame::Message("{\"é\":1}".to_owned()))
        );
        assert_eq!(read_frame(&mut input).unwrap(), Ok(Frame::End));
    }

    #[test]
    fn a_cut_length_is_a_bad_message() {
        let err = read_frame(&mut [3u8, 0].as_slice()).unwrap().unwrap_err();
        assert_eq!(err.code().as_str(), "badMessage");
        assert!(err.message().contains("only 2 came"), "{err:?}");
        assert!(!err.keeps_stream());
    }

    #[test]
    fn a_cut_body_is_a_bad_message() {
        let mut bytes = framed(b"{\"type\":\"lookup\"}");
        bytes.truncate(10);
        let err = read_frame(&mut bytes.as_slice()).unwrap().unwrap_err();
        assert_eq!(err.code().as_str(), "badMessage");
        assert!(
            err.message().contains("said 17 bytes and only 6 came"),
            "{err:?}"
        );
    }

    #[test]
    fn an_oversize_message_is_refused_unread() {
        let mut bytes = u32::try_from(MAX_MESSAGE + 1)
            .unwrap()
            .to_le_bytes()
            .to_vec();
        bytes.extend_from_slice(b"{}");
        let mut input = bytes.as_slice();
        let err = read_frame(&mut input).unwrap().unwrap_err();
        assert_eq!(err.code().as_str(), "tooLarge");
        assert_eq!(input, b"{}", "the body is left unread");
        // 1 MiB exactly is still read.
        let mut exact = framed(&vec![b' '; MAX_MESSAGE]);
        assert!(matches!(
            read_frame(&mut exact.as_slice()).unwrap(),
            Ok(Frame::Message(_))
        ));
        exact.clear();
    }

    #[test]
    fn bytes_that_are_not_utf8_are_a_bad_message() {
        let err = read_frame(&mut framed(b"{\"a\":\"\xff\"}").as_slice())
            .unwrap()
            .unwrap_err();
        assert_eq!(err.code().as_str(), "badMessage");
        assert!(err.message().contains("not UTF-8 (at byte 6)"), "{err:?}");
        assert!(err.keeps_stream());
    }

    #[test]
    fn a_reply_is_framed_and_an_oversize_one_refused() {
        let mut out = Vec::new();
        write_frame(&mut out, r#"{"ok":true}"#).unwrap();
        assert_eq!(out, framed(br#"{"ok":true}"#));
        let mut out = Vec::new();
        assert!(write_frame(&mut out, &"x".repeat(MAX_REPLY + 1)).is_err());
        assert!(out.is_empty());
    }
}

//! Fractional order keys: strings that sort by bytes, so that a pearl can always be placed
//! between two siblings by making a new key, without renumbering any sibling.
//!
//! A key is an integer part and a fraction, in base 62 (`0-9A-Za-z`, which is ASCII order). The
//! integer part starts with a head letter that says how many digits follow: `a` one, `b` two, …
//! `z` twenty-six for keys above zero, and `Z` one, `Y` two, … for keys below it. So appending
//! (the next integer) or prepending (the previous one) keeps keys short: ten thousand appends
//! give keys of four characters. Between two keys with the same integer part, the fraction
//! takes the midpoint digit by digit and grows only as needed. A fraction never ends in `0`,
//! so every key has exactly one spelling and no two different keys compare equal.
//!
//! This is the scheme of David Greenspan's "Implementing Fractional Indexing" (2020), written
//! here from the description.

use crate::error::{Error, Result};

const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: usize = 62;
/// The key given to the first pearl of an empty collection.
pub const FIRST: &str = "a0";

fn digit_value(c: u8) -> Option<usize> {
    match c {
        b'0'..=b'9' => Some(usize::from(c - b'0')),
        b'A'..=b'Z' => Some(usize::from(c - b'A') + 10),
        b'a'..=b'z' => Some(usize::from(c - b'a') + 36),
        _ => None,
    }
}

/// How many bytes the integer part has, head included.
fn integer_len(head: u8) -> Option<usize> {
    match head {
        b'a'..=b'z' => Some(usize::from(head - b'a') + 2),
        b'A'..=b'Z' => Some(usize::from(b'Z' - head) + 2),
        _ => None,
    }
}

fn invalid(key: &str) -> Error {
    Error::Invalid(format!("{key:?} is not a valid order key"))
}

/// Splits a key into its integer part and its fraction, checking it on the way.
fn split(key: &str) -> Result<(&[u8], &[u8])> {
    let bytes = key.as_bytes();
    let head = *bytes.first().ok_or_else(|| invalid(key))?;
    let n = integer_len(head).ok_or_else(|| invalid(key))?;
    if bytes.len() < n || bytes[1..].iter().any(|&c| digit_value(c).is_none()) {
        return Err(invalid(key));
    }
    let (int, frac) = bytes.split_at(n);
    if frac.last() == Some(&b'0') {
        return Err(invalid(key));
    }
    Ok((int, frac))
}

/// Whether `key` is a well-formed order key.
pub fn is_valid(key: &str) -> bool {
    split(key).is_ok()
}

/// A fraction strictly between fractions `a` and `b` (`None` meaning one), neither ending in `0`.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> Vec<u8> {
    if let Some(b) = b {
        let common = b
            .iter()
            .enumerate()
            .take_while(|&(i, &c)| a.get(i).copied().unwrap_or(b'0') == c)
            .count();
        if common > 0 {
            let mut out = b[..common].to_vec();
            out.extend(midpoint(a.get(common..).unwrap_or(&[]), Some(&b[common..])));
            return out;
        }
    }
    let da = a.first().and_then(|&c| digit_value(c)).unwrap_or(0);
    let db = b
        .and_then(|b| b.first())
        .and_then(|&c| digit_value(c))
        .unwrap_or(BASE);
    if db - da > 1 {
        return vec![DIGITS[(da + db) / 2]];
    }
    match b {
        Some(b) if b.len() > 1 => vec![b[0]],
        _ => {
            let mut out = vec![DIGITS[da]];
            out.extend(midpoint(a.get(1..).unwrap_or(&[]), None));
            out
        }
    }
}

/// The next integer part, or `None` past the largest one.
fn increment_integer(int: &[u8]) -> Option<Vec<u8>> {
    let head = int[0];
    let mut digits = int[1..].to_vec();
    for d in digits.iter_mut().rev() {
        let v = digit_value(*d)?;
        if v + 1 < BASE {
            *d = DIGITS[v + 1];
            let mut out = vec![head];
            out.extend(digits);
            return Some(out);
        }
        *d = b'0';
    }
    match head {
        b'Z' => Some(b"a0".to_vec()),
        b'z' => None,
        _ => {
            let next = head + 1;
            if next > b'a' {
                digits.push(b'0');
            } else {
                digits.pop();
            }
            let mut out = vec![next];
            out.extend(digits);
            Some(out)
        }
    }
}

/// The previous integer part, or `None` below the smallest one.
fn decrement_integer(int: &[u8]) -> Option<Vec<u8>> {
    let head = int[0];
    let mut digits = int[1..].to_vec();
    for d in digits.iter_mut().rev() {
        let v = digit_value(*d)?;
        if v > 0 {
            *d = DIGITS[v - 1];
            let mut out = vec![head];
            out.extend(digits);
            return Some(out);
        }
        *d = b'z';
    }
    match head {
        b'a' => Some(b"Zz".to_vec()),
        b'A' => None,
        _ => {
            let prev = head - 1;
            if prev < b'Z' {
                digits.push(b'z');
            } else {
                digits.pop();
            }
            let mut out = vec![prev];
            out.extend(digits);
            Some(out)
        }
    }
}

fn joined(int: &[u8], frac: &[u8]) -> String {
    let mut out = int.to_vec();
    out.extend_from_slice(frac);
    // Every byte comes from DIGITS or a checked key, so this is ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// A key that sorts strictly after `a` (if given) and strictly before `b` (if given).
///
/// # Errors
/// [`Error::Invalid`] when a key is malformed or `a` is not below `b`.
pub fn between(a: Option<&str>, b: Option<&str>) -> Result<String> {
    match (a, b) {
        (None, None) => Ok(FIRST.to_owned()),
        (None, Some(b)) => {
            let (ib, fb) = split(b)?;
            if !fb.is_empty() {
                return Ok(joined(ib, &[]));
            }
            match decrement_integer(ib) {
                Some(prev) => Ok(joined(&prev, &[])),
                None => Ok(joined(ib, &midpoint(&[], Some(fb)))),
            }
        }
        (Some(a), None) => {
            let (ia, fa) = split(a)?;
            match increment_integer(ia) {
                Some(next) => Ok(joined(&next, &[])),
                None => Ok(joined(ia, &midpoint(fa, None))),
            }
        }
        (Some(a), Some(b)) => {
            let (ia, fa) = split(a)?;
            let (ib, fb) = split(b)?;
            if a >= b {
                return Err(Error::Invalid(format!(
                    "order key {a:?} is not below {b:?}"
                )));
            }
            if ia == ib {
                return Ok(joined(ia, &midpoint(fa, Some(fb))));
            }
            match increment_integer(ia) {
                Some(next) if next.as_slice() < b.as_bytes() => Ok(joined(&next, &[])),
                _ => Ok(joined(ia, &midpoint(fa, None))),
            }
        }
    }
}

/// `n` keys in increasing order, all strictly between `a` and `b`, kept short by bisecting.
///
/// # Errors
/// As [`between`].
pub fn n_between(a: Option<&str>, b: Option<&str>, n: usize) -> Result<Vec<String>> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if b.is_none() {
        // Appending: successive integers stay short.
        let mut keys = Vec::with_capacity(n);
        let mut last = a.map(str::to_owned);
        for _ in 0..n {
            let key = between(last.as_deref(), None)?;
            last = Some(key.clone());
            keys.push(key);
        }
        return Ok(keys);
    }
    let mid_index = n / 2;
    let mid = between(a, b)?;
    let mut keys = n_between(a, Some(&mid), mid_index)?;
    keys.push(mid.clone());
    keys.extend(n_between(Some(&mid), b, n - mid_index - 1)?);
    Ok(keys)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ten_thousand_appends_stay_short_and_ordered() {
        let keys = n_between(None, None, 10_000).unwrap();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "keys must increase");
        assert!(
            keys.iter().all(|k| k.len() <= 4),
            "longest: {:?}",
            keys.iter().map(String::len).max()
        );
    }

    #[test]
    fn ten_thousand_prepends_stay_short_and_ordered() {
        let mut first = FIRST.to_owned();
        for _ in 0..10_000 {
            let key = between(None, Some(&first)).unwrap();
            assert!(key < first);
            first = key;
        }
        assert!(first.len() <= 4, "{first}");
    }

    #[test]
    fn inserting_always_at_the_same_place_costs_one_bit_per_insert() {
        // Bisection halves the gap each time; a base-62 character holds ~5.95 bits, so 1,000
        // inserts into the same gap need ~170 characters. Any scheme without renumbering pays
        // this; the common cases (append, prepend, spread-out inserts) stay short.
        let (lo, mut hi) = ("a0".to_owned(), "a1".to_owned());
        for _ in 0..1000 {
            let key = between(Some(&lo), Some(&hi)).unwrap();
            assert!(lo < key && key < hi);
            hi = key;
        }
        assert!(hi.len() <= 2 + 1000 / 5, "{} bytes", hi.len());
    }

    #[test]
    fn malformed_keys_are_refused() {
        for bad in ["", "a", "a00", "!", "b1", "a0 "] {
            assert!(between(Some(bad), None).is_err(), "{bad:?} accepted");
        }
        assert!(between(Some("a1"), Some("a0")).is_err());
        assert!(between(Some("a1"), Some("a1")).is_err());
    }

    fn key_strategy() -> impl Strategy<Value = String> {
        proptest::collection::vec(any::<bool>(), 0..40).prop_map(|path| {
            // A key reached by a random walk of inserts, so it is always well-formed.
            let (mut lo, mut hi): (Option<String>, Option<String>) = (None, None);
            let mut key = FIRST.to_owned();
            for go_low in path {
                key = between(lo.as_deref(), hi.as_deref()).unwrap();
                if go_low {
                    hi = Some(key.clone())
                } else {
                    lo = Some(key.clone())
                }
            }
            key
        })
    }

    proptest! {
        #[test]
        fn a_key_between_two_keys_lies_strictly_between(a in key_strategy(), b in key_strategy()) {
            prop_assume!(a != b);
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            let k = between(Some(&lo), Some(&hi)).unwrap();
            prop_assert!(lo < k && k < hi, "{lo} < {k} < {hi}");
            prop_assert!(is_valid(&k));
            let many = n_between(Some(&lo), Some(&hi), 7).unwrap();
            prop_assert!(many.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(lo < many[0] && many[6] < hi);
        }
    }
}

//! BER to DER, as far as CMS needs it: RFC 5652 allows BER, and Java signers (NCALayer among
//! them) often write the outer `ContentInfo`/`SignedData` with indefinite lengths, which the `der`
//! crate rejects. This rewrites indefinite lengths as definite ones and joins constructed
//! (segmented) OCTET STRINGs into primitive ones; everything else is copied as it is. The signed
//! parts (signed attributes, certificates) are DER already, as RFC 5652 and RFC 5280 require, so
//! this does not change what the signatures cover.

/// Nesting deeper than this is refused: a CMS from NCALayer nests a dozen levels.
const MAX_DEPTH: usize = 64;

/// The DER form of a BER encoding of one value, or `None` if it is not valid BER (or has bytes
/// after the value).
pub fn to_der(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len());
    let rest = value(input, &mut out, 0)?;
    rest.is_empty().then_some(out)
}

struct Header<'a> {
    /// The identifier octets, as read.
    tag: &'a [u8],
    constructed: bool,
    /// `None` for the indefinite form.
    length: Option<usize>,
    rest: &'a [u8],
}

fn header(input: &[u8]) -> Option<Header<'_>> {
    let first = *input.first()?;
    let mut tag_len = 1;
    if first & 0x1f == 0x1f {
        // High tag number form: base-128 digits, the last without the top bit.
        loop {
            let b = *input.get(tag_len)?;
            tag_len += 1;
            if b & 0x80 == 0 {
                break;
            }
            if tag_len > 6 {
                return None;
            }
        }
    }
    let len_byte = *input.get(tag_len)?;
    let mut pos = tag_len + 1;
    let length = match len_byte {
        0x80 => None,
        b if b < 0x80 => Some(b as usize),
        b => {
            let n = (b & 0x7f) as usize;
            if n > 4 {
                return None;
            }
            let mut len = 0usize;
            for _ in 0..n {
                len = (len << 8) | *input.get(pos)? as usize;
                pos += 1;
            }
            Some(len)
        }
    };
    let constructed = first & 0x20 != 0;
    if length.is_none() && !constructed {
        return None;
    }
    Some(Header {
        tag: &input[..tag_len],
        constructed,
        length,
        rest: &input[pos..],
    })
}

fn push_length(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

fn is_end_of_contents(input: &[u8]) -> bool {
    input.starts_with(&[0, 0])
}

/// Writes the DER of the value at the start of `input` to `out`; returns what follows it.
fn value<'a>(input: &'a [u8], out: &mut Vec<u8>, depth: usize) -> Option<&'a [u8]> {
    if depth > MAX_DEPTH {
        return None;
    }
    let h = header(input)?;
    if !h.constructed {
        let len = h.length?;
        if h.rest.len() < len {
            return None;
        }
        out.extend_from_slice(h.tag);
        push_length(out, len);
        out.extend_from_slice(&h.rest[..len]);
        return Some(&h.rest[len..]);
    }
    // The children, and what follows this value.
    let (mut children, after) = match h.length {
        Some(len) => {
            if h.rest.len() < len {
                return None;
            }
            (&h.rest[..len], Some(&h.rest[len..]))
        }
        None => (h.rest, None),
    };
    let mut content = Vec::new();
    let octet_string = h.tag == [0x24];
    loop {
        if h.length.is_none() && is_end_of_contents(children) {
            children = &children[2..];
            break;
        }
        if children.is_empty() {
            // An indefinite length without its end-of-contents octets is refused.
            h.length?;
            break;
        }
        if octet_string {
            // A segment of a constructed OCTET STRING: keep only its contents.
            let mut segment = Vec::new();
            children = value(children, &mut segment, depth + 1)?;
            let inner = header(&segment)?;
            if inner.tag != [0x04] {
                return None;
            }
            content.extend_from_slice(inner.rest);
        } else {
            children = value(children, &mut content, depth + 1)?;
        }
    }
    if octet_string {
        out.push(0x04);
    } else {
        out.extend_from_slice(h.tag);
    }
    push_length(out, content.len());
    out.extend_from_slice(&content);
    Some(after.unwrap_or(children))
}

#[cfg(test)]
mod tests {
    use super::to_der;

    #[test]
    fn der_is_unchanged() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa];
        assert_eq!(to_der(&der).unwrap(), der);
    }

    #[test]
    fn indefinite_lengths_become_definite() {
        // SEQUENCE (indefinite) { [0] (indefinite) { INTEGER 5 } }
        let ber = [0x30, 0x80, 0xa0, 0x80, 0x02, 0x01, 0x05, 0, 0, 0, 0];
        assert_eq!(
            to_der(&ber).unwrap(),
            [0x30, 0x05, 0xa0, 0x03, 0x02, 0x01, 0x05]
        );
    }

    #[test]
    fn segmented_octet_strings_are_joined() {
        let ber = [0x24, 0x80, 0x04, 0x01, 0xaa, 0x04, 0x02, 0xbb, 0xcc, 0, 0];
        assert_eq!(to_der(&ber).unwrap(), [0x04, 0x03, 0xaa, 0xbb, 0xcc]);
    }

    #[test]
    fn long_lengths_are_rewritten_minimally() {
        let mut ber = vec![0x30, 0x80, 0x04, 0x81, 0xc8];
        ber.extend([7u8; 200]);
        ber.extend([0, 0]);
        let der = to_der(&ber).unwrap();
        assert_eq!(&der[..6], &[0x30, 0x81, 0xcb, 0x04, 0x81, 0xc8]);
        assert_eq!(der.len(), 3 + 3 + 200);
    }

    #[test]
    fn garbage_is_refused_not_a_panic() {
        for bad in [
            &[][..],
            &[0x30],
            &[0x30, 0x80, 0x02, 0x01, 0x05],
            &[0x30, 0x05, 0x02, 0x01],
            &[0x02, 0x80, 0, 0],
            &[0x30, 0x02, 0x02, 0x01, 0x05],
            &[0x1f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
            &[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        ] {
            assert_eq!(to_der(bad), None, "{bad:02x?}");
        }
        let deep: Vec<u8> = std::iter::repeat_n([0x30, 0x80], 1000).flatten().collect();
        assert_eq!(to_der(&deep), None);
    }
}

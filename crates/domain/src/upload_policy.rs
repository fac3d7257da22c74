//! What a document file may be, in one place: the app checks it before sending (and offers only
//! these files in its picker), the server decides by the file's content.

/// The largest file accepted, in bytes, unless a deployment configures another limit.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;

/// A kind of file a document may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileType {
    pub media_type: &'static str,
    /// The names a person's files of this type end with, for the picker.
    pub extensions: &'static [&'static str],
    /// The leading bytes every file of this type starts with: the content decides, never the
    /// name or the declared type.
    pub signature: &'static [u8],
}

pub const ACCEPTED: [FileType; 3] = [
    FileType {
        media_type: "application/pdf",
        extensions: &[".pdf"],
        signature: b"%PDF-",
    },
    FileType {
        media_type: "image/jpeg",
        extensions: &[".jpg", ".jpeg"],
        signature: &[0xFF, 0xD8, 0xFF],
    },
    FileType {
        media_type: "image/png",
        extensions: &[".png"],
        signature: &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A],
    },
];

/// Enough leading bytes to recognise every accepted type.
pub const SIGNATURE_LEN: usize = 8;

/// Whether a file declared as `media_type` may be sent.
pub fn accepts(media_type: &str) -> bool {
    ACCEPTED.iter().any(|t| t.media_type == media_type)
}

/// The accepted type a file starting with `head` has, by its content.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    ACCEPTED
        .iter()
        .find(|t| head.starts_with(t.signature))
        .map(|t| t.media_type)
}

/// The file picker's `accept` attribute: the extensions, then the media types.
pub fn accept_attribute() -> String {
    let extensions = ACCEPTED.iter().flat_map(|t| t.extensions.iter().copied());
    let media_types = ACCEPTED.iter().map(|t| t.media_type);
    extensions.chain(media_types).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picker_offers_the_accepted_files() {
        assert_eq!(
            accept_attribute(),
            ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        );
    }

    #[test]
    fn every_signature_is_read_within_the_sniffed_bytes() {
        assert!(ACCEPTED.iter().all(|t| t.signature.len() <= SIGNATURE_LEN));
    }

    #[test]
    fn content_decides_the_type() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert!(accepts("image/png"));
        assert!(!accepts("image/gif"));
    }
}

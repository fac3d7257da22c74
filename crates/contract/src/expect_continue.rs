//! A request with a body the server is expected to refuse for its size, sent as curl sends large
//! bodies: `Expect: 100-continue`, and the body only once the server asks for it.
//!
//! Sent plainly, such a body races the refusal: a server that answers `413` from the declared
//! length and closes the connection resets it while the client is still writing, and the client
//! (hyper, under reqwest) reports a broken pipe instead of the `413` it was sent. With
//! `100-continue` a server that refuses up front answers before any of the body travels. Plain
//! `http://` only (the kit's usual target is a test server on loopback or in a private network);
//! over `https://` the kit sends through reqwest and may see that race.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long to wait for `100 Continue` or a refusal before sending the body anyway (RFC 9110
/// lets a client go on after a while: an older server does not answer `100`).
const CONTINUE_WAIT: Duration = Duration::from_secs(3);

pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

pub async fn send(
    url: &reqwest::Url,
    method: &str,
    headers: &[(HeaderName, String)],
    body: &[u8],
    timeout: Duration,
) -> Result<Answer, String> {
    tokio::time::timeout(timeout, exchange(url, method, headers, body))
        .await
        .map_err(|_| format!("no answer within {} s", timeout.as_secs()))?
}

async fn exchange(
    url: &reqwest::Url,
    method: &str,
    headers: &[(HeaderName, String)],
    body: &[u8],
) -> Result<Answer, String> {
    let host = url.host_str().ok_or("no host")?;
    let port = url.port_or_known_default().ok_or("no port")?;
    let mut stream = TcpStream::connect((host, port))
        .await
        .map_err(|e| e.to_string())?;
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Length: {}\r\nExpect: 100-continue\r\nConnection: close\r\nUser-Agent: egov-contract\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .await
        .map_err(|e| e.to_string())?;

    let mut received = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    // Wait for `100 Continue` (send the body), a final answer (send nothing), or silence.
    let early = tokio::time::timeout(CONTINUE_WAIT, async {
        loop {
            let n = stream.read(&mut chunk).await?;
            received.extend_from_slice(&chunk[..n]);
            if n == 0 || header_end(&received).is_some() {
                return Ok::<(), std::io::Error>(());
            }
        }
    })
    .await;
    if let Ok(Err(e)) = early {
        return Err(e.to_string());
    }
    let interim = header_end(&received).is_some_and(|_| parse_status(&received) == Some(100));
    if early.is_err() || interim {
        if interim {
            let end = header_end(&received).unwrap_or(0);
            received.drain(..end);
        }
        // A server that refuses half-way may close while the body is still going: what it
        // answered is read below all the same.
        let _ = stream.write_all(body).await;
    }
    loop {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => break,
            Ok(n) => received.extend_from_slice(&chunk[..n]),
        }
        if complete(&received) {
            break;
        }
    }
    parse(&received)
}

fn header_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
}

fn parse_status(bytes: &[u8]) -> Option<u16> {
    let line = bytes.split(|b| *b == b'\n').next()?;
    let text = std::str::from_utf8(line).ok()?;
    text.split_whitespace().nth(1)?.parse().ok()
}

fn content_length(head: &str) -> Option<usize> {
    head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("content-length")
            .then(|| value.trim().parse().ok())?
    })
}

/// Whether a whole answer with a `Content-Length` has arrived.
fn complete(bytes: &[u8]) -> bool {
    let Some(end) = header_end(bytes) else {
        return false;
    };
    let head = String::from_utf8_lossy(&bytes[..end]);
    content_length(&head).is_some_and(|length| bytes.len() >= end + length)
}

fn parse(bytes: &[u8]) -> Result<Answer, String> {
    let end = header_end(bytes).ok_or("no answer (the connection closed)")?;
    let status = parse_status(bytes).ok_or("an unreadable status line")?;
    let head = String::from_utf8_lossy(&bytes[..end]).into_owned();
    let mut headers = HeaderMap::new();
    for line in head.lines().skip(1) {
        if let Some((name, value)) = line.split_once(':') {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.trim().as_bytes()),
                HeaderValue::from_str(value.trim()),
            ) {
                headers.append(name, value);
            }
        }
    }
    let rest = &bytes[end..];
    let chunked = headers
        .get("transfer-encoding")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("chunked"));
    let body = match content_length(&head) {
        _ if chunked => dechunk(rest),
        Some(length) => rest[..length.min(rest.len())].to_vec(),
        None => rest.to_vec(),
    };
    Ok(Answer {
        status,
        headers,
        body,
    })
}

fn dechunk(mut bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(line_end) = bytes.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&bytes[..line_end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next()?.trim(), 16).ok())
            .unwrap_or(0);
        let start = line_end + 2;
        if size == 0 || bytes.len() < start + size {
            break;
        }
        body.extend_from_slice(&bytes[start..start + size]);
        bytes = &bytes[(start + size + 2).min(bytes.len())..];
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_with_a_length_or_in_chunks() {
        let plain = parse(b"HTTP/1.1 413 Payload Too Large\r\ncontent-type: application/problem+json\r\ncontent-length: 2\r\n\r\n{}").unwrap();
        assert_eq!((plain.status, plain.body.as_slice()), (413, &b"{}"[..]));
        assert_eq!(plain.headers["content-type"], "application/problem+json");
        let chunked =
            parse(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")
                .unwrap();
        assert_eq!(chunked.body, b"{}");
        assert!(complete(b"HTTP/1.1 413 X\r\ncontent-length: 2\r\n\r\n{}"));
        assert!(!complete(b"HTTP/1.1 413 X\r\ncontent-length: 2\r\n\r\n{"));
    }
}

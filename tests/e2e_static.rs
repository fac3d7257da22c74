//! The served app's files: a browser that accepts brotli (or gzip) gets the build's compressed
//! copies with the right type, one that does not gets the file as built.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::*;

fn built_wasm() -> (String, Vec<u8>) {
    let dist = dist_dir();
    let name = std::fs::read_dir(&dist)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.ends_with("_bg.wasm"))
        .expect("dist/ has the wasm (cargo xtask build)");
    let bytes = std::fs::read(dist.join(&name)).unwrap();
    (name, bytes)
}

#[tokio::test]
async fn the_wasm_goes_compressed_to_browsers_that_accept_it() {
    let data = tempfile::tempdir().unwrap();
    let server = start_server(data.path()).await;
    let (name, raw) = built_wasm();
    let url = format!("{}/{name}", server.url());
    let client = reqwest::Client::new();
    for (accepts, encoding) in [("br, gzip", "br"), ("gzip", "gzip")] {
        let response = client
            .get(&url)
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        assert_eq!(header("content-encoding").as_deref(), Some(encoding));
        assert_eq!(header("content-type").as_deref(), Some("application/wasm"));
        let body = response.bytes().await.unwrap();
        assert!(
            body.len() * 2 < raw.len(),
            "{encoding}: {} of {}",
            body.len(),
            raw.len()
        );
    }
    let plain = client.get(&url).send().await.unwrap();
    assert_eq!(plain.headers().get("content-encoding"), None);
    assert_eq!(plain.bytes().await.unwrap().as_ref(), raw.as_slice());
    server.stop().await.unwrap();
}

//! File uploads with progress. XMLHttpRequest rather than fetch: fetch reports no upload
//! progress, and a progress bar is what tells a person on a slow connection to wait.

use crate::api::ApiFailure;
pub use egov_domain::api::UploadReceipt;
use egov_domain::api::{paths, API_PREFIX};
use egov_domain::upload_policy;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{File, ProgressEvent, XmlHttpRequest};

/// Why a file is refused before it is sent ([`upload_policy`], checked here to save the person's
/// time), as a locale key.
pub fn precheck(file: &File) -> Result<(), &'static str> {
    if file.size() == 0.0 {
        return Err("upload-empty");
    }
    if file.size() > upload_policy::MAX_BYTES as f64 {
        return Err("upload-too-large");
    }
    if !upload_policy::accepts(&file.type_()) {
        return Err("upload-wrong-type");
    }
    Ok(())
}

/// An upload in flight; dropping it does not cancel it, `abort` does.
pub struct Upload {
    xhr: XmlHttpRequest,
    // The callbacks must live as long as the request.
    _callbacks: Vec<Closure<dyn FnMut(ProgressEvent)>>,
}

impl Upload {
    pub fn abort(&self) {
        let _ = self.xhr.abort();
    }
}

thread_local! {
    /// Requests started and perhaps not finished, for [`abort_all`].
    static IN_FLIGHT: RefCell<Vec<XmlHttpRequest>> = const { RefCell::new(Vec::new()) };
}

/// Aborts every upload still in flight (a kiosk forgetting the person). Each one ends as
/// cancelled (`on_done(Err(None))`); a finished request is left alone.
pub fn abort_all() {
    let all = IN_FLIGHT.with(|all| std::mem::take(&mut *all.borrow_mut()));
    for xhr in all {
        let _ = xhr.abort();
    }
}

fn failure(xhr: &XmlHttpRequest) -> ApiFailure {
    let status = xhr.status().unwrap_or(0);
    if status == 0 {
        return ApiFailure::Network;
    }
    let body = xhr.response_text().ok().flatten().unwrap_or_default();
    crate::api::failure_of(status, &body, None)
}

/// How an upload ended: the receipt, a failure, or None when the person cancelled it.
type OnDone = dyn FnOnce(Result<UploadReceipt, Option<ApiFailure>>);

/// Starts uploading `file`. `on_progress` gets the fraction sent (0.0–1.0); `on_done` runs once.
pub fn start(
    api_base: &str,
    file: &File,
    on_progress: impl Fn(f64) + 'static,
    on_done: impl FnOnce(Result<UploadReceipt, Option<ApiFailure>>) + 'static,
) -> Result<Upload, ApiFailure> {
    let xhr = XmlHttpRequest::new().map_err(|_| ApiFailure::Network)?;
    let url = format!(
        "{}{API_PREFIX}{}",
        api_base.trim_end_matches('/'),
        paths::UPLOADS
    );
    xhr.open("POST", &url).map_err(|_| ApiFailure::Network)?;
    let _ = xhr.set_request_header("Content-Type", &file.type_());
    let _ = xhr.set_request_header(
        "X-File-Name",
        &String::from(js_sys::encode_uri_component(&file.name())),
    );
    let done: Rc<RefCell<Option<Box<OnDone>>>> = Rc::new(RefCell::new(Some(Box::new(on_done))));
    let finish = {
        let done = done.clone();
        move |result| {
            if let Some(callback) = done.borrow_mut().take() {
                callback(result);
            }
        }
    };
    let progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |ev: ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            on_progress(ev.loaded() / ev.total());
        }
    });
    let load = {
        let xhr = xhr.clone();
        let finish = finish.clone();
        Closure::<dyn FnMut(ProgressEvent)>::new(move |_| {
            let status = xhr.status().unwrap_or(0);
            let result = if (200..300).contains(&status) {
                xhr.response_text()
                    .ok()
                    .flatten()
                    .and_then(|body| serde_json::from_str::<UploadReceipt>(&body).ok())
                    .ok_or(Some(ApiFailure::Unexpected(status)))
            } else {
                Err(Some(failure(&xhr)))
            };
            finish(result);
        })
    };
    let error = {
        let finish = finish.clone();
        Closure::<dyn FnMut(ProgressEvent)>::new(move |_| finish(Err(Some(ApiFailure::Network))))
    };
    let timeout = {
        let finish = finish.clone();
        Closure::<dyn FnMut(ProgressEvent)>::new(move |_| finish(Err(Some(ApiFailure::Timeout))))
    };
    // Cancelled by the person: not a failure to report.
    let abort = Closure::<dyn FnMut(ProgressEvent)>::new(move |_| finish(Err(None)));
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    xhr.set_onload(Some(load.as_ref().unchecked_ref()));
    xhr.set_onerror(Some(error.as_ref().unchecked_ref()));
    xhr.set_ontimeout(Some(timeout.as_ref().unchecked_ref()));
    // The API's time limit plus the time the file takes at 16 KB/s, a slow mobile connection.
    xhr.set_timeout(crate::api::timeout_ms().saturating_add((file.size() / 16.0) as u32));
    xhr.set_onabort(Some(abort.as_ref().unchecked_ref()));
    xhr.send_with_opt_blob(Some(file))
        .map_err(|_| ApiFailure::Network)?;
    IN_FLIGHT.with(|all| {
        let mut all = all.borrow_mut();
        all.retain(|x| x.ready_state() != XmlHttpRequest::DONE);
        all.push(xhr.clone());
    });
    Ok(Upload {
        xhr,
        _callbacks: vec![progress, load, error, timeout, abort],
    })
}

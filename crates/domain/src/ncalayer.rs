//! The NCALayer wire protocol, as far as the wizard uses it: the `kz.gov.pki.knca.basics` module's
//! `sign` method and the messages NCALayer sends back. Pure serde, no I/O: the app's WebSocket
//! client and the tests' fake NCALayer both speak through these types.
//!
//! Shapes follow the official PKI RK sample and the sigex client (see
//! `shared/reference/anchors.md` §2): a request is `{module, method, args}`; NCALayer greets a new
//! connection with `{"result":{"version":…}}`; a `basics` reply is `{status, code, message,
//! details, body}` where `status:true` without `body.result` means the person cancelled.

use crate::Lang;
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Where NCALayer listens on the person's computer.
pub const DEFAULT_URL: &str = "wss://127.0.0.1:13579";
pub const BASICS_MODULE: &str = "kz.gov.pki.knca.basics";
pub const SIGN_METHOD: &str = "sign";
/// Extended key usages of an individual's signing certificate (document signing + "physical
/// person"): an authentication key or an organisation's key cannot be chosen.
pub const SIGN_PERSON_OIDS: [&str; 2] = ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.1"];
/// Keep-alive text frame some NCALayer integrations exchange; it is not a reply.
pub const HEARTBEAT: &str = "--heartbeat--";

/// What kind of signature NCALayer produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignFormat {
    Cms,
    Xml,
    Raw,
}

/// `tsaProfile: {}` asks NCALayer for a timestamp from the national TSA. An empty object is the
/// only form the public samples use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TsaProfile {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SigningParams {
    /// `data` is base64 and NCALayer signs the decoded bytes.
    pub decode: bool,
    /// Whether the signed data is embedded in the CMS.
    pub encapsulate: bool,
    /// Whether `data` is already a digest.
    pub digested: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tsa_profile: Option<TsaProfile>,
}

/// Which certificates NCALayer lets the person choose; the others are shown greyed out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SignerParams {
    pub ext_key_usage_oids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iin: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BasicsSignArgs {
    /// `null` lets NCALayer offer every storage Kalkancrypt supports, including a key file:
    /// a person without a hardware token can still sign.
    pub allowed_storages: Option<Vec<String>>,
    pub format: SignFormat,
    pub data: String,
    pub signing_params: SigningParams,
    pub signer_params: SignerParams,
    pub locale: String,
}

/// A request to NCALayer's `basics` module.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasicsSignRequest {
    pub module: String,
    pub method: String,
    pub args: BasicsSignArgs,
}

impl BasicsSignRequest {
    /// A detached CMS over `bytes` with a TSA timestamp, by a person's signing certificate issued
    /// to `iin`, the dialog in `lang`. Detached because the application travels next to the
    /// signature and the server rebuilds the signed bytes from it.
    pub fn cms(bytes: &[u8], iin: &str, lang: Lang) -> Self {
        BasicsSignRequest {
            module: BASICS_MODULE.to_owned(),
            method: SIGN_METHOD.to_owned(),
            args: BasicsSignArgs {
                allowed_storages: None,
                format: SignFormat::Cms,
                data: BASE64.encode(bytes),
                signing_params: SigningParams {
                    decode: true,
                    encapsulate: false,
                    digested: false,
                    tsa_profile: Some(TsaProfile {}),
                },
                signer_params: SignerParams {
                    ext_key_usage_oids: SIGN_PERSON_OIDS.iter().map(|s| (*s).to_owned()).collect(),
                    iin: Some(iin.to_owned()),
                },
                locale: lang.tag().to_owned(),
            },
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a sign request always serialises")
    }

    /// The bytes to be signed, if `data` is base64 as this client sends it.
    pub fn decoded_data(&self) -> Option<Vec<u8>> {
        BASE64.decode(&self.args.data).ok()
    }
}

/// The greeting NCALayer sends when a connection opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Greeting {
    pub result: GreetingResult,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GreetingResult {
    pub version: String,
}

impl Greeting {
    pub fn new(version: &str) -> Self {
        Greeting {
            result: GreetingResult {
                version: version.to_owned(),
            },
        }
    }
}

/// `body.result` of a successful `sign`: one signature, several (when `data` was an array), or
/// signatures with the signer's certificate (when `outputCert` was asked for).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SignResult {
    One(String),
    Many(Vec<String>),
    WithCertificate {
        signatures: OneOrMany,
        #[serde(default)]
        certificate: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseBody {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<SignResult>,
}

/// A reply of the `basics` module.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasicsResponse {
    pub status: bool,
    pub code: Option<String>,
    pub message: Option<String>,
    pub details: Option<String>,
    pub body: Option<ResponseBody>,
}

impl BasicsResponse {
    pub fn signed(cms: &str) -> Self {
        BasicsResponse {
            status: true,
            code: Some("200".into()),
            message: None,
            details: None,
            body: Some(ResponseBody {
                result: Some(SignResult::One(cms.to_owned())),
            }),
        }
    }

    pub fn cancelled() -> Self {
        BasicsResponse {
            status: true,
            code: Some("200".into()),
            message: None,
            details: None,
            body: Some(ResponseBody::default()),
        }
    }

    pub fn failed(code: &str, message: &str) -> Self {
        BasicsResponse {
            status: false,
            code: Some(code.to_owned()),
            message: Some(message.to_owned()),
            details: None,
            body: None,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a response always serialises")
    }
}

/// Why NCALayer refused, in the terms a signing page explains.
///
/// NCALayer's own code list for `basics` is not published (anchors §8). Recognised are the
/// `basics` codes a reimplementation lists, the legacy Applet codes, and, for states that the
/// `basics` dialog normally prevents by greying certificates out (expired, revoked, another
/// IIN, no token), the names below, which a compatible signing program or proxy may send.
/// Anything else is a [`FailureKind::SigningFailed`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// No key storage (token, ID card, key file) was found.
    NoToken,
    /// Only keys of the wrong type (authentication instead of signing) were found.
    WrongKeyType,
    CertificateExpired,
    CertificateRevoked,
    /// The chosen certificate belongs to someone else.
    IinMismatch,
    /// NCALayer did not understand the request: the module is missing or too old.
    Unsupported,
    /// NCALayer tried and failed.
    SigningFailed,
}

impl FailureKind {
    pub fn from_code(code: &str) -> FailureKind {
        match code {
            "EMPTY_KEY_LIST" | "KEY_TYPE_MISMATCH" | "WRONG_KEY_TYPE" => FailureKind::WrongKeyType,
            "NO_TOKEN" | "TOKEN_NOT_FOUND" | "STORAGE_NOT_FOUND" | "NO_STORAGE" => {
                FailureKind::NoToken
            }
            "CERTIFICATE_EXPIRED" | "CERT_EXPIRED" => FailureKind::CertificateExpired,
            "CERTIFICATE_REVOKED" | "CERT_REVOKED" => FailureKind::CertificateRevoked,
            "IIN_MISMATCH" | "RDN_NOT_FOUND" => FailureKind::IinMismatch,
            "MODULE_NOT_FOUND" | "INVALID_SIGNING_PARAMS" | "INVOCATION_ERROR" => {
                FailureKind::Unsupported
            }
            _ => FailureKind::SigningFailed,
        }
    }
}

/// A refusal as NCALayer reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub kind: FailureKind,
    pub code: String,
    pub message: String,
    pub details: Option<String>,
}

/// Anything NCALayer can send the wizard, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// The greeting of a new connection.
    Greeting {
        version: String,
    },
    /// A keep-alive: wait on.
    Heartbeat,
    /// The signature (CMS, base64) and, if NCALayer sent it, the signer's certificate.
    Signed {
        cms: String,
        certificate: Option<String>,
    },
    /// The person closed the NCALayer dialog.
    Cancelled,
    Failed(Failure),
}

/// A message outside the protocol.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an NCALayer message: {0}")]
pub struct ProtocolError(pub String);

/// The legacy shape of "no such module" (`{"success":false,"errorCode":…}`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LegacyError {
    success: bool,
    error_code: String,
}

fn first_signature(result: SignResult) -> Option<(String, Option<String>)> {
    let first = |many: Vec<String>| many.into_iter().next();
    match result {
        SignResult::One(cms) => Some((cms, None)),
        SignResult::Many(many) => first(many).map(|cms| (cms, None)),
        SignResult::WithCertificate {
            signatures,
            certificate,
        } => match signatures {
            OneOrMany::One(cms) => Some((cms, certificate)),
            OneOrMany::Many(many) => first(many).map(|cms| (cms, certificate)),
        },
    }
}

/// Decodes one text frame from NCALayer.
pub fn decode(text: &str) -> Result<Incoming, ProtocolError> {
    if text.trim() == HEARTBEAT {
        return Ok(Incoming::Heartbeat);
    }
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ProtocolError(e.to_string()))?;
    let object = value
        .as_object()
        .ok_or_else(|| ProtocolError("not a JSON object".into()))?;
    if object.contains_key("status") {
        let response: BasicsResponse =
            serde_json::from_value(value).map_err(|e| ProtocolError(e.to_string()))?;
        return Ok(basics_incoming(response));
    }
    if let Ok(greeting) = serde_json::from_value::<Greeting>(value.clone()) {
        return Ok(Incoming::Greeting {
            version: greeting.result.version,
        });
    }
    if let Ok(legacy) = serde_json::from_value::<LegacyError>(value) {
        if !legacy.success {
            return Ok(Incoming::Failed(Failure {
                kind: FailureKind::from_code(&legacy.error_code),
                code: legacy.error_code,
                message: String::new(),
                details: None,
            }));
        }
    }
    Err(ProtocolError("unknown message shape".into()))
}

fn basics_incoming(response: BasicsResponse) -> Incoming {
    if !response.status {
        let code = response.code.unwrap_or_default();
        return Incoming::Failed(Failure {
            kind: FailureKind::from_code(&code),
            code,
            message: response.message.unwrap_or_default(),
            details: response.details,
        });
    }
    match response
        .body
        .and_then(|body| body.result)
        .and_then(first_signature)
    {
        Some((cms, certificate)) => Incoming::Signed { cms, certificate },
        None => Incoming::Cancelled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sign_request_has_the_documented_shape() {
        let request = BasicsSignRequest::cms(b"{\"a\":1}", "791028302728", Lang::Ru);
        let encoded: serde_json::Value = serde_json::from_str(&request.to_json()).unwrap();
        assert_eq!(
            encoded,
            json!({
                "module": "kz.gov.pki.knca.basics",
                "method": "sign",
                "args": {
                    "allowedStorages": null,
                    "format": "cms",
                    "data": "eyJhIjoxfQ==",
                    "signingParams": {
                        "decode": true,
                        "encapsulate": false,
                        "digested": false,
                        "tsaProfile": {}
                    },
                    "signerParams": {
                        "extKeyUsageOids": ["1.3.6.1.5.5.7.3.4", "1.2.398.3.3.4.1.1"],
                        "iin": "791028302728"
                    },
                    "locale": "ru"
                }
            })
        );
    }

    #[test]
    fn locale_follows_the_language() {
        for (lang, tag) in [(Lang::Kk, "kk"), (Lang::Ru, "ru"), (Lang::En, "en")] {
            assert_eq!(BasicsSignRequest::cms(b"x", "1", lang).args.locale, tag);
        }
    }

    #[test]
    fn request_round_trips_and_data_decodes_to_the_bytes() {
        let request = BasicsSignRequest::cms("заявление".as_bytes(), "791028302728", Lang::Kk);
        let decoded: BasicsSignRequest = serde_json::from_str(&request.to_json()).unwrap();
        assert_eq!(decoded, request);
        assert_eq!(decoded.decoded_data().unwrap(), "заявление".as_bytes());
    }

    #[test]
    fn sample_request_of_the_reference_notes_decodes() {
        let sample = r#"{"module":"kz.gov.pki.knca.basics","method":"sign",
          "args":{"allowedStorages":["AKKaztokenStore","PKCS12"],"format":"cms","data":"MTIz",
            "signingParams":{"decode":true,"encapsulate":true,"digested":false,"tsaProfile":{}},
            "signerParams":{"extKeyUsageOids":["1.3.6.1.5.5.7.3.4"],"iin":"990106300596"},
            "locale":"kk"}}"#;
        let request: BasicsSignRequest = serde_json::from_str(sample).unwrap();
        assert_eq!(
            request.args.allowed_storages.as_deref(),
            Some(&["AKKaztokenStore".to_owned(), "PKCS12".to_owned()][..])
        );
        assert!(request.args.signing_params.encapsulate);
        assert_eq!(request.decoded_data().unwrap(), b"123");
    }

    #[test]
    fn greeting_decodes() {
        assert_eq!(
            decode(r#"{"result":{"version":"1.4"}}"#),
            Ok(Incoming::Greeting {
                version: "1.4".into()
            })
        );
        let encoded = serde_json::to_string(&Greeting::new("1.5")).unwrap();
        assert_eq!(encoded, r#"{"result":{"version":"1.5"}}"#);
    }

    #[test]
    fn heartbeat_is_not_a_reply() {
        assert_eq!(decode("--heartbeat--"), Ok(Incoming::Heartbeat));
    }

    #[test]
    fn signature_decodes_in_each_result_shape() {
        let expected = |certificate: Option<&str>| {
            Ok(Incoming::Signed {
                cms: "MIIB".into(),
                certificate: certificate.map(Into::into),
            })
        };
        assert_eq!(
            decode(r#"{"status":true,"body":{"result":"MIIB"}}"#),
            expected(None)
        );
        assert_eq!(
            decode(r#"{"status":true,"body":{"result":["MIIB","MIIC"]}}"#),
            expected(None)
        );
        assert_eq!(
            decode(
                r#"{"status":true,"body":{"result":{"signatures":["MIIB"],"certificate":"MIIQ"}}}"#
            ),
            expected(Some("MIIQ"))
        );
        assert_eq!(
            decode(&BasicsResponse::signed("MIIB").to_json()),
            expected(None)
        );
    }

    #[test]
    fn status_true_without_result_is_a_cancel() {
        assert_eq!(
            decode(r#"{"status":true,"body":{}}"#),
            Ok(Incoming::Cancelled)
        );
        assert_eq!(decode(r#"{"status":true}"#), Ok(Incoming::Cancelled));
        assert_eq!(
            decode(r#"{"status":true,"body":{"result":null}}"#),
            Ok(Incoming::Cancelled)
        );
        assert_eq!(
            decode(&BasicsResponse::cancelled().to_json()),
            Ok(Incoming::Cancelled)
        );
    }

    #[test]
    fn failure_carries_code_message_and_details() {
        let decoded = decode(
            r#"{"status":false,"code":"SIGNING_FAILURE","message":"signing failed","details":"io"}"#,
        );
        assert_eq!(
            decoded,
            Ok(Incoming::Failed(Failure {
                kind: FailureKind::SigningFailed,
                code: "SIGNING_FAILURE".into(),
                message: "signing failed".into(),
                details: Some("io".into()),
            }))
        );
    }

    #[test]
    fn failure_codes_map_to_kinds() {
        let kind = |code: &str| match decode(&BasicsResponse::failed(code, "").to_json()) {
            Ok(Incoming::Failed(f)) => f.kind,
            other => panic!("{code}: {other:?}"),
        };
        assert_eq!(kind("EMPTY_KEY_LIST"), FailureKind::WrongKeyType);
        assert_eq!(kind("NO_TOKEN"), FailureKind::NoToken);
        assert_eq!(kind("CERTIFICATE_EXPIRED"), FailureKind::CertificateExpired);
        assert_eq!(kind("CERTIFICATE_REVOKED"), FailureKind::CertificateRevoked);
        assert_eq!(kind("IIN_MISMATCH"), FailureKind::IinMismatch);
        assert_eq!(kind("INVALID_SIGNING_PARAMS"), FailureKind::Unsupported);
        assert_eq!(kind("GENERAL_ERROR"), FailureKind::SigningFailed);
        assert_eq!(kind("SOMETHING_NEW"), FailureKind::SigningFailed);
    }

    #[test]
    fn unknown_module_in_the_legacy_shape_is_unsupported() {
        match decode(r#"{"success":false,"errorCode":"MODULE_NOT_FOUND"}"#) {
            Ok(Incoming::Failed(f)) => {
                assert_eq!(f.kind, FailureKind::Unsupported);
                assert_eq!(f.code, "MODULE_NOT_FOUND");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn anything_else_is_a_protocol_error() {
        for text in [
            "",
            "not json",
            "[]",
            "42",
            r#"{"hello":"world"}"#,
            r#"{"status":"yes"}"#,
        ] {
            assert!(decode(text).is_err(), "{text:?} decoded");
        }
    }
}

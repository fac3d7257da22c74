//! The checks, one module per API area, in the order they run: later areas use what earlier ones
//! created (the application of `submit.valid`, the session of `session.sign_in`). To add a
//! check, write an `async fn(&mut Ctx) -> Checked` in its area and list it in [`ALL`].

/// The refusals of the test CA's expired, revoked and other person's certificates, each its own
/// check of an area: `certificate_checks!(run)` defines `certificate_expired`,
/// `certificate_revoked` and `certificate_other_iin`, each `run(ctx, kind, code)`.
macro_rules! certificate_checks {
    ($run:ident) => {
        pub async fn certificate_expired(ctx: &mut Ctx) -> Checked {
            $run(ctx, TestCertificate::Expired, "certificate_expired").await
        }

        pub async fn certificate_revoked(ctx: &mut Ctx) -> Checked {
            $run(ctx, TestCertificate::Revoked, "certificate_revoked").await
        }

        pub async fn certificate_other_iin(ctx: &mut Ctx) -> Checked {
            $run(ctx, TestCertificate::OtherIin, "certificate_iin_mismatch").await
        }
    };
}

mod calendar;
mod catalogue;
mod health;
mod idempotency;
mod operator;
mod result_pdf;
mod session;
mod status;
mod submit;
mod uploads;

use crate::client::{Api, Call, Failure, Reply};
use egov_domain::api::{
    ApplicationRecord, Capabilities, Session, SignedApplication, UploadReceipt,
};
use egov_domain::application::{example_application, AttachedDocument};
use egov_domain::catalogue::{Catalogue, ServiceView};
use egov_domain::documents::{attachments_online, DocumentId};
use egov_domain::eligibility::choosable_results;
use egov_domain::signature::test_ca::{self, TestCertificate};
use egov_domain::{Application, RegionId, ServiceId};
use reqwest::Method;
use std::future::Future;
use std::pin::Pin;

/// Why a check did not pass.
#[derive(Debug)]
pub enum Verdict {
    Fail(Failure),
    /// The check cannot run here; the reason says why.
    Skip(String),
}

impl From<Failure> for Verdict {
    fn from(failure: Failure) -> Verdict {
        Verdict::Fail(failure)
    }
}

pub type Checked = Result<(), Verdict>;
type CheckFuture<'a> = Pin<Box<dyn Future<Output = Checked> + 'a>>;

/// What a check needs beyond the base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The server accepts the published test CA's signatures.
    TestCa,
    Cms,
    NoCms,
    /// Operator endpoints on, and the kit has the token.
    Operator,
    OperatorOff,
    /// The application `submit.valid` created.
    Application,
    /// The session `session.sign_in` opened.
    Session,
}

pub struct Check {
    pub id: &'static str,
    pub needs: &'static [Need],
    pub run: for<'a> fn(&'a mut Ctx) -> CheckFuture<'a>,
}

impl Check {
    /// Why the check is skipped, if it is.
    pub fn unmet_need(&self, ctx: &Ctx) -> Option<String> {
        let caps = ctx.capabilities;
        self.needs.iter().find_map(|need| match need {
            Need::TestCa if !caps.test_ca => Some(
                "the server declares test_ca off: nothing signed by the published test CA can be accepted (turn it on in the test deployment)".into(),
            ),
            Need::Cms if !caps.cms => Some("the server declares cms off".into()),
            Need::NoCms if caps.cms => Some(
                "the server verifies CMS (cms on): only an unconfigured server refuses every CMS".into(),
            ),
            Need::Operator if !caps.operator => Some("the server declares operator off".into()),
            Need::Operator if ctx.operator_token.is_none() => {
                Some("no --operator-token given".into())
            }
            Need::OperatorOff if caps.operator => Some("the server declares operator on".into()),
            Need::Application if ctx.submitted.is_none() => {
                Some("needs the application of submit.valid, which did not pass".into())
            }
            Need::Session if ctx.session.is_none() => {
                Some("needs the session of session.sign_in, which did not pass".into())
            }
            _ => None,
        })
    }
}

/// Lists a check: `check!("area.what", area::function, Need::…)`.
macro_rules! check {
    ($id:literal, $run:path $(, $need:expr)* $(,)?) => {
        Check {
            id: $id,
            needs: &[$($need),*],
            run: |ctx| Box::pin($run(ctx)),
        }
    };
}

use Need::*;

/// Every check, in the order they run.
pub const ALL: &[Check] = &[
    check!("health.ok", health::ok),
    check!("api.unknown_endpoint", health::unknown_endpoint),
    check!("api.method_not_allowed", health::method_not_allowed),
    check!("catalogue.regions", catalogue::regions),
    check!("catalogue.services", catalogue::services),
    check!(
        "catalogue.services_of_region",
        catalogue::services_of_region
    ),
    check!(
        "catalogue.every_service_resolves",
        catalogue::every_service_resolves
    ),
    check!(
        "catalogue.single_region_default",
        catalogue::single_region_default
    ),
    check!("catalogue.region_required", catalogue::region_required),
    check!("catalogue.unknown_region", catalogue::unknown_region),
    check!("catalogue.unknown_service", catalogue::unknown_service),
    check!(
        "catalogue.service_not_in_region",
        catalogue::service_not_in_region
    ),
    check!("uploads.pdf", uploads::pdf),
    check!("uploads.png_by_content", uploads::png_by_content),
    check!("uploads.jpeg", uploads::jpeg),
    check!("uploads.type_not_allowed", uploads::type_not_allowed),
    check!("uploads.type_mismatch", uploads::type_mismatch),
    check!("uploads.empty", uploads::empty),
    check!("uploads.too_large", uploads::too_large),
    check!("uploads.file_name_missing", uploads::file_name_missing),
    check!("uploads.file_name_invalid", uploads::file_name_invalid),
    check!("uploads.delete", uploads::delete),
    check!("uploads.delete_needs_token", uploads::delete_needs_token),
    check!("submit.valid", submit::valid, TestCa),
    check!("submit.invalid_iin", submit::invalid_iin, TestCa),
    check!("submit.document_missing", submit::document_missing, TestCa),
    check!("submit.upload_unknown", submit::upload_unknown, TestCa),
    check!("submit.result_required", submit::result_required, TestCa),
    check!("submit.not_eligible", submit::not_eligible, TestCa),
    check!("submit.unknown_service", submit::unknown_service, TestCa),
    check!(
        "submit.service_not_online",
        submit::service_not_online,
        TestCa
    ),
    check!(
        "submit.signature_mismatch",
        submit::signature_mismatch,
        TestCa
    ),
    check!(
        "submit.certificate_expired",
        submit::certificate_expired,
        TestCa
    ),
    check!(
        "submit.certificate_revoked",
        submit::certificate_revoked,
        TestCa
    ),
    check!(
        "submit.certificate_other_iin",
        submit::certificate_other_iin,
        TestCa
    ),
    check!(
        "submit.certificate_not_yet_valid",
        submit::certificate_not_yet_valid,
        TestCa
    ),
    check!(
        "submit.certificate_untrusted",
        submit::certificate_untrusted,
        TestCa
    ),
    check!(
        "submit.signature_malformed",
        submit::signature_malformed,
        TestCa
    ),
    check!("submit.cms_unsupported", submit::cms_unsupported, NoCms),
    check!("submit.cms_malformed", submit::cms_malformed, Cms),
    check!("submit.upload_mismatch", submit::upload_mismatch, TestCa),
    check!(
        "submit.signing_time_too_old",
        submit::signing_time_too_old,
        TestCa
    ),
    check!(
        "submit.signing_time_in_future",
        submit::signing_time_in_future,
        TestCa
    ),
    check!("submit.malformed_json", submit::malformed_json),
    check!("submit.wrong_content_type", submit::wrong_content_type),
    check!("submit.body_too_large", submit::body_too_large),
    check!(
        "idempotency.retry_same_reference",
        idempotency::retry_same_reference,
        Application
    ),
    check!(
        "idempotency.other_body_refused",
        idempotency::other_body_refused,
        Application
    ),
    check!(
        "idempotency.header_mismatch_refused",
        idempotency::header_mismatch_refused,
        TestCa
    ),
    check!(
        "idempotency.invalid_key_refused",
        idempotency::invalid_key_refused,
        TestCa
    ),
    check!(
        "idempotency.new_key_is_new",
        idempotency::new_key_is_new,
        Application
    ),
    check!(
        "submit.upload_already_attached",
        submit::upload_already_attached,
        Application
    ),
    check!(
        "uploads.delete_attached",
        uploads::delete_attached,
        Application
    ),
    check!("status.read", status::read, Application),
    check!("status.no_store", status::no_store, Application),
    check!("status.history", status::history, Application),
    check!(
        "status.reference_any_case",
        status::reference_any_case,
        Application
    ),
    check!("status.unknown_reference", status::unknown_reference),
    check!("session.challenge", session::challenge),
    check!("session.sign_in", session::sign_in, TestCa),
    check!(
        "session.challenge_single_use",
        session::challenge_single_use,
        TestCa
    ),
    check!(
        "session.challenge_unknown",
        session::challenge_unknown,
        TestCa
    ),
    check!(
        "session.signature_mismatch",
        session::signature_mismatch,
        TestCa
    ),
    check!(
        "session.certificate_expired",
        session::certificate_expired,
        TestCa
    ),
    check!(
        "session.certificate_revoked",
        session::certificate_revoked,
        TestCa
    ),
    check!(
        "session.certificate_other_iin",
        session::certificate_other_iin,
        TestCa
    ),
    check!("session.invalid_iin", session::invalid_iin, TestCa),
    check!("session.list_needs_token", session::list_needs_token),
    check!("session.list_own", session::list_own, Session, Application),
    check!(
        "session.list_excludes_others",
        session::list_excludes_others,
        Session,
        Application
    ),
    check!("calendar.year", calendar::year),
    check!("calendar.year_not_covered", calendar::year_not_covered),
    check!("calendar.not_a_year", calendar::not_a_year),
    check!(
        "result_pdf.before_result",
        result_pdf::before_result,
        Application
    ),
    check!(
        "result_pdf.unknown_reference",
        result_pdf::unknown_reference
    ),
    check!("operator.disabled", operator::disabled, OperatorOff),
    check!("operator.needs_token", operator::needs_token, Operator),
    check!(
        "operator.unknown_reference",
        operator::unknown_reference,
        Operator
    ),
    check!(
        "operator.step_not_allowed",
        operator::step_not_allowed,
        Operator,
        Application
    ),
    check!(
        "operator.walk_to_result",
        operator::walk_to_result,
        Operator,
        Application
    ),
    check!(
        "operator.from_final",
        operator::from_final,
        Operator,
        Application
    ),
    check!(
        "operator.refusal_needs_grounds",
        operator::refusal_needs_grounds,
        Operator
    ),
    check!(
        "result_pdf.after_result",
        result_pdf::after_result,
        Operator,
        Application
    ),
];

/// The applicant of the kit's applications: the domain's example IIN.
pub const IIN: &str = "791028302728";
/// Another person, whose application must not show in the first one's list.
pub const OTHER_PERSON_IIN: &str = "990106300596";
/// The service and region of the kit's applications: the domain's example application.
pub const REFERRAL: &str = "active_employment_referral";

/// The smallest file each accepted type is recognised by.
pub const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// The application `submit.valid` created and how it was sent.
pub struct Submitted {
    pub record: ApplicationRecord,
    pub body: SignedApplication,
    pub key: String,
}

pub struct Ctx {
    pub api: Api,
    pub capabilities: Capabilities,
    /// Whether `GET /health` declared the capabilities (else they are assumed).
    pub declared: bool,
    pub operator_token: Option<String>,
    pub catalogue: &'static Catalogue,
    /// Uploads to withdraw at the end (none an application holds).
    pub withdraw: Vec<UploadReceipt>,
    /// Uploads attached to an application the server accepted: kept.
    pub held: std::collections::BTreeSet<String>,
    pub created: crate::report::Created,
    pub submitted: Option<Submitted>,
    /// A second application (`idempotency.new_key_is_new`), for the operator's refusal.
    pub second: Option<ApplicationRecord>,
    pub session: Option<Session>,
    /// Whether `operator.walk_to_result` issued a result to the application.
    pub issued: bool,
}

impl Ctx {
    pub fn new(api: Api, operator_token: Option<String>) -> Ctx {
        Ctx {
            api,
            capabilities: crate::assumed_capabilities(operator_token.is_some()),
            declared: false,
            operator_token,
            catalogue: Catalogue::shared(),
            withdraw: Vec::new(),
            held: Default::default(),
            created: Default::default(),
            submitted: None,
            second: None,
            session: None,
            issued: false,
        }
    }

    pub async fn send(&mut self, call: Call) -> Result<Reply, Failure> {
        self.api.send(call).await
    }

    /// Uploads a file; a receipt is counted whatever the check expects.
    pub async fn upload(
        &mut self,
        name: Option<&str>,
        content_type: &str,
        body: Vec<u8>,
        note: &str,
    ) -> Result<Reply, Failure> {
        let mut call = Call::post("/uploads").body(content_type, body).note(note);
        if let Some(name) = name {
            call = call.header(egov_domain::api::FILE_NAME_HEADER, name);
        }
        let reply = self.send(call).await?;
        if reply.status == 201 {
            self.created.uploads += 1;
        }
        Ok(reply)
    }

    /// Submits; an accepted application is counted whatever the check expects.
    pub async fn submit(
        &mut self,
        body: &SignedApplication,
        key: Option<&str>,
        note: &str,
    ) -> Result<Reply, Failure> {
        let mut call = Call::post("/applications").json(body).note(note);
        if let Some(key) = key {
            call = call.header(egov_domain::api::IDEMPOTENCY_KEY_HEADER, key);
        }
        let reply = self.send(call).await?;
        if reply.status == 201 {
            let reference = serde_json::from_slice::<serde_json::Value>(&reply.body)
                .ok()
                .and_then(|v| v["reference"].as_str().map(str::to_owned))
                .unwrap_or_else(|| "(no reference)".into());
            self.created.applications.push(reference);
            self.held.extend(
                body.application
                    .documents
                    .iter()
                    .map(|d| d.upload_id.clone()),
            );
        }
        Ok(reply)
    }

    /// A fresh upload for a document: the server lets one application attach an upload, so each
    /// application gets its own; the kit withdraws the ones no application holds.
    async fn document_upload(&mut self, document: &DocumentId) -> Result<UploadReceipt, Failure> {
        let reply = self
            .upload(
                Some(&format!("{document}.pdf")),
                "application/pdf",
                PDF.to_vec(),
                &format!("a PDF for the document {document}"),
            )
            .await?;
        let receipt: UploadReceipt = reply.expect_json(201, "an UploadReceipt")?;
        self.withdraw.push(receipt.clone());
        Ok(receipt)
    }

    pub fn service(&self, service: &str, region: &str) -> Option<ServiceView> {
        self.catalogue
            .service_in_region(&ServiceId::new(service), &RegionId::new(region))
    }

    /// A complete application of `iin` for the service in the region, as the wizard fills it in:
    /// a result where the service offers a choice, and every document the online channel asks
    /// of this applicant uploaded and attached.
    pub async fn application(
        &mut self,
        service: &str,
        region: &str,
        iin: &str,
    ) -> Result<Application, Failure> {
        let mut application = example_application(iin);
        // Its own key and signing moment, both signed: a real test environment keeps every key.
        application.idempotency_key = fresh_key();
        application.signed_at = rfc3339(time::OffsetDateTime::now_utc());
        application.service = ServiceId::new(service);
        application.region = RegionId::new(region);
        let Some(view) = self.service(service, region) else {
            application.result = None;
            return Ok(application);
        };
        let profile = application.applicant.profile();
        let open: Vec<_> = choosable_results(&view, &profile)
            .filter(|(_, eligibility)| eligibility.is_allowed())
            .map(|(id, _)| id.clone())
            .collect();
        if application
            .result
            .as_ref()
            .is_none_or(|r| !open.contains(r))
        {
            application.result = (open.len() > 1).then(|| open[0].clone());
        }
        let needed: Vec<DocumentId> = attachments_online(&view, &profile)
            .into_iter()
            .map(|d| d.requirement.document.clone())
            .collect();
        for document in needed {
            let receipt = self.document_upload(&document).await?;
            application.documents.push(AttachedDocument {
                document,
                upload_id: receipt.id,
                file_name: receipt.file_name,
                size: receipt.size,
                media_type: receipt.media_type,
                sha256: receipt.sha256,
            });
        }
        Ok(application)
    }

    /// The application `submit.valid` created (for a check that needs Application).
    pub fn submitted(&self) -> &Submitted {
        self.submitted.as_ref().expect("needs Application")
    }

    /// The reference of the application `submit.valid` created.
    pub fn submitted_reference(&self) -> String {
        self.submitted().record.reference.clone()
    }

    /// The kit's usual application: the domain's example, in its region.
    pub async fn referral(&mut self) -> Result<Application, Failure> {
        let region = example_application(IIN).region;
        self.application(REFERRAL, region.as_str(), IIN).await
    }
}

/// `application` signed over its canonical bytes with a test certificate of `kind`, now.
pub fn signed(application: Application, kind: TestCertificate) -> SignedApplication {
    signed_at(application, kind, time::OffsetDateTime::now_utc())
}

pub fn signed_at(
    application: Application,
    kind: TestCertificate,
    at: time::OffsetDateTime,
) -> SignedApplication {
    let signature = test_ca::sign(
        kind,
        &application.applicant.iin,
        &application.canonical_bytes(),
        at,
    );
    SignedApplication {
        application,
        signature,
    }
}

/// A signing moment as the application carries it.
pub fn rfc3339(at: time::OffsetDateTime) -> String {
    at.replace_nanosecond(0)
        .unwrap_or(at)
        .format(&time::format_description::well_known::Rfc3339)
        .expect("a moment always formats")
}

/// The SHA-256 of `bytes`, lowercase hex, as a receipt names it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A fresh idempotency key: a real test environment keeps every key it has seen.
pub fn fresh_key() -> String {
    use rand::Rng;
    let bytes: [u8; 12] = rand::rng().random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("egov-contract-{hex}")
}

/// Sends `call`, a body larger than the server takes (the kit may stop sending once the server
/// answers), and expects the 413 problem `code`.
async fn too_large(ctx: &mut Ctx, call: Call, code: &str) -> Checked {
    let reply = ctx.send(call.oversize()).await?;
    reply.expect_problem(413, code)?;
    Ok(())
}

/// Withdraws every upload the kit made that no application holds.
pub async fn cleanup(ctx: &mut Ctx) {
    let mut withdraw = std::mem::take(&mut ctx.withdraw);
    withdraw.retain(|receipt| !ctx.held.contains(&receipt.id));
    for receipt in withdraw {
        let call = Call::new(Method::DELETE, format!("/uploads/{}", receipt.id))
            .bearer(&receipt.delete_token)
            .note("withdrawing the kit's upload with its delete_token");
        if ctx.send(call).await.is_ok_and(|r| r.status == 204) {
            ctx.created.uploads_withdrawn += 1;
        }
    }
}

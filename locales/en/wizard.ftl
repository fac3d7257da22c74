# English. Keys must match kk.ftl and ru.ftl exactly.
app-title = Apply for a state service
skip-to-content = Skip to main content
language-switch-label = Language
lang-kk = Қазақша
lang-ru = Русский
lang-en = English
language-load-failed = { $language } could not be loaded. Check the connection and choose { $language } again.
back = Back
continue = Continue
error-title-prefix = Error
error-summary-title = There is a problem
loading = Loading…

service-choice-heading = Which service are you applying for?
service-choice-hint = Select one service.
service-choice-required = Select a service

iin-heading = What is your individual identification number (IIN)?
iin-label = IIN
iin-hint = 12 digits, for example 791028302728. Spaces and dashes are ignored.
iin_empty = Enter your IIN
iin_not_digits = The IIN must contain digits only
iin_wrong_length = The IIN must be 12 digits (you entered { $actual })
iin_check_digit = This IIN is not valid: its check digit does not match. Check the number
iin_not_normalised = The IIN must contain digits only

check-heading = Check your answers
check-service = Service
check-iin = IIN
check-change = Change
check-confirm = Continue and sign

sign-heading = Sign your application with your EDS
sign-intro = Your application is sent once you sign it with your electronic digital signature (EDS).
sign-button = Sign and send
sign-pending = Signing and sending…
sign-test-certificate = Test certificate (development only)
stub-valid = Valid, my IIN
stub-expired = Expired
stub-revoked = Revoked
stub-other_iin = Another IIN
stub-cancel = User cancels
stub-not_running = Signing program not running

certificate_expired = Your certificate has expired. Sign with a valid EDS.
certificate_revoked = Your certificate has been revoked. Sign with a valid EDS.
certificate_iin_mismatch = This certificate belongs to another IIN. Sign with your own EDS.
certificate_not_yet_valid = This certificate is not valid yet.
certificate_untrusted = This certificate was not issued by a trusted authority.
signature_mismatch = The signature does not match the application. Sign again.
signature_malformed = The signature could not be read. Sign again.
signature_format_unsupported = This server does not accept this kind of signature.
signature_algorithm_unsupported = This server cannot verify GOST signatures. Sign with the RSA key of your EDS.
error-network = We could not reach the server. Check your internet connection and try again. What you entered is kept.
error-server = Something went wrong on the server. Try again in a moment. What you entered is kept.
error-unexpected = We got an unexpected answer. Try again. What you entered is kept.
rate_limited = There have been too many attempts in a short time. Wait a minute, then try again. What you entered is kept.
error-timeout = The server did not answer in time. Try again. What you entered is kept.
try-again = Try again
unknown_service = There is no such service.
service_not_online = This service does not take applications online.
server-field-error = This answer was not accepted. Change it and sign again.
document_missing = Attach this document
upload_unknown = The file was not found on the server. Attach it again.
validation_failed = The application has errors. Check the marked fields.

confirmation-heading = Application sent
confirmation-reference = Your reference number
confirmation-next = You can check the status of your application at any time.
confirmation-status-link = View the status of your application

status-heading = Application status
status-reference = Reference number
status-service = Service
status-current = Current status
status-submitted-at = Sent
status-not-found = No application has this reference number. Check the number.
status-history = History
status-submitted = Sent
status-registered = Registered
status-executor_assigned = Officer assigned
status-checked = Checked
status-signed = Signed by the head
status-result_issued = Result issued
status-refused = Refused
new-application = New application
page-not-found = Page not found

# Uploads and submissions the server refuses to protect what the person signed (issue 16).
upload_forbidden = This file can only be removed from the device that attached it.
upload_attached = This file belongs to an application that has been sent, so it cannot be removed.
upload_quota_exceeded = You have attached too many files that are not part of a sent application yet. Send your application, or try again later.
storage_full = The server cannot take files right now. Try again later. What you entered is kept.
signing_time_too_old = Your signature is too old to be accepted. Sign again.
signing_time_in_future = The time on your device is ahead of the server's. Check your device's date and time, then sign again.
upload_mismatch = The attached file is not the one the server holds. Attach it again.
document_not_requested = This document is not asked for by this service. Remove it and attach the documents listed.
upload_already_attached = This file is already part of another application. Attach it again.
idempotency_key_mismatch = Your application could not be matched with its signature. Sign again.
piece-failed = This part of the service could not be loaded. Check your internet connection and try again. Nothing you entered is lost.
piece-retry = Try again

# Signing with an EDS through NCALayer (or the development stub). Keys must match kk/ and ru/.
signer-cancelled = You cancelled signing. Sign again when you are ready.
signer-not-running = We could not connect to NCALayer, the signing program. Start NCALayer, or install it from ncl.pki.gov.kz, and try again. If NCALayer is already running, your browser may be blocking it: allow this site to access apps on this device in the site settings.
signer-loopback-blocked = Your browser blocked this page from connecting to NCALayer. In the browser's site settings, allow this site to access apps on this device (local network access), then try again.
signer-no-token = NCALayer found no key storage. Insert your token or ID card, or choose your key file, and try again.
signer-wrong-key-type = This key cannot sign documents. Choose your signing key (its file name starts with RSA or GOST), not the authentication key (AUTH).
signer-certificate-expired = Your EDS certificate has expired. Get a new one from the National Certification Centre (pki.gov.kz) and sign again.
signer-certificate-revoked = Your EDS certificate has been revoked. Get a new one from the National Certification Centre (pki.gov.kz) and sign again.
signer-iin-mismatch = This certificate belongs to another person. Sign with an EDS issued to the applicant's IIN.
signer-connection-lost = NCALayer closed the connection before signing finished. Start NCALayer again and sign again.
signer-timeout = NCALayer did not answer in time. Check whether its window is open behind this one, or restart NCALayer, and try again.
signer-busy = A signing request is already open in NCALayer. Finish it or close its window, then try again.
signer-unsupported = Your version of NCALayer cannot handle this request. Update NCALayer from ncl.pki.gov.kz and try again.
signer-failed = NCALayer could not sign the application. Try again; if it happens again, restart NCALayer.
signer-protocol = NCALayer sent an answer we could not read. Restart NCALayer and try again; if it happens again, update it from ncl.pki.gov.kz.
signer-not-loaded = The signing part of this page could not be loaded. Check your internet connection and sign again.

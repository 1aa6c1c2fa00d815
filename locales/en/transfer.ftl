## Transfer packages: src/transfer.

## Label: value lines (src/transfer/lines.rs)
package-file-malformed = { $what } is malformed ({ $why }); the file is damaged or was not made by infoflyt: ask the sender for a new one
package-why-not-utf8 = not UTF-8
package-why-empty = empty
package-why-no-final-newline = the last line has no newline
package-why-too-many-lines = too many lines
package-why-line-too-long = a line is too long
package-why-not-label-value = a line is not `Label: value`
package-why-line-ill-formed = the line { $label } is not well formed
package-why-label-missing = { $label } is missing or out of place
package-why-unexpected-line = unexpected line { $line }
package-why-bad-hex = a key or signature is not lowercase hex of the right length
package-field-unwritable = the value of { $label } cannot be written: use printable text without line breaks or surrounding spaces
package-why-bad-id = bad package id
package-why-bad-unit-name = bad unit name
package-why-not-canonical = not in canonical form
package-why-unknown-version = unknown version
package-why-too-large = too large
package-why-bad-seq = bad sequence number
package-why-bad-signature = its signature does not check out

## BagIt files (src/transfer/bagit.rs)
bag-file-malformed = the package's { $what } is malformed ({ $why }); it was damaged or altered: ask the sender for a new package
bag-why-version = unsupported version or encoding
bag-why-no-final-newline = empty, or no final newline
bag-why-not-checksum-line = a line is not `<sha256>  <path>`
bag-payload-out-of-order = payload file { $path } is out of order (a bug in the package writer)
bag-needs-package-json = a package needs data/package.json
bag-why-unexpected-entry = unexpected entry { $path }
bag-why-entries-out-of-order = entries out of order
bag-why-entries-missing = entries missing, extra or out of order
bag-why-bad-oxum = bad Payload-Oxum
bag-why-bad-date = bad Bagging-Date

## Unit cards (src/transfer/card.rs)
card-serial-from-one = a card's serial starts at 1
card-what = the unit card
card-why-unknown-version = unknown card version
card-why-unknown-level = unknown level
card-why-bad-serial = bad serial
card-why-bad-region = bad region
card-why-derived-mismatch = a derived line does not match the keys, or the card is not in canonical form
card-does-not-follow = this card for { $unit } (serial { $serial }) does not follow the trusted card (serial { $trusted }): it is older, for another unit, or not signed by the trusted key; confirm the new fingerprint with the unit by phone before trusting it
card-invalid = the unit card is not valid ({ $why }); it is damaged or forged: ask the unit for its card again

## Log checkpoints (src/transfer/checkpoint.rs)
checkpoint-invalid = the log checkpoint is not valid ({ $why }); it is damaged or forged
checkpoint-why-bad-time = bad time
checkpoint-why-seq-range = sequence number out of range
checkpoint-what = the log checkpoint
checkpoint-why-too-many = too many checkpoints in one file
checkpoint-head-malformed = the log's head hash is malformed
checkpoint-other-store = the checkpoint is of { $unit }'s log, not of this store: check the file
checkpoint-why-unknown-key = not signed by a key this unit has had
checkpoint-log-cut-back = the use log has been cut back or rewritten below a checkpoint that another unit holds: entry { $seq } with hash { $hash }…, signed at { $time }, is no longer in it. Report the incident; do not work in this store until it is restored
checkpoint-none-received = no checkpoint has been received from { $unit }
checkpoint-kept-malformed = a kept checkpoint is malformed
checkpoint-store-id-malformed = the store id is malformed

## Package contents (src/transfer/contents.rs, walk.rs)
package-why-archive-order = archive files missing, extra or out of order
package-too-many-files = the package holds more files than the limit of { $limit }; it is refused
package-too-large = the package is larger than the limit of { $limit } bytes; it is refused
package-why-cut-short = an archive file is cut short
package-why-tag-files-missing = tag files missing
package-why-tag-manifest-unsigned = the tag manifest is not the one the signature names
package-why-tag-files-mismatch = the tag files do not match the tag manifest
package-why-bag-info-mismatch = bag-info.txt does not match the package
package-why-payload-mismatch = payload files missing, unlisted or changed
package-why-file-too-large = a file is larger than allowed
package-why-no-bag-dir = no bag directory
package-not-for-this-unit = this package is not encrypted to this unit's key: it was sent to another unit, or to an old key of this unit; ask the sender to check the unit card they used
package-cannot-read = cannot read the package
package-why-bad-age-header = unreadable encryption header
package-why-no-decrypt = the encrypted contents do not decrypt
package-why-not-plain-file = an archive entry is not a plain file
package-why-bad-entry = unreadable archive entry
package-file-too-large = a file in the package is larger than the limit of { $limit } bytes; it is refused
package-why-data-after-end = data after the end of the archive

## Transfers (src/transfer/destroy.rs, export.rs, import.rs)
transfer-folder-missing = the folder of person { $person }, sent in a transfer, is missing; report it
transfer-doc-not-in-folder = { $jno } is not in the folder of the person named
transfer-processed-goes-down = processed versions go down the chain: from KSF to a region or a local unit, from a region to a local unit
transfer-copy-up-to-unit = copy-up goes to a unit
transfer-nothing-owed = nothing is owed to { $unit }: every copy has been sent (`package pending`)
transfer-authlist-to-ksf = list changes go to KSF
transfer-no-list-changes = no list changes are waiting to be sent (`auth pending`)
transfer-casework-to-unit = casework goes to a unit
transfer-queued-change-malformed = a queued list change is malformed
transfer-log-head-malformed = the log's head is malformed
transfer-doc-person-unlisted = a document's person was not listed
transfer-export-undo-failed = the package was not written ({ $why }), and its record could not be undone: { $error }
transfer-cannot-write = cannot write { $path }

## Package header and fingerprints (src/transfer/header.rs, fingerprint.rs)
package-invalid-id = invalid package id { $id }: use 1–{ $max } letters, digits, '-', '_' or '.', starting with a letter or digit
package-invalid-unit-name = invalid unit name { $name }: use 1–{ $max } printable characters without surrounding spaces
package-bad-trusted-comment = the package signature's trusted comment is not one infoflyt writes ({ $why }); the signature file is damaged or belongs to something else
package-why-too-long = too long
package-why-fields-missing = fields missing or out of order
package-why-extra-fields = extra fields
package-why-invalid-id = invalid package id
package-why-invalid-unit-name = invalid unit name
package-why-invalid-digest = invalid tag manifest digest
card-fingerprint-bad-char = { $text } is not a card fingerprint: expected 20 characters such as 7K3M-…, as the other unit reads it out
card-fingerprint-bad-length = { $text } is not a card fingerprint: expected 20 characters, got { $count }
transfer-contents-disagree = the package's contents list does not agree with its signed header or its files: it was made wrongly or altered before it was signed
transfer-checkpoint-missing = the package's log checkpoint is missing or not the sender's
transfer-sender-log-went-back = the use log of { $sender } went back: an earlier package of theirs showed entry { $seq }, and this one is at { $cseq } or names another hash there. Their store was cut back or restored from an older copy; tell them to run `infoflyt log verify`, and report the incident
transfer-decision-person-unplaced = a decision's person was not placed
transfer-folder-no-key = the folder has no key for this grading
transfer-more-documents = more documents than listed
transfer-doc-person-unplaced = a document's person was not placed
transfer-doc-changed = a document changed since it was verified
transfer-doc-too-long = the document is longer than its declared size
transfer-doc-too-short = the document is shorter than its declared size
transfer-doc-changed-in-package = a document in the package changed since it was verified

## Minisign files (src/transfer/minisig.rs)
minisign-invalid = the { $what } is not a valid minisign file ({ $why }); it is damaged or is not the one for this package: ask the sender for the file again
minisign-what-public-key = public key
minisign-what-signature = package signature
minisign-why-base64 = bad base64
minisign-why-algorithm = unknown algorithm
minisign-why-not-two = not two lines
minisign-why-not-four = not four lines
minisign-why-comment = bad comment line
minisign-why-untrusted = bad untrusted comment line
minisign-why-trusted = bad trusted comment line
minisign-why-not-prehashed = not a prehashed (ED) signature
minisign-comment-unwritable = a signature's trusted comment must be one line of printable text
minisign-other-key = the package was signed by another key (key id { $found }) than the sending unit's ({ $expected }): it is not from that unit, or its card has changed
minisign-mismatch = the package's signature does not match the package file: it was changed, truncated or swapped after it was signed; do not open it, and ask the sender for a new copy

## Opening packages (src/transfer/mod.rs, open.rs)
package-cannot-read-signature = cannot read the package's signature { $path }
package-file-missing = no package file { $path }: check the path (the signature { $path }.minisig must lie beside it)
package-file-is-directory = { $path } is a directory: give the package file (…ifp) in it
package-signature-too-large = { $path } is too large to be a package signature; it is not the right file
package-no-key-to-open = no key to open the package with
package-changed-between-passes = the package changed after it was verified (a document no longer matches); nothing was imported: make sure nothing else writes to the media, and try again

## Package contents list (src/transfer/payload.rs, payload/, queue.rs)
package-unknown-basis = unknown legal basis { $basis }: use fvl-13b-5, fvl-13b-6 or other:TEXT
package-ksf-untrusted = KSF (no card trusted yet)
package-why-field-hex = { $what } is not lowercase hex of { $bytes } bytes
package-why-field-bad = bad { $what }
package-why-field-spaces = { $what } has surrounding spaces
package-why-person = a person: { $error }
package-why-person-not-canonical = a person's facts are not in canonical form
package-why-documents-order = documents are not listed in payload order
package-why-bad-doc-version = bad document version
package-why-bad-content-kind = bad content kind
package-why-bad-grading = bad grading
package-why-bad-source = bad source
package-why-grading-not-canonical = a grading or source is not in canonical form
package-why-bad-list-change = bad list change
package-why-bad-list = bad list
package-why-bad-receipt-version = bad version in the receipt
package-why-bad-basis = bad legal basis
package-why-basis-not-canonical = the legal basis is not in canonical form
package-why-bad-casework-record = bad casework record
package-why-decision = a decision: { $error }
package-why-review = a review: { $error }
package-why-bad-casework-kind = bad casework kind
package-why-unknown-format = unknown format (made by a newer infoflyt?)
package-why-too-many-entries = too many entries
package-why-unknown-kind = unknown kind
package-why-bad-level = bad level
package-why-kind-not-canonical = a kind or level is not in canonical form
package-why-person-twice = a person is listed twice
package-why-doc-person-unlisted = a document names a person the package does not list
package-why-version-twice = a document version is listed twice
package-why-no-casework = a { $kind } package carries no casework
package-why-wrong-shape = it does not hold what a { $kind } package holds
package-field-checkpoint-store = checkpoint store
package-field-checkpoint-head = checkpoint head
package-field-checkpoint-key = checkpoint key
package-field-checkpoint-signature = checkpoint signature
package-field-person-uid = person uid
package-field-document-person = document person
package-field-journal-number = journal number
package-field-title = title
package-field-derived-from = derived-from
package-field-information-date = information date
package-field-file-name = file name
package-field-list-change-store = list change store
package-field-list-change-unit = list change unit
package-field-list-change-time = list change time
package-field-list-change-admin = list change admin
package-field-agreement = agreement
package-field-list-change-signer = list change signer
package-field-list-change-signature = list change signature
package-field-receipt-digest = receipt digest
package-field-import-time = import time
package-field-transfer-person = transfer person
package-field-consulted-unit = consulted unit
package-field-consulted-with = consulted with
package-field-consultation-time = consultation time
package-field-disclosure-person = disclosure person
package-field-recipient = recipient
package-field-decision-person = decision person
package-field-sender = sender
package-field-receiver = receiver
package-field-creation-time = creation time
package-field-officer = officer
package-cannot-encode = cannot encode package.json: { $error }
package-cannot-encode-casework = cannot encode a casework record: { $error }

## Receipts (src/transfer/receipt.rs, receipt/send.rs)
receipt-never-sent = the receipt is for package { $package }, which this unit never sent to { $unit }
receipt-mismatch = the receipt does not match package { $package } as this unit sealed it
receipt-already = package { $package } was acknowledged by an earlier receipt
receipt-list-change-unsigned = a list change in the package does not carry its admin's signature
receipt-not-found = { $id } is not the receipt of a package imported here (see `log list`)
receipt-sender-untrusted = { $unit } is no longer trusted
receipt-digest-malformed = a recorded digest is malformed

## Consultations and disclosures (src/transfer/registers.rs)
transfer-invalid-time = invalid { $what } { $value }: use YYYY-MM-DD, "YYYY-MM-DD HH:MM" or RFC 3339
transfer-time-in-future = the { $what } { $time } is in the future: record it once it has happened
transfer-cannot-encode-documents = cannot encode the documents: { $error }
transfer-what-time = time
transfer-consultation-not-stored = the consultation was not stored
transfer-doc-not-in-person-folder = { $jno } is not in person { $person }'s folder
transfer-disclosure-not-stored = the disclosure was not stored

## Sealing packages (src/transfer/seal.rs)
package-cannot-write-part = cannot write the package ({ $part })
package-part-file-name = file name
package-part-age-header = age header
package-part-tag-file = tag file
package-part-document = document
package-part-end-of-archive = end of archive
package-part-end-of-encryption = end of encryption
package-part-flush = flush
package-json-too-large = package.json is larger than { $limit } bytes; send the contents in several packages
package-cannot-encrypt = cannot encrypt the package: { $error }
package-too-many-documents = a package holds at most { $max } documents; split the transfer
package-would-be-too-large = the package would be larger than allowed (at most { $per_document } bytes per document, { $total } in all); split the transfer
package-json-twice = package.json added twice
package-signature-exists = { $path } exists: it is never overwritten; name a new package file

## Inner signatures (src/transfer/signatures.rs)
package-invalid-officer-name = invalid officer name { $name }: use 1–{ $max } printable characters
package-what-inner-signatures = the package's inner signatures
package-why-bad-officer-name = bad officer name

## Trusted units and external recipients (src/transfer/trust.rs)
card-too-many = too many cards
card-what-trust-units = trust other units
card-own-card = that is this unit's own card: trust the other unit's card
card-fingerprint-mismatch = the card's fingerprint is { $actual }, not the { $given } you were given: this card is not the one { $unit } read out. Nothing was trusted; ask the unit to send its card again
card-trusted-not-stored = the trusted unit was not stored
card-what-name-recipients = name external recipients
card-what-recipient-name = recipient name
card-recipient-name-like-key = a recipient's name cannot look like an age key
card-recipient-not-stored = the recipient was not stored
card-no-external-recipient = no external recipient named { $name }: an admin names one with `unit trust-external NAME --recipient age1…`, or give the age key itself
card-trust-unsigned = the trusted card of { $unit } is not the one a signed trust change put there: someone holding the store key has changed whom this unit trusts; nothing is sealed to it or accepted from it. Report the incident, then have an admin compare the fingerprint by phone again (`unit trust`)
card-trust-stray = use-log entry { $seq } records a trust change for { $unit } that counts for nothing: it names no card, or a card that does not follow from the one trusted before it (a rollover must be signed by the key trusted before). Someone holding the store key may have tried to change whom this unit trusts. Report the incident
card-external-unsigned = the age key stored for external recipient { $name } is not the one an admin named in a signed change: someone holding the store key has changed it; nothing is sealed to it. Report the incident, then have an admin name the recipient again (`unit trust-external`)

## age keys (src/transfer/agekey.rs)
package-not-age-recipient = { $text } is not an age recipient: expected `age1…` ({ $len } characters), as `age-keygen -y` prints it
package-age-refused-recipient = the age library refused a recipient: { $error }
package-not-age-identity = not an age identity: expected one line `AGE-SECRET-KEY-1…`, as `age-keygen` writes it
package-cannot-encode-age-key = cannot encode the unit's key for age
package-age-refused-key = the age library refused the unit's key: { $error }
receipt-not-written = the package was imported, but its receipt could not be written ({ $error }): write it again with `infoflyt package receipt { $id } --out DIR`
transfer-copies-go-up = copies go up the chain: from a local unit to its region ({ $region }) and to KSF, from a region to KSF; { $unit } is neither for this unit
transfer-no-region = none
bag-unknown-file = the package holds a file named { $name }, which infoflyt never writes: it was altered or made by something else; do not unpack it

# infoflyt — English messages.
#
# Every message here has a twin with the same id and the same variables in
# locales/nb/infoflyt.ftl (tests/i18n.rs checks). Requirement ids (R3, R26 …) never appear
# in a message: they belong in docs/rules.md. See docs/i18n.md for how to add a message.

## Errors (src/error.rs)

error-refused = refused ({ $rule }): { $message }
error-io-disk-full = { $context }: the disk is full; free space and try again
error-io-permission = { $context }: permission denied; check that you run as the store's owner
error-io = { $context }: { $error }
error-db-damaged = the store's database failed its integrity check (page authentication or structure): it is damaged or has been tampered with; restore it from a backup and report the incident
error-db-disk-full = the disk is full: the change was refused and nothing was written; free space and try again
error-db-busy = the store is busy with another process that did not finish in time; try again
error-db-read-only = the store cannot be written ({ $error }); check the disk and the permissions of the store directory
error-db-io = an I/O error stopped the store ({ $error }); the disk may be full or failing; nothing was committed
error-db-other = database error: { $error }

## The rules a refusal names (src/error.rs)

rule-role = role
rule-clearance = clearance
rule-folder-restricted = folder restricted
rule-not-on-the-list = not on the list
rule-last-reader = last reader
rule-list-size = list size
rule-health-confidentiality = health confidentiality
rule-binary-contents = binary contents

## Output (src/cli/output.rs)

output-json-failed = cannot encode JSON: { $error }

## Help (src/cli/localise.rs, src/cli/args.rs)

cli-about = INFOFLYT: the encrypted register of the correctional service's special-risk inmates
cli-long-about =
    INFOFLYT: the encrypted register of the correctional service's special-risk inmates.

    Every command except `init` and `quickstart` unlocks the store as a personal user: the passphrase is asked for on the terminal (no echo) or read as one line from --passphrase-fd N. It is never taken from arguments or the environment.
cli-heading-usage = Usage:
cli-heading-commands = Commands
cli-heading-options = Options
cli-heading-arguments = Arguments
cli-flag-help = Print help
cli-help-about = Print this message or the help of the given subcommand(s)
cli-flag-version = Print version
cli-opt-store = The store directory
cli-opt-user = Your personal user name (give it before the command: `log list --user` filters)
cli-opt-passphrase-fd = Read your passphrase as one line from file descriptor N instead of the terminal
cli-opt-json = Print one JSON document on stdout (messages for people still go to stderr)
cli-opt-lang = Language of messages and help: nb (bokmål) or en; by default bokmål when LC_ALL, LC_MESSAGES or LANG names a Norwegian locale, else English
cli-init-about = Create a new store for one unit, with its keys and first admin
cli-quickstart-about = Build a demo store with sample users, persons and documents, and show what to try
cli-user-about = Accounts on the unit's authorisation list
cli-verify-about = Check the integrity of the whole store
cli-person-about = Persons in the register
cli-network-about = Networks and their members
cli-doc-about = Graded documents in the persons' folders
cli-journal-about = The unit's journal
cli-log-about = The use log
cli-auth-about = The unit's authorisation list as data, and changes queued for KSF
cli-folder-about = A folder's need-to-know list: who holds its key
cli-store-about = Settings of the whole store (admins change them)

cli-person-add-about = Register a person; prints the id (`--json`: {"{"}"id": …{"}"})
cli-person-add-opt-name = Full name
cli-person-add-opt-kind = inmate (sentenced), remand, or associate (visitor, contact, network member)
cli-person-add-opt-born = Date of birth, YYYY-MM-DD
cli-person-add-opt-unit = Current unit, matched to the list's spelling (see `person units`)
cli-person-add-opt-risk = Risk categories: escape, outside-attack, hostage-taking, serious-crime, protection
cli-person-add-opt-affiliation = Affiliations: organised-crime, terrorist, political-extremist, religious-extremist
cli-person-add-opt-offence = Type of offence
cli-person-add-opt-sentence = Sentence length
cli-person-add-opt-conduct = Earlier conduct in prison
cli-person-add-opt-new-unit = The unit is new to the list: take --unit as given even when it is close to a known unit (see `person units`)
cli-person-list-about = List persons (logged as a use of the register)
cli-person-list-opt-unit = Only this unit (any case)
cli-person-list-opt-kind = Only this kind
cli-person-show-about = Show one person with links, networks, co-locations and documents (logged)
cli-person-show-opt-id = Person id
cli-person-update-about = Change a person's details; only the options given change, and the old values stay in the history
cli-person-update-opt-id = Person id
cli-person-update-opt-kind = Kind: inmate, remand or associate
cli-person-update-opt-unit = Current unit, matched to the list's spelling (`--unit ""` clears it)
cli-person-update-opt-risk = Risk categories: escape, outside-attack, hostage-taking, serious-crime, protection
cli-person-update-opt-affiliation = Affiliations: organised-crime, terrorist, political-extremist, religious-extremist
cli-person-update-opt-offence = Type of offence
cli-person-update-opt-sentence = Sentence length
cli-person-update-opt-conduct = Earlier conduct in prison
cli-person-update-opt-new-unit = The unit is new to the list: take --unit as given even when it is close to a known unit (see `person units`)
cli-person-link-about = Link a person to another: ID is a visitor / phone contact / correspondent of OTHER
cli-person-link-opt-id = Person id
cli-person-link-opt-to = The other person's id
cli-person-link-opt-kind = Kind of link
cli-person-release-about = Register, correct or withdraw the release time. At local and regional stores the folder and register entry are destroyed when it takes effect: at that time, but never sooner than an hour after it was registered, and until then it can be corrected
cli-person-release-opt-id = Person id
cli-person-release-opt-at = When: YYYY-MM-DD (midnight UTC) or RFC 3339; a new time corrects the old one
cli-person-release-opt-withdraw = Withdraw the registered release
cli-person-kompis-marks-about = Whom to mark and unmark in KOMPIS since the last acknowledgement
cli-person-kompis-marks-opt-ack = Record that the list has been carried out in KOMPIS
cli-person-find-about = Find persons by name (any case, with or without æ, ø, å and accents) or birth date (YYYY-MM-DD, DD.MM.YYYY or a year); logged
cli-person-find-opt-text = Words of the name (each matches the start of a word), a birth date or a year
cli-person-correct-about = Correct a wrong name or birth date; the old values stay in the person's history
cli-person-correct-opt-id = Person id
cli-person-correct-opt-name = The right name
cli-person-correct-opt-born = The right date of birth, YYYY-MM-DD ("" clears it)
cli-person-correct-opt-reason = Why (kept in the history)
cli-person-history-about = A person's history: every correction and change, with the old values; logged
cli-person-history-opt-id = Person id
cli-person-unlink-about = Remove the links between two persons (both directions; only one kind with --as)
cli-person-unlink-opt-id = Person id
cli-person-unlink-opt-from = The other person's id
cli-person-unlink-opt-kind = Only this kind of link
cli-person-units-about = The list of units persons are placed in (what --unit is matched against)

cli-network-add-about = Register a network with a purpose beyond friendship
cli-network-add-opt-name = Name
cli-network-add-opt-kind = Kind: organised-crime, terrorist, political-extremist, religious-extremist, robbery, mc, enforcers, drugs, gang, other
cli-network-add-opt-purpose = Its purpose, and why it is part of today's threat picture
cli-network-add-opt-member = Member person ids
cli-network-join-about = Add members to a network (again, for a member who left)
cli-network-join-opt-id = Network id
cli-network-join-opt-person = Person ids
cli-network-list-about = List active networks and the co-locations standing now
cli-network-list-opt-all = Include retired networks
cli-network-leave-about = Persons leave a network (kept on record with the time they left)
cli-network-leave-opt-id = Network id
cli-network-leave-opt-person = Person ids
cli-network-retire-about = Retire a network that is no longer part of today's threat picture (kept for the record; no longer active, no co-location warnings)
cli-network-retire-opt-id = Network id
cli-network-retire-opt-reason = Why

cli-doc-print-about = Print a text document to a PDF with its markings, as a numbered copy (logged). Never overwrites
cli-doc-print-opt-jno = Journal number, optionally @VERSION
cli-doc-print-opt-out = Output PDF; must not exist
cli-doc-print-opt-purpose = Why you print it (recorded in the log and on the first page)
cli-doc-print-opt-to = Who the paper is for when it leaves the service's own use (e.g. KSF, Kripos, "Oslo politidistrikt"); as for an export, information learnt as an assistant to health personnel is never printed for police
cli-doc-print-opt-basis = The legal basis of a print for police (required then): fvl-13b-5, fvl-13b-6 or other:TEXT. A print given on a basis enters the disclosure register
cli-doc-print-opt-not-police = The recipient is not police: needed for a recipient this program knows neither as police nor as the correctional service (recorded in the use log with the print)
cli-journal-print-about = Print one year's journal to a PDF for an inspection (logged). Never overwrites
cli-journal-print-opt-year = The year
cli-journal-print-opt-out = Output PDF; must not exist
cli-log-report-opt-pdf = Print the report, with every entry, to this PDF for an inspection (logged)
cli-journal-list-opt-limit = Only the newest N rows (still oldest first)
cli-log-verify-opt-no-signatures = Check only the chain (sequence, links, hashes, signers), not the signatures: a quick check. A full check is still needed to trust the log
cli-retention-about = Destruction at release and after ten years: what is due, the sweep, KSF's holds
cli-retention-due-about = What will be destroyed within N days, and when (overdue first)
cli-retention-due-opt-days = How many days ahead
cli-retention-sweep-about = Destroy what is due now (every unlock does this too; for a timer)
cli-retention-hold-about = Keep a person's folder or one document past its ten years (KSF officers with decision authority)
cli-retention-hold-opt-person = The person whose whole folder and register entry to keep
cli-retention-hold-opt-doc = The document to keep (every version)
cli-retention-hold-opt-until = Kept through this day (YYYY-MM-DD), at most ten years ahead
cli-retention-hold-opt-reason = Why KSF keeps it
cli-retention-release-hold-about = Lift a hold (KSF officers with decision authority)
cli-retention-release-hold-opt-id = The hold's id (see `retention holds`)
cli-retention-holds-about = The holds in force
cli-retention-holds-opt-all = Every hold ever placed, lifted and expired ones too

## Printing (src/print/, src/cli/print.rs). What goes onto paper is always in bokmål; the
## English texts are kept for completeness and for tests.

print-page = page { $page } of { $pages }
print-doc-header = Journal no. { $jno } v{ $version } · copy no. { $copy }
print-notice-unverified = NOT VERIFIED: the correctness of the information has not been established
print-notice-health = HEALTH-CONFIDENTIAL (Health Personnel Act): never to be passed to police
print-doc-source = Source: { $source } · information dated { $date }
print-doc-derived = Processed version of { $from }
print-doc-printed = Printed by { $user }, { $unit }, { $time }
print-doc-purpose = Purpose: { $purpose }
print-doc-done = Printed { $jno } v{ $version } ({ $grading }) as copy no. { $copy } to { $out } ({ $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }). Keep it as the grading demands.
print-report-done = Wrote { $out } ({ $pages ->
        [one] 1 page
       *[other] { $pages } pages
    }).
print-too-large = { $jno } is { $size } bytes, too large to print (its text is laid out in memory)
print-binary = { $jno } holds binary contents, which cannot be printed as text (this attempt is in the use log)
print-bad-year = invalid year { $year }: give a year such as 2026
print-cannot-write = cannot write { $out }
print-hint-export = a copy of the stored bytes is made with `doc export { $jno } --out FILE`
print-copy-failed = copy no. { $copy } of { $jno } was not written ({ $error }); the log records it as failed
print-copy-failed-unlogged = { $error }; and the failure could not be logged: { $log_error }
print-no-room = the page has no room left for text under its markings
print-report-marking = EXEMPT FROM PUBLIC ACCESS
print-report-exempt = Exempt from public access: offl. § 13 cf. fvl. § 13; the protection instruction
print-report-printed = Unit: { $unit } · printed { $time } by { $user }
print-report-empty = (no entries)
print-journal-title = INFOFLYT journal { $year }
print-log-title-user = Use log: what { $user } used
print-log-title-doc = Use log: who used { $jno }
print-log-summary = Summary
print-log-entries = Entries
print-col-journal = JOURNAL NO.
print-col-version = V
print-col-date = DATE
print-col-grading = GRADING
print-col-status = STATUS
print-col-counterpart = FROM/TO
print-col-by = BY
print-col-exemption = EXEMPTION
print-col-user = USER
print-col-document = DOCUMENT
print-col-act = ACT
print-col-count = COUNT
print-col-first = FIRST
print-col-last = LAST
print-col-seq = SEQ
print-col-time = TIME
print-col-outcome = OUTCOME
print-col-person = PERSON
print-col-purpose-detail = PURPOSE / DETAIL
journal-status-received = received
journal-status-created = created
journal-status-sent = sent
journal-status-destroyed = destroyed
source-kripos = Kripos
source-pst = PST
source-police = police
source-ksf = KSF
source-region = region
source-local = own unit
source-other = other

## The register (src/register/, src/cli/person.rs, src/cli/person_upkeep.rs)

register-clerical = clerical staff cannot { $act }; ask an officer on the list
person-add-officer-only = a person is registered by an officer, who makes the folder's keys; an admin keeps the list and reads no folder
act-register-persons = register persons
act-change-persons = change persons
act-correct-persons = correct persons
act-link-persons = link persons
act-unlink-persons = unlink persons
act-register-releases = register releases
act-register-networks = register networks
act-change-networks = change networks
field-name = name
field-born = date of birth
field-kind = kind
field-unit = unit
field-risks = risks
field-affiliations = affiliations
field-offence = offence
field-sentence = sentence
field-conduct = conduct
field-release = release
field-link = link
person-bad-date = invalid date { $value }: use YYYY-MM-DD
person-bad-time = invalid time { $value }: use YYYY-MM-DD or RFC 3339
person-born-implausible = date of birth { $value } is not plausible: it must lie between 1900-01-01 and today
person-release-implausible = release time { $value } is not plausible (a year from 1900 to 2199): check the year
person-no-readers = no officer is on the unit's list yet, so nobody could read this person's folder: ask the admin to add officers first
person-not-found = no person with id { $id }: see `person list` or `person find`
person-link-self = a person cannot be linked to themself
person-no-link = person { $id } and person { $other } are not linked (as asked): see `person show { $id }`
person-correct-nothing = give the right name, the right date of birth, or both
person-correct-same = the values given are the ones registered: nothing to correct
person-find-empty = give words of the name, a birth date (YYYY-MM-DD or DD.MM.YYYY) or a year, at most 8 words
person-find-too-many = more than { $limit } persons match: give more of the name, or the birth date
person-find-none = No person matches.
person-similar = warning: { $count ->
        [one] a registered person looks like this one
       *[other] { $count } registered persons look like this one
    }: { $candidates }. If it is the same person, use the existing record (`person correct` fixes a wrong name or birth date).
person-similar-one = { $id } ({ $name })
person-similar-one-born = { $id } ({ $name }, born { $born })
person-added = Registered person { $id } ({ $name }); their folder is created.
person-updated = Updated person { $id }.
person-corrected = Corrected person { $id }; the old values are in `person history { $id }`.
person-linked = Linked: person { $id } is { $kind } of person { $other }.
person-unlinked = Removed { $count ->
        [one] 1 link
       *[other] { $count } links
    } between person { $id } and person { $other }.
person-history-none = No changes recorded for person { $id }.
person-link-is = is { $kind } of { $name } ({ $id })
person-link-has = { $name } ({ $id }) is { $kind } of this person
label-born = born
label-unit = unit
label-risks = risks
label-affiliations = affiliations
label-offence = offence
label-sentence = sentence
label-conduct = conduct
label-release = release
label-link = link
label-network = network
label-colocation = co-location
label-documents = documents
label-decisions = decisions
col-id = ID
col-name = NAME
col-kind = KIND
col-born = BORN
col-unit = UNIT
col-risks = RISKS
col-affiliations = AFFILIATIONS
col-time = TIME
col-user = USER
col-field = FIELD
col-old = OLD
col-new = NEW
col-reason = REASON
col-members = MEMBERS
col-status = STATUS
col-purpose = PURPOSE
kompis-mark = Mark in KOMPIS:
kompis-unmark = Unmark in KOMPIS:
kompis-none = (none)
kompis-acked = Acknowledged: the next list starts from here.
kompis-hint = When done in KOMPIS, run `person kompis-marks --ack`.
unit-taken-as = unit "{ $given }" taken as "{ $unit }", its spelling in the register
unit-new = note: "{ $unit }" is a unit new to the register's list
unit-near-miss = unit "{ $given }" is not on the list but is close to { $close }: give the unit as listed (see `person units`), or say that "{ $given }" is a unit of its own
unit-hint-new = --new-unit says so
colocation = { $count } members of network "{ $network }" ({ $kind }) are placed in { $unit } (persons { $persons })
colocation-warning = warning: { $colocation }
code-inmate = inmate
code-remand = remand
code-associate = associate
code-escape = escape
code-outside-attack = outside attack
code-hostage-taking = hostage-taking
code-serious-crime = serious crime
code-protection = protection
code-organised-crime = organised crime
code-terrorist = terrorist
code-political-extremist = political extremist
code-religious-extremist = religious extremist
code-visitor = visitor
code-phone-contact = phone contact
code-correspondent = correspondent
code-robbery = robbery
code-mc = MC
code-enforcers = enforcers
code-drugs = drugs
code-gang = gang
code-other = other
code-admin = admin
code-officer = officer
code-clerical = clerical
code-active = active
code-disabled = disabled
network-purpose-needed = a network needs a purpose beyond friendship that is part of today's threat picture: describe it
network-exists = a network named "{ $name }" exists already (a retired network keeps its name): choose another name
network-not-found = no network with id { $id }: see `network list`
network-retired-already = network { $id } was retired at { $at }: it cannot be changed
network-not-member = person { $person } is not a current member of network { $id }
network-retire-reason = say why the network is retired, in 3–500 characters
network-added = Registered network { $id }.
network-joined = Added { $count ->
        [one] 1 member
       *[other] { $count } members
    } to network { $id }.
network-left = { $count ->
        [one] 1 member
       *[other] { $count } members
    } left network { $id }.
network-retired = Retired network { $id }; it is kept for the record.
network-status-active = active
network-status-retired = retired { $at }
network-colocations = Co-locations:

## log verify (src/cli/log.rs)

log-verify-intact = The use log is intact: { $entries } entries, chain and signatures verified; head { $head }.
log-verify-chain-intact = The use log's chain is intact: { $entries } entries, sequence, links, hashes and signers checked; signatures NOT checked (run log verify without --no-signatures for that); head { $head }.
## Transfer packages, trust between units, consultations and disclosures (src/transfer/,
## src/cli/transfer.rs, src/cli/unit.rs)

rule-prior-consultation = prior consultation
package-progress-seal = sealing the package
package-progress-import = importing documents
package-exported = Wrote { $file } ({ $kind }, number { $seq } to { $receiver }): { $count ->
        [one] 1 document
       *[other] { $count } documents
    }, { $size } bytes, signature { $signature }.
package-receipt-again = Wrote the receipt { $id } again: { $file }
package-gap = warning: package { $seq } from { $sender } has not arrived
package-imported = Imported { $id } ({ $kind }, number { $seq } from { $sender }): { $count ->
        [one] 1 document
       *[other] { $count } documents
    } filed.
package-imported-doc = { $jno } v{ $version } from { $sender } { $sender_jno } v{ $sender_version }
package-imported-doc-already = { $jno } v{ $version } from { $sender } { $sender_jno } v{ $sender_version } (already here)
package-card-rollover = { $sender } rolled its keys over; its new card is trusted now.
package-folder-destroyed = The transfer is acknowledged: the folder of person { $person } is destroyed here, its keys first.
package-folder-kept = The transfer is acknowledged: the documents it carried of person { $person } are destroyed here. { $kept } document version(s) did not travel with it (written while it was on its way, or not filed there) and are kept, with the folder: send them with another transfer.
receipt-transfer-unlogged = package { $package } is recorded here as a transfer of person { $person }, but the use log has no export of it as one by an officer: the record was changed with the store key, and nothing is destroyed
package-receipt-written = Receipt for the sender: { $file } (with its .minisig and .card).
package-inspected = { $id } ({ $kind }, number { $seq } from { $sender } to { $receiver }), made by { $officer } at { $at }; verified.
package-inspected-persons = Persons: { $persons }
package-owed-copy-up = copy-up to { $unit }
package-pending-authlist = List changes waiting for KSF: { $count }
package-pending-casework = Owed: { $kind } of decision { $decision } to { $unit } ({ $level }): { $why }
package-imported-casework = Casework received: { $decisions } decision(s) for review or onward report, { $reviews } review(s) of decisions taken here
package-awaiting-receipt = Awaiting the receipt of { $id } ({ $kind } to { $receiver }, number { $seq })
package-nothing-imported = { $why }; nothing was imported
package-needs-receiver = the receiving unit is not named
package-receiver-untrusted = { $unit } is not a unit this store trusts: an admin trusts its card first (`unit trust`)
package-nothing-named = nothing to send: name documents or a person
package-needs-recipient = the external recipient is not named
package-external-one-person = an external package is about one person: name the person
package-transfer-one-person = a transfer moves one person's folder: name the person
package-authlist-to-ksf = list changes are sent to KSF: name KSF's unit as the receiver
disclosure-needs-basis = a disclosure to police needs its legal basis: fvl-13b-5, fvl-13b-6 or other:TEXT
disclosure-declare-not-police = { $recipient } is a name this program knows neither as police nor as the correctional service. If the copy goes to police, give its legal basis with --basis (it is then a disclosure, registered); if not, say so with --not-police, which the use log records with the copy
package-usage-to = package export --kind { $kind } needs --to UNIT
package-usage-external = package export --kind external needs the recipient (--recipient age1…|NAME), the person (--person ID) and the legal basis (--basis fvl-13b-5|fvl-13b-6|other:TEXT)
package-usage-transfer = package export --kind transfer needs --person ID (the person whose folder moves)
package-usage-processed-down = package export --kind processed-down needs --doc JNO,… or --person ID
disclosure-usage-basis = disclosure record --oral needs the legal basis: --basis fvl-13b-5|fvl-13b-6|other:TEXT
package-not-found = no package { $file }: check the path
package-refused-untrusted = the package comes from { $sender }, which this store does not trust: an admin trusts its card after checking the fingerprint by phone
package-refused-unknown-key = the package is not signed with the key of { $sender } this store trusts, and no new card of that unit comes with it
package-refused-neither-key = the package's signature is by neither the trusted nor the new card's key
package-refused-card-unreadable = the card beside the package is unreadable or too large
package-refused-receiver = the package is addressed to { $receiver }, not to this unit ({ $me }); send it on to its receiver or back to the sender
package-refused-sender = the package names { $named } as its sender, but it is signed with the key of { $signer }; do not import it, and report it
package-refused-replay = this package ({ $id }, number { $seq } from { $sender }) was imported before: a package is imported once, and a copy of it is a replay
package-refused-damaged = the package is damaged or was altered ({ $what }); do not import it, and ask the sender for a new copy
package-refused-inner-signatures = the signatures inside the package do not match its contents or its sender: it was altered, or signed by another unit or officer; do not import it, and report it
package-refused-contents-list = the package's contents list (package.json) is not valid ({ $why }); do not import it, and ask the sender for a new package
package-refused-import-role = documents are filed by an officer, who makes and holds folder keys; { $name } is { $role }
package-refused-import-clearance = the package holds { $grading } documents and { $name } has { $clearance } clearance: an officer cleared for it must import it
package-refused-rotation-pending = a folder of this package must get a new key after a reader left, and this user cannot make it: an officer who reads it must import
package-not-for-units = a { $kind } package is not imported by a unit (this version of infoflyt reads none)
package-no-casework-owed = no decision or review is owed to { $unit }: every one has been sent (`package pending`)
package-casework-untrusted = the package forwards a decision of { $unit }, which this store does not trust: an admin trusts that unit's card (`unit trust`), then import the package again
package-casework-level = the package carries a decision or review that { $unit } did not make at its level: do not import it, and report it
package-casework-subject = the package files a decision about { $subject } under { $here } here: the deciding unit signed it about another person. Nothing was imported; do not import it, and report it (if it is the same person registered here under another name or date of birth, correct the register first)
package-casework-supersedes-other = the package carries a decision by { $unit } that claims to supersede decision { $id } here, which { $unit } did not take about that person, or which is superseded already. Nothing was imported; do not import it, and report it
package-kind-receipt = a receipt is written by `package import` for the package it imports
transfer-refused-no-consultation = a transfer is made only after the levels have conferred: record the consultation with { $unit } about person { $person } first (`consult record`)
transfer-same-level = a transfer moves a folder from one prison to another, or a region's documents to another region: KSF keeps its copies for ten years and makes none, and the receiver must be a unit of this one's level
checkpoint-written = Wrote { $count ->
        [one] 1 checkpoint
       *[other] { $count } checkpoints
    } of { $unit } to { $file } (newest: entry { $seq }).
checkpoint-file-missing = no checkpoint file { $file }
checkpoint-held = It holds { $count ->
        [one] the checkpoint
       *[other] all { $count } checkpoints
    } of the file (up to entry { $seq }): it was not cut back or rewritten below { $count ->
        [one] it
       *[other] them
    }.
file-cannot-read = cannot read { $file }
file-cannot-write = cannot write { $file }
user-disable-rollover = { $name } held the unit's keys: they are rolled over. New card number { $serial }, fingerprint { $fingerprint }; peers take it over from the next package they import from this unit ({ $count ->
        [one] 1 account
       *[other] { $count } accounts
    } certified again).
unit-card-written = Wrote the card of { $unit } to { $file }.
unit-card-read-aloud = Fingerprint (read it aloud to the other unit): { $fingerprint }
unit-card-fingerprint = Fingerprint: { $fingerprint }
unit-trusted = Trusted { $unit } ({ $level }), fingerprint { $fingerprint }. The change is signed and queued for KSF (`auth pending`).
unit-external-trusted = { $name } is now known by the age key { $recipient }; `package export --kind external --recipient "{ $name }"` encrypts to it.
unit-own = This unit: { $unit } ({ $level }), fingerprint { $fingerprint }
unit-no-card = This unit's card is not issued yet (`unit card`).
consult-recorded = Recorded: consulted { $unit } ({ $with }) about person { $person } at { $at }.
disclosure-recorded = Recorded in the disclosure register as no. { $id } ({ $kind }, to { $recipient }, basis { $basis }).
register-officer-only-consult = only an officer may record consultations; { $name } is { $role }
register-officer-only-disclosure = only an officer may record disclosures; { $name } is { $role }
col-owed = OWED
col-document = DOCUMENT
col-person = PERSON
col-grading = GRADING
col-level = LEVEL
col-region = REGION
col-fingerprint = FINGERPRINT
col-serial = NUMBER
col-how = HOW
col-since = SINCE
col-external = EXTERNAL
col-age-recipient = AGE RECIPIENT
col-with = WITH
col-at = AT
col-by = BY
col-recipient = RECIPIENT
col-basis = BASIS
col-documents = DOCUMENTS

## Help of the transfer commands (src/cli/transfer_args.rs)

cli-unit-about = This unit's card, and the units and external recipients it trusts
cli-package-about = Transfer packages between units, and to police
cli-consult-about = Prior consultations with other units (needed before a transfer)
cli-disclosure-about = The disclosure register
cli-unit-card-about = This unit's public card: its keys, and a fingerprint to read aloud over the phone
cli-unit-card-opt-out = Write the card to this file (it is never overwritten) instead of printing it
cli-unit-card-opt-minisign-pub = Also write the unit's minisign public key file, for `minisign -V -p F` (police)
cli-unit-trust-about = Trust another unit's card, once its fingerprint matches what the unit reads out (admins only; signed, logged and queued for KSF)
cli-unit-trust-opt-card = The other unit's card file
cli-unit-trust-opt-fingerprint = The fingerprint the other unit read out over the phone
cli-unit-trust-external-about = Name an external recipient's age key, such as Kripos's or PST's (admins only)
cli-unit-trust-external-opt-name = The recipient's name (used as `--recipient NAME`)
cli-unit-trust-external-opt-recipient = Its age public key, `age1…`
cli-unit-list-about = This unit's card, the units it trusts and the external recipients it knows
cli-package-export-about = Make a signed, encrypted package for another unit or an external recipient
cli-package-export-opt-kind = copy-up, processed-down, transfer, authlist, decision-report, external or checkpoint
cli-package-export-opt-to = The receiving unit (as on its trusted card)
cli-package-export-opt-recipient = For `external`: the recipient's age key `age1…`, or a name from `unit trust-external`
cli-package-export-opt-person = The person (transfer, external; processed-down: all of their documents)
cli-package-export-opt-doc = Documents (processed-down, external): journal numbers, `JNO` or `JNO@V`
cli-package-export-opt-basis = For `external`: the legal basis, fvl-13b-5, fvl-13b-6 or other:TEXT
cli-package-export-opt-out = The package file, or a directory to write `<unit>-<date>-<number>.ifp` into
cli-package-import-about = Import a package: verified whole before anything is written; answers with a receipt
cli-package-import-opt-file = The package file (its `.minisig`, and any `.card`, beside it)
cli-package-import-opt-receipt-out = Where to write the receipt (a file or a directory; default: beside the package)
cli-package-inspect-about = Show what a package holds, after every check import makes, without importing it (logged)
cli-package-inspect-opt-file = The package file
cli-package-pending-about = What this unit owes up the chain, decisions and reviews owed, list changes not yet sent, and receipts awaited
cli-package-receipt-about = Write the receipt of an imported package again (it was lost, or the program stopped before it was written), under its own id
cli-package-receipt-opt-id = The receipt's package id, as `package import` printed it (or `log list` shows)
cli-package-receipt-opt-out = A file or directory to write it to
cli-consult-record-about = Record a prior oral consultation about a person with another unit (needed before a transfer)
cli-consult-record-opt-person = The person
cli-consult-record-opt-unit = The unit consulted (as on its card)
cli-consult-record-opt-with = Whom you spoke with
cli-consult-record-opt-at = When: YYYY-MM-DD, "YYYY-MM-DD HH:MM" (UTC) or RFC 3339
cli-consult-record-opt-note = What was agreed
cli-consult-list-about = Recorded consultations, newest first
cli-consult-list-opt-person = Only about this person
cli-disclosure-list-about = The disclosure register: written and oral disclosures, and decisions not to disclose
cli-disclosure-list-opt-person = Only about this person
cli-disclosure-record-about = Record an oral disclosure (--oral) or a decision not to disclose (--withheld)
cli-disclosure-record-opt-oral = An oral disclosure, written down afterwards
cli-disclosure-record-opt-withheld = A decision not to disclose
cli-disclosure-record-opt-person = The person
cli-disclosure-record-opt-recipient = Who received it (or who asked)
cli-disclosure-record-opt-basis = The legal basis of a disclosure: fvl-13b-5, fvl-13b-6 or other:TEXT
cli-disclosure-record-opt-doc = Documents concerned
cli-disclosure-record-opt-what = What was said, or why not
cli-disclosure-record-opt-at = When (default: now)
cli-log-verify-opt-checkpoint = Also check that the log still holds each checkpoint in this file (one another unit kept, or one written with `log checkpoint`)
cli-log-checkpoint-about = Write a log checkpoint: this store's (signed with the unit key), or the newest one received from another unit (to take back to it)
cli-log-checkpoint-opt-out = The file to write (never overwritten)
cli-log-checkpoint-opt-of = The checkpoints received from this unit, instead of this store's own
## The shell, the manual page and completions (src/cli/shell.rs, src/cli/generate.rs, src/cli/mod.rs)

shell-welcome = Unlocked as { $user }. Type a command without `infoflyt` (`help` lists them, `exit` or Ctrl-D ends). The shell locks after { $seconds ->
        [one] 1 second
       *[other] { $seconds } seconds
    } without a command.
shell-locked = the shell is locked: give your passphrase again
shell-was-locked = The shell was locked after being left idle; its keys are gone from memory. Give your passphrase to go on.
shell-still-locked = Still locked: the command was not run. Press Enter to try the passphrase again, or type `exit`.
shell-nested = you are already in a shell: type the command without `shell`
shell-no-json = the shell takes no --json: give --json on each command at the prompt
shell-not-here = init, quickstart and shell are not run inside the shell: `exit` first
shell-other-user = the shell runs commands as the user who unlocked it: to act as someone else, `exit` and start a shell as them
shell-other-store = the shell works on the store it was started on: to use another, `exit` and start a shell with its --store
shell-no-passphrase-fd = the shell is already unlocked: give the command without --passphrase-fd
shell-bad-quotes = unmatched quote in the command: close it and try again
shell-editor-failed = the command line editor failed: { $error }
shell-note-not-saved = note: the session's record could not be saved: { $error }
man-written = Wrote the manual pages into { $dir }.
cli-shell-about = Unlock once and take commands at a prompt; locks itself when left idle
cli-shell-opt-idle-lock = Lock after this many seconds without a command (only shorter than the store's setting, shell-idle-seconds, 240 unless an admin changed it)
cli-man-about = Write the manual page (roff) to standard output or into a directory
cli-man-opt-dir = Write infoflyt.1 and one page per command (infoflyt-doc-show.1 …) into this directory instead of printing the main page
cli-completions-about = Write shell completions for bash, zsh, fish, elvish or PowerShell to standard output
cli-completions-opt-shell = The shell

## Grading control and exports (src/documents/grading.rs, src/cli/doc.rs, src/cli/export.rs)

doc-already-graded = { $jno } is already { $grading }
doc-lower-needs-authority = lowering the grading of { $jno } (source: { $source }) is for its originator to decide: only an officer with decision authority may record that decision
doc-lower-needs-reason = lowering the grading of { $jno } (source: { $source }) is for its originator to decide: give the reason, such as the originator's decision
doc-assessment-fixed = { $jno } is the assessment of a decision, which is never changed in place: take a new decision that supersedes it (decision supersede)
doc-verified-needs-reason = say why the information is now taken as verified
doc-already-verified = { $jno } is not marked unverified
rule-originator-decides = the originator decides
doc-hint-reason = (give it with --reason TEXT)
doc-regraded = { $jno } v{ $version } is now { $grading }
doc-marked-verified = { $jno } v{ $version } is marked verified; the log records who and why
doc-show-binary-needs-raw = { $jno } is a file, not text: make a marked copy with `doc export { $jno } --out FILE --to RECIPIENT --purpose WHY`, or give --raw to pass its bytes on through a pipe
doc-add-progress = reading and encrypting
export-progress = exporting
export-cannot-write = cannot write the copy
export-done = Exported { $jno } v{ $version } ({ $grading }) as copy no. { $copy } to { $out } ({ $bytes } bytes) for { $recipient }. Keep it as the grading demands.
export-marking-beside = Its marking is in { $sidecar }: keep the two together.
export-marking-inside = Its marking is written above and below the text.
export-marking-recipient = Released to: { $recipient } · purpose: { $purpose }
export-marking-by = Exported by { $user }, { $unit }, { $time }
export-marking-sidecar = This marking belongs to the copy { $file } and goes with it.

## The command line's own messages (src/cli/mod.rs)

cli-no-store = no store given: pass --store DIR or set INFOFLYT_STORE
cli-no-user = who are you? pass --user NAME before the command, or set INFOFLYT_USER
cli-passphrase-prompt = Passphrase for { $user }:{" "}
cli-progress-rotations = making new folder keys
cli-progress-grants = passing folder keys on
cli-unlock-rotated = Made new keys for { $count ->
        [one] 1 folder key chain
       *[other] { $count } folder key chains
    } after a reader left the list.
cli-unlock-granted = Passed { $count ->
        [one] 1 folder key
       *[other] { $count } folder keys
    } on to newly authorised officers.
cli-unlock-problem = warning: { $problem }
      (nothing was passed on for that folder; `infoflyt folder repair PERSON` restores a list changed behind the program's back, `infoflyt verify` shows the rest)
cli-unlock-revoked = Finished disabling { $user }: its keyslot, left by an interrupted `user disable`, is destroyed.
cli-unlock-adopted = Finished adding { $count ->
        [one] 1 account
       *[other] { $count } accounts
    } whose `user add` was interrupted.
cli-unlock-orphans = Destroyed { $count ->
        [one] 1 keyslot
       *[other] { $count } keyslots
    } that belonged to no account.
cli-hint-user-first = error: --user NAME goes before the command: `infoflyt --user NAME <command> …` (after some commands, --user is a filter, as in `log list --user NAME`)
cli-harden-warning = warning: { $error }

## Passphrases (src/cli/passphrase.rs)

pass-prompt-new = New passphrase for { $user }:{" "}
pass-prompt-repeat = Repeat the passphrase for { $user }:{" "}
pass-differ = the two passphrases differ: nothing was changed; try again
pass-bad-fd = invalid file descriptor { $fd }
pass-fd-is-output = file descriptor { $fd } is standard output or error: give the passphrase on standard input (0) or on a descriptor opened for it (3 and up)
pass-cannot-read-stdin = cannot read the passphrase from standard input
pass-cannot-open-fd = cannot read the passphrase from file descriptor { $fd } ({ $error }): is it open?
pass-cannot-read-fd = cannot read file descriptor { $fd }
pass-too-long = the passphrase is too long
pass-empty = no passphrase was given (empty line or end of input)
pass-not-utf8 = the passphrase is not valid UTF-8
pass-no-terminal = no terminal to ask for the passphrase: pass { $hint }
pass-cannot-read-terminal = cannot read the passphrase from the terminal ({ $error }): pass { $hint }

## Accounts (src/cli/user.rs)

user-reordered = { $user } is now at contact order { $order }.
user-passwd-done = Changed the passphrase of { $user }; the old one no longer works.
user-hint-agreement = give --agreement REF
user-hint-accept-loss = or, if that cannot be done, repeat with --accept-loss
user-added = Added { $user } ({ $role }, { $clearance }) at contact order { $order }. The change is signed and queued for KSF (`auth pending`).
user-already-disabled = { $user } is already disabled.
user-disable-resumed = { $user } was already disabled, but an interrupted earlier run had left its keyslot: the keyslot is destroyed now.
user-disabled = Disabled { $user }: the account's keyslot and keys are destroyed and its passphrase opens nothing. { $count ->
        [one] 1 folder key chain
       *[other] { $count } folder key chains
    } it held get a new key at a remaining reader's next session, before anything more is written in them.
code-yes = yes
code-no = no

## Checks and set-up (src/cli/log.rs, src/cli/verify.rs, src/cli/init.rs)

log-verify-progress = verifying the use log
verify-progress = checking the store
verify-failed = the store failed verification (see above): restore from a backup and report the incident
init-done = Created the { $level } store for { $unit } in { $dir }.
    Next: add the unit's officers with `infoflyt --store { $dir } --user { $admin } user add NAME --role officer --clearance fortrolig`.

## Store, manual page, documents (src/cli/store.rs, src/cli/generate.rs, src/cli/doc.rs)

store-set-done = { $name } is now { $value }.
store-show = { $unit } ({ $level }), made { $made }
    Largest document accepted: { $limit } MiB
store-show-in-region = { $unit } ({ $level }, region { $region }), made { $made }
    Largest document accepted: { $limit } MiB
man-cannot-render = cannot render the manual page
man-cannot-write = cannot write into { $dir }
output-cannot-write = cannot write to standard output
doc-one-content = give exactly one of --file F or --text T
doc-show-too-large = { $jno } is { $size } bytes, too large to show here: use `doc export { $jno } --out FILE --to RECIPIENT --purpose WHY`, or pipe `doc show` into a program
doc-show-head = { $jno } v{ $version } · { $title } · source: { $source } · information dated { $date }
doc-show-head-age = { $jno } v{ $version } · { $title } · source: { $source } · information dated { $date } ({ $days ->
        [one] 1 day old
       *[other] { $days } days old
    })
doc-show-derived = processed version of { $from }
doc-show-unverified = UNVERIFIED: the correctness of this information has not been established
doc-show-health = HEALTH-CONFIDENTIAL: never to be passed to police

## The authorisation list and folders (src/cli/auth.rs)

auth-list-head = Authorisation list of { $unit }: { $officers ->
        [one] 1 officer
       *[other] { $officers } officers
    } (allowed { $min }–{ $max }), { $clerical } clerical
auth-agreement = agreement: { $reference } recorded { $at } by { $by } at { $officers } officers
auth-pending-none = No list changes are waiting to be sent to KSF.
auth-pending-head = { $count ->
        [one] 1 signed list change
       *[other] { $count } signed list changes
    } waiting to be sent to KSF as an authlist package:
folder-restricted = The folder of person { $person } is restricted to { $names }; its key is rotated.
folder-no-repair = The folder of person { $person } needed no repair.
folder-repaired = Put { $count ->
        [one] 1 key record
       *[other] { $count } key records
    } of the folder of person { $person } back to the list their makers signed. Report the incident: someone changed them with the store key.
folder-widened = The folder of person { $person } is open to every officer on the list again; { $count ->
        [one] 1 officer
       *[other] { $count } officers
    } received its keys now.
folder-show-restricted = Folder of person { $person }: restricted, key version { $version }
folder-show-list = Folder of person { $person }: the unit's list, key version { $version }
folder-holds-key = holds the key
folder-owed-key = pending (owed the key)
col-purpose-detail = PURPOSE / DETAIL
## Retention: deletion at release and after ten years (src/retention/, src/cli/retention.rs)

retention-what-folder = the folder of person { $person }
retention-what-document = document { $jno } (person { $person })
retention-what-document-alone = document { $jno }
retention-bad-stored-time = a stored time ({ $value }) does not read as a time: it was changed with the store key
retention-rule-release = release rule
retention-rule-ten-years = ten-year rule
retention-rule-transfer = transfer
retention-progress-sweep = destroying what is due
retention-swept-note = Destroyed { $folders ->
        [one] 1 folder
       *[other] { $folders } folders
    } with their register entries and { $documents ->
        [one] 1 document
       *[other] { $documents } documents
    } whose time had come (`journal list` shows the record).
retention-sweep-warning = warning: { $problem } (`infoflyt verify` shows what is overdue; report the incident)
retention-wal-kept = note: another process kept the store's write-ahead log from being emptied after a destruction; the next unlock empties it
retention-swept = Destroyed { $folders ->
        [one] 1 folder
       *[other] { $folders } folders
    } and { $documents ->
        [one] 1 document
       *[other] { $documents } documents
    }.
retention-swept-folder = the folder of person { $person } ({ $rule }): { $versions ->
        [one] 1 document version
       *[other] { $versions } document versions
    }, { $keys ->
        [one] 1 key version
       *[other] { $keys } key versions
    } erased, register entry removed
retention-swept-documents = { $versions } of person { $person } ({ $rule })
retention-swept-held = kept by a hold through { $until }: { $what }
retention-swept-failed = NOT destroyed: { $problem }
retention-not-destroyed = { $what } was not destroyed: { $error }
retention-sweep-failed = the retention sweep could not run: { $error }
retention-sweep-clerical = only officers and admins destroy what is due; the next unlock by an officer or admin sweeps
retention-retired-unsigned = register entry { $id } is marked as removed, but no signed destruction in the use log removed it: someone holding the store key has deleted it, with its folder and its requests for access; report the incident
retention-nothing-due = Nothing is due for destruction in that time.
retention-hold-placed = Placed hold { $id } on { $what }: kept through { $until }.
retention-hold-lifted = Lifted hold { $id } on { $what }: the next sweep destroys it if its time has come.
retention-hold-on-what = give --person ID or --doc JNO
retention-no-holds = No holds.
retention-hold-state-lifted = lifted by { $by }
retention-hold-state-in-force = in force
retention-hold-state-expired = expired
retention-hold-level = holds are placed at the KSF store: local and regional stores destroy a folder at release
retention-hold-no-authority = only a KSF officer with decision authority decides to keep information longer; { $user } has none
retention-bad-date = invalid date { $value }: use YYYY-MM-DD
retention-hold-too-far = a hold runs from today through a date no later than { $latest }; take the decision again before then to keep the information longer
retention-hold-whole-document = a hold keeps every version of a document: give its journal number without @VERSION
retention-hold-not-found = no hold { $id }: see `retention holds`
retention-hold-lifted-already = hold { $id } is lifted already
retention-release-in-effect = the release of person { $id } took effect at { $at }: their folder is destroyed, or is at the next sweep, and the release can no longer be changed
retention-release-none = person { $id } has no release registered, so there is none to withdraw
retention-not-due-ksf-release = at KSF a release destroys nothing; the ten-year rule applies
retention-not-due-release-at = the release takes effect at { $at }
retention-not-due-no-release = no release of person { $id } is registered
retention-not-due-not-ksf = the ten-year rule applies at KSF; here a folder goes at release
retention-not-due-entry-kept = the register entry is kept until { $at }
retention-not-due-documents-left = documents that are not due remain in the folder
retention-not-due-kept-until = kept until { $at }
retention-held-folder = a KSF hold keeps the folder of person { $id } through { $until }
retention-destroy-officer-only = only an officer destroys a folder outside the sweep; the sweep at every unlock destroys what is due
retention-no-folder = person { $id } has no folder to destroy
retention-ok = nothing overdue for destruction; { $holds ->
        [one] 1 hold
       *[other] { $holds } holds
    } in force, each signed
retention-overdue-release = the folder of person { $id } is overdue for destruction: the release took effect at { $at }; the sweep at the next unlock destroys it
retention-overdue-document = document { $jno } is overdue for destruction since { $at } (ten years in the journal, no hold)
retention-overdue-entry = the register entry of person { $id } is overdue for destruction since { $at } (ten years unchanged, no documents left, no hold)
retention-release-mismatch = the release time of person { $id } in the register ({ $column }) is not the one signed into the use log ({ $signed }): it was changed with the store key; nothing was destroyed on it. Register the release again and report the incident
retention-release-log-broken = the use log is not whole since the release of person { $id } was registered ({ $problem }): a later change of the release may have been written over with the store key, so nothing is destroyed on it. Run `log verify` and report the incident
retention-log-broken = the use log is not whole ({ $problem }): a hold may have been hidden in it with the store key, so nothing a hold could keep is destroyed. Run `log verify` and report the incident
retention-person-missing = person { $id }, registered in the use log (entry { $seq }), is missing from the register and no destruction removed them: the register entry was deleted with the store key. Report the incident
retention-release-unsigned = the newest release entry of person { $id } (log entry { $seq }) is not signed in the use log's chain by an officer or admin on the list: it was written with the store key; nothing is destroyed on it. Register the release again and report the incident
retention-release-changed-after-effect = the release of person { $id } took effect at { $at }, and use-log entry { $seq } changes it after that, which the program refuses: it was written with the store key, and nothing is destroyed on it; report the incident
retention-release-time-out-of-place = use-log entry { $seq }, the newest release of person { $id }, is dated { $at }, which the entries of others around it contradict (by more than a day and a half): the log was written again, or the clock was set far off; nothing is destroyed on it; report the incident
retention-not-due-release-changed = the release of person { $id } changed while its folder was being destroyed; nothing was destroyed. Run the sweep again
retention-no-entry-date = the use log does not show when document { $jno } entered the journal (an entry that made it, signed by an officer), so its ten years cannot be counted
retention-entry-time-out-of-place = the use-log entry { $seq } that made document { $jno } is dated { $at }, which the entries of others around it or the year of its journal number contradict (by more than a day and a half): the log was written again, or the clock was set far off; its ten years cannot be counted; report the incident
retention-hold-unsigned = hold { $id } does not carry the signature of an officer who may decide holds: it was planted or changed with the store key
retention-hold-missing = hold { $id } of person { $person }, announced in the use log, is missing from the store: it was deleted with the store key (it still holds)
retention-hold-differs = hold { $id } differs from what the use log announced: it was changed with the store key (the sweep follows the log)
retention-hold-entry-unauthorised = hold { $id } of person { $person } is placed or lifted in the use log by { $user }, who may not decide holds: that entry does not count
retention-hold-id-again = hold { $id } is announced more than once in the use log: the row of an earlier hold { $id } was deleted with the store key (it still holds)
retention-due-warning = DUE FOR DESTRUCTION at { $at } ({ $rule }): see `retention due`
retention-doc-destroyed = document { $jno } was destroyed (see `journal list`)
person-destroyed = person { $id } was destroyed with their folder at { $at } (see `journal list` and `log list`)
person-release-set = Registered the release of person { $id } at { $at }{ $was ->
        [none] {""}
       *[other] {" "}(was { $was })
    }. It takes effect at { $effect }: then their folder and register entry are destroyed. Until then `person release { $id } --at TIME` corrects it and `person release { $id } --withdraw` withdraws it.
person-release-set-ksf = Registered the release of person { $id } at { $at }{ $was ->
        [none] {""}
       *[other] {" "}(was { $was })
    }. At KSF a release destroys nothing: the ten-year rule applies. The person is to be unmarked in KOMPIS from then (`person kompis-marks`).
person-release-withdrawn = Withdrew the release of person { $id }{ $was ->
        [none] {""}
       *[other] {" "}(was { $was })
    }.
rule-not-due = not due
rule-hold = hold
rule-release-in-effect = release in effect
col-due = DUE
col-what = WHAT
col-versions = VERSIONS
col-rule = RULE
col-held-through = HELD THROUGH
col-on = ON
col-through = THROUGH
col-placed = PLACED
col-state = STATE
## Casework: decisions, review up the chain, registration and access (src/casework/,
## src/cli/decision.rs, src/cli/casework.rs). Measures, reliabilities, standings and requesters
## are codes and stay as they are; what is owed (`why`) is stored text.

rule-decision-authority = decision authority
rule-decision-never-changed = a decision is never changed in place
rule-own-assessment = own assessment
rule-reliability = reliability
rule-basis-outside-folder = basis outside folder
rule-level = level
rule-level-above = level above
rule-reason = reason
rule-ombud-or-court-demand = ombud or court demand

col-measure = MEASURE
col-decided = DECIDED
col-assessment = ASSESSMENT
col-reliability = RELIABILITY
col-standing = STANDING
col-basis-age = BASIS (AGE AT DECISION)
col-decision = DECISION
col-to = TO
col-queued = QUEUED
col-why = WHY
col-ground = GROUND
col-text = TEXT
col-from = FROM
col-received = RECEIVED
col-age = AGE
col-docs = DOCS
col-outcome = OUTCOME

casework-what-decide = take decisions on the information
casework-what-review = uphold or overturn decisions
casework-what-access = decide access requests
casework-what-register = record registration decisions
casework-not-officer = { $name } is { $role }: only an officer with decision authority may { $what }
casework-no-decision-authority = { $name } has no decision authority in prisoner cases: ask an officer who has, or ask your admin whether your account should have it (it is given when an account is made)
casework-registration-ksf-only = only KSF decides what is taken into the central register; this is a { $level } store ({ $unit }): send the information up the chain to KSF instead

decision-not-at-ksf = regions and local units decide measures on the information; KSF upholds or overturns regions' decisions and records registration decisions
decision-assessment-needed = a decision needs your own assessment of the information it rests on: what it says, how reliable and how old it is, whether police were asked, and why it carries the measure (at least { $chars } characters and { $words } words, as plain text)
decision-basis-not-verified = the basis cannot be called verified: { $docs } { $count ->
        [one] is
       *[other] are
    } marked unverified (its correctness has not been established); call it unverified or mixed
decision-basis-outside-folder = { $jno } is in the folder of person { $other }, not of person { $person }: a decision rests on documents in the folder of the person it is about, so that its assessment reaches no reader the basis does not; add the information to this person's folder first
decision-basis-unreadable = a decision cannot rest on { $jno } because you may not read it: { $why }
decision-assessment-no-file = no file { $path }: check the path
decision-assessment-cannot-read = cannot read { $path }
decision-assessment-read-failed = cannot read the assessment
decision-assessment-too-long = the assessment is longer than { $max } bytes: put long material in a document (`doc add`) and refer to it
decision-assessment-not-utf8 = the assessment must be UTF-8 text
decision-person-needed = give the person the decision is about: --person ID
decision-basis-age = { $jno } ({ $days } d)
decision-basis-age-unverified = { $jno } ({ $days } d, unverified)
decision-yes = yes
decision-no = no
decision-show-head = Decision { $id } · { $measure } · person { $person } · { $origin }
decision-show-decided = decided { $at } by { $by } ({ $unit }, { $level })
decision-show-reliability = reliability: { $reliability } · police asked to elaborate: { $asked } · police information: { $police }
decision-show-standing = assessment: { $assessment } · standing: { $standing }
decision-show-basis = basis { $jno } v{ $version } · { $grading } · source { $source } · information dated { $date } ({ $days } days old at the decision)
decision-show-unverified = UNVERIFIED
decision-show-supersedes = supersedes decision { $id }
decision-show-superseded-by = superseded by decision { $id }
decision-show-upheld = upheld by { $by } ({ $unit }) { $level } on { $at }
decision-show-overturned = OVERTURNED by { $by } ({ $unit }) { $level } on { $at }
decision-show-signatures = signatures: valid (decision-maker and unit)
decision-recorded = Recorded decision { $id } ({ $measure }), graded { $grading }; its assessment is { $assessment }.
decision-owed-to = Owed to { $unit } ({ $level }): { $why }.
decision-owed-export = Send them with `package export --kind decision-report --to UNIT`; what is owed to police goes in an external package.
decision-superseded = Decision { $id } is superseded.
decision-upheld = Decision { $id } of { $unit } is upheld; the review goes back to { $unit }.
decision-overturned = Decision { $id } of { $unit } is overturned; the review goes back to { $unit }.
decision-nothing-owed = Nothing owed.

review-own-decision = decision { $id } was taken here: a decision is reviewed by the level above the unit that took it; to change it, take a new decision that supersedes it
review-not-level-above = decision { $id } was taken by { $unit } ({ $level }): it is reviewed by the level directly above it, not by this { $here } store
review-reason-needed = an overturn needs its reason, for the unit that took the decision and for oversight: at least { $min } characters

registration-person-taken = Recorded registration decision { $id }: person { $person } is taken into the central register.
registration-person-not-taken = Recorded registration decision { $id }: person { $person } is not taken into the central register.
registration-doc-taken = Recorded registration decision { $id }: document { $doc } is taken into the central register.
registration-doc-not-taken = Recorded registration decision { $id }: document { $doc } is not taken into the central register.

access-admin-refused = admins keep the list and do not handle casework: an officer or the front office registers access requests
access-ombud-not-refusable = request { $id } is from the Parliamentary Ombud: such a demand cannot be refused on the ordinary grounds (offentleglova, strgjfl. § 7 c, fvl. § 19); grant it
access-court-not-refusable = request { $id } is from a court: such a demand cannot be refused on the ordinary grounds (offentleglova, strgjfl. § 7 c, fvl. § 19); grant it, or record it as handled by the court's own process
access-registered = Registered access request { $id } from { $from }; decide it with `access decide { $id } --grant|--refuse --ground G` (see `access grounds --from { $from }`).
access-one-outcome = give exactly one of --grant, --refuse, --court-process
access-decided = Request { $id }: { $outcome } on the ground { $ground }.
access-not-refusable = This demand cannot be refused on the ordinary grounds.
access-age-days = { $days } d
access-open = open
access-outcome-grant = grant
access-outcome-refuse = refuse
access-outcome-court-process = court's own process

ground-offl-13 = offl. § 13 jf. fvl. § 13: the information is subject to a duty of confidentiality (taushetsplikt)
ground-offl-21 = offl. § 21: exemption needed for national security (nasjonal tryggleik)
ground-offl-24-2 = offl. § 24 andre ledd: reports, tips and the like about offences
ground-offl-24-3 = offl. § 24 tredje ledd: access would make offences easier to commit or harder to prevent (kriminalitetsforebygging)
ground-strgjfl-7c = strgjfl. § 7 c: access for the inmate and the persons around him is refused for the sake of security
ground-fvl-19-1c = fvl. § 19 første ledd bokstav c: the lawyer has no wider access than the client
ground-offl-3 = offl. § 3: access granted under the main rule of public access
ground-fvl-18 = fvl. § 18: access granted as a party to the case (partsinnsyn)
ground-ombud-demand = the Parliamentary Ombud's demand for information and documents (sivilombudsloven); cannot be refused on the grounds above
ground-court-order = a court's order to produce the documents; cannot be refused on the grounds above
ground-court-process = the demand is handled by the court's own process (e.g. a ruling on the duty to produce evidence)

report-decisions-head = Decisions at { $unit } ({ $level }), { $from } to { $to }
report-decisions-summary = { $count ->
        [one] 1 decision
       *[other] { $count } decisions
    }: { $own } taken here, { $received } received from below; { $police } on police information; { $unverified } resting on unverified information; police asked to elaborate in { $asked };
report-decisions-oldest = oldest information { $days } days old at the decision.
report-decisions-oldest-none = no information.
report-decisions-foot = Each assessment is the document named by `decision show ID` (reading it is logged).

cli-decision-about = Decisions on the information, and their review by the level above
cli-decision-add-about = Take a decision on the information (officers with decision authority); prints its id (`--json`: {"{"}"id": …{"}"})
cli-decision-add-opt-person = The person the decision is about
cli-decision-add-opt-measure = high-security, transfer, visit-ban, visit-control, letter-control, phone-control, single-cell, move-others, or other:TEXT
cli-decision-add-opt-basis = The documents the decision rests on (journal numbers in the person's folder)
cli-decision-add-opt-assessment = Your own assessment of the information (visible to other local users while the command runs: prefer --assessment-file)
cli-decision-add-opt-assessment-file = Read your assessment from a file; `-` reads standard input (after the passphrase line when --passphrase-fd 0)
cli-decision-add-opt-reliability = How reliable you judge the basis: verified, unverified or mixed
cli-decision-add-opt-asked-police = Whether police were asked to elaborate on their information
cli-decision-supersede-about = Take a new decision that supersedes an earlier one of this unit (never changed in place)
cli-decision-supersede-opt-id = The decision superseded
cli-decision-supersede-opt-person = The person the decision is about (default: the earlier decision's)
cli-decision-supersede-opt-measure = high-security, transfer, visit-ban, visit-control, letter-control, phone-control, single-cell, move-others, or other:TEXT
cli-decision-supersede-opt-basis = The documents the decision rests on (journal numbers in the person's folder)
cli-decision-supersede-opt-assessment = Your own assessment of the information (visible to other local users while the command runs: prefer --assessment-file)
cli-decision-supersede-opt-assessment-file = Read your assessment from a file; `-` reads standard input (after the passphrase line when --passphrase-fd 0)
cli-decision-supersede-opt-reliability = How reliable you judge the basis: verified, unverified or mixed
cli-decision-supersede-opt-asked-police = Whether police were asked to elaborate on their information
cli-decision-list-about = Decisions with their standing
cli-decision-list-opt-person = Only about this person
cli-decision-show-about = One decision with its assessment (a logged use) and its signatures checked
cli-decision-show-opt-id = Decision id
cli-decision-show-opt-purpose = Why you read it (recorded in the log)
cli-decision-uphold-about = Uphold a decision of the level below (a region: a local unit's; KSF: a region's)
cli-decision-uphold-opt-id = Decision id (as received here)
cli-decision-uphold-opt-reason = Why (optional)
cli-decision-overturn-about = Overturn a decision of the level below, with the reason
cli-decision-overturn-opt-id = Decision id (as received here)
cli-decision-overturn-opt-reason = Why it is overturned
cli-decision-pending-about = What this store owes other units: decisions to report up, reviews to send down
cli-access-about = Requests for access, and their decisions with grounds
cli-access-request-about = Register a request for access; prints its id (`--json`: {"{"}"id": …{"}"})
cli-access-request-opt-person = The person whose information is asked for
cli-access-request-opt-from = Who asks
cli-access-request-opt-received = When the request was received (YYYY-MM-DD)
cli-access-request-opt-docs = The documents asked for
cli-access-request-opt-name = The requester's name
cli-access-decide-about = Decide a request, with its legal ground (see `access grounds`)
cli-access-decide-opt-id = Request id
cli-access-decide-opt-grant = Grant access
cli-access-decide-opt-refuse = Refuse access
cli-access-decide-opt-court-process = A court's demand, handled by the court's own process
cli-access-decide-opt-ground = The ground (a token from `access grounds --from …`)
cli-access-grounds-about = The grounds that fit a request from this requester
cli-access-grounds-opt-from = Who asks
cli-access-list-about = Open requests with their age in days
cli-access-list-opt-all = Decided requests too
cli-registration-about = KSF: whether a person or information is taken into the central register
cli-registration-record-about = Record whether a person, or one piece of information, is taken into the central register, and why
cli-registration-record-opt-person = The person
cli-registration-record-opt-doc = The piece of information (a document in the person's folder), if not the person
cli-registration-record-opt-take = Taken into the central register
cli-registration-record-opt-refuse = Not taken into the central register
cli-registration-record-opt-reason = Why: the nature and seriousness of the information
cli-registration-list-about = Registration decisions, refusals included
cli-registration-list-opt-person = Only about this person
cli-report-about = Reports for oversight
cli-report-decisions-about = Decisions of a period with their assessments' references, the age and reliability of what they rested on, and their standing
cli-report-decisions-opt-from = First day (YYYY-MM-DD)
cli-report-decisions-opt-to = Last day (YYYY-MM-DD)

casework-doc-other-folder = { $jno } is in the folder of person { $other }, not of person { $person }
decision-not-found = no decision with id { $id }: see `decision list`
decision-basis-count = give the documents the decision rests on: 1 to { $max } journal numbers
decision-basis-future = { $jno } has an information date in the future ({ $date }): its age cannot be computed; correct the document before deciding on it
decision-supersede-other-unit = decision { $id } was taken by { $unit }: only the unit that took a decision can supersede it (the level above upholds or overturns it)
decision-supersede-other-person = decision { $id } is about person { $other }, not person { $person }
decision-already-superseded = decision { $id } is already superseded by decision { $by }
access-received-in-future = the received date { $date } is in the future
access-already-decided = request { $id } is already decided; a new request is registered anew
access-not-a-ground = { $ground } is not a ground for the decision { $outcome } on a request from { $from }: `access grounds --from { $from }` lists the grounds that fit
access-not-found = no access request with id { $id }: see `access list`
registration-reason-needed = a registration decision needs its reason: what the information is, and why by its nature and seriousness it is or is not registered ({ $min }–{ $max } characters of plain text): { $error }
report-days-reversed = the first day { $from } is after the last day { $to }: give the first day, then the last
casework-account-missing = the account record of { $name } is missing; report the incident
decision-basis-bad-date = { $jno } has a malformed information date; report the incident
decision-not-certified = decision { $id } is not signed by the certified key of an officer with decision authority: someone holding the store key has changed it; report the incident
decision-person-moved = decision { $id } is listed under another person than the one it was taken about: someone holding the store key has moved it; report the incident
decision-signature-mismatch = decision { $id } or its assessment ({ $jno }) does not match its signatures: it was changed after it was signed; report the incident
review-signature-mismatch = review { $id } does not match its signatures or was not made by an officer with decision authority: it was changed after it was signed; report the incident
casework-review-key-untrusted = review { $id } is recorded under a key { $unit } has never been trusted under here: someone holding the store key has changed it; report the incident
casework-decision-key-untrusted = decision { $id } is recorded under a key { $unit } has never been trusted under here: someone holding the store key has changed it; report the incident
access-differs-from-log = access request { $id } is not what the use log records of it (who asked, or the decision, its ground or who took it): someone holding the store key has changed it; report the incident
access-missing = access request { $id } is registered in the use log but gone from the store, though its person was never retired: someone holding the store key has deleted it; report the incident
decision-differs-from-log = decision { $id } is not what the use log records of it (the person, the assessment, who decided it and when, the kind of measure, what it supersedes, or the unit it came from): someone holding the store key has changed it; report the incident
decision-unlogged = decision { $id } was neither taken nor received here as the use log records: someone holding the store key has added it; report the incident
casework-missing = use-log entry { $seq } records a decision or review that is gone from the store, though its person was never retired: someone holding the store key has deleted it; report the incident
review-missing = the use log records more reviews ({ $verdict }) of decision { $id } than the store holds: someone holding the store key has deleted one; report the incident
review-unlogged = the store holds more reviews ({ $verdict }) of decision { $id } than the use log records: someone holding the store key has added one; report the incident
casework-sent-unlogged = owed item { $id } is marked sent in package { $package }, which the use log does not record: someone holding the store key has marked it; report the incident, and send it again
casework-decision-owed-missing = decision { $id } is owed to { $unit } for review, but nothing in the queue says so: someone holding the store key has deleted or re-addressed it; report the incident
casework-review-owed-missing = review { $id } is owed back to { $unit }, but nothing in the queue says so: someone holding the store key has deleted or re-addressed it; report the incident
authlist-change-unsigned = list change { $id } does not carry the signature of the account it names, under that account's certified key: someone holding the store key has changed it; report the incident
registration-signature-mismatch = registration decision { $id } does not match its signature: someone holding the store key has changed it; report the incident
decision-already-received = this decision has already been recorded here
review-already-received = this review has already been recorded here

## Insider checks: keys, the list and the log (src/authz/folder/, src/audit/checked.rs, src/sitting.rs, src/integrity.rs)

error-account-uncertified = the account record of { $name } does not match its certificate: someone holding the store key has changed it; it was left out and no key was wrapped to it. Report the incident
error-account-removed = the account { $name } was taken off the list: ask your regional admin
error-sitting-stale = the unit's keys were renewed since this sitting began (an account was taken off the list); nothing was done: unlock again
error-account-revived = the account { $name } is marked active, but the use log records that it was taken off the list: someone holding the store key revived it; it cannot unlock. Report the incident, and take the account off the list again
error-key-not-announced = key version { $version } ({ $tier }) of the folder of person { $person } is not vouched for: no officer entitled to make it announced it in the use log, so someone holding the store key planted or changed it; it was not used. Report the incident
error-key-rolled-back = the keys of the folder of person { $person } ({ $tier }) were rolled back: the use log announces version { $said }, the store's records end at version { $stored }. Someone holding the store key restored an older state; nothing was read, written or passed on. Report the incident
error-rotation-not-queued = the { $tier } of the folder of person { $person } must be renewed (a reader was taken off the list, or the folder was narrowed), but the request to renew it is gone: someone holding the store key deleted it. Nothing is written under the old key; the next document a reader adds renews it. Report the incident
error-rotation-owed = this folder's key must be renewed (a reader was taken off the list, or the folder was narrowed) before anything more is written in it, and { $name } cannot renew it; ask an officer who reads the folder
error-repair-not-reader = { $name } does not read this folder, so cannot repair it; ask an officer on the folder's list

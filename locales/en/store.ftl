## The store, identities, the use log and errors: src/store, src/identity, src/audit,
## src/error.rs, src/integrity.rs, src/crypto, src/process.rs, src/sitting.rs, src/time.rs.

## The use log (src/audit)
audit-refusal-not-logged = refused ({ $rule }): { $message }; and the refusal could not be logged: { $error }
audit-report-needs-filter = log report needs --user NAME or --doc JNO
audit-report-no-user = no account is named { $name }, and the use log has no entry of theirs
audit-report-no-document = no document has journal number { $jno }, and the use log has no entry about it
audit-log-broken = the use log is broken at entry { $seq }: { $why }. Entries from here on cannot be trusted; report the incident
audit-entry-bad-signature = its signature is not valid
audit-witness-report = { $problem }. Report the incident
audit-signature-check-stopped = a signature check stopped unexpectedly
audit-entry-unreadable = its fields no longer read as what was written (changed after writing)
audit-entry-out-of-order = expected entry { $expected } but found { $found } (removed or reordered)
audit-entry-unlinked = it does not link to the entry before it (removed or reordered)
audit-entry-changed = its contents were changed after it was written
audit-entry-wrong-signer = it is not signed by the key of the user it names
audit-entry-removed-account = it was written by an account already taken off the list
audit-log-cut = the use log has been cut back or rewritten: entry { $seq } with hash { $hash }…, which { $name } saw at { $time }, is no longer in it
audit-own-witness-missing = your record of what you have seen of the use log is missing: someone holding the store key removed it. Report the incident ({ $name })
audit-own-witness-unsigned = your record of what you have seen of the use log does not carry your signature: someone holding the store key changed it. Report the incident
audit-own-witness-cut = { $problem }. Report the incident; do not work in this store until it is restored
audit-witness-missing = the log witness of { $name } is missing (removed with the store key)
audit-witness-unsigned = the log witness of { $name } does not carry their signature

## Errors (src/error.rs)
store-db-foreign-value = the store's database holds a value the program never writes ({ $error }): it has been changed outside the program; restore it from a backup and report the incident

## Cryptography (src/crypto)
crypto-kdf-params-out-of-range = key-derivation parameters out of range (memory { $memory } KiB, passes { $passes }, lanes { $lanes }): the keyslot file is damaged or forged
crypto-kdf-bad-params = bad Argon2id parameters: { $error }
crypto-kdf-failed = Argon2id failed: { $error }
crypto-encryption-failed = encryption failed
crypto-key-derivation-failed = key derivation failed
crypto-random-failed = the operating system's random generator failed
crypto-signing-key-malformed = a stored signing key is malformed
crypto-public-key-low-order = a recipient's public key is invalid (low order); the key record is damaged

## `verify`: the store's checks of itself (src/integrity.rs)
integrity-check-pages = database pages (SQLCipher HMAC) and structure
integrity-check-schema = tables, indexes and triggers are the ones the store's migrations made
integrity-schema-sound = as made
integrity-schema-added = { $kind } { $name } was added (by someone holding the store key; it may act in every session)
integrity-schema-changed = { $kind } { $name } was made over and differs from what the migrations made
integrity-schema-missing = { $kind } { $name } is missing
integrity-check-keyslots = keyslots match the active accounts
integrity-check-log = use log chain and signatures
integrity-check-witnesses = log witnesses of every account
integrity-check-certificates = account certificates
integrity-check-documents = documents, journal and use log agree
integrity-check-journal = journal signatures
integrity-check-key-records = folder key records
integrity-check-own-folder-keys = folder keys held by this user
integrity-check-retention = retention: nothing overdue, releases and holds signed
integrity-check-casework = casework: decisions, reviews and registration decisions signed, access requests as logged
integrity-check-trust = list changes, trusted units and external recipients signed
integrity-check-unit-keys = unit keys
integrity-journal-sound = every journal entry signed by its author
integrity-key-records-sound = { $count } key chain(s): every record signed by an entitled officer
integrity-own-folder-keys-sound = { $count } wrapped key(s) open and match their records
integrity-unit-keys-sound = unwrap for this user and match the unit's public keys
integrity-unit-keys-not-held = not held by this role; not checked
integrity-casework-sound = { $decisions } decision(s) by officers with decision authority or from trusted units, { $reviews } review(s) and { $registrations } registration decision(s) whose signatures hold, { $requests } access request(s) as the use log records them (a decision's own signatures cover its assessment and are checked when it is opened)
integrity-trust-sound = { $changes } list change(s), each signed by the account it names; { $units } trusted unit(s) and { $external } external recipient(s), each as its newest signed change left it
integrity-log-sound = { $count } entries intact
integrity-witnesses-sound = { $count } account(s): what each saw is still in the log
integrity-certificates-sound = { $count } account(s) certified by the unit key
integrity-documents-sound = { $count } document version(s) whole
integrity-pages-sound = sound ({ $version })
integrity-keyslot-missing = { $name } has no keyslot (an interrupted `user add`): disable the account and add it again
integrity-keyslot-of-disabled = disabled account { $name } still has a keyslot (an interrupted `user disable`): it is destroyed at the next unlock, or run `user disable { $name }` again
integrity-keyslots-orphaned = { $count } keyslot(s) belong to no account: they are destroyed at the next unlock
integrity-keyslots-sound = { $count } active account(s), one keyslot each

## Process hardening (src/process.rs)
process-core-dumps = cannot disable core dumps: { $error }
process-undumpable = cannot mark the process undumpable: { $error }

## The store's files and database (src/store)
store-cannot-read = cannot read { $path }
store-cannot-restrict = cannot restrict { $path }
store-cannot-create = cannot create { $path }
store-cannot-create-in = cannot create a file in { $path }
store-cannot-open = cannot open { $path }
store-cannot-write = cannot write { $path }
store-cannot-sync = cannot sync { $path }
store-cannot-open-lock = cannot open lock { $path }
store-cannot-lock = cannot lock { $path }
store-dir-not-empty = { $path } already exists and is not empty: choose a new directory for the store
store-permissions = { $why }: { $path } must be mode { $mode } and owned by the user running infoflyt. Check who changed it and whether its files are the store's own, then fix it (`chmod { $chmod } { $path }`)
store-dir-not-dir = the store directory is not a directory
store-dir-mode = the store directory has mode { $mode }
store-symlink = a symbolic link lies in the store directory
store-file-mode = a store file has mode { $mode }
store-owner = { $path } belongs to user { $owner }, not to the user running infoflyt (user { $me }): someone else could have read or replaced it. Find out who changed it and whether it is the store's own before you take it over; infoflyt does not use it
store-file-exists = { $path } exists: it is never overwritten; name a new file
store-db-truncated = the store's database { $path } has been truncated ({ $len } bytes, not a whole number of pages): restore it from a backup and report the incident
store-db-foreign-key = foreign key violation in table { $table }
store-schema-too-new = this store has schema version { $version } but this program knows only up to { $known }: use a newer infoflyt
store-migration-differs = migration { $name } in this store differs from the one this program ships

## Identities, accounts and unit keys (src/identity)
identity-user-name-invalid = invalid user name { $name }: use 1–64 characters from a–z, æ, ø, å, digits, '.', '-' and '_', starting with a letter
identity-cannot-remove = cannot remove { $path }
identity-passphrase-reused = that passphrase is already in use in this store: choose one that is yours alone
identity-no-account = no account named { $name }
identity-act-add-users = add users
identity-act-disable-users = disable users
identity-contact-order-invalid = the contact order must be 1 or more
identity-name-taken = the name { $name } is already taken by an { $status } account: choose another name
identity-disable-self = an admin cannot disable their own account: ask another admin
identity-passphrase-too-short = the new passphrase is too short: use at least { $min } characters (a few unrelated words are easy to remember and hard to guess)
identity-passphrase-not-utf8 = the passphrase is not valid UTF-8
identity-passphrase-too-weak = the new passphrase is too easy to guess (repeats, sequences, common words or your own name): choose a few unrelated words
identity-field-unit-name = unit name
identity-field-region-name = region name
identity-local-needs-region = a local unit belongs to a region: add --region NAME
identity-init-claimed = { $path } is being set up by another `init`, or already holds a store
identity-level-damaged = the store's level is damaged
identity-secrets-do-not-decrypt = your private keys in the store do not decrypt: the store is damaged or was tampered with; report the incident
identity-account-disabled = the account { $name } is disabled: ask your regional admin
identity-no-account-check-name = there is no account named { $name } in this store: check the user name
identity-no-account-in-store = there is no account named { $name } in this store
identity-secrets-missing = the private keys of { $name } are missing from the store; report the incident
identity-admin-only = only an admin may { $act }; { $name } is { $role }
identity-record-mismatch = the account record of { $name } or the unit's key does not match the keys sealed under { $name }'s passphrase: someone holding the store key has changed them; report the incident
identity-rollover-keys-changed = the unit's keys changed while they were being rolled over; try again
identity-rollover-accounts-changed = the accounts changed while the unit's keys were being rolled over; run the command again
identity-unit-key-untrusted = the unit's key is not the one you trust, and no signed succession leads from your key to it: someone holding the store key has changed the unit's keys; report the incident
identity-retired-key-does-not-open = a retired unit key does not open; report the incident
identity-retired-key-malformed = a retired unit key is malformed; report the incident
identity-certificate-mismatch = the account record of { $name } does not match its certificate: someone holding the store key has changed it; no key was wrapped to it. Report the incident
identity-unit-keys-not-held = { $name } does not hold the unit's keys: this act needs an officer or admin
identity-unit-keys-do-not-decrypt = the unit's keys do not decrypt for this user
identity-unit-keys-malformed = the unit's wrapped keys are malformed
identity-unit-keys-mismatch = the unit's wrapped keys do not match its public keys

## The keyslots file (src/identity/keyslots.rs)
keyslot-file-damaged = the keyslots file is damaged ({ $why }): restore it from a backup and report the incident
store-not-found = no INFOFLYT store at { $dir }: check --store (or INFOFLYT_STORE), or create one with `infoflyt init`
store-incomplete = the store at { $dir } is damaged: its file { $missing } is missing. Restore the store from a backup and report the incident (if an `infoflyt init` was stopped there before it finished, remove the directory and run it again)
keyslot-no-store = no INFOFLYT store at { $path }: check --store (or INFOFLYT_STORE)
keyslot-too-large = too large
keyslot-not-parseable = not parseable
keyslot-unknown-format = unknown format
keyslot-bad-store-id = bad store id
keyslot-two-slots = an account has two slots
keyslot-bad-salt = bad salt
keyslot-bad-slot = bad slot
keyslot-cannot-encode = cannot encode keyslots: { $error }
# The same text for a wrong passphrase and a damaged slot: no oracle.
keyslot-wrong-passphrase = wrong passphrase for { $name }: try again, or ask your regional admin if you have forgotten it
keyslot-other-store = the keyslots file belongs to another store than the database beside it

## `quickstart`: the demo store and its guided tour (src/cli/quickstart.rs)
quickstart-cannot-replace = cannot replace the demo store { $path }
quickstart-not-a-demo-store = { $path } exists and is not a demo store: name another directory, e.g. `infoflyt quickstart /tmp/infoflyt-demo`
quickstart-building = Building the demo store (each account's key derivation takes about half a second)…
quickstart-ready = Demo store ready in { $dir } (a local unit, 'Demo fengsel').
quickstart-accounts = Demo accounts (these passphrases are public; never use them for real data):
quickstart-try = Try, for example:
quickstart-asks-passphrase = asks for the passphrase
quickstart-shell = one passphrase for a sitting: commands at a prompt, locked when idle
quickstart-refused-clearance = refused: clearance
quickstart-with-cargo = (With cargo: `cargo run --release -- --store { $dir } --user kari user list`.)

## `user` and `store show` (src/cli/user.rs, src/cli/store.rs)
user-col-order = ORDER
user-col-role = ROLE
user-col-clearance = CLEARANCE
user-col-decision = DECISION
user-act-add-to-list = add users to the authorisation list
settings-col-setting = SETTING
settings-col-value = VALUE
settings-col-set-by = SET BY
settings-col-when = WHEN

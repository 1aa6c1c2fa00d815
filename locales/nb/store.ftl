## The store, identities, the use log and errors: src/store, src/identity, src/audit,
## src/error.rs, src/integrity.rs, src/crypto, src/process.rs, src/sitting.rs, src/time.rs.

## Bruksloggen (src/audit)
audit-refusal-not-logged = avvist ({ $rule }): { $message }; og avvisningen kunne ikke føres i bruksloggen: { $error }
audit-report-needs-filter = loggrapporten trenger --user NAVN eller --doc JNR
audit-report-no-user = ingen konto heter { $name }, og bruksloggen har ingen oppføring av den
audit-report-no-document = ingen dokument har journalnummer { $jno }, og bruksloggen har ingen oppføring om det
audit-log-broken = bruksloggen er brutt ved innførsel { $seq }: { $why }. Innførslene herfra og ut kan ikke stoles på; meld hendelsen
audit-entry-bad-signature = signaturen er ikke gyldig
audit-witness-report = { $problem }. Meld hendelsen
audit-signature-check-stopped = en signaturkontroll stoppet uventet
audit-entry-unreadable = feltene leses ikke lenger som det som ble skrevet (endret etter skriving)
audit-entry-out-of-order = ventet innførsel { $expected }, men fant { $found } (fjernet eller flyttet)
audit-entry-unlinked = den lenker ikke til innførselen før (fjernet eller flyttet)
audit-entry-changed = innholdet ble endret etter at det ble skrevet
audit-entry-wrong-signer = den er ikke signert med nøkkelen til brukeren den navngir
audit-entry-removed-account = den ble skrevet av en konto som allerede var tatt av listen
audit-log-cut = bruksloggen er kuttet eller skrevet om: innførsel { $seq } med hash { $hash }…, som { $name } så { $time }, finnes ikke lenger i den
audit-own-witness-missing = ditt vitne om hva du har sett av bruksloggen mangler: noen med lagerets nøkkel har fjernet det. Meld hendelsen ({ $name })
audit-own-witness-unsigned = ditt vitne om hva du har sett av bruksloggen bærer ikke din signatur: noen med lagerets nøkkel har endret det. Meld hendelsen
audit-own-witness-cut = { $problem }. Meld hendelsen; ikke arbeid i dette lageret før det er gjenopprettet
audit-witness-missing = loggvitnet til { $name } mangler (fjernet med lagerets nøkkel)
audit-witness-unsigned = loggvitnet til { $name } bærer ikke vedkommendes signatur

## Feil (src/error.rs)
store-db-foreign-value = lagerets database har en verdi programmet aldri skriver ({ $error }): den er endret utenfor programmet; gjenopprett den fra sikkerhetskopi og meld hendelsen

## Kryptografi (src/crypto)
crypto-kdf-params-out-of-range = parametrene for nøkkelavledning er utenfor gyldig område (minne { $memory } KiB, runder { $passes }, baner { $lanes }): nøkkelfilen er skadet eller forfalsket
crypto-kdf-bad-params = ugyldige Argon2id-parametere: { $error }
crypto-kdf-failed = Argon2id feilet: { $error }
crypto-encryption-failed = kryptering feilet
crypto-key-derivation-failed = nøkkelavledning feilet
crypto-random-failed = operativsystemets tilfeldighetsgenerator feilet
crypto-signing-key-malformed = en lagret signeringsnøkkel er misdannet
crypto-public-key-low-order = en mottakers offentlige nøkkel er ugyldig (lav orden); nøkkelposten er skadet

## `verify`: lagerets kontroller av seg selv (src/integrity.rs)
integrity-check-pages = databasesider (SQLCipher HMAC) og struktur
integrity-check-schema = tabeller, indekser og triggere er de lagerets migreringer laget
integrity-schema-sound = som laget
integrity-schema-added = { $kind } { $name } er lagt til (av noen med lagernøkkelen; den kan virke i hver økt)
integrity-schema-changed = { $kind } { $name } er laget om og avviker fra det migreringene laget
integrity-schema-missing = { $kind } { $name } mangler
integrity-check-keyslots = nøkkelplassene svarer til de aktive kontoene
integrity-check-log = bruksloggens kjede og signaturer
integrity-check-witnesses = loggvitnene til alle kontoer
integrity-check-certificates = kontosertifikater
integrity-check-documents = dokumenter, journal og bruksloggen stemmer overens
integrity-check-journal = journalsignaturer
integrity-check-key-records = mappenøkkelposter
integrity-check-own-folder-keys = mappenøkler denne brukeren har
integrity-check-retention = bevaring: ingenting over fristen, løslatelser og tilbakehold signert
integrity-check-casework = saksbehandling: vedtak, overprøvinger og registreringsbeslutninger signert, innsynskrav som loggført
integrity-check-trust = listeendringer, betrodde enheter og eksterne mottakere signert
integrity-check-unit-keys = enhetsnøkler
integrity-journal-sound = hver journalpost er signert av sin forfatter
integrity-key-records-sound = { $count ->
        [one] 1 nøkkelkjede
       *[other] { $count } nøkkelkjeder
    }: hver post er signert av en tjenesteperson med rett til det
integrity-own-folder-keys-sound = { $count ->
        [one] 1 innpakket nøkkel åpner seg og svarer
       *[other] { $count } innpakkede nøkler åpner seg og svarer
    } til sine poster
integrity-unit-keys-sound = pakkes opp for denne brukeren og svarer til enhetens offentlige nøkler
integrity-unit-keys-not-held = holdes ikke av denne rollen; ikke kontrollert
integrity-trust-sound = { $changes ->
        [one] 1 listeendring
       *[other] { $changes } listeendringer
    }, hver signert av kontoen den navngir; { $units ->
        [one] 1 betrodd enhet
       *[other] { $units } betrodde enheter
    } og { $external ->
        [one] 1 ekstern mottaker
       *[other] { $external } eksterne mottakere
    }, hver slik den nyeste signerte endringen etterlot den
integrity-casework-sound = { $decisions ->
        [one] 1 vedtak
       *[other] { $decisions } vedtak
    } av tjenestepersoner med vedtakskompetanse eller fra betrodde enheter, { $reviews ->
        [one] 1 overprøving
       *[other] { $reviews } overprøvinger
    } og { $registrations ->
        [one] 1 registreringsbeslutning
       *[other] { $registrations } registreringsbeslutninger
    } med holdbare signaturer, { $requests ->
        [one] 1 innsynskrav
       *[other] { $requests } innsynskrav
    } slik bruksloggen viser dem (vedtakets egne signaturer dekker vurderingen og kontrolleres når vedtaket åpnes)
integrity-log-sound = { $count ->
        [one] 1 innførsel
       *[other] { $count } innførsler
    } intakt
integrity-witnesses-sound = { $count ->
        [one] 1 konto
       *[other] { $count } kontoer
    }: det hver har sett, står fortsatt i loggen
integrity-certificates-sound = { $count ->
        [one] 1 konto
       *[other] { $count } kontoer
    } sertifisert med enhetsnøkkelen
integrity-documents-sound = { $count ->
        [one] 1 dokumentversjon
       *[other] { $count } dokumentversjoner
    } hele
integrity-pages-sound = i orden ({ $version })
integrity-keyslot-missing = { $name } har ingen nøkkelplass (en avbrutt `user add`): deaktiver kontoen og legg den til på nytt
integrity-keyslot-of-disabled = den deaktiverte kontoen { $name } har fortsatt en nøkkelplass (en avbrutt `user disable`): den slettes ved neste opplåsing, eller kjør `user disable { $name }` igjen
integrity-keyslots-orphaned = { $count ->
        [one] 1 nøkkelplass
       *[other] { $count } nøkkelplasser
    } tilhører ingen konto: de slettes ved neste opplåsing
integrity-keyslots-sound = { $count ->
        [one] 1 aktiv konto
       *[other] { $count } aktive kontoer
    }, én nøkkelplass hver

## Herding av prosessen (src/process.rs)
process-core-dumps = kan ikke slå av kjernedumper: { $error }
process-undumpable = kan ikke merke prosessen som ikke-dumpbar: { $error }

## Lagerets filer og database (src/store)
store-cannot-read = kan ikke lese { $path }
store-cannot-restrict = kan ikke begrense tilgangen til { $path }
store-cannot-create = kan ikke opprette { $path }
store-cannot-create-in = kan ikke opprette en fil i { $path }
store-cannot-open = kan ikke åpne { $path }
store-cannot-write = kan ikke skrive { $path }
store-cannot-sync = kan ikke synkronisere { $path }
store-cannot-open-lock = kan ikke åpne låsen { $path }
store-cannot-lock = kan ikke låse { $path }
store-dir-not-empty = { $path } finnes allerede og er ikke tom: velg en ny katalog for lageret
store-permissions = { $why }: { $path } må ha modus { $mode } og eies av brukeren som kjører infoflyt. Finn ut hvem som endret det og om filene er lagerets egne, og rett det så (`chmod { $chmod } { $path }`)
store-dir-not-dir = lagerkatalogen er ikke en katalog
store-dir-mode = lagerkatalogen har modus { $mode }
store-symlink = en symbolsk lenke ligger i lagerkatalogen
store-file-mode = en fil i lageret har modus { $mode }
store-owner = { $path } tilhører bruker { $owner }, ikke brukeren som kjører infoflyt (bruker { $me }): noen andre kan ha lest eller byttet den ut. Finn ut hvem som endret den og om den er lagerets egen før du tar den over; infoflyt bruker den ikke
store-file-exists = { $path } finnes: den overskrives aldri; oppgi en ny fil
store-db-truncated = lagerets database { $path } er avkortet ({ $len } byte, ikke et helt antall sider): gjenopprett den fra sikkerhetskopi og meld hendelsen
store-db-foreign-key = brudd på fremmednøkkel i tabellen { $table }
store-schema-too-new = dette lageret har skjemaversjon { $version }, men dette programmet kjenner bare til og med { $known }: bruk en nyere infoflyt
store-migration-differs = migrering { $name } i dette lageret avviker fra den programmet leveres med

## Identiteter, kontoer og enhetsnøkler (src/identity)
identity-user-name-invalid = ugyldig brukernavn { $name }: bruk 1–64 tegn blant a–z, æ, ø, å, sifre, '.', '-' og '_', og begynn med en bokstav
identity-cannot-remove = kan ikke fjerne { $path }
identity-passphrase-reused = den passfrasen er allerede i bruk i dette lageret: velg en som bare er din
identity-no-account = ingen konto med navnet { $name }
identity-act-add-users = legge til brukere
identity-act-disable-users = deaktivere brukere
identity-contact-order-invalid = kontaktrekkefølgen må være 1 eller mer
identity-name-taken = navnet { $name } er allerede tatt av en { $status ->
        [active] aktiv
        [disabled] deaktivert
       *[other] { $status }
    } konto: velg et annet navn
identity-disable-self = en administrator kan ikke deaktivere sin egen konto: be en annen administrator
identity-passphrase-too-short = den nye passfrasen er for kort: bruk minst { $min } tegn (noen få ord uten sammenheng er lette å huske og vanskelige å gjette)
identity-passphrase-not-utf8 = passfrasen er ikke gyldig UTF-8
identity-passphrase-too-weak = den nye passfrasen er for lett å gjette (gjentakelser, sekvenser, vanlige ord eller ditt eget navn): velg noen få ord uten sammenheng
identity-field-unit-name = enhetsnavnet
identity-field-region-name = regionnavnet
identity-local-needs-region = en lokal enhet hører til en region: legg til --region NAVN
identity-init-claimed = { $path } settes opp av en annen `init`, eller har allerede et lager
identity-level-damaged = lagerets nivå er skadet
identity-secrets-do-not-decrypt = dine private nøkler i lageret lar seg ikke dekryptere: lageret er skadet eller manipulert; meld hendelsen
identity-account-disabled = kontoen { $name } er deaktivert: kontakt din regionale administrator
identity-no-account-check-name = det finnes ingen konto med navnet { $name } i dette lageret: sjekk brukernavnet
identity-no-account-in-store = det finnes ingen konto med navnet { $name } i dette lageret
identity-secrets-missing = de private nøklene til { $name } mangler i lageret; meld hendelsen
identity-admin-only = bare en administrator kan { $act }; { $name } er { $role ->
        [admin] administrator
        [officer] tjenesteperson
        [clerical] kontorpersonale
       *[other] { $role }
    }
identity-record-mismatch = kontoposten til { $name } eller enhetens nøkkel stemmer ikke med nøklene som er forseglet under passfrasen til { $name }: noen med lagernøkkelen har endret dem; meld hendelsen
identity-rollover-keys-changed = enhetens nøkler ble endret mens de ble byttet ut; prøv igjen
identity-rollover-accounts-changed = kontoene ble endret mens enhetens nøkler ble byttet ut; kjør kommandoen igjen
identity-unit-key-untrusted = enhetens nøkkel er ikke den du stoler på, og ingen signert etterfølgelse fører fra din nøkkel til den: noen med lagernøkkelen har endret enhetens nøkler; meld hendelsen
identity-retired-key-does-not-open = en tidligere enhetsnøkkel lar seg ikke åpne; meld hendelsen
identity-retired-key-malformed = en tidligere enhetsnøkkel er misdannet; meld hendelsen
identity-certificate-mismatch = kontoposten til { $name } stemmer ikke med sertifikatet: noen med lagernøkkelen har endret den; ingen nøkkel ble pakket inn til den. Meld hendelsen
identity-unit-keys-not-held = { $name } har ikke enhetens nøkler: denne handlingen krever en tjenesteperson eller administrator
identity-unit-keys-do-not-decrypt = enhetens nøkler lar seg ikke dekryptere for denne brukeren
identity-unit-keys-malformed = enhetens innpakkede nøkler er misdannet
identity-unit-keys-mismatch = enhetens innpakkede nøkler stemmer ikke med dens offentlige nøkler

## Nøkkelfilen (src/identity/keyslots.rs)
keyslot-file-damaged = nøkkelfilen er skadet ({ $why }): gjenopprett den fra sikkerhetskopi og meld hendelsen
store-not-found = fant ikke noe INFOFLYT-lager i { $dir }: sjekk --store (eller INFOFLYT_STORE), eller opprett et med `infoflyt init`
store-incomplete = lageret i { $dir } er skadet: filen { $missing } mangler. Gjenopprett lageret fra sikkerhetskopi og meld hendelsen (ble en `infoflyt init` stoppet der før den var ferdig, fjern mappen og kjør den på nytt)
keyslot-no-store = ikke noe INFOFLYT-lager i { $path }: sjekk --store (eller INFOFLYT_STORE)
keyslot-too-large = for stor
keyslot-not-parseable = kan ikke tolkes
keyslot-unknown-format = ukjent format
keyslot-bad-store-id = ugyldig lager-id
keyslot-two-slots = en konto har to nøkkelplasser
keyslot-bad-salt = ugyldig salt
keyslot-bad-slot = ugyldig nøkkelplass
keyslot-cannot-encode = kan ikke kode nøkkelplassene: { $error }
# Samme tekst for feil passfrase og skadet nøkkelplass: ingen orakel.
keyslot-wrong-passphrase = feil passfrase for { $name }: prøv igjen, eller kontakt din regionale administrator hvis du har glemt den
keyslot-other-store = nøkkelfilen hører til et annet lager enn databasen ved siden av

## `quickstart`: demolageret og omvisningen (src/cli/quickstart.rs)
quickstart-cannot-replace = kan ikke erstatte demolageret { $path }
quickstart-not-a-demo-store = { $path } finnes og er ikke et demolager: oppgi en annen katalog, f.eks. `infoflyt quickstart /tmp/infoflyt-demo`
quickstart-building = Bygger demolageret (nøkkelavledningen for hver konto tar omtrent et halvt sekund)…
quickstart-ready = Demolageret er klart i { $dir } (en lokal enhet, 'Demo fengsel').
quickstart-accounts = Demokontoer (disse passfrasene er offentlige; bruk dem aldri til ekte opplysninger):
quickstart-try = Prøv for eksempel:
quickstart-asks-passphrase = spør etter passfrasen
quickstart-shell = én passfrase for hele økten: kommandoer ved en ledetekst, låses når den står ubrukt
quickstart-refused-clearance = avvist: klarering
quickstart-with-cargo = (Med cargo: `cargo run --release -- --store { $dir } --user kari user list`.)

## `user` og `store show` (src/cli/user.rs, src/cli/store.rs)
user-col-order = REKKEFØLGE
user-col-role = ROLLE
user-col-clearance = KLARERING
user-col-decision = BESLUTNINGSMYNDIGHET
user-act-add-to-list = legge til brukere på autorisasjonslisten
settings-col-setting = INNSTILLING
settings-col-value = VERDI
settings-col-set-by = SATT AV
settings-col-when = NÅR

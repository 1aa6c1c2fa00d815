## Transfer packages: src/transfer.

## Label: value lines (src/transfer/lines.rs)
package-file-malformed = { $what } er ugyldig ({ $why }); filen er skadet eller ikke laget av infoflyt: be avsenderen om en ny
package-why-not-utf8 = ikke UTF-8
package-why-empty = tom
package-why-no-final-newline = siste linje mangler linjeskift
package-why-too-many-lines = for mange linjer
package-why-line-too-long = en linje er for lang
package-why-not-label-value = en linje er ikke `Label: value`
package-why-line-ill-formed = linjen { $label } er ikke riktig formet
package-why-label-missing = { $label } mangler eller står på feil plass
package-why-unexpected-line = uventet linje { $line }
package-why-bad-hex = en nøkkel eller signatur er ikke heksadesimal med små bokstaver og riktig lengde
package-field-unwritable = verdien av { $label } kan ikke skrives: bruk tegn som kan skrives ut, uten linjeskift eller mellomrom først og sist
package-why-bad-id = ugyldig pakke-id
package-why-bad-unit-name = ugyldig enhetsnavn
package-why-not-canonical = ikke på kanonisk form
package-why-unknown-version = ukjent versjon
package-why-too-large = for stor
package-why-bad-seq = ugyldig sekvensnummer
package-why-bad-signature = signaturen stemmer ikke

## BagIt files (src/transfer/bagit.rs)
bag-file-malformed = pakkens { $what } er ugyldig ({ $why }); den er skadet eller endret: be avsenderen om en ny pakke
bag-why-version = versjon eller tegnkoding støttes ikke
bag-why-no-final-newline = tom, eller mangler linjeskift til slutt
bag-why-not-checksum-line = en linje er ikke `<sha256>  <path>`
bag-payload-out-of-order = innholdsfilen { $path } står i feil rekkefølge (en feil i pakkeskriveren)
bag-needs-package-json = en pakke må ha data/package.json
bag-why-unexpected-entry = uventet oppføring { $path }
bag-why-entries-out-of-order = oppføringer i feil rekkefølge
bag-why-entries-missing = oppføringer mangler, er for mange eller står i feil rekkefølge
bag-why-bad-oxum = ugyldig Payload-Oxum
bag-why-bad-date = ugyldig Bagging-Date

## Unit cards (src/transfer/card.rs)
card-serial-from-one = et enhetskorts serienummer begynner på 1
card-what = enhetskortet
card-why-unknown-version = ukjent kortversjon
card-why-unknown-level = ukjent nivå
card-why-bad-serial = ugyldig serienummer
card-why-bad-region = ugyldig region
card-why-derived-mismatch = en avledet linje stemmer ikke med nøklene, eller kortet er ikke på kanonisk form
card-does-not-follow = dette enhetskortet for { $unit } (serienummer { $serial }) følger ikke etter det godkjente kortet (serienummer { $trusted }): det er eldre, for en annen enhet, eller ikke signert med den godkjente nøkkelen; bekreft det nye fingeravtrykket med enheten på telefon før du godkjenner det
card-invalid = enhetskortet er ikke gyldig ({ $why }); det er skadet eller forfalsket: be enheten om kortet på nytt

## Log checkpoints (src/transfer/checkpoint.rs)
checkpoint-invalid = kontrollpunktet for bruksloggen er ikke gyldig ({ $why }); det er skadet eller forfalsket
checkpoint-why-bad-time = ugyldig tidspunkt
checkpoint-why-seq-range = sekvensnummeret er utenfor gyldig område
checkpoint-what = kontrollpunktet for bruksloggen
checkpoint-why-too-many = for mange kontrollpunkter i én fil
checkpoint-head-malformed = hashen til siste innslag i bruksloggen er ugyldig
checkpoint-other-store = kontrollpunktet gjelder bruksloggen til { $unit }, ikke dette lageret: kontroller filen
checkpoint-why-unknown-key = ikke signert med en nøkkel denne enheten har hatt
checkpoint-log-cut-back = bruksloggen er kortet ned eller skrevet om under et kontrollpunkt som en annen enhet har: innslag { $seq } med hash { $hash }…, signert { $time }, finnes ikke lenger. Meld hendelsen; ikke arbeid i dette lageret før det er gjenopprettet
checkpoint-none-received = ingen kontrollpunkter er mottatt fra { $unit }
checkpoint-kept-malformed = et lagret kontrollpunkt er ugyldig
checkpoint-store-id-malformed = lagerets id er ugyldig

## Package contents (src/transfer/contents.rs, walk.rs)
package-why-archive-order = filer i arkivet mangler, er for mange eller står i feil rekkefølge
package-too-many-files = pakken har flere filer enn grensen på { $limit }; den avvises
package-too-large = pakken er større enn grensen på { $limit } byte; den avvises
package-why-cut-short = en fil i arkivet er avkortet
package-why-tag-files-missing = tag-filer mangler
package-why-tag-manifest-unsigned = tag-manifestet er ikke det signaturen viser til
package-why-tag-files-mismatch = tag-filene stemmer ikke med tag-manifestet
package-why-bag-info-mismatch = bag-info.txt stemmer ikke med pakken
package-why-payload-mismatch = innholdsfiler mangler, er ikke oppført eller er endret
package-why-file-too-large = en fil er større enn tillatt
package-why-no-bag-dir = ingen bag-katalog
package-not-for-this-unit = denne pakken er ikke kryptert til denne enhetens nøkkel: den ble sendt til en annen enhet, eller til en gammel nøkkel for denne enheten; be avsenderen kontrollere enhetskortet de brukte
package-cannot-read = kan ikke lese pakken
package-why-bad-age-header = krypteringshodet kan ikke leses
package-why-no-decrypt = det krypterte innholdet kan ikke dekrypteres
package-why-not-plain-file = en oppføring i arkivet er ikke en vanlig fil
package-why-bad-entry = en oppføring i arkivet kan ikke leses
package-file-too-large = en fil i pakken er større enn grensen på { $limit } byte; den avvises
package-why-data-after-end = data etter slutten av arkivet

## Transfers (src/transfer/destroy.rs, export.rs, import.rs)
transfer-folder-missing = mappen til person { $person }, som ble sendt i en overføring, mangler; meld fra om det
transfer-doc-not-in-folder = { $jno } ligger ikke i mappen til personen som er oppgitt
transfer-processed-goes-down = bearbeidede versjoner går nedover i tjenestevei: fra KSF til en region eller en lokal enhet, fra en region til en lokal enhet
transfer-copy-up-to-unit = kopi oppover går til en enhet
transfer-nothing-owed = ingenting skal sendes til { $unit }: alle kopier er sendt (`package pending`)
transfer-authlist-to-ksf = listeendringer går til KSF
transfer-no-list-changes = ingen listeendringer venter på å bli sendt (`auth pending`)
transfer-casework-to-unit = saksbehandling går til en enhet
transfer-queued-change-malformed = en listeendring i køen er ugyldig
transfer-log-head-malformed = siste innslag i bruksloggen er ugyldig
transfer-doc-person-unlisted = personen til et dokument var ikke oppført
transfer-export-undo-failed = pakken ble ikke skrevet ({ $why }), og registreringen av den kunne ikke angres: { $error }
transfer-cannot-write = kan ikke skrive { $path }

## Package header and fingerprints (src/transfer/header.rs, fingerprint.rs)
package-invalid-id = ugyldig pakke-id { $id }: bruk 1–{ $max } bokstaver, sifre, '-', '_' eller '.', med bokstav eller siffer først
package-invalid-unit-name = ugyldig enhetsnavn { $name }: bruk 1–{ $max } tegn som kan skrives ut, uten mellomrom først og sist
package-bad-trusted-comment = den betrodde kommentaren i pakkens signatur er ikke en infoflyt skriver ({ $why }); signaturfilen er skadet eller hører til noe annet
package-why-too-long = for lang
package-why-fields-missing = felt mangler eller står i feil rekkefølge
package-why-extra-fields = ekstra felt
package-why-invalid-id = ugyldig pakke-id
package-why-invalid-unit-name = ugyldig enhetsnavn
package-why-invalid-digest = ugyldig sammendrag av tag-manifestet
card-fingerprint-bad-char = { $text } er ikke et fingeravtrykk for et enhetskort: ventet 20 tegn som 7K3M-…, slik den andre enheten leser det opp
card-fingerprint-bad-length = { $text } er ikke et fingeravtrykk for et enhetskort: ventet 20 tegn, fikk { $count }
transfer-contents-disagree = pakkens innholdsliste stemmer ikke med det signerte hodet eller med filene: den ble laget feil eller endret før den ble signert
transfer-checkpoint-missing = pakkens kontrollpunkt for bruksloggen mangler eller er ikke avsenderens
transfer-sender-log-went-back = bruksloggen til { $sender } har gått tilbake: en tidligere pakke fra dem viste innslag { $seq }, og denne er på { $cseq } eller viser en annen hash der. Lageret deres er kortet ned eller gjenopprettet fra en eldre kopi; be dem kjøre `infoflyt log verify`, og meld hendelsen
transfer-decision-person-unplaced = personen til et vedtak ble ikke plassert
transfer-folder-no-key = mappen har ingen nøkkel for denne graderingen
transfer-more-documents = flere dokumenter enn oppført
transfer-doc-person-unplaced = personen til et dokument ble ikke plassert
transfer-doc-changed = et dokument er endret etter at det ble verifisert
transfer-doc-too-long = dokumentet er lengre enn den oppgitte størrelsen
transfer-doc-too-short = dokumentet er kortere enn den oppgitte størrelsen
transfer-doc-changed-in-package = et dokument i pakken er endret etter at det ble verifisert

## Minisign files (src/transfer/minisig.rs)
minisign-invalid = minisign-filen ({ $what }) er ikke gyldig ({ $why }); den er skadet eller hører ikke til denne pakken: be avsenderen om filen på nytt
minisign-what-public-key = offentlig nøkkel
minisign-what-signature = pakkesignatur
minisign-why-base64 = ugyldig base64
minisign-why-algorithm = ukjent algoritme
minisign-why-not-two = ikke to linjer
minisign-why-not-four = ikke fire linjer
minisign-why-comment = ugyldig kommentarlinje
minisign-why-untrusted = ugyldig linje for ikke-betrodd kommentar
minisign-why-trusted = ugyldig linje for betrodd kommentar
minisign-why-not-prehashed = ikke en forhåndshashet (ED) signatur
minisign-comment-unwritable = den betrodde kommentaren i en signatur må være én linje med tegn som kan skrives ut
minisign-other-key = pakken ble signert med en annen nøkkel (nøkkel-id { $found }) enn avsenderenhetens ({ $expected }): den er ikke fra den enheten, eller enhetskortet er endret
minisign-mismatch = pakkens signatur stemmer ikke med pakkefilen: den ble endret, avkortet eller byttet ut etter at den ble signert; ikke åpne den, og be avsenderen om en ny kopi

## Opening packages (src/transfer/mod.rs, open.rs)
package-cannot-read-signature = kan ikke lese pakkens signatur { $path }
package-file-missing = ingen pakkefil { $path }: kontroller stien (signaturen { $path }.minisig må ligge ved siden av)
package-file-is-directory = { $path } er en mappe: oppgi pakkefilen (…ifp) i den
package-signature-too-large = { $path } er for stor til å være en pakkesignatur; det er ikke riktig fil
package-no-key-to-open = ingen nøkkel å åpne pakken med
package-changed-between-passes = pakken ble endret etter at den ble verifisert (et dokument stemmer ikke lenger); ingenting ble importert: sørg for at ingenting annet skriver til mediet, og prøv igjen

## Package contents list (src/transfer/payload.rs, payload/, queue.rs)
package-unknown-basis = ukjent hjemmel { $basis }: bruk fvl-13b-5, fvl-13b-6 eller other:TEXT
package-ksf-untrusted = KSF (ingen enhetskort godkjent ennå)
package-why-field-hex = { $what } er ikke heksadesimal med små bokstaver på { $bytes } byte
package-why-field-bad = ugyldig { $what }
package-why-field-spaces = { $what } har mellomrom først eller sist
package-why-person = en person: { $error }
package-why-person-not-canonical = opplysningene om en person er ikke på kanonisk form
package-why-documents-order = dokumentene er ikke oppført i innholdsrekkefølge
package-why-bad-doc-version = ugyldig dokumentversjon
package-why-bad-content-kind = ugyldig innholdstype
package-why-bad-grading = ugyldig gradering
package-why-bad-source = ugyldig kilde
package-why-grading-not-canonical = en gradering eller kilde er ikke på kanonisk form
package-why-bad-list-change = ugyldig listeendring
package-why-bad-list = ugyldig liste
package-why-bad-receipt-version = ugyldig versjon i kvitteringen
package-why-bad-basis = ugyldig hjemmel
package-why-basis-not-canonical = hjemmelen er ikke på kanonisk form
package-why-bad-casework-record = ugyldig saksbehandlingspost
package-why-decision = et vedtak: { $error }
package-why-review = en overprøving: { $error }
package-why-bad-casework-kind = ugyldig type saksbehandling
package-why-unknown-format = ukjent format (laget av en nyere infoflyt?)
package-why-too-many-entries = for mange oppføringer
package-why-unknown-kind = ukjent pakketype
package-why-bad-level = ugyldig nivå
package-why-kind-not-canonical = en pakketype eller et nivå er ikke på kanonisk form
package-why-person-twice = en person er oppført to ganger
package-why-doc-person-unlisted = et dokument viser til en person pakken ikke oppfører
package-why-version-twice = en dokumentversjon er oppført to ganger
package-why-no-casework = en { $kind }-pakke har ikke saksbehandling
package-why-wrong-shape = den har ikke det en { $kind }-pakke har
package-field-checkpoint-store = lagerets id i kontrollpunktet
package-field-checkpoint-head = siste innslag i kontrollpunktet
package-field-checkpoint-key = nøkkelen i kontrollpunktet
package-field-checkpoint-signature = signaturen i kontrollpunktet
package-field-person-uid = personens uid
package-field-document-person = dokumentets person
package-field-journal-number = journalnummer
package-field-title = tittel
package-field-derived-from = avledet fra
package-field-information-date = informasjonsdato
package-field-file-name = filnavn
package-field-list-change-store = lageret for listeendringen
package-field-list-change-unit = enheten for listeendringen
package-field-list-change-time = tidspunktet for listeendringen
package-field-list-change-admin = administratoren for listeendringen
package-field-agreement = avtale
package-field-list-change-signer = signataren for listeendringen
package-field-list-change-signature = signaturen for listeendringen
package-field-receipt-digest = sammendraget i kvitteringen
package-field-import-time = importtidspunkt
package-field-transfer-person = personen i overføringen
package-field-consulted-unit = enheten det ble drøftet med
package-field-consulted-with = personen det ble drøftet med
package-field-consultation-time = tidspunkt for drøftingen
package-field-disclosure-person = personen i utleveringen
package-field-recipient = mottaker
package-field-decision-person = personen i vedtaket
package-field-sender = avsender
package-field-receiver = mottakerenhet
package-field-creation-time = tidspunkt laget
package-field-officer = tjenesteperson
package-cannot-encode = kan ikke kode package.json: { $error }
package-cannot-encode-casework = kan ikke kode en saksbehandlingspost: { $error }

## Receipts (src/transfer/receipt.rs, receipt/send.rs)
receipt-never-sent = kvitteringen gjelder pakke { $package }, som denne enheten aldri har sendt til { $unit }
receipt-mismatch = kvitteringen stemmer ikke med pakke { $package } slik denne enheten forseglet den
receipt-already = pakke { $package } er allerede kvittert for med en tidligere kvittering
receipt-list-change-unsigned = en listeendring i pakken har ikke administratorens signatur
receipt-not-found = { $id } er ikke kvitteringen for en pakke importert her (se `log list`)
receipt-sender-untrusted = { $unit } er ikke lenger godkjent
receipt-digest-malformed = et registrert sammendrag er ugyldig

## Consultations and disclosures (src/transfer/registers.rs)
transfer-invalid-time = ugyldig { $what } { $value }: bruk YYYY-MM-DD, "YYYY-MM-DD HH:MM" eller RFC 3339
transfer-time-in-future = { $what } { $time } er fram i tid: registrer det når det har skjedd
transfer-cannot-encode-documents = kan ikke kode dokumentene: { $error }
transfer-what-time = tidspunkt
transfer-consultation-not-stored = drøftingen ble ikke lagret
transfer-doc-not-in-person-folder = { $jno } ligger ikke i mappen til person { $person }
transfer-disclosure-not-stored = utleveringen ble ikke lagret

## Sealing packages (src/transfer/seal.rs)
package-cannot-write-part = kan ikke skrive pakken ({ $part })
package-part-file-name = filnavn
package-part-age-header = age-hode
package-part-tag-file = tag-fil
package-part-document = dokument
package-part-end-of-archive = slutten av arkivet
package-part-end-of-encryption = slutten av krypteringen
package-part-flush = tømming av buffer
package-json-too-large = package.json er større enn { $limit } byte; send innholdet i flere pakker
package-cannot-encrypt = kan ikke kryptere pakken: { $error }
package-too-many-documents = en pakke kan ha høyst { $max } dokumenter; del opp overføringen
package-would-be-too-large = pakken ville blitt større enn tillatt (høyst { $per_document } byte per dokument, { $total } i alt); del opp overføringen
package-json-twice = package.json lagt til to ganger
package-signature-exists = { $path } finnes: den overskrives aldri; gi pakkefilen et nytt navn

## Inner signatures (src/transfer/signatures.rs)
package-invalid-officer-name = ugyldig navn på tjenesteperson { $name }: bruk 1–{ $max } tegn som kan skrives ut
package-what-inner-signatures = pakkens indre signaturer
package-why-bad-officer-name = ugyldig navn på tjenesteperson

## Trusted units and external recipients (src/transfer/trust.rs)
card-too-many = for mange enhetskort
card-what-trust-units = godkjenne andre enheter
card-own-card = det er denne enhetens eget kort: godkjenn den andre enhetens kort
card-fingerprint-mismatch = kortets fingeravtrykk er { $actual }, ikke { $given } som du fikk oppgitt: dette er ikke kortet { $unit } leste opp. Ingenting ble godkjent; be enheten sende kortet sitt på nytt
card-trusted-not-stored = den godkjente enheten ble ikke lagret
card-what-name-recipients = navngi eksterne mottakere
card-what-recipient-name = mottakerens navn
card-recipient-name-like-key = en mottakers navn kan ikke se ut som en age-nøkkel
card-recipient-not-stored = mottakeren ble ikke lagret
card-no-external-recipient = ingen ekstern mottaker med navnet { $name }: en administrator navngir en med `unit trust-external NAME --recipient age1…`, eller oppgi selve age-nøkkelen
card-trust-unsigned = det betrodde kortet for { $unit } er ikke det en signert tillitsendring la inn: noen med registernøkkelen har endret hvem denne enheten stoler på; ingenting forsegles til eller tas imot fra den. Meld hendelsen, og la så en administrator sammenligne fingeravtrykket over telefon på nytt (`unit trust`)
card-trust-stray = brukslogginnslag { $seq } registrerer en tillitsendring for { $unit } som ikke teller: den nevner ikke noe kort, eller et kort som ikke følger av det som var betrodd før (et nøkkelskifte må være signert med nøkkelen som var betrodd før). Noen med registernøkkelen kan ha forsøkt å endre hvem denne enheten stoler på. Meld hendelsen
card-external-unsigned = age-nøkkelen lagret for den eksterne mottakeren { $name } er ikke den en administrator oppga i en signert endring: noen med registernøkkelen har endret den; ingenting forsegles til den. Meld hendelsen, og la så en administrator oppgi mottakeren på nytt (`unit trust-external`)

## age keys (src/transfer/agekey.rs)
package-not-age-recipient = { $text } er ikke en age-mottaker: ventet `age1…` ({ $len } tegn), slik `age-keygen -y` skriver den ut
package-age-refused-recipient = age-biblioteket avviste en mottaker: { $error }
package-not-age-identity = ikke en age-identitet: ventet én linje `AGE-SECRET-KEY-1…`, slik `age-keygen` skriver den
package-cannot-encode-age-key = kan ikke kode enhetens nøkkel for age
package-age-refused-key = age-biblioteket avviste enhetens nøkkel: { $error }
receipt-not-written = pakken ble importert, men kvitteringen kunne ikke skrives ({ $error }): skriv den på nytt med `infoflyt package receipt { $id } --out DIR`
transfer-copies-go-up = kopier går oppover i tjenestevei: fra en lokal enhet til regionen sin ({ $region }) og til KSF, fra en region til KSF; { $unit } er ingen av delene for denne enheten
transfer-no-region = ingen
bag-unknown-file = pakken har en fil med navnet { $name }, som infoflyt aldri skriver: den er endret eller laget av noe annet; ikke pakk den ut

# infoflyt — meldinger på bokmål.
#
# Hver melding her har en tvilling med samme id og de samme variablene i
# locales/en/infoflyt.ftl (tests/i18n.rs sjekker det). Kravnumre (R3, R26 …) står aldri i en
# melding: de hører hjemme i docs/rules.md. Se docs/i18n.md for hvordan en melding legges til.
#
# Ordbruk: journalpost, gradering, FORTROLIG / STRENGT FORTROLIG, ikke verifisert, løslatelse,
# varetekt, innsatt, rømningsfare, bearbeidet versjon, tjenestevei, sletting/makulering,
# innsyn, tjenstlig behov, passfrase.

## Feil (src/error.rs)

error-refused = avvist ({ $rule }): { $message }
error-io-disk-full = { $context }: disken er full; frigjør plass og prøv igjen
error-io-permission = { $context }: ingen tilgang; sjekk at du kjører som eieren av registeret
error-io = { $context }: { $error }
error-db-damaged = registerets database besto ikke integritetskontrollen (sideautentisering eller struktur): den er skadet eller manipulert; gjenopprett den fra sikkerhetskopi og meld hendelsen
error-db-disk-full = disken er full: endringen ble avvist og ingenting ble skrevet; frigjør plass og prøv igjen
error-db-busy = registeret er opptatt av en annen prosess som ikke ble ferdig i tide; prøv igjen
error-db-read-only = registeret kan ikke skrives ({ $error }); sjekk disken og tilgangene til registerets katalog
error-db-io = en I/O-feil stoppet registeret ({ $error }); disken kan være full eller feile; ingenting ble lagret
error-db-other = databasefeil: { $error }

## Reglene en avvisning viser til (src/error.rs)

rule-role = rolle
rule-clearance = klarering
rule-folder-restricted = mappen er begrenset
rule-not-on-the-list = ikke på listen
rule-last-reader = siste leser
rule-list-size = listens størrelse
rule-health-confidentiality = taushetsplikt etter helsepersonelloven
rule-binary-contents = binært innhold

## Utdata (src/cli/output.rs)

output-json-failed = kan ikke lage JSON: { $error }

## Hjelp (src/cli/localise.rs, src/cli/args.rs)

cli-about = INFOFLYT: kriminalomsorgens krypterte register over innsatte med særskilt risiko
cli-long-about =
    INFOFLYT: kriminalomsorgens krypterte register over innsatte med særskilt risiko.

    Alle kommandoer unntatt `init` og `quickstart` låser opp registeret som en personlig bruker: passfrasen spørres etter i terminalen (uten ekko) eller leses som én linje fra --passphrase-fd N. Den tas aldri fra argumenter eller miljøvariabler.
cli-heading-usage = Bruk:
cli-heading-commands = Kommandoer
cli-heading-options = Valg
cli-heading-arguments = Argumenter
cli-flag-help = Vis hjelp
cli-help-about = Vis denne hjelpen, eller hjelpen til de gitte kommandoene
cli-flag-version = Vis versjon
cli-opt-store = Registerets katalog
cli-opt-user = Ditt personlige brukernavn (gis før kommandoen: `log list --user` filtrerer)
cli-opt-passphrase-fd = Les passfrasen som én linje fra fildeskriptor N i stedet for fra terminalen
cli-opt-json = Skriv ett JSON-dokument på standard ut (meldinger til mennesker går fortsatt til standard feil)
cli-opt-lang = Språk for meldinger og hjelp: nb (bokmål) eller en (engelsk); som standard bokmål når LC_ALL, LC_MESSAGES eller LANG angir norsk, ellers engelsk
cli-init-about = Opprett et nytt register for én enhet, med nøklene og den første administratoren
cli-quickstart-about = Bygg et demoregister med eksempelbrukere, personer og dokumenter, og vis hva du kan prøve
cli-user-about = Kontoer på enhetens autorisasjonsliste
cli-verify-about = Kontroller integriteten til hele registeret
cli-person-about = Personer i registeret
cli-network-about = Nettverk og medlemmene deres
cli-doc-about = Graderte dokumenter i personenes mapper
cli-journal-about = Enhetens journal
cli-log-about = Bruksloggen
cli-auth-about = Enhetens autorisasjonsliste som data, og endringer som venter på å sendes til KSF
cli-folder-about = En mappes liste over tjenstlig behov: hvem som har nøkkelen
cli-store-about = Innstillinger for hele registeret (administratorer endrer dem)

cli-person-add-about = Registrer en person; skriver ut id-en (`--json`: {"{"}"id": …{"}"})
cli-person-add-opt-name = Fullt navn
cli-person-add-opt-kind = inmate (innsatt, domfelt), remand (varetekt) eller associate (tilknyttet: besøkende, kontakt, nettverksmedlem)
cli-person-add-opt-born = Fødselsdato, ÅÅÅÅ-MM-DD
cli-person-add-opt-unit = Nåværende enhet, slik den er skrevet i listen (se `person units`)
cli-person-add-opt-risk = Risiko: escape (rømningsfare), outside-attack (angrep utenfra), hostage-taking (gisseltaking), serious-crime (ny alvorlig kriminalitet), protection (beskyttelsesbehov)
cli-person-add-opt-affiliation = Tilknytning: organised-crime, terrorist, political-extremist, religious-extremist
cli-person-add-opt-offence = Type lovbrudd
cli-person-add-opt-sentence = Straffens lengde
cli-person-add-opt-conduct = Tidligere atferd i fengsel
cli-person-add-opt-new-unit = Enheten er ny i listen: ta --unit som skrevet, også når den ligner en kjent enhet (se `person units`)
cli-person-list-about = List personer (logges som bruk av registeret)
cli-person-list-opt-unit = Bare denne enheten (store eller små bokstaver)
cli-person-list-opt-kind = Bare denne typen
cli-person-show-about = Vis én person med koblinger, nettverk, samsoning og dokumenter (logges)
cli-person-show-opt-id = Personens id
cli-person-update-about = Endre en persons opplysninger; bare valgene som gis endres, og de gamle verdiene blir stående i historikken
cli-person-update-opt-id = Personens id
cli-person-update-opt-kind = Type: inmate, remand eller associate
cli-person-update-opt-unit = Nåværende enhet, slik den er skrevet i listen (`--unit ""` fjerner den)
cli-person-update-opt-risk = Risiko: escape (rømningsfare), outside-attack (angrep utenfra), hostage-taking (gisseltaking), serious-crime (ny alvorlig kriminalitet), protection (beskyttelsesbehov)
cli-person-update-opt-affiliation = Tilknytning: organised-crime, terrorist, political-extremist, religious-extremist
cli-person-update-opt-offence = Type lovbrudd
cli-person-update-opt-sentence = Straffens lengde
cli-person-update-opt-conduct = Tidligere atferd i fengsel
cli-person-update-opt-new-unit = Enheten er ny i listen: ta --unit som skrevet, også når den ligner en kjent enhet (se `person units`)
cli-person-link-about = Koble en person til en annen: ID er besøkende / telefonkontakt / brevkontakt til OTHER
cli-person-link-opt-id = Personens id
cli-person-link-opt-to = Den andre personens id
cli-person-link-opt-kind = Type kobling
cli-person-release-about = Registrer, rett eller trekk tilbake tidspunktet for løslatelse. I lokale og regionale registre makuleres mappen og registeroppføringen når løslatelsen får virkning: på det tidspunktet, men aldri før en time etter at den ble registrert, og til da kan den rettes
cli-person-release-opt-id = Personens id
cli-person-release-opt-at = Når: ÅÅÅÅ-MM-DD (midnatt UTC) eller RFC 3339; et nytt tidspunkt retter det gamle
cli-person-release-opt-withdraw = Trekk tilbake den registrerte løslatelsen
cli-person-kompis-marks-about = Hvem som skal merkes og avmerkes i KOMPIS siden forrige kvittering
cli-person-kompis-marks-opt-ack = Registrer at listen er gjennomført i KOMPIS
cli-person-find-about = Finn personer på navn (store eller små bokstaver, med eller uten æ, ø, å og aksenter) eller fødselsdato (ÅÅÅÅ-MM-DD, DD.MM.ÅÅÅÅ eller et årstall); logges
cli-person-find-opt-text = Ord i navnet (hvert treffer begynnelsen av et ord), en fødselsdato eller et årstall
cli-person-correct-about = Rett opp feil navn eller fødselsdato; de gamle verdiene blir stående i personens historikk
cli-person-correct-opt-id = Personens id
cli-person-correct-opt-name = Riktig navn
cli-person-correct-opt-born = Riktig fødselsdato, ÅÅÅÅ-MM-DD ("" fjerner den)
cli-person-correct-opt-reason = Hvorfor (tas vare på i historikken)
cli-person-history-about = En persons historikk: alle rettelser og endringer, med de gamle verdiene; logges
cli-person-history-opt-id = Personens id
cli-person-unlink-about = Fjern koblingene mellom to personer (begge veier; bare én type med --as)
cli-person-unlink-opt-id = Personens id
cli-person-unlink-opt-from = Den andre personens id
cli-person-unlink-opt-kind = Bare denne typen kobling
cli-person-units-about = Listen over enheter personer er plassert i (det --unit sammenlignes med)

cli-network-add-about = Registrer et nettverk med et formål ut over vennskap
cli-network-add-opt-name = Navn
cli-network-add-opt-kind = Type: organised-crime, terrorist, political-extremist, religious-extremist, robbery, mc, enforcers, drugs, gang, other
cli-network-add-opt-purpose = Formålet, og hvorfor nettverket er en del av dagens trusselbilde
cli-network-add-opt-member = Medlemmenes person-id-er
cli-network-join-about = Legg til medlemmer i et nettverk (også på nytt, for et medlem som har gått ut)
cli-network-join-opt-id = Nettverkets id
cli-network-join-opt-person = Person-id-er
cli-network-list-about = List aktive nettverk og samsoningen slik den er nå
cli-network-list-opt-all = Ta med nettverk som er avviklet
cli-network-leave-about = Personer går ut av et nettverk (tas vare på med tidspunktet de gikk ut)
cli-network-leave-opt-id = Nettverkets id
cli-network-leave-opt-person = Person-id-er
cli-network-retire-about = Avvikle et nettverk som ikke lenger er en del av dagens trusselbilde (tas vare på; ikke lenger aktivt, ingen advarsler om samsoning)
cli-network-retire-opt-id = Nettverkets id
cli-network-retire-opt-reason = Hvorfor

cli-doc-print-about = Skriv ut et tekstdokument til PDF med merking, som et nummerert eksemplar (logges). Overskriver aldri
cli-doc-print-opt-jno = Journalnummer, eventuelt @VERSJON
cli-doc-print-opt-out = PDF-filen som skal lages; den må ikke finnes fra før
cli-doc-print-opt-purpose = Hvorfor du skriver det ut (føres i loggen og på første side)
cli-doc-print-opt-to = Hvem papiret er til når det går ut over tjenestens eget bruk (f.eks. KSF, Kripos, «Oslo politidistrikt»); som ved eksport skrives opplysninger fått som medhjelper for helsepersonell aldri ut til politiet
cli-doc-print-opt-basis = Hjemmelen for en utskrift til politiet (kreves da): fvl-13b-5, fvl-13b-6 eller other:TEKST. En utskrift gitt på et grunnlag føres i utleveringsregisteret
cli-doc-print-opt-not-police = Mottakeren er ikke politiet: kreves for en mottaker dette programmet verken kjenner som politiet eller som kriminalomsorgen (føres i bruksloggen sammen med utskriften)
cli-journal-print-about = Skriv ut ett års journal til PDF for et tilsyn (logges). Overskriver aldri
cli-journal-print-opt-year = Året
cli-journal-print-opt-out = PDF-filen som skal lages; den må ikke finnes fra før
cli-log-report-opt-pdf = Skriv ut rapporten, med alle oppføringene, til denne PDF-filen for et tilsyn (logges)
cli-journal-list-opt-limit = Bare de N nyeste radene (fortsatt eldste først)
cli-log-verify-opt-no-signatures = Kontroller bare kjeden (rekkefølge, lenker, hasher, signerende), ikke signaturene: en rask kontroll. En full kontroll trengs fortsatt for å stole på loggen
cli-retention-about = Makulering ved løslatelse og etter ti år: hva som skal makuleres, gjennomgangen, KSFs tilbakehold
cli-retention-due-about = Hva som makuleres innen N dager, og når (det som skulle vært makulert først)
cli-retention-due-opt-days = Hvor mange dager fram
cli-retention-sweep-about = Makuler det som skal makuleres nå (hver opplåsing gjør det også; for en tidsstyrt kjøring)
cli-retention-hold-about = Bevar en persons mappe eller ett dokument ut over ti år (tjenestepersoner i KSF med beslutningsmyndighet)
cli-retention-hold-opt-person = Personen hvis hele mappe og registeroppføring skal bevares
cli-retention-hold-opt-doc = Dokumentet som skal bevares (alle versjoner)
cli-retention-hold-opt-until = Bevares til og med denne dagen (ÅÅÅÅ-MM-DD), høyst ti år fram
cli-retention-hold-opt-reason = Hvorfor KSF bevarer det
cli-retention-release-hold-about = Opphev et tilbakehold (tjenestepersoner i KSF med beslutningsmyndighet)
cli-retention-release-hold-opt-id = Tilbakeholdets id (se `retention holds`)
cli-retention-holds-about = Tilbakeholdene som gjelder
cli-retention-holds-opt-all = Alle tilbakehold som er satt, også opphevede og utløpte

## Utskrift (src/print/, src/cli/print.rs). Det som kommer på papir er alltid på bokmål.

print-page = side { $page } av { $pages }
print-doc-header = Journalnr. { $jno } v{ $version } · eksemplar nr. { $copy }
print-notice-unverified = IKKE VERIFISERT: riktigheten av opplysningene er ikke fastslått
print-notice-health = TAUSHETSBELAGT (helsepersonelloven): skal ikke gis videre til politiet
print-doc-source = Kilde: { $source } · opplysningene er datert { $date }
print-doc-derived = Bearbeidet versjon av { $from }
print-doc-printed = Skrevet ut av { $user }, { $unit }, { $time }
print-doc-purpose = Formål: { $purpose }
print-doc-done = Skrev ut { $jno } v{ $version } ({ $grading }) som eksemplar nr. { $copy } til { $out } ({ $pages ->
        [one] 1 side
       *[other] { $pages } sider
    }). Oppbevar utskriften slik graderingen krever.
print-report-done = Skrev { $out } ({ $pages ->
        [one] 1 side
       *[other] { $pages } sider
    }).
print-too-large = { $jno } er { $size } byte, for stort til å skrives ut (teksten legges opp i minnet)
print-binary = { $jno } har binært innhold som ikke kan skrives ut som tekst (forsøket står i bruksloggen)
print-bad-year = ugyldig år { $year }: gi et år som 2026
print-cannot-write = kan ikke skrive { $out }
print-hint-export = en kopi av det lagrede innholdet lages med `doc export { $jno } --out FIL`
print-copy-failed = eksemplar nr. { $copy } av { $jno } ble ikke skrevet ({ $error }); loggen fører det som mislykket
print-copy-failed-unlogged = { $error }; og feilen kunne ikke føres i loggen: { $log_error }
print-no-room = siden har ikke plass til tekst under merkingen
print-report-marking = UNNTATT OFFENTLIGHET
print-report-exempt = Unntatt offentlighet: offl. § 13 jf. fvl. § 13; beskyttelsesinstruksen
print-report-printed = Enhet: { $unit } · skrevet ut { $time } av { $user }
print-report-empty = (ingen oppføringer)
print-journal-title = INFOFLYT-journal { $year }
print-log-title-user = Brukslogg: hva { $user } har brukt
print-log-title-doc = Brukslogg: hvem som har brukt { $jno }
print-log-summary = Sammendrag
print-log-entries = Oppføringer
print-col-journal = JOURNALNR.
print-col-version = V
print-col-date = DATO
print-col-grading = GRADERING
print-col-status = STATUS
print-col-counterpart = FRA/TIL
print-col-by = AV
print-col-exemption = UNNTAK
print-col-user = BRUKER
print-col-document = DOKUMENT
print-col-act = HANDLING
print-col-count = ANTALL
print-col-first = FØRSTE
print-col-last = SISTE
print-col-seq = LØPENR.
print-col-time = TID
print-col-outcome = UTFALL
print-col-person = PERSON
print-col-purpose-detail = FORMÅL / DETALJ
journal-status-received = mottatt
journal-status-created = opprettet
journal-status-sent = sendt
journal-status-destroyed = makulert
source-kripos = Kripos
source-pst = PST
source-police = politiet
source-ksf = KSF
source-region = regionen
source-local = egen enhet
source-other = annen

## Registeret (src/register/, src/cli/person.rs, src/cli/person_upkeep.rs)

register-clerical = kontorpersonale kan ikke { $act }; spør en tjenesteperson på listen
person-add-officer-only = en person registreres av en tjenesteperson, som lager mappens nøkler; en administrator fører listen og leser ingen mappe
act-register-persons = registrere personer
act-change-persons = endre personer
act-correct-persons = rette personopplysninger
act-link-persons = koble personer
act-unlink-persons = fjerne koblinger mellom personer
act-register-releases = registrere løslatelser
act-register-networks = registrere nettverk
act-change-networks = endre nettverk
field-name = navn
field-born = fødselsdato
field-kind = type
field-unit = enhet
field-risks = risiko
field-affiliations = tilknytning
field-offence = lovbrudd
field-sentence = straff
field-conduct = atferd
field-release = løslatelse
field-link = kobling
person-bad-date = ugyldig dato { $value }: bruk ÅÅÅÅ-MM-DD
person-bad-time = ugyldig tidspunkt { $value }: bruk ÅÅÅÅ-MM-DD eller RFC 3339
person-born-implausible = fødselsdatoen { $value } er ikke sannsynlig: den må ligge mellom 1900-01-01 og i dag
person-release-implausible = løslatelsestidspunktet { $value } er ikke sannsynlig (et år fra 1900 til 2199): kontroller året
person-no-readers = ingen tjenesteperson står på enhetens liste ennå, så ingen ville kunne lese personens mappe: be administratoren legge til tjenestepersoner først
person-not-found = ingen person med id { $id }: se `person list` eller `person find`
person-link-self = en person kan ikke kobles til seg selv
person-no-link = person { $id } og person { $other } er ikke koblet (slik det ble spurt om): se `person show { $id }`
person-correct-nothing = gi riktig navn, riktig fødselsdato eller begge
person-correct-same = verdiene som ble gitt er de som er registrert: ingenting å rette
person-find-empty = gi ord i navnet, en fødselsdato (ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ) eller et årstall, høyst 8 ord
person-find-too-many = mer enn { $limit } personer passer: gi mer av navnet, eller fødselsdatoen
person-find-none = Ingen person passer.
person-similar = advarsel: { $count ->
        [one] en registrert person ligner denne
       *[other] { $count } registrerte personer ligner denne
    }: { $candidates }. Er det samme person, bruk den som finnes (`person correct` retter feil navn eller fødselsdato).
person-similar-one = { $id } ({ $name })
person-similar-one-born = { $id } ({ $name }, født { $born })
person-added = Registrerte person { $id } ({ $name }); mappen er opprettet.
person-updated = Oppdaterte person { $id }.
person-corrected = Rettet person { $id }; de gamle verdiene står i `person history { $id }`.
person-linked = Koblet: person { $id } er { $kind } til person { $other }.
person-unlinked = Fjernet { $count ->
        [one] 1 kobling
       *[other] { $count } koblinger
    } mellom person { $id } og person { $other }.
person-history-none = Ingen endringer er registrert for person { $id }.
person-link-is = er { $kind } til { $name } ({ $id })
person-link-has = { $name } ({ $id }) er { $kind } til denne personen
label-born = født
label-unit = enhet
label-risks = risiko
label-affiliations = tilknytning
label-offence = lovbrudd
label-sentence = straff
label-conduct = atferd
label-release = løslatelse
label-link = kobling
label-network = nettverk
label-colocation = samsoning
label-documents = dokumenter
label-decisions = vedtak
col-id = ID
col-name = NAVN
col-kind = TYPE
col-born = FØDT
col-unit = ENHET
col-risks = RISIKO
col-affiliations = TILKNYTNING
col-time = TID
col-user = BRUKER
col-field = FELT
col-old = GAMMEL
col-new = NY
col-reason = BEGRUNNELSE
col-members = MEDLEMMER
col-status = STATUS
col-purpose = FORMÅL
kompis-mark = Merk i KOMPIS:
kompis-unmark = Fjern merking i KOMPIS:
kompis-none = (ingen)
kompis-acked = Kvittert: neste liste begynner herfra.
kompis-hint = Når det er gjort i KOMPIS, kjør `person kompis-marks --ack`.
unit-taken-as = enheten «{ $given }» er tatt som «{ $unit }», slik den er skrevet i registeret
unit-new = merk: «{ $unit }» er en enhet som er ny i registerets liste
unit-near-miss = enheten «{ $given }» står ikke i listen, men ligner { $close }: skriv enheten slik den står i listen (se `person units`), eller si at «{ $given }» er en egen enhet
unit-hint-new = --new-unit sier det
colocation = { $count } medlemmer av nettverket «{ $network }» ({ $kind }) er plassert i { $unit } (personer { $persons })
colocation-warning = advarsel: { $colocation }
code-inmate = innsatt
code-remand = varetekt
code-associate = tilknyttet
code-escape = rømningsfare
code-outside-attack = angrep utenfra
code-hostage-taking = gisseltaking
code-serious-crime = ny alvorlig kriminalitet
code-protection = beskyttelsesbehov
code-organised-crime = organisert kriminalitet
code-terrorist = terror
code-political-extremist = politisk ekstremisme
code-religious-extremist = religiøs ekstremisme
code-visitor = besøkende
code-phone-contact = telefonkontakt
code-correspondent = brevkontakt
code-robbery = ransmiljø
code-mc = MC
code-enforcers = torpedoer
code-drugs = narkotika
code-gang = gjeng
code-other = annet
code-admin = administrator
code-officer = tjenesteperson
code-clerical = kontorpersonale
code-active = aktiv
code-disabled = deaktivert
network-purpose-needed = et nettverk må ha et formål ut over vennskap som er del av dagens trusselbilde: beskriv det
network-exists = et nettverk med navnet «{ $name }» finnes allerede (et avviklet nettverk beholder navnet): velg et annet navn
network-not-found = ingen nettverk med id { $id }: se `network list`
network-retired-already = nettverk { $id } ble avviklet { $at }: det kan ikke endres
network-not-member = person { $person } er ikke medlem av nettverk { $id } nå
network-retire-reason = si hvorfor nettverket avvikles, med 3–500 tegn
network-added = Registrerte nettverk { $id }.
network-joined = La til { $count ->
        [one] 1 medlem
       *[other] { $count } medlemmer
    } i nettverk { $id }.
network-left = { $count ->
        [one] 1 medlem
       *[other] { $count } medlemmer
    } gikk ut av nettverk { $id }.
network-retired = Avviklet nettverk { $id }; det tas vare på.
network-status-active = aktivt
network-status-retired = avviklet { $at }
network-colocations = Samsoning:

## log verify (src/cli/log.rs)

log-verify-intact = Bruksloggen er hel: { $entries } oppføringer, kjede og signaturer kontrollert; hode { $head }.
log-verify-chain-intact = Kjeden i bruksloggen er hel: { $entries } oppføringer, rekkefølge, lenker, hasher og signerende kontrollert; signaturene er IKKE kontrollert (kjør log verify uten --no-signatures for det); hode { $head }.
## Pakker i tjenestevei, godkjente enheter, drøftinger og utleveringer (src/transfer/,
## src/cli/transfer.rs, src/cli/unit.rs)

rule-prior-consultation = forutgående drøfting
package-progress-seal = forsegler pakken
package-progress-import = importerer dokumenter
package-exported = Skrev { $file } ({ $kind }, nummer { $seq } til { $receiver }): { $count ->
        [one] 1 dokument
       *[other] { $count } dokumenter
    }, { $size } byte, signatur { $signature }.
package-receipt-again = Skrev kvitteringen { $id } på nytt: { $file }
package-gap = advarsel: pakke nummer { $seq } fra { $sender } har ikke kommet
package-imported = Importerte { $id } ({ $kind }, nummer { $seq } fra { $sender }): { $count ->
        [one] 1 dokument
       *[other] { $count } dokumenter
    } journalført.
package-imported-doc = { $jno } v{ $version } fra { $sender } { $sender_jno } v{ $sender_version }
package-imported-doc-already = { $jno } v{ $version } fra { $sender } { $sender_jno } v{ $sender_version } (finnes her allerede)
package-card-rollover = { $sender } har byttet nøklene sine; det nye enhetskortet er godkjent nå.
package-folder-destroyed = Overføringen er kvittert: mappen til person { $person } er makulert her, nøklene først.
package-folder-kept = Overføringen er kvittert: dokumentene den førte for person { $person } er makulert her. { $kept } dokumentversjon(er) fulgte ikke med (skrevet mens den var underveis, eller ikke arkivert der) og beholdes, med mappen: send dem med en ny overføring.
receipt-transfer-unlogged = pakke { $package } er registrert her som en overføring av person { $person }, men bruksloggen har ingen eksport av den som det fra en tjenesteperson: registreringen er endret med registerets nøkkel, og ingenting makuleres
package-receipt-written = Kvittering til avsenderen: { $file } (med tilhørende .minisig og .card).
package-inspected = { $id } ({ $kind }, nummer { $seq } fra { $sender } til { $receiver }), laget av { $officer } { $at }; kontrollert.
package-inspected-persons = Personer: { $persons }
package-owed-copy-up = kopi oppover til { $unit }
package-pending-authlist = Listeendringer som venter på å sendes til KSF: { $count }
package-pending-casework = Skal sendes: { $kind } for vedtak { $decision } til { $unit } ({ $level }): { $why }
package-imported-casework = Saksbehandling mottatt: { $decisions } vedtak til overprøving eller videre rapport, { $reviews } overprøving(er) av vedtak tatt her
package-awaiting-receipt = Venter på kvittering for { $id } ({ $kind } til { $receiver }, nummer { $seq })
package-nothing-imported = { $why }; ingenting ble importert
package-needs-receiver = mottakerenheten er ikke oppgitt
package-receiver-untrusted = { $unit } er ikke en enhet dette registeret har godkjent: en administrator godkjenner enhetskortet først (`unit trust`)
package-nothing-named = ingenting å sende: oppgi dokumenter eller en person
package-needs-recipient = den eksterne mottakeren er ikke oppgitt
package-external-one-person = en ekstern pakke gjelder én person: oppgi personen
package-transfer-one-person = en overføring flytter mappen til én person: oppgi personen
package-authlist-to-ksf = listeendringer sendes til KSF: oppgi KSF som mottakerenhet
disclosure-needs-basis = en utlevering til politiet krever hjemmel: fvl-13b-5, fvl-13b-6 eller other:TEKST
disclosure-declare-not-police = { $recipient } er et navn dette programmet verken kjenner som politiet eller som kriminalomsorgen. Går kopien til politiet, oppgi hjemmelen med --basis (den er da en utlevering og registreres); hvis ikke, si det med --not-police, som bruksloggen fører sammen med kopien
package-usage-to = package export --kind { $kind } krever --to ENHET
package-usage-external = package export --kind external krever mottakeren (--recipient age1…|NAVN), personen (--person ID) og hjemmelen (--basis fvl-13b-5|fvl-13b-6|other:TEKST)
package-usage-transfer = package export --kind transfer krever --person ID (personen som har mappen som flyttes)
package-usage-processed-down = package export --kind processed-down krever --doc JNR,… eller --person ID
disclosure-usage-basis = disclosure record --oral krever hjemmel: --basis fvl-13b-5|fvl-13b-6|other:TEKST
package-not-found = ingen pakke { $file }: sjekk stien
package-refused-untrusted = pakken kommer fra { $sender }, som dette registeret ikke har godkjent: en administrator godkjenner enhetskortet etter å ha kontrollert fingeravtrykket på telefon
package-refused-unknown-key = pakken er ikke signert med nøkkelen til { $sender } som dette registeret har godkjent, og det følger ikke noe nytt enhetskort fra den enheten med
package-refused-neither-key = pakkens signatur er verken laget med nøkkelen på det godkjente eller på det nye enhetskortet
package-refused-card-unreadable = enhetskortet ved siden av pakken kan ikke leses eller er for stort
package-refused-receiver = pakken er adressert til { $receiver }, ikke til denne enheten ({ $me }); send den videre til mottakeren eller tilbake til avsenderen
package-refused-sender = pakken oppgir { $named } som avsender, men er signert med nøkkelen til { $signer }; ikke importer den, og meld fra
package-refused-replay = denne pakken ({ $id }, nummer { $seq } fra { $sender }) er importert før: en pakke importeres én gang, og en kopi av den er en gjentakelse
package-refused-damaged = pakken er skadet eller endret ({ $what }); ikke importer den, og be avsenderen om en ny kopi
package-refused-inner-signatures = signaturene inne i pakken stemmer ikke med innholdet eller avsenderen: den er endret, eller signert av en annen enhet eller tjenesteperson; ikke importer den, og meld fra
package-refused-contents-list = pakkens innholdsliste (package.json) er ugyldig ({ $why }); ikke importer den, og be avsenderen om en ny pakke
package-refused-import-role = dokumenter journalføres av en tjenesteperson, som lager og har mappenøklene; { $name } har rollen { $role }
package-refused-import-clearance = pakken inneholder { $grading }-dokumenter og { $name } har klarering { $clearance }: en tjenesteperson med klarering for dem må importere den
package-refused-rotation-pending = en mappe i denne pakken må få ny nøkkel etter at en leser sluttet, og denne brukeren kan ikke lage den: en tjenesteperson som leser mappen må importere pakken
package-not-for-units = en pakke av typen { $kind } importeres ikke av en enhet (denne versjonen av infoflyt leser ingen slike)
package-no-casework-owed = ingen vedtak eller overprøvinger skyldes { $unit }: alt er sendt (`package pending`)
package-casework-untrusted = pakken videresender et vedtak fra { $unit }, som dette lageret ikke stoler på: en administrator godkjenner enhetens kort (`unit trust`), og så importeres pakken på nytt
package-casework-level = pakken har et vedtak eller en overprøving som { $unit } ikke har gjort på sitt nivå: ikke importer den, og meld fra
package-casework-subject = pakken arkiverer et vedtak om { $subject } under { $here } her: enheten som fattet det, signerte det om en annen person. Ingenting ble importert; ikke importer den, og meld fra (er det samme person registrert her med et annet navn eller en annen fødselsdato, rett registeret først)
package-casework-supersedes-other = pakken har et vedtak fra { $unit } som sier at det erstatter vedtak { $id } her, som { $unit } ikke fattet om den personen, eller som allerede er erstattet. Ingenting ble importert; ikke importer den, og meld fra
package-kind-receipt = en kvittering skrives av `package import` for pakken som importeres
transfer-refused-no-consultation = en overføring gjøres først etter at nivåene har drøftet den: registrer drøftingen med { $unit } om person { $person } først (`consult record`)
transfer-same-level = en overføring flytter en mappe fra ett fengsel til et annet, eller en regions dokumenter til en annen region: KSF beholder sine kopier i ti år og overfører ikke, og mottakeren må være en enhet på samme nivå som denne
checkpoint-written = Skrev { $count ->
        [one] 1 kontrollpunkt
       *[other] { $count } kontrollpunkter
    } for { $unit } til { $file } (nyeste: post { $seq }).
checkpoint-file-missing = ingen kontrollpunktfil { $file }
checkpoint-held = Den inneholder { $count ->
        [one] kontrollpunktet
       *[other] alle { $count } kontrollpunktene
    } i filen (til og med post { $seq }): den er ikke kuttet eller skrevet om under { $count ->
        [one] det
       *[other] dem
    }.
file-cannot-read = kan ikke lese { $file }
file-cannot-write = kan ikke skrive { $file }
user-disable-rollover = { $name } hadde enhetens nøkler: de er byttet. Nytt enhetskort nummer { $serial }, fingeravtrykk { $fingerprint }; de andre enhetene tar det i bruk fra den neste pakken de importerer fra denne enheten ({ $count ->
        [one] 1 konto
       *[other] { $count } kontoer
    } sertifisert på nytt).
unit-card-written = Skrev enhetskortet for { $unit } til { $file }.
unit-card-read-aloud = Fingeravtrykk (les det høyt for den andre enheten): { $fingerprint }
unit-card-fingerprint = Fingeravtrykk: { $fingerprint }
unit-trusted = Godkjente { $unit } ({ $level }), fingeravtrykk { $fingerprint }. Endringen er signert og lagt i køen til KSF (`auth pending`).
unit-external-trusted = { $name } er nå kjent med age-nøkkelen { $recipient }; `package export --kind external --recipient "{ $name }"` krypterer til den.
unit-own = Denne enheten: { $unit } ({ $level }), fingeravtrykk { $fingerprint }
unit-no-card = Enhetskortet er ikke utstedt ennå (`unit card`).
consult-recorded = Registrert: drøftet person { $person } med { $unit } ({ $with }) { $at }.
disclosure-recorded = Ført i utleveringsregisteret som nr. { $id } ({ $kind }, til { $recipient }, hjemmel { $basis }).
register-officer-only-consult = bare en tjenesteperson kan registrere drøftinger; { $name } har rollen { $role }
register-officer-only-disclosure = bare en tjenesteperson kan registrere utleveringer; { $name } har rollen { $role }
col-owed = SKYLDES
col-document = DOKUMENT
col-person = PERSON
col-grading = GRADERING
col-level = NIVÅ
col-region = REGION
col-fingerprint = FINGERAVTRYKK
col-serial = NUMMER
col-how = HVORDAN
col-since = SIDEN
col-external = EKSTERN
col-age-recipient = AGE-MOTTAKER
col-with = MED
col-at = TIDSPUNKT
col-by = AV
col-recipient = MOTTAKER
col-basis = HJEMMEL
col-documents = DOKUMENTER

## Hjelp til pakkekommandoene (src/cli/transfer_args.rs)

cli-unit-about = Enhetskortet til denne enheten, og enhetene og de eksterne mottakerne den har godkjent
cli-package-about = Pakker mellom enheter i tjenestevei, og til politiet
cli-consult-about = Forutgående drøftinger med andre enheter (kreves før en overføring)
cli-disclosure-about = Utleveringsregisteret
cli-unit-card-about = Det offentlige enhetskortet: nøklene, og et fingeravtrykk å lese høyt på telefon
cli-unit-card-opt-out = Skriv kortet til denne filen (den overskrives aldri) i stedet for å vise det
cli-unit-card-opt-minisign-pub = Skriv også enhetens offentlige minisign-nøkkel til en fil, for `minisign -V -p F` (politiet)
cli-unit-trust-about = Godkjenn en annen enhets kort når fingeravtrykket stemmer med det enheten leser opp (bare administratorer; signert, logget og lagt i køen til KSF)
cli-unit-trust-opt-card = Filen med den andre enhetens kort
cli-unit-trust-opt-fingerprint = Fingeravtrykket den andre enheten leste opp på telefon
cli-unit-trust-external-about = Gi en ekstern mottakers age-nøkkel et navn, for eksempel Kripos eller PST (bare administratorer)
cli-unit-trust-external-opt-name = Mottakerens navn (brukes som `--recipient NAVN`)
cli-unit-trust-external-opt-recipient = Mottakerens offentlige age-nøkkel, `age1…`
cli-unit-list-about = Enhetskortet, enhetene denne enheten har godkjent og de eksterne mottakerne den kjenner
cli-package-export-about = Lag en signert, kryptert pakke til en annen enhet eller en ekstern mottaker
cli-package-export-opt-kind = copy-up, processed-down, transfer, authlist, decision-report, external eller checkpoint
cli-package-export-opt-to = Mottakerenheten (slik navnet står på det godkjente kortet)
cli-package-export-opt-recipient = For `external`: mottakerens age-nøkkel `age1…`, eller et navn fra `unit trust-external`
cli-package-export-opt-person = Personen (transfer, external; processed-down: alle personens dokumenter)
cli-package-export-opt-doc = Dokumenter (processed-down, external): journalnumre, `JNR` eller `JNR@V`
cli-package-export-opt-basis = For `external`: hjemmelen, fvl-13b-5, fvl-13b-6 eller other:TEKST
cli-package-export-opt-out = Pakkefilen, eller en katalog der `<enhet>-<dato>-<nummer>.ifp` skrives
cli-package-import-about = Importer en pakke: hele pakken kontrolleres før noe skrives; svarer med en kvittering
cli-package-import-opt-file = Pakkefilen (med `.minisig`, og eventuelt `.card`, ved siden av)
cli-package-import-opt-receipt-out = Hvor kvitteringen skrives (en fil eller en katalog; ellers ved siden av pakken)
cli-package-inspect-about = Vis hva en pakke inneholder, etter alle kontrollene en import gjør, uten å importere den (logges)
cli-package-inspect-opt-file = Pakkefilen
cli-package-pending-about = Hva denne enheten skylder oppover i tjenestevei, vedtak og overprøvinger som skal sendes, listeendringer som ikke er sendt, og kvitteringer det ventes på
cli-package-receipt-about = Skriv kvitteringen for en importert pakke på nytt (den gikk tapt, eller programmet stoppet før den ble skrevet), med samme id
cli-package-receipt-opt-id = Kvitteringens pakke-id, slik `package import` viste den (eller `log list` viser den)
cli-package-receipt-opt-out = En fil eller katalog å skrive den til
cli-consult-record-about = Registrer en forutgående muntlig drøfting om en person med en annen enhet (kreves før en overføring)
cli-consult-record-opt-person = Personen
cli-consult-record-opt-unit = Enheten det ble drøftet med (slik navnet står på kortet)
cli-consult-record-opt-with = Hvem du snakket med
cli-consult-record-opt-at = Når: ÅÅÅÅ-MM-DD, "ÅÅÅÅ-MM-DD TT:MM" (UTC) eller RFC 3339
cli-consult-record-opt-note = Hva som ble avtalt
cli-consult-list-about = Registrerte drøftinger, nyeste først
cli-consult-list-opt-person = Bare om denne personen
cli-disclosure-list-about = Utleveringsregisteret: skriftlige og muntlige utleveringer, og vedtak om ikke å utlevere
cli-disclosure-list-opt-person = Bare om denne personen
cli-disclosure-record-about = Registrer en muntlig utlevering (--oral) eller et vedtak om ikke å utlevere (--withheld)
cli-disclosure-record-opt-oral = En muntlig utlevering, skrevet ned etterpå
cli-disclosure-record-opt-withheld = Et vedtak om ikke å utlevere
cli-disclosure-record-opt-person = Personen
cli-disclosure-record-opt-recipient = Mottakeren (eller den som ba om opplysningene)
cli-disclosure-record-opt-basis = Hjemmelen for en utlevering: fvl-13b-5, fvl-13b-6 eller other:TEKST
cli-disclosure-record-opt-doc = Dokumentene det gjelder
cli-disclosure-record-opt-what = Hva som ble sagt, eller hvorfor ikke
cli-disclosure-record-opt-at = Når (ellers nå)
cli-log-verify-opt-checkpoint = Kontroller også at loggen fortsatt inneholder hvert kontrollpunkt i denne filen (et som en annen enhet har tatt vare på, eller et skrevet med `log checkpoint`)
cli-log-checkpoint-about = Skriv et kontrollpunkt for bruksloggen: dette registerets eget (signert med enhetsnøkkelen), eller det nyeste mottatt fra en annen enhet (å ta med tilbake dit)
cli-log-checkpoint-opt-out = Filen som skrives (overskrives aldri)
cli-log-checkpoint-opt-of = Kontrollpunktene mottatt fra denne enheten, i stedet for registerets egne
## The shell, the manual page and completions (src/cli/shell.rs, src/cli/generate.rs, src/cli/mod.rs)

shell-welcome = Låst opp som { $user }. Skriv en kommando uten `infoflyt` (`help` viser dem, `exit` eller Ctrl-D avslutter). Skallet låses etter { $seconds ->
        [one] 1 sekund
       *[other] { $seconds } sekunder
    } uten kommando.
shell-locked = skallet er låst: oppgi passfrasen på nytt
shell-was-locked = Skallet ble låst fordi det sto ubrukt; nøklene er fjernet fra minnet. Oppgi passfrasen for å fortsette.
shell-still-locked = Fortsatt låst: kommandoen ble ikke utført. Trykk Enter for å prøve passfrasen igjen, eller skriv `exit`.
shell-nested = du er allerede i et skall: skriv kommandoen uten `shell`
shell-no-json = skallet tar ikke --json: oppgi --json på hver kommando i skallet
shell-not-here = init, quickstart og shell kjøres ikke inne i skallet: skriv `exit` først
shell-other-user = skallet utfører kommandoer som brukeren som låste det opp: for å handle som en annen, skriv `exit` og start et skall som dem
shell-other-store = skallet arbeider på lageret det ble startet på: for å bruke et annet, skriv `exit` og start et skall med dets --store
shell-no-passphrase-fd = skallet er allerede låst opp: gi kommandoen uten --passphrase-fd
shell-bad-quotes = anførselstegn uten motstykke i kommandoen: lukk det og prøv igjen
shell-editor-failed = kommandolinjeredigeringen feilet: { $error }
shell-note-not-saved = merk: øktens registrering kunne ikke lagres: { $error }
man-written = Skrev manualsidene til { $dir }.
cli-shell-about = Lås opp én gang og ta imot kommandoer ved en ledetekst; låses av seg selv når det står ubrukt
cli-shell-opt-idle-lock = Lås etter så mange sekunder uten kommando (bare kortere enn lagerets innstilling, shell-idle-seconds, 240 om ikke en administrator har endret den)
cli-man-about = Skriv manualsiden (roff) til standard ut eller til en mappe
cli-man-opt-dir = Skriv infoflyt.1 og én side per kommando (infoflyt-doc-show.1 …) til denne mappen i stedet for å skrive ut hovedsiden
cli-completions-about = Skriv kommandofullføring for bash, zsh, fish, elvish eller PowerShell til standard ut
cli-completions-opt-shell = Skallet

## Grading control and exports (src/documents/grading.rs, src/cli/doc.rs, src/cli/export.rs)

doc-already-graded = { $jno } er allerede { $grading }
doc-lower-needs-authority = å nedgradere { $jno } (kilde: { $source }) er avsenderens avgjørelse: bare en tjenesteperson med beslutningsmyndighet kan registrere den avgjørelsen
doc-lower-needs-reason = å nedgradere { $jno } (kilde: { $source }) er avsenderens avgjørelse: oppgi begrunnelsen, for eksempel avsenderens beslutning
doc-assessment-fixed = { $jno } er vurderingen i et vedtak, som aldri endres der det står: fatt et nytt vedtak som erstatter det (decision supersede)
doc-verified-needs-reason = oppgi hvorfor opplysningene nå regnes som verifisert
doc-already-verified = { $jno } er ikke merket ikke verifisert
rule-originator-decides = avsenderen avgjør
doc-hint-reason = (oppgi den med --reason TEKST)
doc-regraded = { $jno } v{ $version } er nå { $grading }
doc-marked-verified = { $jno } v{ $version } er merket verifisert; loggen viser hvem og hvorfor
doc-show-binary-needs-raw = { $jno } er en fil, ikke tekst: lag et merket eksemplar med `doc export { $jno } --out FIL --to MOTTAKER --purpose FORMÅL`, eller gi --raw for å sende bytene videre gjennom et rør
doc-add-progress = leser og krypterer
export-progress = eksporterer
export-cannot-write = kan ikke skrive eksemplaret
export-done = Eksporterte { $jno } v{ $version } ({ $grading }) som eksemplar nr. { $copy } til { $out } ({ $bytes } byte) for { $recipient }. Oppbevar det slik graderingen krever.
export-marking-beside = Merkingen står i { $sidecar }: hold de to sammen.
export-marking-inside = Merkingen er skrevet over og under teksten.
export-marking-recipient = Utlevert til: { $recipient } · formål: { $purpose }
export-marking-by = Eksportert av { $user }, { $unit }, { $time }
export-marking-sidecar = Denne merkingen hører til eksemplaret { $file } og følger det.

## The command line's own messages (src/cli/mod.rs)

cli-no-store = ikke noe lager oppgitt: gi --store MAPPE eller sett INFOFLYT_STORE
cli-no-user = hvem er du? gi --user NAVN foran kommandoen, eller sett INFOFLYT_USER
cli-passphrase-prompt = Passfrase for { $user }:{" "}
cli-progress-rotations = lager nye mappenøkler
cli-progress-grants = gir mappenøkler videre
cli-unlock-rotated = Laget nye nøkler for { $count ->
        [one] 1 kjede av mappenøkler
       *[other] { $count } kjeder av mappenøkler
    } etter at en leser gikk ut av listen.
cli-unlock-granted = Ga { $count ->
        [one] 1 mappenøkkel
       *[other] { $count } mappenøkler
    } videre til nylig autoriserte tjenestepersoner.
cli-unlock-problem = advarsel: { $problem }
      (ingenting ble gitt videre for den mappen; `infoflyt folder repair PERSON` setter tilbake en liste som er endret utenom programmet, `infoflyt verify` viser resten)
cli-unlock-revoked = Fullførte deaktiveringen av { $user }: nøkkelplassen, etterlatt av en avbrutt `user disable`, er slettet.
cli-unlock-adopted = Fullførte tillegget av { $count ->
        [one] 1 konto
       *[other] { $count } kontoer
    } der `user add` ble avbrutt.
cli-unlock-orphans = Slettet { $count ->
        [one] 1 nøkkelplass
       *[other] { $count } nøkkelplasser
    } som ikke hørte til noen konto.
cli-hint-user-first = feil: --user NAVN skal stå foran kommandoen: `infoflyt --user NAVN <kommando> …` (etter noen kommandoer er --user et filter, som i `log list --user NAVN`)
cli-harden-warning = advarsel: { $error }

## Passphrases (src/cli/passphrase.rs)

pass-prompt-new = Ny passfrase for { $user }:{" "}
pass-prompt-repeat = Gjenta passfrasen for { $user }:{" "}
pass-differ = de to passfrasene er ulike: ingenting ble endret; prøv igjen
pass-bad-fd = ugyldig fildeskriptor { $fd }
pass-fd-is-output = fildeskriptor { $fd } er standard ut eller standard feil: gi passfrasen på standard inn (0) eller på en deskriptor åpnet for den (3 og oppover)
pass-cannot-read-stdin = kan ikke lese passfrasen fra standard inn
pass-cannot-open-fd = kan ikke lese passfrasen fra fildeskriptor { $fd } ({ $error }): er den åpen?
pass-cannot-read-fd = kan ikke lese fildeskriptor { $fd }
pass-too-long = passfrasen er for lang
pass-empty = ingen passfrase ble oppgitt (tom linje eller slutt på inndata)
pass-not-utf8 = passfrasen er ikke gyldig UTF-8
pass-no-terminal = ingen terminal å spørre om passfrasen på: gi { $hint }
pass-cannot-read-terminal = kan ikke lese passfrasen fra terminalen ({ $error }): gi { $hint }

## Accounts (src/cli/user.rs)

user-reordered = { $user } står nå som nummer { $order } i kontaktrekkefølgen.
user-passwd-done = Endret passfrasen til { $user }; den gamle virker ikke lenger.
user-hint-agreement = oppgi --agreement REF
user-hint-accept-loss = eller, om det ikke lar seg gjøre, gjenta med --accept-loss
user-added = La til { $user } ({ $role }, { $clearance }) som nummer { $order } i kontaktrekkefølgen. Endringen er signert og ligger klar til KSF (`auth pending`).
user-already-disabled = { $user } er allerede deaktivert.
user-disable-resumed = { $user } var allerede deaktivert, men en tidligere avbrutt kjøring hadde latt nøkkelplassen stå: nøkkelplassen er slettet nå.
user-disabled = Deaktiverte { $user }: kontoens nøkkelplass og nøkler er slettet, og passfrasen åpner ingenting. { $count ->
        [one] 1 kjede av mappenøkler
       *[other] { $count } kjeder av mappenøkler
    } som kontoen hadde, får ny nøkkel ved en gjenværende lesers neste økt, før noe mer skrives i dem.
code-yes = ja
code-no = nei

## Checks and set-up (src/cli/log.rs, src/cli/verify.rs, src/cli/init.rs)

log-verify-progress = kontrollerer bruksloggen
verify-progress = kontrollerer lageret
verify-failed = lageret besto ikke kontrollen (se over): gjenopprett fra sikkerhetskopi og meld hendelsen
init-done = Opprettet { $level }-lageret for { $unit } i { $dir }.
    Neste: legg til enhetens tjenestepersoner med `infoflyt --store { $dir } --user { $admin } user add NAVN --role officer --clearance fortrolig`.

## Store, manual page, documents (src/cli/store.rs, src/cli/generate.rs, src/cli/doc.rs)

store-set-done = { $name } er nå { $value }.
store-show = { $unit } ({ $level }), opprettet { $made }
    Største dokument som tas imot: { $limit } MiB
store-show-in-region = { $unit } ({ $level }, region { $region }), opprettet { $made }
    Største dokument som tas imot: { $limit } MiB
man-cannot-render = kan ikke lage manualsiden
man-cannot-write = kan ikke skrive til { $dir }
output-cannot-write = kan ikke skrive til standard ut
doc-one-content = gi nøyaktig ett av --file F eller --text T
doc-show-too-large = { $jno } er { $size } byte, for stort til å vises her: bruk `doc export { $jno } --out FIL --to MOTTAKER --purpose FORMÅL`, eller send `doc show` videre til et program gjennom et rør
doc-show-head = { $jno } v{ $version } · { $title } · kilde: { $source } · opplysninger datert { $date }
doc-show-head-age = { $jno } v{ $version } · { $title } · kilde: { $source } · opplysninger datert { $date } ({ $days ->
        [one] 1 dag gamle
       *[other] { $days } dager gamle
    })
doc-show-derived = bearbeidet versjon av { $from }
doc-show-unverified = IKKE VERIFISERT: riktigheten av opplysningene er ikke fastslått
doc-show-health = HELSEOPPLYSNINGER: skal aldri gis videre til politiet

## The authorisation list and folders (src/cli/auth.rs)

auth-list-head = Autorisasjonslisten for { $unit }: { $officers ->
        [one] 1 tjenesteperson
       *[other] { $officers } tjenestepersoner
    } (tillatt { $min }–{ $max }), { $clerical } kontorpersonale
auth-agreement = avtale: { $reference } registrert { $at } av { $by } for { $officers } tjenestepersoner
auth-pending-none = Ingen listeendringer venter på å bli sendt til KSF.
auth-pending-head = { $count ->
        [one] 1 signert listeendring venter
       *[other] { $count } signerte listeendringer venter
    } på å bli sendt til KSF som en authlist-pakke:
folder-restricted = Mappen til person { $person } er begrenset til { $names }; nøkkelen er byttet.
folder-no-repair = Mappen til person { $person } trengte ingen reparasjon.
folder-repaired = Satte { $count ->
        [one] 1 nøkkelpost
       *[other] { $count } nøkkelposter
    } i mappen til person { $person } tilbake til listen som ble signert. Meld hendelsen: noen har endret dem med lagernøkkelen.
folder-widened = Mappen til person { $person } er åpen for alle tjenestepersoner på listen igjen; { $count ->
        [one] 1 tjenesteperson
       *[other] { $count } tjenestepersoner
    } fikk nøklene nå.
folder-show-restricted = Mappen til person { $person }: begrenset, nøkkelversjon { $version }
folder-show-list = Mappen til person { $person }: enhetens liste, nøkkelversjon { $version }
folder-holds-key = har nøkkelen
folder-owed-key = venter (skal få nøkkelen)
col-purpose-detail = FORMÅL / DETALJ
## Sletting ved løslatelse og etter ti år (src/retention/, src/cli/retention.rs)

retention-what-folder = mappen til person { $person }
retention-what-document = dokument { $jno } (person { $person })
retention-what-document-alone = dokument { $jno }
retention-bad-stored-time = et lagret tidspunkt ({ $value }) kan ikke leses som et tidspunkt: det er endret med registerets nøkkel
retention-rule-release = regelen om sletting ved løslatelse
retention-rule-ten-years = tiårsregelen
retention-rule-transfer = overføring
retention-progress-sweep = makulerer det som skal makuleres
retention-swept-note = Makulerte { $folders ->
        [one] 1 mappe
       *[other] { $folders } mapper
    } med registeroppføringene og { $documents ->
        [one] 1 dokument
       *[other] { $documents } dokumenter
    } som hadde nådd slettetidspunktet (`journal list` viser hva som er journalført).
retention-sweep-warning = advarsel: { $problem } (`infoflyt verify` viser hva som skulle vært makulert; meld hendelsen)
retention-wal-kept = merk: en annen prosess hindret at registerets skrivelogg (WAL) ble tømt etter en makulering; neste opplåsing tømmer den
retention-swept = Makulerte { $folders ->
        [one] 1 mappe
       *[other] { $folders } mapper
    } og { $documents ->
        [one] 1 dokument
       *[other] { $documents } dokumenter
    }.
retention-swept-folder = mappen til person { $person } ({ $rule }): { $versions ->
        [one] 1 dokumentversjon
       *[other] { $versions } dokumentversjoner
    }, { $keys ->
        [one] 1 nøkkelversjon
       *[other] { $keys } nøkkelversjoner
    } slettet, registeroppføringen fjernet
retention-swept-documents = { $versions } for person { $person } ({ $rule })
retention-swept-held = bevart av tilbakehold til og med { $until }: { $what }
retention-swept-failed = IKKE makulert: { $problem }
retention-not-destroyed = { $what } ble ikke makulert: { $error }
retention-sweep-failed = gjennomgangen for sletting kunne ikke kjøres: { $error }
retention-sweep-clerical = bare tjenestepersoner og administratorer makulerer det som er forfalt; neste opplåsing av en tjenesteperson eller administrator gjør det
retention-retired-unsigned = personoppføring { $id } er merket som slettet, men ingen signert makulering i bruksloggen slettet den: noen med registernøkkelen har slettet den, med mappen og innsynskravene; meld hendelsen
retention-nothing-due = Ingenting skal makuleres i det tidsrommet.
retention-hold-placed = Satte tilbakehold { $id } på { $what }: bevares til og med { $until }.
retention-hold-lifted = Opphevet tilbakehold { $id } på { $what }: neste gjennomgang makulerer det hvis tiden er inne.
retention-hold-on-what = oppgi --person ID eller --doc JNR
retention-no-holds = Ingen tilbakehold.
retention-hold-state-lifted = opphevet av { $by }
retention-hold-state-in-force = gjelder
retention-hold-state-expired = utløpt
retention-hold-level = tilbakehold settes i KSFs register: lokale og regionale registre makulerer en mappe ved løslatelse
retention-hold-no-authority = bare en tjenesteperson i KSF med beslutningsmyndighet kan bestemme at opplysninger skal bevares lenger; { $user } har ikke beslutningsmyndighet
retention-bad-date = ugyldig dato { $value }: bruk ÅÅÅÅ-MM-DD
retention-hold-too-far = et tilbakehold gjelder fra i dag til og med en dato som ikke er senere enn { $latest }; ta beslutningen på nytt før da for å bevare opplysningene lenger
retention-hold-whole-document = et tilbakehold bevarer alle versjoner av et dokument: oppgi journalnummeret uten @VERSJON
retention-hold-not-found = tilbakehold { $id } finnes ikke: se `retention holds`
retention-hold-lifted-already = tilbakehold { $id } er allerede opphevet
retention-release-in-effect = løslatelsen av person { $id } fikk virkning { $at }: mappen er makulert eller blir det ved neste gjennomgang, og løslatelsen kan ikke lenger endres
retention-release-none = person { $id } har ingen registrert løslatelse, så det er ingen å trekke tilbake
retention-not-due-ksf-release = hos KSF makulerer en løslatelse ingenting; tiårsregelen gjelder
retention-not-due-release-at = løslatelsen får virkning { $at }
retention-not-due-no-release = ingen løslatelse av person { $id } er registrert
retention-not-due-not-ksf = tiårsregelen gjelder hos KSF; her makuleres en mappe ved løslatelse
retention-not-due-entry-kept = registeroppføringen bevares til { $at }
retention-not-due-documents-left = mappen har fortsatt dokumenter som ikke skal makuleres ennå
retention-not-due-kept-until = bevares til { $at }
retention-held-folder = et tilbakehold fra KSF bevarer mappen til person { $id } til og med { $until }
retention-destroy-officer-only = bare en tjenesteperson kan makulere en mappe utenom gjennomgangen; gjennomgangen ved hver opplåsing makulerer det som skal makuleres
retention-no-folder = person { $id } har ingen mappe som kan makuleres
retention-ok = ingenting skulle vært makulert; { $holds ->
        [one] 1 tilbakehold
       *[other] { $holds } tilbakehold
    } gjelder, alle signert
retention-overdue-release = mappen til person { $id } skulle vært makulert: løslatelsen fikk virkning { $at }; gjennomgangen ved neste opplåsing makulerer den
retention-overdue-document = dokument { $jno } skulle vært makulert fra { $at } (ti år i journalen, uten tilbakehold)
retention-overdue-entry = registeroppføringen til person { $id } skulle vært slettet fra { $at } (ti år uendret, ingen dokumenter igjen, uten tilbakehold)
retention-release-mismatch = tidspunktet for løslatelse av person { $id } i registeret ({ $column }) er ikke det som er signert i bruksloggen ({ $signed }): det er endret med registerets nøkkel, og ingenting ble makulert på grunnlag av det. Registrer løslatelsen på nytt og meld hendelsen
retention-release-log-broken = bruksloggen er ikke hel etter at løslatelsen av person { $id } ble registrert ({ $problem }): en senere endring av løslatelsen kan være overskrevet med registerets nøkkel, så ingenting makuleres på grunnlag av den. Kjør `log verify` og meld hendelsen
retention-log-broken = bruksloggen er ikke hel ({ $problem }): et tilbakehold kan være skjult i den med registerets nøkkel, så ingenting et tilbakehold kunne ha bevart, makuleres. Kjør `log verify` og meld hendelsen
retention-person-missing = person { $id }, registrert i bruksloggen (post { $seq }), mangler i registeret, og ingen makulering har fjernet personen: registeroppføringen er slettet med registerets nøkkel. Meld hendelsen
retention-release-unsigned = den nyeste løslatelsesposten for person { $id } (loggpost { $seq }) er ikke signert i bruksloggens kjede av en tjenesteperson eller administrator på listen: den er skrevet med registerets nøkkel, og ingenting makuleres på grunnlag av den. Registrer løslatelsen på nytt og meld hendelsen
retention-release-changed-after-effect = løslatelsen av person { $id } trådte i kraft { $at }, og oppføring { $seq } i bruksloggen endrer den etter det, noe programmet nekter: den er skrevet med lagernøkkelen, og ingenting makuleres på grunnlag av den; meld hendelsen
retention-release-time-out-of-place = oppføring { $seq } i bruksloggen, den nyeste løslatelsen av person { $id }, er datert { $at }, noe oppføringene rundt den motsier (med mer enn halvannet døgn): loggen er skrevet på nytt, eller klokken har gått langt feil; ingenting makuleres på grunnlag av den; meld hendelsen
retention-not-due-release-changed = løslatelsen av person { $id } ble endret mens mappen ble makulert; ingenting ble makulert. Kjør sveipet på nytt
retention-no-entry-date = bruksloggen viser ikke når dokument { $jno } kom inn i journalen (en oppføring som laget det, signert av en tjenesteperson), så de ti årene kan ikke regnes
retention-entry-time-out-of-place = oppføring { $seq } i bruksloggen, som laget dokument { $jno }, er datert { $at }, noe oppføringene rundt den eller året i journalnummeret motsier (med mer enn halvannet døgn): loggen er skrevet på nytt, eller klokken har gått langt feil; de ti årene kan ikke regnes; meld hendelsen
retention-hold-unsigned = tilbakehold { $id } er ikke signert av en tjenesteperson som kan beslutte tilbakehold: det er plantet eller endret med registerets nøkkel
retention-hold-missing = tilbakehold { $id } for person { $person }, kunngjort i bruksloggen, mangler i registeret: det er slettet med registerets nøkkel (det gjelder fortsatt)
retention-hold-differs = tilbakehold { $id } avviker fra det bruksloggen kunngjorde: det er endret med registerets nøkkel (gjennomgangen følger loggen)
retention-hold-entry-unauthorised = tilbakehold { $id } for person { $person } er satt eller opphevet i bruksloggen av { $user }, som ikke kan beslutte tilbakehold: den oppføringen gjelder ikke
retention-hold-id-again = tilbakehold { $id } er kunngjort mer enn én gang i bruksloggen: raden til et tidligere tilbakehold { $id } er slettet med registerets nøkkel (det gjelder fortsatt)
retention-due-warning = SKAL MAKULERES { $at } ({ $rule }): se `retention due`
retention-doc-destroyed = dokument { $jno } er makulert (se `journal list`)
person-destroyed = opplysningene om person { $id } ble makulert sammen med mappen { $at } (se `journal list` og `log list`)
person-release-set = Registrerte løslatelse av person { $id } { $at }{ $was ->
        [none] {""}
       *[other] {" "}(var { $was })
    }. Den får virkning { $effect }: da makuleres mappen og registeroppføringen. Til da retter `person release { $id } --at TID` tidspunktet, og `person release { $id } --withdraw` trekker løslatelsen tilbake.
person-release-set-ksf = Registrerte løslatelse av person { $id } { $at }{ $was ->
        [none] {""}
       *[other] {" "}(var { $was })
    }. Hos KSF makulerer en løslatelse ingenting: tiårsregelen gjelder. Personen skal avmerkes i KOMPIS fra da (`person kompis-marks`).
person-release-withdrawn = Trakk tilbake løslatelsen av person { $id }{ $was ->
        [none] {""}
       *[other] {" "}(var { $was })
    }.
rule-not-due = ikke forfalt til makulering
rule-hold = tilbakehold
rule-release-in-effect = løslatelsen har fått virkning
col-due = FORFALLER
col-what = HVA
col-versions = VERSJONER
col-rule = REGEL
col-held-through = HOLDT TIL OG MED
col-on = GJELDER
col-through = TIL OG MED
col-placed = SATT
col-state = TILSTAND
## Saksbehandling: vedtak, overprøving i tjenestevei, registrering og innsyn (src/casework/,
## src/cli/decision.rs, src/cli/casework.rs). Tiltak, pålitelighet, status og hvem som ber om
## innsyn er koder og vises som de er; hva som skyldes (`why`) er lagret tekst.

rule-decision-authority = vedtakskompetanse
rule-decision-never-changed = et vedtak endres aldri der det står
rule-own-assessment = egen vurdering
rule-reliability = pålitelighet
rule-basis-outside-folder = grunnlag utenfor mappen
rule-level = nivå
rule-level-above = nivået over
rule-reason = begrunnelse
rule-ombud-or-court-demand = krav fra Sivilombudet eller domstol

col-measure = TILTAK
col-decided = VEDTATT
col-assessment = VURDERING
col-reliability = PÅLITELIGHET
col-standing = STATUS
col-basis-age = GRUNNLAG (ALDER VED VEDTAK)
col-decision = VEDTAK
col-to = TIL
col-queued = I KØ
col-why = HVORFOR
col-ground = HJEMMEL
col-text = TEKST
col-from = FRA
col-received = MOTTATT
col-age = ALDER
col-docs = DOKUMENTER
col-outcome = UTFALL

casework-what-decide = treffe vedtak på grunnlag av opplysningene
casework-what-review = opprettholde eller omgjøre vedtak
casework-what-access = avgjøre innsynskrav
casework-what-register = registrere beslutninger om registrering
casework-not-officer = { $name } har rollen { $role }: bare en tjenesteperson med vedtakskompetanse kan { $what }
casework-no-decision-authority = { $name } har ikke vedtakskompetanse i innsattsaker: be en tjenesteperson som har det, eller spør administratoren om kontoen din skal ha det (det gis når kontoen opprettes)
casework-registration-ksf-only = bare KSF avgjør hva som tas inn i det sentrale registeret; dette er et register på nivå { $level } ({ $unit }): send opplysningene i tjenestevei til KSF i stedet

decision-not-at-ksf = regioner og lokale enheter treffer vedtak om tiltak på grunnlag av opplysningene; KSF opprettholder eller omgjør regionenes vedtak og registrerer beslutninger om registrering
decision-assessment-needed = et vedtak krever din egen vurdering av opplysningene det bygger på: hva de sier, hvor pålitelige og hvor gamle de er, om politiet ble bedt om å utdype, og hvorfor de bærer tiltaket (minst { $chars } tegn og { $words } ord, som ren tekst)
decision-basis-not-verified = grunnlaget kan ikke kalles verifisert: { $count ->
        [one] dokumentet
       *[other] dokumentene
    } { $docs } er merket ikke verifisert (riktigheten er ikke fastslått); kall det ikke verifisert eller blandet
decision-basis-outside-folder = { $jno } ligger i mappen til person { $other }, ikke til person { $person }: et vedtak bygger på dokumenter i mappen til personen det gjelder, slik at vurderingen ikke når lesere som grunnlaget ikke når; legg opplysningene inn i denne personens mappe først
decision-basis-unreadable = et vedtak kan ikke bygge på { $jno } fordi du ikke kan lese det: { $why }
decision-assessment-no-file = filen { $path } finnes ikke: sjekk stien
decision-assessment-cannot-read = kan ikke lese { $path }
decision-assessment-read-failed = kan ikke lese vurderingen
decision-assessment-too-long = vurderingen er lengre enn { $max } byte: legg langt materiale i et dokument (`doc add`) og vis til det
decision-assessment-not-utf8 = vurderingen må være UTF-8-tekst
decision-person-needed = oppgi personen vedtaket gjelder: --person ID
decision-basis-age = { $jno } ({ $days } d)
decision-basis-age-unverified = { $jno } ({ $days } d, ikke verifisert)
decision-yes = ja
decision-no = nei
decision-show-head = Vedtak { $id } · { $measure } · person { $person } · { $origin }
decision-show-decided = vedtatt { $at } av { $by } ({ $unit }, { $level })
decision-show-reliability = pålitelighet: { $reliability } · politiet bedt om å utdype: { $asked } · opplysninger fra politiet: { $police }
decision-show-standing = vurdering: { $assessment } · status: { $standing }
decision-show-basis = grunnlag { $jno } v{ $version } · { $grading } · kilde { $source } · opplysninger datert { $date } ({ $days } dager gamle ved vedtaket)
decision-show-unverified = IKKE VERIFISERT
decision-show-supersedes = erstatter vedtak { $id }
decision-show-superseded-by = erstattet av vedtak { $id }
decision-show-upheld = opprettholdt av { $by } ({ $unit }) { $level } { $at }
decision-show-overturned = OMGJORT av { $by } ({ $unit }) { $level } { $at }
decision-show-signatures = signaturer: gyldige (vedtaksfatter og enhet)
decision-recorded = Registrerte vedtak { $id } ({ $measure }), gradert { $grading }; vurderingen er { $assessment }.
decision-owed-to = Skal sendes til { $unit } ({ $level }): { $why }.
decision-owed-export = Send dem med `package export --kind decision-report --to ENHET`; det som skal til politiet, sendes i en ekstern pakke.
decision-superseded = Vedtak { $id } er erstattet.
decision-upheld = Vedtak { $id } fra { $unit } er opprettholdt; overprøvingen sendes tilbake til { $unit }.
decision-overturned = Vedtak { $id } fra { $unit } er omgjort; overprøvingen sendes tilbake til { $unit }.
decision-nothing-owed = Ingenting skal sendes.

review-own-decision = vedtak { $id } ble truffet her: et vedtak overprøves av nivået over enheten som traff det; for å endre det, treff et nytt vedtak som erstatter det
review-not-level-above = vedtak { $id } ble truffet av { $unit } ({ $level }): det overprøves av nivået rett over, ikke av dette registeret på nivå { $here }
review-reason-needed = en omgjøring må begrunnes, for enheten som traff vedtaket og for tilsynet: minst { $min } tegn

registration-person-taken = Registrerte beslutning { $id }: person { $person } tas inn i det sentrale registeret.
registration-person-not-taken = Registrerte beslutning { $id }: person { $person } tas ikke inn i det sentrale registeret.
registration-doc-taken = Registrerte beslutning { $id }: dokument { $doc } tas inn i det sentrale registeret.
registration-doc-not-taken = Registrerte beslutning { $id }: dokument { $doc } tas ikke inn i det sentrale registeret.

access-admin-refused = administratorer fører listen og behandler ikke saker: en tjenesteperson eller ekspedisjonen registrerer innsynskrav
access-ombud-not-refusable = krav { $id } er fra Sivilombudet: et slikt krav kan ikke avslås på de vanlige grunnlagene (offentleglova, strgjfl. § 7 c, fvl. § 19); gi innsyn
access-court-not-refusable = krav { $id } er fra en domstol: et slikt krav kan ikke avslås på de vanlige grunnlagene (offentleglova, strgjfl. § 7 c, fvl. § 19); gi innsyn, eller registrer at det behandles etter domstolens egen prosess
access-registered = Registrerte innsynskrav { $id } fra { $from }; avgjør det med `access decide { $id } --grant|--refuse --ground G` (se `access grounds --from { $from }`).
access-one-outcome = oppgi nøyaktig ett av --grant, --refuse, --court-process
access-decided = Krav { $id }: { $outcome } med hjemmel i { $ground }.
access-not-refusable = Dette kravet kan ikke avslås på de vanlige grunnlagene.
access-age-days = { $days } d
access-open = åpent
access-outcome-grant = innsyn
access-outcome-refuse = avslag
access-outcome-court-process = domstolens egen prosess

ground-offl-13 = offl. § 13 jf. fvl. § 13: opplysningene er underlagt taushetsplikt
ground-offl-21 = offl. § 21: unntak er nødvendig av hensyn til nasjonal tryggleik
ground-offl-24-2 = offl. § 24 andre ledd: meldinger, tips og lignende om lovbrudd
ground-offl-24-3 = offl. § 24 tredje ledd: innsyn ville lette gjennomføringen av lovbrudd eller vanskeliggjøre forebyggingen av dem
ground-strgjfl-7c = strgjfl. § 7 c: innsyn for den innsatte og personer rundt ham avslås av hensyn til sikkerheten
ground-fvl-19-1c = fvl. § 19 første ledd bokstav c: advokaten har ikke videre innsyn enn klienten
ground-offl-3 = offl. § 3: innsyn etter hovedregelen om offentlighet
ground-fvl-18 = fvl. § 18: innsyn som part i saken (partsinnsyn)
ground-ombud-demand = Sivilombudets krav på opplysninger og dokumenter (sivilombudsloven); kan ikke avslås på grunnlagene over
ground-court-order = en domstols pålegg om å legge fram dokumentene; kan ikke avslås på grunnlagene over
ground-court-process = kravet behandles etter domstolens egen prosess (for eksempel en kjennelse om vitneplikt og bevisplikt)

report-decisions-head = Vedtak ved { $unit } ({ $level }), { $from } til { $to }
report-decisions-summary = { $count ->
        [one] 1 vedtak
       *[other] { $count } vedtak
    }: { $own } truffet her, { $received } mottatt nedenfra; { $police } på grunnlag av opplysninger fra politiet; { $unverified } bygger på opplysninger som ikke er verifisert; politiet bedt om å utdype i { $asked };
report-decisions-oldest = eldste opplysninger { $days } dager gamle ved vedtaket.
report-decisions-oldest-none = ingen opplysninger.
report-decisions-foot = Hver vurdering er dokumentet som `decision show ID` viser (lesingen logges).

cli-decision-about = Vedtak på grunnlag av opplysningene, og overprøving av nivået over
cli-decision-add-about = Treff et vedtak på grunnlag av opplysningene (tjenestepersoner med vedtakskompetanse); skriver id-en (`--json`: {"{"}"id": …{"}"})
cli-decision-add-opt-person = Personen vedtaket gjelder
cli-decision-add-opt-measure = Tiltak: high-security (høy sikkerhet), transfer (overføring), visit-ban (besøksforbud), visit-control (besøkskontroll), letter-control (brevkontroll), phone-control (telefonkontroll), single-cell (enecelle), move-others (flytting av andre) eller other:TEKST
cli-decision-add-opt-basis = Dokumentene vedtaket bygger på (journalnumre i personens mappe)
cli-decision-add-opt-assessment = Din egen vurdering av opplysningene (synlig for andre lokale brukere mens kommandoen kjører: bruk helst --assessment-file)
cli-decision-add-opt-assessment-file = Les vurderingen fra en fil; `-` leser standard inn (etter passfraselinjen ved --passphrase-fd 0)
cli-decision-add-opt-reliability = Hvor pålitelig du mener grunnlaget er: verified (verifisert), unverified (ikke verifisert) eller mixed (blandet)
cli-decision-add-opt-asked-police = Om politiet ble bedt om å utdype opplysningene sine
cli-decision-supersede-about = Treff et nytt vedtak som erstatter et tidligere vedtak ved denne enheten (et vedtak endres aldri)
cli-decision-supersede-opt-id = Vedtaket som erstattes
cli-decision-supersede-opt-person = Personen vedtaket gjelder (som standard den samme som i det tidligere vedtaket)
cli-decision-supersede-opt-measure = Tiltak: high-security (høy sikkerhet), transfer (overføring), visit-ban (besøksforbud), visit-control (besøkskontroll), letter-control (brevkontroll), phone-control (telefonkontroll), single-cell (enecelle), move-others (flytting av andre) eller other:TEKST
cli-decision-supersede-opt-basis = Dokumentene vedtaket bygger på (journalnumre i personens mappe)
cli-decision-supersede-opt-assessment = Din egen vurdering av opplysningene (synlig for andre lokale brukere mens kommandoen kjører: bruk helst --assessment-file)
cli-decision-supersede-opt-assessment-file = Les vurderingen fra en fil; `-` leser standard inn (etter passfraselinjen ved --passphrase-fd 0)
cli-decision-supersede-opt-reliability = Hvor pålitelig du mener grunnlaget er: verified (verifisert), unverified (ikke verifisert) eller mixed (blandet)
cli-decision-supersede-opt-asked-police = Om politiet ble bedt om å utdype opplysningene sine
cli-decision-list-about = Vedtak med status
cli-decision-list-opt-person = Bare om denne personen
cli-decision-show-about = Ett vedtak med vurderingen (en logget bruk) og kontrollerte signaturer
cli-decision-show-opt-id = Vedtakets id
cli-decision-show-opt-purpose = Hvorfor du leser det (føres i loggen)
cli-decision-uphold-about = Opprettholde et vedtak fra nivået under (en region: en lokal enhets; KSF: en regions)
cli-decision-uphold-opt-id = Vedtakets id (slik det ble mottatt her)
cli-decision-uphold-opt-reason = Begrunnelse (valgfri)
cli-decision-overturn-about = Omgjøre et vedtak fra nivået under, med begrunnelse
cli-decision-overturn-opt-id = Vedtakets id (slik det ble mottatt her)
cli-decision-overturn-opt-reason = Hvorfor det omgjøres
cli-decision-pending-about = Hva dette registeret skal sende andre enheter: vedtak til overprøving oppover, overprøvinger tilbake nedover
cli-access-about = Innsynskrav, og avgjørelsene med hjemmel
cli-access-request-about = Registrer et innsynskrav; skriver id-en (`--json`: {"{"}"id": …{"}"})
cli-access-request-opt-person = Personen det bes om innsyn i opplysninger om
cli-access-request-opt-from = Hvem som ber om innsyn: press (presse), public (allmennheten), inmate (innsatt), associate (person rundt den innsatte), lawyer (advokat), ombud (Sivilombudet) eller court (domstol)
cli-access-request-opt-received = Når kravet kom inn (ÅÅÅÅ-MM-DD)
cli-access-request-opt-docs = Dokumentene det bes om innsyn i
cli-access-request-opt-name = Navnet på den som ber om innsyn
cli-access-decide-about = Avgjør et innsynskrav, med hjemmel (se `access grounds`)
cli-access-decide-opt-id = Kravets id
cli-access-decide-opt-grant = Gi innsyn
cli-access-decide-opt-refuse = Avslå
cli-access-decide-opt-court-process = Et krav fra en domstol, som behandles etter domstolens egen prosess
cli-access-decide-opt-ground = Hjemmelen (et ord fra `access grounds --from …`)
cli-access-grounds-about = Hjemlene som passer for et krav fra denne som ber om innsyn
cli-access-grounds-opt-from = Hvem som ber om innsyn
cli-access-list-about = Åpne innsynskrav med alder i dager
cli-access-list-opt-all = Også avgjorte krav
cli-registration-about = KSF: om en person eller opplysninger tas inn i det sentrale registeret
cli-registration-record-about = Registrer om en person, eller én opplysning, tas inn i det sentrale registeret, og hvorfor
cli-registration-record-opt-person = Personen
cli-registration-record-opt-doc = Opplysningen (et dokument i personens mappe), hvis det ikke gjelder personen
cli-registration-record-opt-take = Tas inn i det sentrale registeret
cli-registration-record-opt-refuse = Tas ikke inn i det sentrale registeret
cli-registration-record-opt-reason = Hvorfor: opplysningenes art og alvor
cli-registration-list-about = Beslutninger om registrering, også avslag
cli-registration-list-opt-person = Bare om denne personen
cli-report-about = Rapporter til tilsyn
cli-report-decisions-about = Vedtak i en periode med henvisning til vurderingene, alderen og påliteligheten til det de bygget på, og status
cli-report-decisions-opt-from = Første dag (ÅÅÅÅ-MM-DD)
cli-report-decisions-opt-to = Siste dag (ÅÅÅÅ-MM-DD)

casework-doc-other-folder = { $jno } ligger i mappen til person { $other }, ikke til person { $person }
decision-not-found = ingen vedtak med id { $id }: se `decision list`
decision-basis-count = oppgi dokumentene vedtaket bygger på: 1 til { $max } journalnumre
decision-basis-future = { $jno } har en opplysningsdato fram i tid ({ $date }): alderen kan ikke regnes ut; rett dokumentet før du treffer vedtak på grunnlag av det
decision-supersede-other-unit = vedtak { $id } ble truffet av { $unit }: bare enheten som traff et vedtak, kan erstatte det (nivået over opprettholder eller omgjør det)
decision-supersede-other-person = vedtak { $id } gjelder person { $other }, ikke person { $person }
decision-already-superseded = vedtak { $id } er allerede erstattet av vedtak { $by }
access-received-in-future = mottaksdatoen { $date } er fram i tid
access-already-decided = krav { $id } er allerede avgjort; et nytt krav registreres på nytt
access-not-a-ground = { $ground } er ikke en hjemmel for avgjørelsen { $outcome } på et krav fra { $from }: `access grounds --from { $from }` viser hjemlene som passer
access-not-found = ingen innsynskrav med id { $id }: se `access list`
registration-reason-needed = en beslutning om registrering må begrunnes: hva opplysningene er, og hvorfor de etter sin art og alvorlighet registreres eller ikke ({ $min }–{ $max } tegn ren tekst): { $error }
report-days-reversed = første dag { $from } er etter siste dag { $to }: oppgi første dag, så siste
casework-account-missing = kontoen til { $name } mangler; meld hendelsen
decision-basis-bad-date = { $jno } har en ugyldig opplysningsdato; meld hendelsen
decision-not-certified = vedtak { $id } er ikke signert med den sertifiserte nøkkelen til en tjenesteperson med vedtakskompetanse: noen med registernøkkelen har endret det; meld hendelsen
decision-person-moved = vedtak { $id } står under en annen person enn den det ble fattet om: noen med registernøkkelen har flyttet det; meld hendelsen
decision-signature-mismatch = vedtak { $id } eller vurderingen ({ $jno }) stemmer ikke med signaturene: det er endret etter at det ble signert; meld hendelsen
review-signature-mismatch = overprøving { $id } stemmer ikke med signaturene eller er ikke gjort av en tjenesteperson med vedtakskompetanse: den er endret etter at den ble signert; meld hendelsen
casework-review-key-untrusted = overprøving { $id } er registrert under en nøkkel { $unit } aldri har vært betrodd under her: noen med registernøkkelen har endret den; meld hendelsen
casework-decision-key-untrusted = vedtak { $id } er registrert under en nøkkel { $unit } aldri har vært betrodd under her: noen med registernøkkelen har endret det; meld hendelsen
access-differs-from-log = innsynskrav { $id } er ikke slik bruksloggen viser det (hvem som ba om innsyn, eller avgjørelsen, grunnlaget eller hvem som tok den): noen med registernøkkelen har endret det; meld hendelsen
access-missing = innsynskrav { $id } er registrert i bruksloggen, men finnes ikke lenger i registeret, selv om personen aldri ble slettet etter reglene: noen med registernøkkelen har slettet det; meld hendelsen
decision-differs-from-log = vedtak { $id } er ikke slik bruksloggen viser det (personen, vurderingen, hvem som fattet det og når, hva slags tiltak, hvilket vedtak det erstatter, eller enheten det kom fra): noen med registernøkkelen har endret det; meld hendelsen
decision-unlogged = vedtak { $id } ble verken fattet eller mottatt her slik bruksloggen viser: noen med registernøkkelen har lagt det til; meld hendelsen
casework-missing = innslag { $seq } i bruksloggen viser et vedtak eller en overprøving som ikke lenger finnes i registeret, selv om personen aldri ble slettet etter reglene: noen med registernøkkelen har slettet det; meld hendelsen
review-missing = bruksloggen viser flere overprøvinger ({ $verdict }) av vedtak { $id } enn registeret har: noen med registernøkkelen har slettet en; meld hendelsen
review-unlogged = registeret har flere overprøvinger ({ $verdict }) av vedtak { $id } enn bruksloggen viser: noen med registernøkkelen har lagt til en; meld hendelsen
casework-sent-unlogged = det som skyldes som nummer { $id }, er merket sendt i pakke { $package }, men bruksloggen viser ikke det: noen med registernøkkelen har merket det; meld hendelsen, og send det på nytt
casework-decision-owed-missing = vedtak { $id } skal til { $unit } for overprøving, men køen viser det ikke: noen med registernøkkelen har slettet eller omadressert det; meld hendelsen
casework-review-owed-missing = overprøving { $id } skal tilbake til { $unit }, men køen viser det ikke: noen med registernøkkelen har slettet eller omadressert den; meld hendelsen
authlist-change-unsigned = listeendring { $id } bærer ikke signaturen til kontoen den navngir, under kontoens sertifiserte nøkkel: noen med registernøkkelen har endret den; meld hendelsen
registration-signature-mismatch = beslutning om registrering { $id } stemmer ikke med signaturen: noen med registernøkkelen har endret den; meld hendelsen
decision-already-received = dette vedtaket er allerede registrert her
review-already-received = denne overprøvingen er allerede registrert her

## Innsidekontroller: nøkler, listen og loggen (src/authz/folder/, src/audit/checked.rs, src/sitting.rs, src/integrity.rs)

error-account-uncertified = kontoposten til { $name } stemmer ikke med sertifikatet: noen med registernøkkelen har endret den; den ble holdt utenfor, og ingen nøkkel ble pakket til den. Meld hendelsen
error-account-removed = kontoen { $name } er tatt av listen: spør den regionale administratoren
error-sitting-stale = enhetens nøkler er fornyet siden denne økten begynte (en konto ble tatt av listen), og ingenting ble gjort: lås opp på nytt
error-account-revived = kontoen { $name } er merket aktiv, men bruksloggen viser at den er tatt av listen: noen med registernøkkelen har gjenopplivet den; den kan ikke låse opp. Meld hendelsen, og ta kontoen av listen igjen
error-key-not-announced = nøkkelversjon { $version } ({ $tier }) for mappen til person { $person } er ikke godkjent: ingen tjenesteperson med rett til å lage den har kunngjort den i bruksloggen, så noen med registernøkkelen har plantet eller endret den; den ble ikke brukt. Meld hendelsen
error-key-rolled-back = nøklene til mappen til person { $person } ({ $tier }) er rullet tilbake: bruksloggen kunngjør versjon { $said }, registerets poster slutter på versjon { $stored }. Noen med registernøkkelen har lagt tilbake en eldre tilstand; ingenting ble lest, skrevet eller gitt videre. Meld hendelsen
error-rotation-not-queued = { $tier } for mappen til person { $person } må fornyes (en leser er tatt av listen, eller mappen er innsnevret), men forespørselen om å fornye den er borte: noen med registernøkkelen har slettet den. Ingenting skrives under den gamle nøkkelen; neste dokument en leser legger til, fornyer den. Meld hendelsen
error-rotation-owed = nøkkelen til denne mappen må fornyes (en leser er tatt av listen, eller mappen er innsnevret) før noe mer skrives i den, og { $name } kan ikke fornye den; spør en tjenesteperson som leser mappen
error-repair-not-reader = { $name } leser ikke denne mappen og kan derfor ikke reparere den; spør en tjenesteperson på mappens liste

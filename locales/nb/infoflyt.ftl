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
cli-person-release-about = Registrer tidspunktet for løslatelse (sletting følger lokalt og regionalt)
cli-person-release-opt-id = Personens id
cli-person-release-opt-at = Når: ÅÅÅÅ-MM-DD eller RFC 3339
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
cli-journal-print-about = Skriv ut ett års journal til PDF for et tilsyn (logges). Overskriver aldri
cli-journal-print-opt-year = Året
cli-journal-print-opt-out = PDF-filen som skal lages; den må ikke finnes fra før
cli-log-report-opt-pdf = Skriv ut rapporten, med alle oppføringene, til denne PDF-filen for et tilsyn (logges)

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
person-released = Registrerte løslatelse av person { $id } { $at }.
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

## Innsidekontroller: nøkler, listen og loggen (src/authz/folder/, src/audit/checked.rs, src/sitting.rs, src/integrity.rs)

error-account-uncertified = kontoposten til { $name } stemmer ikke med sertifikatet: noen med registernøkkelen har endret den; den ble holdt utenfor, og ingen nøkkel ble pakket til den. Meld hendelsen
error-account-removed = kontoen { $name } er tatt av listen: spør den regionale administratoren
error-account-revived = kontoen { $name } er merket aktiv, men bruksloggen viser at den er tatt av listen: noen med registernøkkelen har gjenopplivet den; den kan ikke låse opp. Meld hendelsen, og ta kontoen av listen igjen
error-key-not-announced = nøkkelversjon { $version } ({ $tier }) for mappen til person { $person } er ikke godkjent: ingen tjenesteperson med rett til å lage den har kunngjort den i bruksloggen, så noen med registernøkkelen har plantet eller endret den; den ble ikke brukt. Meld hendelsen
error-key-rolled-back = nøklene til mappen til person { $person } ({ $tier }) er rullet tilbake: bruksloggen kunngjør versjon { $said }, registerets poster slutter på versjon { $stored }. Noen med registernøkkelen har lagt tilbake en eldre tilstand; ingenting ble lest, skrevet eller gitt videre. Meld hendelsen
error-rotation-not-queued = { $tier } for mappen til person { $person } må fornyes (en leser er tatt av listen, eller mappen er innsnevret), men forespørselen om å fornye den er borte: noen med registernøkkelen har slettet den. Ingenting skrives under den gamle nøkkelen; neste dokument en leser legger til, fornyer den. Meld hendelsen
error-rotation-owed = nøkkelen til denne mappen må fornyes (en leser er tatt av listen, eller mappen er innsnevret) før noe mer skrives i den, og { $name } kan ikke fornye den; spør en tjenesteperson som leser mappen
error-repair-not-reader = { $name } leser ikke denne mappen og kan derfor ikke reparere den; spør en tjenesteperson på mappens liste

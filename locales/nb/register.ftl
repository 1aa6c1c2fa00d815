## The register, documents, need to know, retention, casework and printing: src/register,
## src/documents, src/authz, src/retention, src/casework, src/print, src/text.rs, src/vocab.rs.

## Need to know: the authorisation list, folders and their keys (src/authz)
authz-admin-only = bare en administrator kan { $what }; { $name } er { $role ->
        [officer] tjenesteperson
        [clerical] kontorpersonale
        [admin] administrator
       *[other] { $role }
    }
authlist-too-few-officers = advarsel: bare { $officers } tjenesteperson(er) på listen; en enhet på nivå { $level } bør ha minst { $min }, så noen kan nås under fravær
authlist-no-agreement = (ingen registrert)
authlist-over-maximum = merk: { $officers } tjenestepersoner er flere enn høyeste antall { $max } etter avtale { $agreement }
authlist-too-many-clerical = advarsel: { $clerical } fra kontorpersonalet på listen; hold dem til et minimum (høyst { $max })
authlist-what-add = føre brukere på autorisasjonslisten
authlist-field-agreement = avtalereferansen
authlist-list-full = listen for nivå { $level } har allerede { $officers } tjenestepersoner, det høyeste antallet for nivået; flere krever en avtale mellom KSF og politiet
authlist-what-remove = ta brukere av autorisasjonslisten
authlist-what-order = endre kontaktrekkefølgen
authlist-order-too-low = kontaktrekkefølgen må være 1 eller mer
authlist-disabled = { $name } er deaktivert
disclosure-health-to-police = { $what } inneholder opplysninger kjent som medhjelper for helsepersonell: de kan aldri gis til politiet
authz-clerical-reads-nothing = { $name } er kontorpersonale, som håndterer dokumenter, men aldri leser innholdet
authz-admin-reads-nothing = { $name } er administrator, som fører listen, men ikke leser noen mappe
authz-folder-restricted = denne mappen er begrenset til navngitte tjenestepersoner, og { $name } er ikke en av dem
authz-document-key-missing = et dokument viser til versjon { $version } av mappens { $tier }, som mappen ikke har: dokumentets post er endret utenfor programmet; meld hendelsen
authz-version-under-s-key = denne versjonen er lagret under mappens nøkkel for STRENGT FORTROLIG (den, eller en senere versjon av dokumentet, er strengt fortrolig), og { $name } har klarering { $clearance }
authz-key-pending = { $name } står på listen, men mappens nøkkel har ikke nådd dem ennå: den gis videre neste gang en tjenesteperson som leser mappen, logger på
authz-not-on-list = { $name } står ikke på mappens liste over tjenstlig behov
authz-settings-admin-only = bare en administrator kan endre lagerets innstillinger; { $name } er { $role }
authz-unknown-setting = ukjent innstilling { $name }
authz-setting-range = { $name } må være mellom { $lo } og { $hi }
authz-clearance-too-low = dokumentet er { $grading }, og { $name } har klarering { $clearance }
authz-tier-f = nøkkel for FORTROLIG
authz-pins-changed = din oversikt over nøklene til mappen for person { $person } er endret av noen andre: meld fra om hendelsen
authz-tier-s = nøkkel for STRENGT FORTROLIG
authz-key-planted = nøkkelversjon { $version } ({ $tier }) av mappen til person { $person } er ikke godtgjort av sin signerte post ({ $why }): noen med lagerets nøkkel har plantet eller endret den; den ble ikke brukt. Meld hendelsen
authz-key-record-malformed = nøkkelposten for mappe { $folder } versjon { $version } er misdannet: noen med lagerets nøkkel har endret den
authz-why-maker-uncertified = den som laget den, er ikke en sertifisert konto
authz-why-maker-not-officer = den ble laget av en konto som ikke er tjenesteperson
authz-why-maker-not-cleared = den som laget den, er ikke klarert for STRENGT FORTROLIG
authz-why-bad-signature = signaturen stemmer ikke
authz-why-not-first = den gir seg ut for å være en første versjon, men er det ikke
authz-why-not-following = den følger ikke posten for forrige versjon
authz-why-maker-not-listed = den som laget den, sto ikke på mappens liste
authz-why-not-announced = den som laget den, kunngjorde den ikke i bruksloggen mens vedkommende hadde rett til å lage den
authz-why-not-announced-chain = den er ikke den som ble kunngjort da kjeden ble laget
authz-unknown-tier = ukjent nøkkelnivå { $tier }
authz-no-folder = person { $person } har ingen mappe
authz-why-no-key-record = mappen har ingen nøkkelpost
authz-why-record-missing = en post mangler
authz-own-account-bad = din egen kontopost stemmer ikke
authz-may-not-make-s-key = { $name } kan ikke lage mappens nøkkel for STRENGT FORTROLIG
authz-keys-by-reader = en mappes nøkler lages av en tjenesteperson som leser den
authz-key-version-no-record = nøkkelversjon { $version } ({ $tier }) av mappen til person { $person } har ingen post
authz-orphan-versions = { $count } dokumentversjon(er) er lagret under en nøkkelversjon som ikke har noen post
authz-folder-not-found = det finnes ingen mappe { $folder }
authz-why-wrong-wrapped-key = nøkkelen pakket til deg er ikke den den oppgir å være
authz-holds-no-key = { $name } har ingen nøkkel til denne mappen ({ $tier })
authz-why-wrapped-key-fails = nøkkelen pakket til deg lar seg ikke åpne
authz-batch-fails = en nøkkelbunt lar seg ikke åpne
authz-why-no-record-of-key = mappen har ingen post for denne nøkkelen
authz-why-no-record-of-version = ingen post viser til denne versjonen
authz-why-chain-broken = kjeden av poster er brutt
authz-why-no-previous = du har ikke versjonen før den
authz-why-maker-lacked-previous = den som laget den, hadde ikke forrige nøkkel
authz-why-chain-record-missing = en post i kjeden mangler
authz-keys-rolled-back = nøklene til mappen til person { $person } ({ $tier }) er rullet tilbake eller endret under versjon { $seen }, som du har kontrollert før: noen med lagerets nøkkel har gjenopprettet en eldre tilstand. Ingenting ble lest, skrevet eller gitt videre. Meld hendelsen
folder-not-reader = { $name } leser ikke denne mappen og kan derfor ikke { $what } den; spør en tjenesteperson som gjør det
folder-what-narrow = begrense
folder-what-widen = utvide
folder-name-an-officer = oppgi minst én tjenesteperson
folder-not-active-officer = { $name } er ikke en aktiv tjenesteperson; en mappe kan bare begrenses til tjenestepersoner
folder-not-restricted = mappen til person { $person } er ikke begrenset
folder-last-reader = denne kontoen er den eneste som fortsatt leser mappen(e) til person(er) { $persons }: tas den av listen, blir de uleselige for godt. La den utvide dem eller begrense dem til en annen tjenesteperson først
access-field-requester-name = navnet på den som ber om innsyn
access-unknown-requester = innsynsbegjæring { $id } oppgir ingen kjent type begjærer
casework-ksf-takes-no-decisions = et lager hos KSF treffer ikke vedtak
casework-nothing-owed = ingenting skyldes med id { $id }
casework-owed-not-report = utestående post { $id } er en { $kind }, ikke en vedtaksrapport
casework-owed-not-review = utestående post { $id } er en { $kind }, ikke en overprøving
casework-owed-already-sent = utestående post { $id } ble allerede sendt i { $package }
decision-malformed-id = vedtak { $id } har en misdannet id
decision-field-other-measure = teksten for annet tiltak
decision-unknown-measure = ukjent tiltak { $value }: bruk et av { $values }
casework-text-too-short = { $what } må være minst { $min } tegn lang (den har { $n })
casework-date-in-future = { $what } { $date } ligger fram i tid: oppgi datoen det faktisk var
casework-bad-date = ugyldig { $what } { $value }: bruk ÅÅÅÅ-MM-DD
decision-malformed-in-store = vedtak { $id } er misdannet i lageret
decision-malformed = vedtak { $id } er misdannet
decision-assessment-not-text = vurderingen { $jno } er ikke tekst
casework-misaddressed = { $what }: pakken ble sendt til feil lager eller er manipulert; ingenting ble registrert
review-field-reason = begrunnelsen
review-malformed-in-store = overprøving { $id } er misdannet i lageret
review-not-found-here = ingen overprøving med id { $id } er gjort her
casework-decision-not-for-here = et vedtak fra { $unit } ({ $level }) hører ikke hjemme i dette lageret på nivå { $here }
casework-review-no-decision-here = overprøvingen gjelder ikke noe vedtak truffet her
casework-review-decision-differs = overprøvingen viser til vedtak { $id }, men ikke slik det ble signert her
casework-review-not-from-above = en overprøving fra { $unit } ({ $level }) kommer ikke fra nivået over dette lageret på nivå { $here }
casework-review-not-own-region = en overprøving fra { $unit } kommer ikke fra denne enhetens egen region ({ $region })
casework-record-malformed = en saksbehandlingspost er misdannet eller stemmer ikke ({ $what }): pakken er skadet eller manipulert; be avsenderen om en ny

## Documents and the journal (src/documents)
document-bad-info-date = ugyldig informasjonsdato { $value }: bruk ÅÅÅÅ-MM-DD
document-info-date-future = informasjonsdatoen { $date } ligger fram i tid: oppgi datoen opplysningene er fra
document-not-whole = dokument { $jno } er ikke helt: { $why }. Rader ble slettet eller lagt til med lagerets nøkkel; ingenting ble lest. Meld hendelsen
document-receipt-record-unbacked = registreringen av at et dokument fra { $sender } er mottatt her som { $jno } versjon { $version } viser ikke til noe lagret og ingen makulering: den er skrevet med lagerets nøkkel
document-why-version-missing = versjon { $version }, som er ført i bruksloggen, mangler
document-why-version-unlogged = versjon { $version } ble lagret uten en oppføring i bruksloggen
document-why-version-unjournaled = versjon { $version } har ingen journalpost
document-why-journal-disagrees = journalposten for versjon { $version } er ikke den bruksloggen viser ({ $user } { $time }): én post, av samme konto, på samme tid
journal-entry-unsigned = journalposten for { $jno } v{ $version } ({ $status }) har ikke forfatterens signatur
document-bad-version = ugyldig versjon i { $value }: bruk ÅÅÅÅ/NNNNN@V
document-bad-jno = ugyldig journalnummer { $value }: bruk formen 2026/00042
document-not-found = ingen dokument med journalnummer { $jno }
document-salt-malformed = et dokuments salt er misdannet
document-contents-damaged = innholdet i { $doc } er skadet eller manipulert (del { $chunk })
document-cannot-write = kan ikke skrive dokumentet
document-no-file = ingen fil { $path }: kontroller stien
document-cannot-read-file = kan ikke lese { $path }
document-is-directory = { $path } er en mappe i filsystemet, ikke en fil
document-field-file-name = filnavnet
document-cannot-read-contents = kan ikke lese dokumentets innhold
document-no-key-for-grading = mappen har ingen nøkkel for denne graderingen
document-over-limit = innholdet er større enn lagerets grense på { $mib } MiB per dokument; ingenting ble skrevet (en administrator kan heve grensen)
document-received-wrong-key = en mottatt versjon fikk feil nøkkel
signing-failed = signaturene for en mottatt versjon kunne ikke lages; ingenting ble skrevet
document-size-over-limit = et dokument på { $size } byte er større enn lagerets grense på { $mib } MiB per dokument; ingenting ble skrevet (en administrator kan heve grensen)
document-longer-than-declared = et dokument er lengre enn sin oppgitte størrelse

## The register: persons, networks, KOMPIS (src/register)
network-field-kind = nettverkstype
network-field-name = nettverksnavnet
person-bad-born = ugyldig fødselsdato { $value }
person-uid-malformed = en persons uid er misdannet

## Retention, text checks and vocabularies (src/retention, src/text.rs, src/vocab.rs)
register-text-control-character = { $what } inneholder et kontrolltegn ({ $char }); skriv det som vanlig tekst
register-text-length = { $what } må være 1–{ $max } tegn lang (den har { $n })
register-unknown-word = ukjent { $what } { $value }: bruk { $allowed }
register-unknown-value = ukjent { $what } { $value }: bruk et av { $values }

"""What the columns of account lists are called, in English, Italian, German, French and
Spanish, beyond any one CRM's names.

``PHRASES`` are whole headers (compared with case, accents, punctuation and spacing
folded); ``HEAD_WORDS`` are single words that make a longer header a candidate
("Hospital Name", "Nome Impianto", "Nom_etablissement" are names); the values then decide
between candidates (see ``profile.py``).
"""

from __future__ import annotations

PHRASES: dict[str, dict[str, tuple[str, ...]]] = {
    "account_id": {
        "en": ("id", "account id", "customer id", "customer number", "customer no", "crm id",
               "code", "store number", "store no", "store id", "storenum", "site id",
               "provider id", "facility id", "client id", "iata", "icao"),
        "it": ("codice", "codice cliente", "id cliente", "cod cliente", "partita iva",
               "id impianto", "codice impianto"),
        "de": ("kundennummer", "kunden nr", "kundennr", "nummer", "schulnummer", "bsn"),
        "fr": ("code client", "numero client", "identifiant", "code etablissement",
               "identifiant de l etablissement", "siret", "uai"),
        "es": ("codigo", "codigo cliente", "id cliente", "numero de cliente"),
    },
    "name": {
        "en": ("name", "account", "account name", "company", "company name", "customer",
               "customer name", "business name", "store name", "site", "site name",
               "hospital name", "facility name", "school name", "organisation",
               "organization", "organization name", "organisation name", "dealer",
               "dealer name", "shop", "shop name", "pharmacy", "pharmacy name", "airport",
               "hospital", "clinic", "school", "practice", "store", "branch"),
        "it": ("ragione sociale", "cliente", "nome", "denominazione", "azienda", "ditta",
               "nome impianto", "insegna", "denominazione sociale", "nome farmacia",
               "descrizione farmacia", "denominazione scuola", "nome struttura"),
        "de": ("firma", "firmenname", "kunde", "kundenname", "name der firma", "unternehmen",
               "bezeichnung", "einrichtung", "schulname", "apotheke", "filiale"),
        "fr": ("raison sociale", "nom", "societe", "entreprise", "client", "nom client",
               "nom etablissement", "nom de l etablissement", "appellation officielle",
               "enseigne", "denomination sociale"),
        "es": ("nombre", "razon social", "empresa", "nombre comercial", "cliente",
               "nombre cliente", "denominacion", "establecimiento", "farmacia"),
    },
    "street": {
        "en": ("address", "street", "street address", "address line 1", "address 1",
               "address1", "street 1", "mailing address", "physical address", "streetaddr",
               "addr", "addr 1"),
        "it": ("indirizzo", "via", "sede", "recapito", "indirizzo sede"),
        "de": ("strasse", "adresse", "anschrift", "strasse und hausnummer", "str"),
        "fr": ("adresse", "adresse 1", "rue", "voie", "adresse postale"),
        "es": ("direccion", "calle", "domicilio", "via"),
    },
    "street2": {
        "en": ("address line 2", "address 2", "address2", "street 2", "addr 2"),
        "it": ("indirizzo 2",),
        "de": ("adresszusatz",),
        "fr": ("adresse 2", "complement d adresse"),
        "es": ("direccion 2",),
    },
    "street3": {  # not the French "Adresse 3": that is the postcode-and-town line
        "en": ("address line 3", "address 3", "address3", "street 3", "addr 3"),
    },
    "city": {
        "en": ("city", "town", "locality", "town city", "strcity", "municipality"),
        "it": ("comune", "citta", "localita"),
        "de": ("ort", "stadt", "gemeinde", "wohnort"),
        "fr": ("ville", "commune", "nom commune", "localite", "localite d acheminement"),
        "es": ("ciudad", "municipio", "localidad", "poblacion"),
    },
    "postcode": {
        "en": ("zip", "zip code", "zipcode", "postcode", "postal code", "post code"),
        "it": ("cap", "codice postale"),
        "de": ("plz", "postleitzahl"),
        "fr": ("code postal", "cp"),
        "es": ("codigo postal", "cp", "postal"),
    },
    "region": {
        "en": ("state", "province", "region", "county", "state province", "st", "strstate",
               "state code"),
        "it": ("provincia", "prov", "regione", "sigla provincia"),
        "de": ("bundesland", "kreis", "landkreis"),
        "fr": ("departement", "region", "libelle departement"),
        "es": ("provincia", "comunidad", "comunidad autonoma", "estado"),
    },
    "country": {
        "en": ("country", "country code", "nation"),
        "it": ("nazione", "paese", "stato"),
        "de": ("staat", "land"),
        "fr": ("pays",),
        "es": ("pais",),
    },
    "latitude": {
        "en": ("lat", "latitude", "y"),
        "it": ("latitudine",),
        "de": ("breitengrad", "breite"),
        "fr": ("latitude",),
        "es": ("latitud",),
    },
    "longitude": {
        "en": ("lon", "lng", "long", "longitude", "x"),
        "it": ("longitudine",),
        "de": ("laengengrad", "laenge"),
        "fr": ("longitude",),
        "es": ("longitud",),
    },
    "amount": {
        "en": ("amount", "deal value", "deal amount", "value", "potential", "opportunity amount"),
        "it": ("importo", "valore", "potenziale", "valore trattativa"),
        "de": ("betrag", "wert", "auftragswert"),
        "fr": ("montant", "valeur"),
        "es": ("importe", "valor", "monto"),
    },
    "annual_revenue": {
        "en": ("annual revenue", "revenue", "turnover", "annual sales", "sales"),
        "it": ("fatturato", "fatturato annuo"),
        "de": ("umsatz", "jahresumsatz"),
        "fr": ("chiffre d affaires", "ca"),
        "es": ("facturacion", "ventas anuales"),
    },
    "currency": {
        "en": ("currency", "currency code"),
        "it": ("valuta",),
        "de": ("wahrung", "waehrung"),
        "fr": ("devise", "monnaie"),
        "es": ("moneda", "divisa"),
    },
    "stage": {
        "en": ("stage", "deal stage", "status", "sales stage"),
        "it": ("fase", "stato trattativa", "fase trattativa"),
        "de": ("phase", "verkaufsphase"),
        "fr": ("etape", "phase"),
        "es": ("etapa", "fase"),
    },
    "probability": {
        "en": ("probability", "win probability", "probability %", "chance"),
        "it": ("probabilita", "probabilita %", "probabilita di chiusura"),
        "de": ("wahrscheinlichkeit",),
        "fr": ("probabilite",),
        "es": ("probabilidad",),
    },
    "close_date": {
        "en": ("close date", "expected close", "expected close date"),
        "it": ("data chiusura", "data chiusura prevista"),
        "de": ("abschlussdatum",),
        "fr": ("date de cloture",),
        "es": ("fecha de cierre",),
    },
    "last_visit": {
        "en": ("last visit", "last visit date", "last visited", "last meeting"),
        "it": ("ultima visita", "data ultima visita"),
        "de": ("letzter besuch",),
        "fr": ("derniere visite",),
        "es": ("ultima visita",),
    },
    "cadence_days": {
        "en": ("cadence", "visit cadence", "cadence days", "visit every", "frequency"),
        "it": ("frequenza visite", "frequenza visite giorni", "cadenza", "frequenza"),
        "de": ("besuchsrhythmus",),
        "fr": ("frequence de visite",),
        "es": ("frecuencia de visita",),
    },
    "meeting_minutes": {
        "en": ("meeting minutes", "meeting duration", "visit duration", "duration"),
        "it": ("durata visita", "durata visita min", "durata"),
        "de": ("besuchsdauer",),
        "fr": ("duree de visite",),
        "es": ("duracion de visita",),
    },
    "opening_hours": {
        "en": ("opening hours", "hours", "open hours", "business hours"),
        "it": ("orari", "orari di apertura", "orario", "orario di apertura"),
        "de": ("offnungszeiten", "oeffnungszeiten"),
        "fr": ("horaires", "heures d ouverture"),
        "es": ("horario", "horario de apertura"),
    },
    "owner": {
        "en": ("owner", "rep", "sales rep", "account owner", "account manager"),
        "it": ("agente", "commerciale", "venditore", "responsabile"),
        "de": ("betreuer", "vertreter", "aussendienst"),
        "fr": ("commercial", "responsable"),
        "es": ("comercial", "responsable", "vendedor"),
    },
    "phone": {
        "en": ("phone", "telephone", "phone number", "tel", "main phone", "business phone"),
        "it": ("telefono", "tel", "recapito telefonico"),
        "de": ("telefon", "telefonnummer", "tel"),
        "fr": ("telephone", "tel"),
        "es": ("telefono", "tel"),
    },
    "contact": {
        "en": ("contact", "contact name", "primary contact"),
        "it": ("referente", "contatto"),
        "de": ("ansprechpartner", "kontakt"),
        "fr": ("contact", "interlocuteur"),
        "es": ("contacto", "persona de contacto"),
    },
    "industry": {
        "en": ("industry", "sector", "segment", "type store", "hospital type", "category"),
        "it": ("settore", "categoria", "tipo impianto", "tipologia"),
        "de": ("branche", "schulart", "kategorie"),
        "fr": ("secteur", "type etablissement", "nature", "libelle nature"),
        "es": ("sector", "actividad", "categoria"),
    },
    "tags": {
        "en": ("tags", "labels", "brand", "ownership type"),
        "it": ("etichette", "tag", "bandiera"),
        "de": ("schlagworte", "marke"),
        "fr": ("etiquettes", "statut public prive", "secteur public prive"),
        "es": ("etiquetas", "marca"),
    },
    "notes": {
        "en": ("notes", "note", "comments", "description"),
        "it": ("note", "annotazioni"),
        "de": ("notizen", "bemerkung", "bemerkungen"),
        "fr": ("remarques", "commentaires"),
        "es": ("notas", "observaciones"),
    },
    "opportunity_id": {
        "en": ("opportunity id", "deal id"),
        "it": ("id trattativa",),
        "de": ("verkaufschance id",),
        "fr": ("id opportunite",),
        "es": ("id oportunidad",),
    },
    "opportunity_name": {
        "en": ("opportunity", "opportunity name", "deal", "deal name"),
        "it": ("trattativa", "opportunita"),
        "de": ("verkaufschance",),
        "fr": ("opportunite", "affaire"),
        "es": ("oportunidad",),
    },
}  # fmt: skip

# One word of a longer header that makes it a candidate for the field.
HEAD_WORDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "nome", "nom", "nombre", "denominazione", "denomination", "appellation",
             "bezeichnung", "firma", "ragione", "razon"),
    "street": ("address", "street", "indirizzo", "adresse", "direccion", "strasse", "recapito",
               "addr"),
    "city": ("city", "town", "comune", "citta", "ville", "commune", "ciudad", "municipio",
             "stadt", "ort", "localita", "localidad", "locality", "suburb", "cidade"),
    "postcode": ("zip", "postcode", "cap", "plz", "postal", "postleitzahl"),
    "region": ("state", "province", "provincia", "region", "regione", "county", "bundesland",
               "departement"),
    "country": ("country", "nazione", "pays", "pais"),
    "phone": ("phone", "telephone", "telefono", "telefon", "tel"),
    "latitude": ("lat", "latitude", "latitudine", "latitud", "breite"),
    "longitude": ("lon", "lng", "long", "longitude", "longitudine", "longitud", "laenge"),
    "account_id": ("id", "code", "codice", "codigo", "number", "num", "nummer", "numero"),
}  # fmt: skip

# Prefixes of address columns that name which address it is: the billing (or main)
# address is preferred, a shipping or second address only when there is no other.
MAIN_PREFIXES = ("billing", "address 1", "address1", "main", "primary", "physical", "hq",
                 "company", "account", "organization", "organisation", "org", "store",
                 "site", "business", "bill", "str", "head office", "sede")  # fmt: skip
OTHER_PREFIXES = ("shipping", "address 2", "address2", "mailing", "other", "ship",
                  "delivery", "secondary")  # fmt: skip

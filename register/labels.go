package register

// The register's field labels and group titles in the requester's
// languages, for what is written to the data subject (the access report).
// FieldLabel holds the English labels; these are the Finnish and Swedish
// ones beside them.

// Languages are the languages letters and reports are written in.
var Languages = []string{"fi", "sv", "en"}

// fieldLabelsIn are the labels of the fields in Finnish and Swedish.
var fieldLabelsIn = map[string]map[string]string{
	"fi": {
		"customer_number": "Asiakasnumero", "company_name": "Yritys", "first_name": "Etunimi",
		"last_name": "Sukunimi", "business_id": "Y-tunnus", "email": "Sähköposti", "phone": "Puhelin",
		"street_address": "Katuosoite", "postal_code": "Postinumero", "city": "Postitoimipaikka", "country": "Maa",
		"contact_person": "Yhteyshenkilö", "title": "Tehtävänimike", "payment_method": "Maksutapa",
		"payment_instrument": "Maksuvälineen tunnisteet", "payment_terms": "Maksuehdot",
		"delivery_method": "Toimitustapa", "delivery_details": "Toimitustiedot",
		"customer_since": "Asiakkuus alkanut", "customer_until": "Asiakkuus päättynyt",
		"service_ids": "Palveluiden tunnisteet", "communication_ids": "Sähköisen viestinnän tunnisteet",
		"newsletter": "Uutiskirje", "campaigns": "Kampanjat ja viestintä", "billing": "Laskutus",
		"collection": "Perintä", "credit": "Luotto", "financing": "Rahoitus",
		"contact_history": "Yhteydenottohistoria", "consents": "Suostumukset",
		"direct_marketing_ban": "Suoramarkkinointikielto", "market_research_ban": "Markkinatutkimuskielto",
		"analytics": "Analytiikka", FieldEntry: "Tietue", "restricted": "Käsittelyn rajoitus",
	},
	"sv": {
		"customer_number": "Kundnummer", "company_name": "Företag", "first_name": "Förnamn",
		"last_name": "Efternamn", "business_id": "FO-nummer", "email": "E-post", "phone": "Telefon",
		"street_address": "Gatuadress", "postal_code": "Postnummer", "city": "Postanstalt", "country": "Land",
		"contact_person": "Kontaktperson", "title": "Titel", "payment_method": "Betalningssätt",
		"payment_instrument": "Identifierare för betalningsmedel", "payment_terms": "Betalningsvillkor",
		"delivery_method": "Leveranssätt", "delivery_details": "Leveransuppgifter",
		"customer_since": "Kund sedan", "customer_until": "Kund till",
		"service_ids": "Identifierare för tjänster", "communication_ids": "Identifierare för elektronisk kommunikation",
		"newsletter": "Nyhetsbrev", "campaigns": "Kampanjer och kommunikation", "billing": "Fakturering",
		"collection": "Indrivning", "credit": "Kredit", "financing": "Finansiering",
		"contact_history": "Kontakthistorik", "consents": "Samtycken",
		"direct_marketing_ban": "Förbud mot direktmarknadsföring", "market_research_ban": "Förbud mot marknadsundersökningar",
		"analytics": "Analys", FieldEntry: "Post", "restricted": "Begränsning av behandling",
	},
}

// groupTitlesIn are the titles of FieldGroups in Finnish and Swedish, by
// their English title.
var groupTitlesIn = map[string]map[string]string{
	"fi": {
		"Identity and contact":  "Tunniste- ja yhteystiedot",
		"Customer relationship": "Asiakkuus",
		"Payment":               "Maksaminen",
		"Delivery":              "Toimitukset",
		"Identifiers for services and electronic communication": "Palveluiden ja sähköisen viestinnän tunnisteet",
		"Marketing": "Markkinointi",
		"Billing, collection, credit and financing": "Laskutus, perintä, luotto ja rahoitus",
		"Contact history": "Yhteydenottohistoria",
		"Analytics":       "Analytiikka",
	},
	"sv": {
		"Identity and contact":  "Identitets- och kontaktuppgifter",
		"Customer relationship": "Kundrelation",
		"Payment":               "Betalning",
		"Delivery":              "Leverans",
		"Identifiers for services and electronic communication": "Identifierare för tjänster och elektronisk kommunikation",
		"Marketing": "Marknadsföring",
		"Billing, collection, credit and financing": "Fakturering, indrivning, kredit och finansiering",
		"Contact history": "Kontakthistorik",
		"Analytics":       "Analys",
	},
}

// FieldLabelIn is the label of a field in lang ("fi", "sv" or "en"); the
// English label for any other language, and the name itself for an
// unknown field.
func FieldLabelIn(lang, name string) string {
	if l, ok := fieldLabelsIn[lang][name]; ok {
		return l
	}
	return FieldLabel(name)
}

// GroupTitleIn is the title of one of FieldGroups in lang; the English
// title for English or any other language.
func GroupTitleIn(lang string, g FieldGroup) string {
	if t, ok := groupTitlesIn[lang][g.Title]; ok {
		return t
	}
	return g.Title
}

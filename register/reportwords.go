package register

import "time"

// reportWords are the fixed texts of the access report in one language.
type reportWords struct {
	Title, Subtitle                  string
	To, Case, Received, Written      string
	Entries, Language                string
	Contents                         string
	Files                            map[string]string // what each file holds, by file name
	OthersLeftOut                    string
	YourData, Entry                  string
	Restricted                       string
	Erased                           string // %s: the date
	Changes, NoChanges, EntryCreated string
	Correspondence, NoMessages       string
	From, Subject, StaffSender       string
	Withheld, Yes, No, Empty         string
	LanguageName                     string
	date, dayLayout                  string // time layouts of a moment and of a date
}

// words are the report's texts by language.
var words = map[string]reportWords{
	"fi": {
		Title:    "Rekisteriote",
		Subtitle: "Tarkastusoikeus, EU:n yleisen tietosuoja-asetuksen 15 artikla. Sesoma Oy, Vantaa.",
		To:       "Vastaanottaja", Case: "Asia", Received: "Pyyntö vastaanotettu", Written: "Ote laadittu",
		Entries: "Asiakastietueet", Language: "Kieli", Contents: "Mitä ote sisältää",
		Files: map[string]string{
			"report.md":   "tämä asiakirja (Markdown-teksti)",
			"report.html": "sama asiakirja tulostettavana (HTML)",
			"data.json":   "rekisterin tietosi, niiden muutoshistoria ja asian viestit koneluettavassa muodossa (JSON)",
			"data.csv":    "rekisterin tietosi taulukkona, rivi kenttää kohden (CSV); tämä ja data.json vastaavat myös oikeuteen siirtää tiedot järjestelmästä toiseen (20 artikla)",
		},
		OthersLeftOut: "Otteessa on vain sinua koskevat tiedot: muita henkilöitä koskevat tiedot on jätetty pois (15 artiklan 4 kohta).",
		YourData:      "Tietosi asiakasrekisterissä", Entry: "Asiakastietue",
		Restricted: "Tämän tietueen käsittelyä on rajoitettu (18 artikla): tietoja vain säilytetään eikä käytetä.",
		Erased:     "Tämän tietueen henkilötiedot poistettiin %s; jäljellä on vain se, mikä lain mukaan on säilytettävä.",
		Changes:    "Muutoshistoria", NoChanges: "Ei muutoksia.", EntryCreated: "tietue luotu",
		Correspondence: "Asian viestit", NoMessages: "Ei viestejä.",
		From: "Lähettäjä", Subject: "Aihe", StaffSender: "Sesoman henkilökunta",
		Withheld: "ei näytetä: toinen henkilö", Yes: "kyllä", No: "ei", Empty: "—",
		LanguageName: "suomi", date: "2.1.2006 klo 15.04", dayLayout: "2.1.2006",
	},
	"sv": {
		Title:    "Registerutdrag",
		Subtitle: "Rätt till tillgång, artikel 15 i EU:s allmänna dataskyddsförordning. Sesoma Oy, Vanda.",
		To:       "Mottagare", Case: "Ärende", Received: "Begäran mottagen", Written: "Utdraget upprättat",
		Entries: "Kundposter", Language: "Språk", Contents: "Vad utdraget innehåller",
		Files: map[string]string{
			"report.md":   "detta dokument (Markdown-text)",
			"report.html": "samma dokument för utskrift (HTML)",
			"data.json":   "dina uppgifter i registret, deras ändringshistorik och ärendets meddelanden i maskinläsbar form (JSON)",
			"data.csv":    "dina uppgifter i registret som tabell, en rad per fält (CSV); denna fil och data.json svarar också på rätten till dataportabilitet (artikel 20)",
		},
		OthersLeftOut: "Utdraget innehåller bara uppgifter om dig: uppgifter om andra personer har utelämnats (artikel 15.4).",
		YourData:      "Dina uppgifter i kundregistret", Entry: "Kundpost",
		Restricted: "Behandlingen av denna post är begränsad (artikel 18): uppgifterna sparas endast och används inte.",
		Erased:     "Personuppgifterna i denna post raderades %s; kvar finns endast det som lagen kräver att sparas.",
		Changes:    "Ändringshistorik", NoChanges: "Inga ändringar.", EntryCreated: "posten skapades",
		Correspondence: "Ärendets meddelanden", NoMessages: "Inga meddelanden.",
		From: "Avsändare", Subject: "Ämne", StaffSender: "Sesomas personal",
		Withheld: "visas inte: en annan person", Yes: "ja", No: "nej", Empty: "—",
		LanguageName: "svenska", date: "2.1.2006 kl. 15.04", dayLayout: "2.1.2006",
	},
	"en": {
		Title:    "Access report",
		Subtitle: "Right of access, Article 15 of the EU General Data Protection Regulation. Sesoma Oy, Vantaa, Finland.",
		To:       "To", Case: "Case", Received: "Request received", Written: "Report written",
		Entries: "Customer entries", Language: "Language", Contents: "What this report contains",
		Files: map[string]string{
			"report.md":   "this document (Markdown text)",
			"report.html": "the same document, for printing (HTML)",
			"data.json":   "your data in the register, its change log and the messages of this case, machine-readable (JSON)",
			"data.csv":    "your data in the register as a table, one row per field (CSV); this file and data.json also answer the right to data portability (Article 20)",
		},
		OthersLeftOut: "This report holds only data about you: data about other people has been left out (Article 15(4)).",
		YourData:      "Your data in the customer register", Entry: "Customer entry",
		Restricted: "Processing of this entry is restricted (Article 18): the data is only kept, not used.",
		Erased:     "The personal data of this entry was erased on %s; what remains is only what the law requires keeping.",
		Changes:    "Change log", NoChanges: "No changes.", EntryCreated: "entry created",
		Correspondence: "Messages of this case", NoMessages: "No messages.",
		From: "From", Subject: "Subject", StaffSender: "Sesoma staff",
		Withheld: "withheld: another person", Yes: "yes", No: "no", Empty: "—",
		LanguageName: "English", date: "2 January 2006, 15:04", dayLayout: "2 January 2006",
	},
}

// when writes a moment in Helsinki time as the language writes it.
func (w reportWords) when(t time.Time) string { return t.In(Helsinki).Format(w.date) }

// day writes a moment's date in Helsinki time, without the time of day.
func (w reportWords) day(t time.Time) string { return t.In(Helsinki).Format(w.dayLayout) }

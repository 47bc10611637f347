package register

import (
	"fmt"
	"strings"
	"time"
)

// The fixed words of the letters that are not in their templates: dates,
// the names of the rights, the translations of the reasons dsrdesk itself
// writes in English (the extension reasons of the menu, the Accounting
// Act's reasons for keeping fields), the signature and the subject used
// when the request had none.

// LetterDate writes d as the letter's language writes a date: 7.4.2026 in
// Finnish and Swedish, 7 April 2026 in English; "" for the zero Date.
func LetterDate(lang string, d Date) string {
	if d.IsZero() {
		return ""
	}
	if lang == "en" {
		return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
	}
	return fmt.Sprintf("%d.%d.%d", d.Day, int(d.Month), d.Year)
}

// kindNames name the rights of Kinds in each language, as a letter lists
// them ("Your request concerns: ...").
var kindNames = map[string]map[string]string{
	"fi": {
		"access":        "oikeus tarkastaa omat tietosi",
		"rectification": "oikeus tietojen oikaisemiseen",
		"erasure":       "oikeus tietojen poistamiseen",
		"restriction":   "oikeus käsittelyn rajoittamiseen",
		"portability":   "oikeus siirtää tiedot järjestelmästä toiseen",
		"objection":     "oikeus kieltää suoramarkkinointi ja markkinatutkimus",
	},
	"sv": {
		"access":        "rätten att få tillgång till dina uppgifter",
		"rectification": "rätten till rättelse",
		"erasure":       "rätten till radering",
		"restriction":   "rätten till begränsning av behandlingen",
		"portability":   "rätten att överföra uppgifterna till ett annat system",
		"objection":     "rätten att förbjuda direktmarknadsföring och marknadsundersökningar",
	},
	"en": {
		"access":        "the right of access to your data",
		"rectification": "the right to have your data rectified",
		"erasure":       "the right to have your data erased",
		"restriction":   "the right to restriction of processing",
		"portability":   "the right to data portability",
		"objection":     "the right to object to direct marketing and market research",
	},
}

// extensionReasonsIn translate ExtensionReasons, by their English text.
// A reason the officer wrote is used as written.
var extensionReasonsIn = map[string]map[string]string{
	"fi": {
		ExtensionReasons[0]: "pyyntösi on laaja, sillä tietoja on paljon ja ne on koottava useasta järjestelmästä",
		ExtensionReasons[1]: "olet lähettänyt useita pyyntöjä, ja käsittelemme ne kaikki",
		ExtensionReasons[2]: "tiedot on koottava arkistoista tai kolmansilta osapuolilta",
		ExtensionReasons[3]: "tiedoistasi on erotettava muita henkilöitä koskevat tiedot",
	},
	"sv": {
		ExtensionReasons[0]: "din begäran är omfattande, eftersom uppgifterna är många och måste samlas in från flera system",
		ExtensionReasons[1]: "du har skickat flera begäranden, och vi behandlar dem alla",
		ExtensionReasons[2]: "uppgifterna måste samlas in från arkiv eller från tredje parter",
		ExtensionReasons[3]: "uppgifter om andra personer måste skiljas från dina uppgifter",
	},
	"en": {
		ExtensionReasons[0]: "your request is complex, as there is much data and it must be gathered from several systems",
		ExtensionReasons[1]: "you have sent several requests, and we are handling all of them",
		ExtensionReasons[2]: "the data must be gathered from archives or from third parties",
		ExtensionReasons[3]: "data about other people must be separated from your data",
	},
}

// whyIn translate the reasons PlanErasure gives for keeping fields (the
// Accounting Act, kirjanpitolaki 1336/1997, 2 luku 10 §), by their English
// text. Another reason is used as written.
var whyIn = map[string]map[string]string{
	"fi": {
		whyBooks:    "Kirjanpitolain (1336/1997) 2 luvun 10 §:n mukaan kirjanpito on säilytettävä vähintään 10 vuotta tilikauden päättymisestä.",
		whyVouchers: "Kirjanpitolain (1336/1997) 2 luvun 10 §:n mukaan laskut, maksutositteet ja muut tositteet on säilytettävä vähintään 6 vuotta sen vuoden lopusta, jonka aikana tilikausi on päättynyt.",
	},
	"sv": {
		whyBooks:    "Enligt 2 kap. 10 § i bokföringslagen (1336/1997) ska bokföringen bevaras i minst 10 år efter räkenskapsperiodens utgång.",
		whyVouchers: "Enligt 2 kap. 10 § i bokföringslagen (1336/1997) ska fakturor, betalningsverifikat och andra verifikationer bevaras i minst 6 år efter utgången av det år under vilket räkenskapsperioden har gått ut.",
	},
	"en": {
		whyBooks:    "Under chapter 2, section 10 of the Finnish Accounting Act (1336/1997), the books must be kept for at least 10 years from the end of the financial year.",
		whyVouchers: "Under chapter 2, section 10 of the Finnish Accounting Act (1336/1997), invoices, payment records and other vouchers must be kept for at least 6 years from the end of the year in which the financial year ended.",
	},
}

// letterSignature signs every letter.
var letterSignature = map[string]string{
	"fi": "Ystävällisin terveisin\n\nSesoma Oy, tietosuoja\nsesoma@sesoma.fi",
	"sv": "Med vänlig hälsning\n\nSesoma Oy, dataskydd\nsesoma@sesoma.fi",
	"en": "Kind regards\n\nSesoma Oy, data protection\nsesoma@sesoma.fi",
}

// letterNoSubject is the subject of a letter whose request had none.
var letterNoSubject = map[string]string{
	"fi": "Tietosuojapyyntösi",
	"sv": "Din begäran om dataskydd",
	"en": "Your data protection request",
}

// listAnd is the word before the last item of a list.
var listAnd = map[string]string{"fi": "ja", "sv": "och", "en": "and"}

// joinList joins items as lang writes a list: "a, b ja c"; English with
// no serial comma ("a, b and c").
func joinList(lang string, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + listAnd[lang] + " " + items[len(items)-1]
}

// translated returns the translation of s in table for lang, or s itself.
func translated(table map[string]map[string]string, lang, s string) string {
	if t, ok := table[lang][s]; ok {
		return t
	}
	return s
}

// oneLine makes a text from mail or an officer fit on one line of a
// letter or a header: control characters and line breaks become spaces,
// runs of white space one space.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, printable(s))
	return strings.Join(strings.Fields(s), " ")
}

// officerText cleans a text an officer wrote for a letter (a reason):
// printable and trimmed, its line breaks kept.
func officerText(s string) string { return strings.TrimSpace(printable(s)) }

// inSentence fits a reason into a sentence the template ends: on one line,
// without a final full stop.
func inSentence(s string) string { return strings.TrimSpace(strings.TrimSuffix(oneLine(s), ".")) }

// dayOf is the calendar day of t in Helsinki; the zero Date for the zero
// time.
func dayOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	return ReceiptDate(t)
}

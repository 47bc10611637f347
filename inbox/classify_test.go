package inbox

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// certainty is what a test expects of Verdict.Uncertain.
type certainty int

const (
	anyCertainty certainty = iota
	sure                   // Uncertain must be false
	unsure                 // Uncertain must be true
)

func (c certainty) check(t *testing.T, v Verdict) {
	t.Helper()
	switch {
	case c == sure && v.Uncertain:
		t.Errorf("uncertain, want certain: %s", describe(v))
	case c == unsure && !v.Uncertain:
		t.Errorf("certain, want uncertain: %s", describe(v))
	}
}

func describe(v Verdict) string {
	u := ""
	if v.Uncertain {
		u = " (uncertain)"
	}
	return string(v.Disposition) + u + " " + strings.Trim(strings.Join(kindStrings(v.Kinds), ","), ",") + " " + strings.Join(quoteAll(v.Reasons), " ")
}

func kindStrings(ks []Kind) []string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return s
}

func quoteAll(rs []string) []string {
	q := make([]string, len(rs))
	for i, r := range rs {
		q[i] = "[" + r + "]"
	}
	return q
}

// hasReason reports whether some reason contains phrase.
func hasReason(reasons []string, phrase string) bool {
	for _, r := range reasons {
		if strings.Contains(r, phrase) {
			return true
		}
	}
	return false
}

// checkInvariants holds for every verdict: kinds valid, unique and in the
// order of Kinds, only on a request, and at least one reason.
func checkInvariants(t testing.TB, v Verdict) {
	t.Helper()
	if len(v.Reasons) == 0 {
		t.Errorf("no reasons: %+v", v)
	}
	for _, r := range v.Reasons {
		if r == "" || !utf8.ValidString(r) {
			t.Errorf("bad reason %q", r)
		}
	}
	if v.Disposition != Request && len(v.Kinds) > 0 {
		t.Errorf("%s with kinds %v", v.Disposition, v.Kinds)
	}
	last := -1
	for _, k := range v.Kinds {
		i := slices.Index(Kinds, k)
		if i < 0 {
			t.Errorf("unknown kind %q", k)
		}
		if i <= last {
			t.Errorf("kinds %v not unique and in the order of Kinds", v.Kinds)
		}
		last = i
	}
}

func TestClassifyFixtures(t *testing.T) {
	tests := []struct {
		file    string
		want    Disposition
		kinds   []Kind
		reasons []string // each must be among the reasons (exactly), or for a request be part of one
	}{
		{"latin1-qp.eml", Request, []Kind{Access, Rectification}, []string{`"pyydän oikaisemaan sukunimeni" → rectification`}},
		{"win1252-8bit.eml", Request, []Kind{Erasure}, []string{`"vill att ni raderar alla mina personuppgifter" → erasure`}},
		{"utf8-base64.eml", Request, []Kind{Access}, []string{`request access to my personal data" → access`}},
		{"html-only.eml", Request, []Kind{Erasure}, []string{`"haluan poistaa tilini`}},
		{"alternative.eml", Request, []Kind{Erasure, Objection}, []string{"erase my contact details", "stop sending me marketing"}},
		{"mislabelled.eml", Request, []Kind{Access}, []string{`haluan tietää, mitä tietoja`}},
		{"pdf-attachment.eml", Request, []Kind{Erasure}, []string{`pyytämään hänen tietojensa poistoa`}},
		// A forward from a mailbox not known as staff: the request is in
		// the attached original, so it counts, but only as uncertain.
		{"forwarded.eml", Request, nil, []string{"forwarded text"}},
		{"broken.eml", Request, []Kind{Erasure}, []string{`"pyydän poistamaan tietoni" → erasure`}},
		{"ooo-fi.eml", AutoReply, nil, []string{
			"header Auto-Submitted: auto-generated",
			`subject starts with "Automaattinen vastaus:"`,
		}},
		{"autoreply-sv.eml", AutoReply, nil, []string{"header X-Autoreply: yes"}},
		{"bounce-dsn.eml", Bounce, nil, []string{
			"multipart/report; report-type=delivery-status",
			"sender MAILER-DAEMON@mx.example.com",
			"header X-Failed-Recipients: olli.ollila@example.net",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			v := Classify(Parse(readFixture(t, tt.file)))
			checkInvariants(t, v)
			if v.Disposition != tt.want {
				t.Fatalf("Classify = %s, want %s", describe(v), tt.want)
			}
			if tt.kinds != nil && !reflect.DeepEqual(v.Kinds, tt.kinds) {
				t.Errorf("kinds = %v, want %v: %s", v.Kinds, tt.kinds, describe(v))
			}
			for _, r := range tt.reasons {
				if tt.want == Request && !hasReason(v.Reasons, r) || tt.want != Request && !slices.Contains(v.Reasons, r) {
					t.Errorf("reasons %q lack %q", v.Reasons, r)
				}
			}
		})
	}
	// The forwarded original asks for erasure, among other things.
	if v := Classify(Parse(readFixture(t, "forwarded.eml"))); !slices.Contains(v.Kinds, Erasure) || !v.Uncertain {
		t.Errorf("forwarded.eml: %s, want an uncertain request including erasure", describe(v))
	}
}

// TestClassifyHeaders keeps the header rules for automatic mail: what makes
// an auto-reply or a bounce, and what alone does not.
func TestClassifyHeaders(t *testing.T) {
	person := Address{"Päivi Mäkinen", "paivi.makinen@example.fi"}
	h := func(kv ...string) []Header {
		var hs []Header
		for i := 0; i+1 < len(kv); i += 2 {
			hs = append(hs, Header{Key: kv[i], Value: kv[i+1]})
		}
		return hs
	}
	tests := []struct {
		name    string
		p       Parsed
		want    Disposition
		reasons []string // exact, when the want is AutoReply, Bounce or Bulk
	}{
		// Not automatic, whatever the headers hint: the words decide.
		{"plain request", Parsed{From: person, Subject: "Tietojeni poisto",
			Text: "Poistakaa tietoni."}, Request, nil},
		{"out of office in the body", Parsed{From: person, Subject: "Please delete my data",
			Text: "I was out of office when I got your newsletter, please delete my data."}, Request, nil},
		{"out of office starting the subject", Parsed{From: person,
			Subject: "Out of office when your newsletter came - delete my data"}, Request, nil},
		{"lower-case prefix without headers", Parsed{From: person,
			Subject: "automatic reply: why did I get this? Delete my data"}, Request, nil},
		{"reply to an auto-reply", Parsed{From: person,
			Subject: "RE: Automatic reply: Your newsletter", Text: "Delete my data, thanks."}, Request, nil},
		{"forward of an auto-reply", Parsed{From: person,
			Subject: "VS: Automaattinen vastaus: Uutiskirje"}, Other, nil},
		{"poissaolo is not poissa", Parsed{From: person, Subject: "Poissaolot ja tietojeni poisto",
			Headers: h("X-Auto-Response-Suppress", "All")}, Request, nil},
		{"Auto-Submitted no", Parsed{From: person, Subject: "Tietopyyntö",
			Headers: h("Auto-Submitted", "no")}, Request, nil},
		{"Auto-Submitted auto-forwarded", Parsed{From: person, Subject: "Tietopyyntö",
			Headers: h("Auto-Submitted", "auto-forwarded")}, Request, nil},
		{"empty Auto-Submitted", Parsed{From: person, Headers: h("Auto-Submitted", "")}, Other, nil},
		{"X-Autoreply no", Parsed{From: person, Headers: h("X-Autoreply", "no")}, Other, nil},
		{"Exchange header alone", Parsed{From: person, Subject: "Tietojen poisto",
			Headers: h("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent")}, Request, nil},
		{"X-Auto-Response-Suppress alone", Parsed{From: person, Subject: "Tietojen poisto",
			Headers: h("X-Auto-Response-Suppress", "All")}, Request, nil},
		{"null Return-Path alone", Parsed{From: person, Headers: h("Return-Path", "<>")}, Other, nil},
		{"daemon-like but not daemon", Parsed{From: Address{"", "mailer-daemon.fan@example.com"}}, Other, nil},
		{"postmaster in the name only", Parsed{From: Address{"Postmaster Pat", "pat@example.com"},
			Subject: "Registerutdrag"}, Request, nil},
		{"read receipt wording", Parsed{From: person, Subject: "Read: Tietopyyntö",
			Headers: h("Content-Type", "multipart/mixed; boundary=x")}, Request, nil},
		{"other report type", Parsed{From: person,
			Headers: h("Content-Type", "multipart/report; report-type=feedback-report")}, Other, nil},
		// A web form or ticket system sends a person's request as
		// auto-generated mail: that alone must not keep it out of the queue.
		{"web form request marked auto-generated", Parsed{From: person, Subject: "Yhteydenotto: tietopyyntö",
			Headers: h("Auto-Submitted", "auto-generated")}, Request, nil},
		{"attachments only", Parsed{From: person, Attachments: []Attachment{{Name: "pyynto.pdf", Type: "application/pdf"}}},
			Request, nil},

		// Automatic replies.
		{"Auto-Submitted auto-replied", Parsed{From: person, Subject: "Re: Tietopyyntö",
			Headers: h("Auto-Submitted", "auto-replied")}, AutoReply,
			[]string{"header Auto-Submitted: auto-replied"}},
		{"Auto-Submitted with parameters, any case", Parsed{From: person,
			Headers: h("auto-submitted", "Auto-Replied; owner-email=\"x@example.fi\"")}, AutoReply,
			[]string{`header auto-submitted: Auto-Replied; owner-email="x@example.fi"`}},
		{"X-Autorespond", Parsed{From: person, Headers: h("X-Autorespond", "Semester")}, AutoReply,
			[]string{"header X-Autorespond: Semester"}},
		{"Precedence auto_reply", Parsed{From: person, Headers: h("Precedence", "auto_reply")}, AutoReply,
			[]string{"header Precedence: auto_reply"}},
		{"exact prefix alone", Parsed{From: person, Subject: "Automatic reply: Your request"}, AutoReply,
			[]string{`subject starts with "Automatic reply:"`}},
		{"exact Swedish prefix alone", Parsed{From: person, Subject: "Automatiskt svar: Ert ärende"}, AutoReply,
			[]string{`subject starts with "Automatiskt svar:"`}},
		{"bare subject", Parsed{From: person, Subject: "Frånvaro"}, AutoReply,
			[]string{`subject starts with "Frånvaro"`}},
		{"loose prefix with Exchange header", Parsed{From: person, Subject: "Out of office until Monday",
			Headers: h("X-Auto-Response-Suppress", "All")}, AutoReply,
			[]string{`subject starts with "Out of office"`, "header X-Auto-Response-Suppress: All"}},
		{"loose Finnish prefix with bulk precedence", Parsed{From: person, Subject: "Poissa 10.11. asti",
			Headers: h("Precedence", "bulk")}, AutoReply,
			[]string{`subject starts with "Poissa"`, "header Precedence: bulk"}},
		{"read receipt", Parsed{From: person, Subject: "Luettu: Tietopyyntö",
			Headers: h("Content-Type", `multipart/report; report-type="disposition-notification"; boundary="x"`)},
			AutoReply, []string{"multipart/report; report-type=disposition-notification"}},
		{"out-of-office quoting a request", Parsed{From: person, Subject: "Re: Poistakaa tietoni",
			Headers: h("Auto-Submitted", "auto-replied"),
			Text:    "Olen lomalla 1.12. asti.\n\n> Poistakaa kaikki tietoni rekisteristänne."}, AutoReply,
			[]string{"header Auto-Submitted: auto-replied"}},

		// Bounces.
		{"postmaster", Parsed{From: Address{"", "postmaster@example.fi"}}, Bounce,
			[]string{"sender postmaster@example.fi"}},
		{"MAILER-DAEMON without domain", Parsed{From: Address{"Mail Delivery System", "MAILER-DAEMON"}}, Bounce,
			[]string{"sender MAILER-DAEMON"}},
		{"report content type", Parsed{From: Address{"Exchange", "noreply@example.se"},
			Headers: h("Content-Type", `Multipart/Report; report-type="Delivery-Status"; boundary="b"`)}, Bounce,
			[]string{"multipart/report; report-type=delivery-status"}},
		{"X-Failed-Recipients", Parsed{From: Address{"Mail System", "mail@example.com"},
			Headers: h("X-Failed-Recipients", "x@example.net")}, Bounce,
			[]string{"header X-Failed-Recipients: x@example.net"}},
		{"bounce beats auto-reply", Parsed{From: Address{"", "MAILER-DAEMON@example.com"},
			Headers: h("Auto-Submitted", "auto-replied")}, Bounce,
			[]string{"sender MAILER-DAEMON@example.com"}},

		// Bulk mail, after bounces and auto-replies.
		{"Precedence bulk", Parsed{From: person, Subject: "Newsletter", Headers: h("Precedence", "bulk")}, Bulk,
			[]string{"header Precedence: bulk → bulk"}},
		{"Precedence list", Parsed{From: person, Headers: h("Precedence", "List")}, Bulk,
			[]string{"header Precedence: list → bulk"}},
		{"List-Unsubscribe", Parsed{From: person, Subject: "Uutiskirje 11/2025",
			Headers: h("List-Unsubscribe", "<https://news.example.com/u?id=1>")}, Bulk,
			[]string{"header List-Unsubscribe → bulk"}},
		{"List-Id and Feedback-ID", Parsed{From: person,
			Headers: h("List-Id", "<news.example.com>", "Feedback-ID", "1:2:3:ses")}, Bulk,
			[]string{"header List-Id → bulk", "header Feedback-ID → bulk"}},
		{"bulk mailer", Parsed{From: person, Headers: h("X-Mailer", "Mailchimp Mailer - **CID1234**")}, Bulk,
			[]string{"header X-Mailer: Mailchimp Mailer - **CID1234** → bulk"}},
		{"spam flag", Parsed{From: person, Headers: h("X-Spam-Flag", "YES")}, Bulk,
			[]string{"header X-Spam-Flag: yes → bulk"}},
		{"campaign header", Parsed{From: person, Headers: h("X-Campaign-Id", "42")}, Bulk,
			[]string{"header X-Campaign-Id → bulk"}},
		{"Precedence junk beats no text", Parsed{From: person, Headers: h("Precedence", "junk")}, Bulk,
			[]string{"header Precedence: junk → bulk"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Classify(tt.p)
			checkInvariants(t, v)
			if v.Disposition != tt.want {
				t.Fatalf("Classify = %s, want %s", describe(v), tt.want)
			}
			if tt.reasons != nil && !reflect.DeepEqual(v.Reasons, tt.reasons) {
				t.Errorf("reasons = %q, want %q", v.Reasons, tt.reasons)
			}
		})
	}
}

// TestClassifyText covers the words: each kind in Finnish, Swedish and
// English, combinations, inflections, Finnish without ä and ö, typos,
// templates, quoting, and the mail that is no request.
func TestClassifyText(t *testing.T) {
	const (
		acc = Access
		rec = Rectification
		era = Erasure
		res = Restriction
		por = Portability
		obj = Objection
	)
	tests := []struct {
		name    string
		subject string
		text    string
		want    Disposition
		kinds   []Kind // for a request; nil: none named
		sure    certainty
		phrase  string // must be part of a reason
	}{
		// Access.
		{"fi access", "Tietopyyntö", "Hei,\n\nhaluan tietää, mitä tietoja minusta on tallennettu.\n\nTerveisin\nMatti",
			Request, []Kind{acc}, sure, "haluan tietää, mitä tietoja"},
		{"fi access, copy", "", "Pyydän kopion kaikista minua koskevista henkilötiedoista.",
			Request, []Kind{acc}, sure, "pyydän kopion kaikista minua koskevista"},
		{"fi access, right named and used", "", "Käytän tarkastusoikeuttani ja pyydän tiedot sähköpostitse.",
			Request, []Kind{acc}, sure, "käytän tarkastusoikeuttani"},
		{"fi access, colloquial", "moi", "haluisin tietaa mita tietoja teil on musta tallennettu",
			Request, []Kind{acc}, sure, "haluisin tietaa mita tietoja"},
		{"sv access", "Registerutdrag", "Hej! Jag begär ett registerutdrag över de personuppgifter ni har om mig. Mvh Karin",
			Request, []Kind{acc}, sure, "begär ett registerutdrag"},
		{"sv access, article is not a negation", "", "Jag vill ha en kopia av mina uppgifter.",
			Request, []Kind{acc}, sure, "kopia av mina uppgifter"},
		{"en access", "Subject access request", "Please send me a copy of the personal data you hold about me.",
			Request, []Kind{acc}, sure, "please send"},
		{"en access, what data", "", "I would like to know what data you have about me.",
			Request, []Kind{acc}, sure, "would like to know what data"},
		{"right named only", "Tarkastusoikeus", "Tarkastusoikeus.",
			Request, []Kind{acc}, unsure, `"tarkastusoikeus" → access (right named, no ask)`},
		{"request subject over a greeting", "Tietopyyntö", "Hei",
			Request, []Kind{acc}, unsure, "tietopyyntö"},
		{"ask about own data", "Pyyntö", "Pyydan tietojani.",
			Request, []Kind{acc}, unsure, "pyydan tietojani"},

		// Rectification.
		{"fi rectification", "Osoitteenmuutos",
			"Hei, muutin juuri. Uusi osoitteeni on Kauppakatu 5 A 3, 40100 Jyväskylä. Päivittäkää tiedot rekisteriinne.",
			Request, []Kind{rec}, sure, "päivittäkää tiedot"},
		{"fi rectification, pronoun", "Korjaus", "Sukunimeni on kirjoitettu väärin, oikea muoto on Mäkinen. Korjatkaa se.",
			Request, []Kind{rec}, sure, "korjatkaa se"},
		{"fi rectification, oikaisu", "", "Pyydän oikaisemaan virheelliset tietoni.",
			Request, []Kind{rec}, sure, "pyydän oikaisemaan virheelliset tietoni"},
		{"sv rectification", "Fel adress", "Min adress är felaktig. Rätta den till Storgatan 1, Uppsala.",
			Request, []Kind{rec}, sure, "adress är felaktig"},
		{"en rectification", "", "My address is wrong, please update it to 12 High Street.",
			Request, []Kind{rec}, sure, "address is wrong"},
		{"en rectification, moved", "New address", "I have moved. My new address is 12 High Street, please update your records.",
			Request, []Kind{rec}, sure, "new address"},
		{"fi rectification, moved", "", "Muutin viime kuussa. Uusi osoitteeni on Kauppakatu 5, päivittäkää rekisterinne.",
			Request, []Kind{rec}, sure, "uusi osoitteeni"},
		{"sv rectification, moved", "", "Jag har flyttat, min nya adress är Storgatan 1.",
			Request, []Kind{rec}, unsure, "flyttat"},
		{"en rectification, not erasure", "", "Please do not delete my account, I only want to update my billing address.",
			Request, []Kind{rec}, sure, "update my billing address"},

		// Erasure.
		{"fi erasure", "Tietojeni poisto", "Poistakaa tietoni.",
			Request, []Kind{era}, sure, `text "poistakaa tietoni" → erasure`},
		{"fi erasure, inflected", "", "Pyydän poistamaan kaikki henkilötietoni teidän järjestelmistänne.",
			Request, []Kind{era}, sure, "pyydän poistamaan kaikki henkilötietoni"},
		{"fi erasure, no diacritics", "henkilotietojen poisto", "Pyydan poistamaan henkilotietoni teidan jarjestelmastanne",
			Request, []Kind{era}, sure, "pyydan poistamaan henkilotietoni"},
		{"fi erasure, colloquial, lower case", "tieto", "poistakaa mun tiedot teiän rekisteristä kiitos",
			Request, []Kind{era}, sure, "poistakaa mun tiedot"},
		{"fi erasure, capitals", "", "POISTAKAA KAIKKI TIETONI REKISTERISTÄNNE!",
			Request, []Kind{era}, sure, "poistakaa kaikki tietoni"},
		{"fi erasure, conditional object", "", "Jos teillä on minusta tietoja, poistakaa ne.",
			Request, []Kind{era}, sure, "poistakaa"},
		{"sv erasure", "", "Hej, jag vill att ni raderar alla mina personuppgifter.",
			Request, []Kind{era}, sure, "vill att ni raderar alla mina personuppgifter"},
		{"sv erasure, ta bort", "", "Ta bort mig ur ert kundregister.",
			Request, []Kind{era}, sure, "ta bort mig"},
		{"en erasure", "", "Please delete my data.",
			Request, []Kind{era}, sure, "please delete my data"},
		{"en erasure, forget me", "", "Please forget me.",
			Request, []Kind{era}, sure, "please forget me"},
		{"fi erasure, passive", "", "Pyydän, että henkilötietoni poistetaan.",
			Request, []Kind{era}, sure, "pyydän, että henkilötietoni poistetaan"},
		{"fi erasure, polite conditional", "", "Olisin kiitollinen, jos poistaisitte tietoni.",
			Request, []Kind{era}, sure, "kiitollinen, jos poistaisitte tietoni"},
		{"fi erasure, right to be forgotten", "", "Haluan käyttää oikeuttani tulla unohdetuksi.",
			Request, []Kind{era}, sure, "tulla unohdetuksi"},
		{"sv erasure, polite conditional", "", "Jag skulle vara tacksam om ni raderade mina uppgifter.",
			Request, []Kind{era}, sure, "tacksam om ni raderade mina uppgifter"},
		{"sv erasure, forgotten", "", "Hej! Jag vill bli bortglömd.",
			Request, []Kind{era}, sure, "bli bortglömd"},
		{"en erasure, polite conditional", "", "I would appreciate it if you could delete my data.",
			Request, []Kind{era}, sure, "if you could delete my data"},
		{"en erasure, article", "", "Pursuant to Article 17 GDPR, please erase all personal data concerning me.",
			Request, []Kind{era}, sure, "erase all personal data"},

		// Restriction.
		{"fi restriction", "", "Pyydän rajoittamaan henkilötietojeni käsittelyä, kunnes asia on selvitetty.",
			Request, []Kind{res}, sure, "pyydän rajoittamaan henkilötietojeni"},
		{"sv restriction", "", "Jag vill att ni begränsar behandlingen av mina uppgifter.",
			Request, []Kind{res}, sure, "begränsar"},
		{"en restriction", "Restrict processing", "Please restrict the processing of my personal data while you check whether it is accurate.",
			Request, []Kind{res}, sure, "restrict"},

		// Portability.
		{"fi portability", "Tietojen siirto", "Haluan siirtää tietoni toiselle palveluntarjoajalle koneluettavassa muodossa (CSV tai JSON).",
			Request, []Kind{por}, sure, "haluan siirtää tietoni"},
		{"sv portability", "Dataportabilitet", "Jag vill överföra mina uppgifter till en annan leverantör i maskinläsbart format.",
			Request, []Kind{por}, sure, "vill överföra mina uppgifter"},
		{"en portability", "", "Please send my personal data to me in a machine-readable format such as CSV or JSON.",
			Request, []Kind{por}, sure, "machine-readable"},

		// Objection, opt-outs and withdrawn consent.
		{"fi objection", "Markkinointi", "En halua enää markkinointia teiltä. Kiellän suoramarkkinoinnin.",
			Request, []Kind{obj}, sure, "en halua enää markkinointia"},
		{"fi objection, forbid", "Suoramarkkinointi", "Kiellän suoramarkkinoinnin.",
			Request, []Kind{obj}, sure, "kiellän suoramarkkinoinnin"},
		{"fi newsletter cancelled", "Uutiskirje", "Peruutan uutiskirjeen tilauksen.",
			Request, []Kind{obj}, sure, "peruutan uutiskirjeen"},
		{"fi mailing list", "Re: Sesoma uutiskirje 11/2025", "Poistakaa minut postituslistalta, kiitos.",
			Request, []Kind{obj}, sure, "poistakaa minut postituslistalta"},
		{"fi do not send", "", "Älkää lähettäkö minulle enää mainoksia.",
			Request, []Kind{obj}, sure, "älkää lähettäkö minulle enää mainoksia"},
		{"fi consent withdrawn", "", "Peruutan suostumukseni markkinointiin.",
			Request, []Kind{obj}, sure, "peruutan suostumukseni"},
		{"sv objection", "Reklam", "Jag vill inte ha någon reklam från er. Sluta skicka nyhetsbrev till mig.",
			Request, []Kind{obj}, sure, "vill inte ha någon reklam"},
		{"fi own data not for marketing", "", "Hei, tietojani ei saa käyttää markkinointiin.",
			Request, []Kind{obj}, sure, "ei saa käyttää markkinointiin"},
		{"fi no more e-mails", "Ei enää viestejä", "Älkää enää lähettäkö sähköposteja.",
			Request, []Kind{obj}, unsure, "lähettäkö sähköposteja"},
		{"sv lists", "", "hej, ta bort mig från era listor tack",
			Request, []Kind{obj}, sure, "ta bort mig från era listor"},
		{"sv no more mail", "", "Jag vill inte längre få era mejl.",
			Request, []Kind{obj}, sure, "vill inte längre få era mejl"},
		{"sv unsubscribe", "Avregistrering", "Avregistrera mig från alla utskick, tack.",
			Request, []Kind{obj}, sure, "avregistrera"},
		{"sv subscription ended", "", "Jag vill avsluta prenumerationen på ert nyhetsbrev.",
			Request, []Kind{obj}, sure, "avsluta prenumerationen"},
		{"sv consent withdrawn", "Samtycke", "Jag återkallar mitt samtycke till marknadsföring.",
			Request, []Kind{obj}, sure, "återkallar mitt samtycke"},
		{"en objection", "", "I object to the processing of my personal data for direct marketing.",
			Request, []Kind{obj}, sure, "i object"},
		{"en stop sending", "", "Please stop sending me marketing emails.",
			Request, []Kind{obj}, sure, "stop sending me marketing"},
		{"en remove from mailing list", "", "Please remove me from your mailing list.",
			Request, []Kind{obj}, sure, "remove me from your mailing list"},
		{"en consent withdrawn", "", "I withdraw my consent to receiving marketing communications.",
			Request, []Kind{obj}, sure, "i withdraw my consent"},
		{"unsubscribe one-liner", "", "Unsubscribe",
			Request, []Kind{obj}, anyCertainty, "unsubscribe"},
		{"unsubscribe subject only", "UNSUBSCRIBE", "",
			Request, []Kind{obj}, unsure, "unsubscribe"},

		// Several rights in one mail.
		{"en four rights", "Data",
			"I would like to know what data you have about me. Please also delete my data afterwards and stop sending me newsletters. I also want my data in a machine-readable format.",
			Request, []Kind{acc, era, por, obj}, sure, "delete my data"},
		{"sv access and erasure", "", "Jag vill veta vilka uppgifter ni har om mig och få en kopia av dem. Radera sedan allt.",
			Request, []Kind{acc, era}, sure, "radera sedan allt"},
		// The writer's data erased from the mailing lists too is one
		// erasure: an objection needs words of its own (a ban, stop, no more).
		{"fi erasure, mailing lists too", "", "Poistakaa tietoni asiakasrekisteristänne ja postituslistoiltanne.",
			Request, []Kind{era}, sure, "poistakaa tietoni"},
		{"sv erasure and opt-out", "", "Jag vill att ni raderar alla mina personuppgifter och avregistrera mig från nyhetsbrevet.",
			Request, []Kind{era, obj}, sure, "avregistrera"},
		{"fi access and rectification", "Pyyntö: henkilötietojeni tarkastus",
			"Pyydän kopion minua koskevista tiedoista. Lisäksi pyydän oikaisemaan sukunimeni, oikea muoto on Mäkinen.",
			Request, []Kind{acc, rec}, sure, "pyydän oikaisemaan sukunimeni"},
		{"en access and portability by article", "DSAR",
			"Under Art. 15 GDPR I request access to my personal data. Under Art. 20 I also request that you provide my data in a structured, commonly used and machine-readable format.",
			Request, []Kind{acc, por}, sure, "provide my data in a structured"},

		// Typos.
		{"typo unsubscibe", "Unsubscibe", "plz unsubscibe me", Request, []Kind{obj}, sure, "unsubscibe"},
		{"typo henkilötedot", "", "Poistakaa henkilötedot rekisteristänne.", Request, []Kind{era}, sure, "henkilötedot"},
		{"typo delte", "", "plase delte my data", Request, []Kind{era}, sure, "delte my data"},
		{"typo doubled letter", "Tiedot", "Poistakaaa tietoni", Request, []Kind{era}, sure, "poistakaaa tietoni"},
		{"very short", "", "Poistakaa tietoni", Request, []Kind{era}, unsure, "very short mail"},

		// A template that cites many articles asks only for access.
		{"DSAR template", "Subject access request",
			"Dear Sir or Madam,\n\nI am writing to make a subject access request under Article 15 of the GDPR. " +
				"Please provide me with a copy of all personal data you hold about me, together with the following information:\n" +
				"- the purposes of the processing;\n- the recipients to whom the data have been disclosed;\n" +
				"- the retention period;\n- the existence of the right to request rectification or erasure of personal data or restriction of processing, or to object;\n" +
				"- the source of the data.\n\n" +
				"I remind you of my rights under Articles 16–21 GDPR, including rectification, erasure, restriction of processing, " +
				"data portability and the right to object. Please respond within one month as required by Article 12(3).\n\nYours faithfully,\nJohn Smith",
			Request, []Kind{acc}, sure, "subject access request"},
		{"fi template citing articles", "Tietopyyntö",
			"Pyydän EU:n tietosuoja-asetuksen 15 artiklan mukaisesti kopion kaikista minua koskevista henkilötiedoista. " +
				"Muistutan, että minulla on myös 16–21 artiklan mukaiset oikeudet tietojen oikaisuun, poistamiseen ja käsittelyn rajoittamiseen.",
			Request, []Kind{acc}, sure, "kopion kaikista minua koskevista"},

		// Quoting: the writer's own words decide.
		{"thanks only, request quoted", "Re: Vastaus tietopyyntöönne",
			"Kiitos paljon!\n\nMatti\n\n> Hei Matti,\n> pyysitte: Poistakaa tietoni rekisteristänne.",
			Other, nil, anyCertainty, "request words only in quoted text"},
		{"thanks only, Outlook quote", "RE: Tilaus 4471",
			"Thanks, that works.\n\n-----Original Message-----\nFrom: Sesoma <sesoma@sesoma.fi>\nSent: Monday, 3 November 2025 10:00\n" +
				"To: Anna\nSubject: Tilaus 4471\n\nPlease delete my data and send me a copy of it.",
			Other, nil, anyCertainty, "request words only in quoted text"},
		{"thanks only, Finnish attribution", "VS: Tietojen poisto",
			"Kiitos!\n\nma 3.11.2025 klo 9.14 Sesoma <sesoma@sesoma.fi> kirjoitti:\nPoistakaa tietoni.",
			Other, nil, anyCertainty, "thanks"},
		{"new request above a quote", "Re: Uutiskirje",
			"Poistakaa minut postituslistalta.\n\nDen 3 nov. 2025 kl. 09:14 skrev Sesoma <sesoma@sesoma.fi>:\n> Läs vårt nyhetsbrev!",
			Request, []Kind{obj}, sure, "poistakaa minut postituslistalta"},
		{"bottom-posted answer", "Re: Your question",
			"On Mon, 3 Nov 2025 at 10:00, Sesoma <sesoma@sesoma.fi> wrote:\n> Do you want us to delete your account?\n\nYes, please delete my account.",
			Request, []Kind{era}, sure, "please delete my account"},
		{"reply answering yes to a quoted question", "Re: Your question",
			"Yes, please delete it.\n\nOn Mon, 3 Nov 2025 at 10:00, Sesoma <sesoma@sesoma.fi> wrote:\n> Do you want us to delete your account?",
			Request, []Kind{era}, unsure, "delete"},
		{"signature not read", "Kysymys", "Milloin tilaukseni toimitetaan?\n\n-- \nMatti\nPoistakaa tietoni -kampanja",
			Other, nil, anyCertainty, "no request in the writer's own words"},

		// Not requests.
		{"order question", "Tilaus 12345",
			"Hei, missä tilaukseni viipyy? Tilasin tuotteen kaksi viikkoa sitten eikä sitä ole vieläkään toimitettu. Voitteko tarkistaa?",
			Other, nil, sure, `"tilaus" → an order`},
		{"order question, sv", "Fråga om beställning",
			"Hej, när levereras min beställning 55123? Jag har inte fått någon leveransbekräftelse. Mvh Erik",
			Other, nil, sure, "beställning"},
		{"invoice correction is not rectification", "Lasku 2025-118",
			"Hei, laskussa on väärä osoite. Voisitteko lähettää uuden laskun oikealla osoitteella?",
			Other, nil, sure, "lasku"},
		{"copy of an invoice is not access", "Hei", "Voitteko lähettää kopion laskusta 4455? Kiitos.",
			Other, nil, sure, "laskusta"},
		{"removing a product from an order", "Poisto", "Hei, voitteko poistaa tilauksesta tuotteen 4411, tilasin sen vahingossa.",
			Other, nil, sure, "tilauksesta"},
		{"supplier offer", "Yhteistyötarjous",
			"Hei, olemme markkinointitoimisto ja tarjoamme palveluitamme. Voimme auttaa teitä suoramarkkinoinnissa. Soitetaanko ensi viikolla?",
			Other, nil, sure, "no request"},
		{"supplier offer, en", "Offer",
			"Dear Sir, we are a leading supplier of industrial fasteners and would like to offer you our products at competitive prices. Please find attached our catalogue.",
			Other, nil, sure, "no request"},
		{"price list", "Hinnasto 2026", "Hello, please find attached our updated price list. Let me know if you need more details.",
			Other, nil, sure, "no request"},
		{"job application", "Hakemus", "Hei, haen avointa myyjän paikkaa. Liitteenä CV ja hakemus. Ystävällisin terveisin Liisa",
			Other, nil, sure, "no request"},
		{"login trouble", "Account", "Hi, I can't access my account, could you reset my password?",
			Other, nil, sure, "no request"},
		{"privacy notice question, fi", "Tietosuojaseloste",
			"Hei, kuinka kauan säilytätte asiakkaiden tietoja? Luin tietosuojaselosteenne mutta en löytänyt tietoa.",
			Other, nil, unsure, "kuinka kauan"},
		{"privacy notice question, en", "Data",
			"What personal data do you collect about your customers and how long do you keep it?",
			Other, nil, unsure, "question about data handling"},
		{"privacy notice question, sv", "Integritet", "Hej! Hur länge sparar ni mina uppgifter? Mvh Sara",
			Other, nil, unsure, "hur länge"},
		{"GDPR mentioned in passing", "Tilausvahvistus",
			"Hei, kiitos tilauksesta. Tietosuojaseloste löytyy verkkosivuiltamme, GDPR koskee myös meitä.",
			Other, nil, anyCertainty, "no request"},
		{"no e-mail received is no objection", "Salasana", "Hei, en ole saanut sähköpostia salasanan vaihdosta. Voitteko auttaa?",
			Other, nil, anyCertainty, "no request"},
		{"company says it never sends marketing", "", "We never send marketing without consent and we do not sell personal data.",
			Other, nil, anyCertainty, "no request"},
		{"empty", "", "", Other, nil, sure, "no text"},

		// Newsletters and spam, by their words alone.
		{"newsletter about GDPR", "EDPB guidelines on the right of access",
			"Dear subscriber, the EDPB has adopted final guidelines on the right of access. Data subjects may request a copy of their personal data. " +
				"Read more on our blog. You are receiving this email because you subscribed to our newsletter. Unsubscribe here.",
			Bulk, nil, anyCertainty, "newsletter footer"},
		{"Finnish newsletter about data protection", "Tietosuoja-asetuksen uudet ohjeet",
			"Hyvä lukija, EDPB julkaisi ohjeet rekisteröidyn oikeuksista. Rekisteröidyllä on oikeus saada pääsy tietoihinsa ja pyytää niiden poistamista. " +
				"Jos et halua enää vastaanottaa uutiskirjettä, voit perua tilauksen tästä.",
			Bulk, nil, anyCertainty, "jos et halua enää"},
		{"spam", "You have won",
			"Congratulations! You have won a prize in our lottery. Claim your prize now by sending your bank details. Bitcoin accepted. Act now!",
			Bulk, nil, sure, "→ spam"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Classify(Parsed{From: Address{"Asiakas", "asiakas@example.fi"}, Subject: tt.subject, Text: tt.text})
			checkInvariants(t, v)
			if v.Disposition != tt.want {
				t.Fatalf("Classify = %s, want %s", describe(v), tt.want)
			}
			if !reflect.DeepEqual(v.Kinds, tt.kinds) {
				t.Errorf("kinds = %v, want %v: %s", v.Kinds, tt.kinds, describe(v))
			}
			tt.sure.check(t, v)
			if tt.phrase != "" && !hasReason(v.Reasons, tt.phrase) {
				t.Errorf("no reason names %q: %s", tt.phrase, describe(v))
			}
		})
	}
}

// TestClassifyBulkWithRequest: bulk headers decide, unless the words are a
// clear first-person request, which is then an uncertain request.
func TestClassifyBulkWithRequest(t *testing.T) {
	news := []Header{{Key: "List-Unsubscribe", Value: "<mailto:u@news.example.com>"}}
	v := Classify(Parsed{From: Address{"", "uutiset@example.com"}, Subject: "GDPR-uutiset", Headers: news,
		Text: "Tietosuojavaltuutettu muistuttaa: rekisteröidyllä on oikeus pyytää tietojensa poistamista."})
	checkInvariants(t, v)
	if v.Disposition != Bulk || !slices.Contains(v.Reasons, "header List-Unsubscribe → bulk") {
		t.Errorf("newsletter mentioning erasure: %s, want bulk", describe(v))
	}
	v = Classify(Parsed{From: Address{"Matti", "matti@example.fi"}, Subject: "Re: GDPR-uutiset", Headers: news,
		Text: "Poistakaa kaikki tietoni rekisteristänne."})
	checkInvariants(t, v)
	if v.Disposition != Request || !v.Uncertain || !reflect.DeepEqual(v.Kinds, []Kind{Erasure}) ||
		!hasReason(v.Reasons, "poistakaa kaikki tietoni") || !hasReason(v.Reasons, "header List-Unsubscribe → bulk") {
		t.Errorf("request with a stray List-Unsubscribe: %s, want an uncertain erasure request", describe(v))
	}
}

// TestClassifyForward: a staff forward is judged on the original, which
// NewMail puts into Subject, Text and From; a forward from anyone else
// counts the forwarded text only weakly.
func TestClassifyForward(t *testing.T) {
	orig := &Original{From: Address{"Mikko", "mikko@example.org"}, Subject: "Tietojeni poistaminen",
		Text: "Hei,\n\nPoistakaa tietoni rekisteristänne.\n\nMikko"}
	judged := Parsed{From: orig.From, Subject: orig.Subject, Text: orig.Text, Forward: orig}
	if v := Classify(judged); v.Disposition != Request || v.Uncertain || !reflect.DeepEqual(v.Kinds, []Kind{Erasure}) {
		t.Errorf("staff forward judged on the original: %s", describe(v))
	}
	fwd := Parsed{From: Address{"Info", "info@example.com"}, Subject: "Fwd: asiakkaan viesti",
		Text: "Katso alla.\n\n---------- Forwarded message ---------\nFrom: Mikko <mikko@example.org>\n\nPoistakaa tietoni rekisteristänne."}
	if v := Classify(fwd); v.Disposition != Request || !v.Uncertain || !hasReason(v.Reasons, "forwarded text") {
		t.Errorf("forward by someone else: %s, want an uncertain request from the forwarded text", describe(v))
	}
	attached := fwd
	attached.Text = "Katso liite."
	attached.Forward = orig
	if v := Classify(attached); v.Disposition != Request || !v.Uncertain || !slices.Contains(v.Kinds, Erasure) {
		t.Errorf("forward attached by someone else: %s, want an uncertain erasure request", describe(v))
	}
}

func TestSplitQuoted(t *testing.T) {
	own, fwd, quoted := splitQuoted("Kiitos!\n> lainaus\nOma rivi\n-- \nallekirjoitus\n"+
		"---------- Forwarded message ---------\n> välitetty\n>> lainattu välitetty\n", false)
	if own != "Kiitos!\nOma rivi\n" || fwd != "välitetty\n" || quoted != "> lainaus\n> lainattu välitetty\n" {
		t.Errorf("own %q forwarded %q quoted %q", own, fwd, quoted)
	}
	text := "Ok.\n\nFrom: Sesoma\nSent: Monday\nSubject: x\n\nPoistakaa tietoni."
	if own, fwd, _ := splitQuoted(text, false); own != "Ok.\n\n" || fwd != "" {
		t.Errorf("Outlook reply: own %q forwarded %q", own, fwd)
	}
	if own, fwd, _ := splitQuoted(text, true); own != "Ok.\n\n" || !strings.Contains(fwd, "Poistakaa tietoni.") {
		t.Errorf("Outlook forward: own %q forwarded %q", own, fwd)
	}
}

func TestClassifyReasonsAreShort(t *testing.T) {
	long := strings.Repeat("x", 500)
	v := Classify(Parsed{Headers: []Header{{Key: "X-Failed-Recipients", Value: long}}})
	if len(v.Reasons) != 1 || len(v.Reasons[0]) > 120 {
		t.Errorf("reasons = %q", v.Reasons)
	}
	v = Classify(Parsed{From: Address{"", "p@example.fi"},
		Text: "Pyydän poistamaan " + strings.Repeat("hyvin ", 3) + "kaikki tietoni " + strings.Repeat("pitkä", 100) + "."})
	for _, r := range v.Reasons {
		if len(r) > 150 {
			t.Errorf("reason %d bytes: %q", len(r), r)
		}
	}
}

// TestLexicon checks the tables: patterns are written folded and well
// formed, and the per-kind arrays match Kinds.
func TestLexicon(t *testing.T) {
	if len(kindNames) != len(Kinds) {
		t.Fatalf("kindNames has %d entries, Kinds %d", len(kindNames), len(Kinds))
	}
	for i, k := range Kinds {
		if kindNames[i] != string(k) {
			t.Errorf("kindNames[%d] = %q, Kinds[%d] = %q", i, kindNames[i], i, k)
		}
	}
	for _, g := range lexiconGroups {
		for _, p := range g.pats {
			if p != strings.TrimSpace(p) || p == "" || foldString(p) != p {
				t.Errorf("pattern %q: write it lower-case, folded and trimmed", p)
			}
			for i, w := range strings.Fields(p) {
				stem, _, _ := strings.Cut(w, "!")
				bare := strings.Trim(stem, "*")
				if bare == "" || strings.Contains(bare, "*") {
					t.Errorf("pattern %q: malformed word %q", p, w)
				}
				if i == 0 && strings.HasPrefix(stem, "*") && len(bare) < 3 {
					t.Errorf("pattern %q: a part matched anywhere needs three letters at least", p)
				}
			}
		}
	}
	if !within1("unsubscibe", "unsubscribe") || !within1("poistkaa", "poistakaa") || !within1("tietoni", "teitoni") ||
		within1("delete", "remove") || within1("ab", "abcd") {
		t.Error("within1")
	}
}

func FuzzClassify(f *testing.F) {
	f.Add("Tietojeni poisto", "Poistakaa tietoni.", "")
	f.Add("Re: Tietopyyntö", "Kiitos!\n\n> Pyydän kopion tiedoistani.", "")
	f.Add("Registerutdrag", "Hej, jag begär registerutdrag enligt artikel 15.", "")
	f.Add("DSAR", "Please provide:\n- a copy of my data\n- Articles 16–21", "List-Unsubscribe")
	f.Add("", "art. 15 15 art artikla 17 ja 18 -- \n>>", "Precedence")
	f.Add("Unsubscribe", "\uFFFDtiet\uFFFD\uFFFD poist\u0308akaa http://x @ www.y", "")
	f.Fuzz(func(t *testing.T, subject, text, header string) {
		p := Parsed{From: Address{"", "x@example.fi"}, Subject: subject, Text: text}
		if header != "" {
			p.Headers = []Header{{Key: header, Value: "bulk"}}
		}
		v := Classify(p)
		checkInvariants(t, v)
		switch v.Disposition {
		case Request, AutoReply, Bounce, Bulk, Other:
		default:
			t.Fatalf("disposition %q", v.Disposition)
		}
	})
}

// benchmarkMail is a Finnish request of about 5 KB: a long, polite letter
// with a quoted earlier message.
func benchmarkMail() Parsed {
	var b strings.Builder
	b.WriteString("Hyvä vastaanottaja,\n\n")
	para := "Olen ollut yrityksenne asiakas vuodesta 2015 ja tilannut teiltä useita tuotteita sekä itselleni että " +
		"työnantajalleni. Viime aikoina olen saanut teiltä paljon sähköpostia, jota en ole pyytänyt, ja haluaisin " +
		"siksi tietää, mitä tietoja minusta on tallennettu ja mistä olette ne saaneet. "
	for b.Len() < 3000 {
		b.WriteString(para)
		b.WriteString("\n\n")
	}
	b.WriteString("Pyydän EU:n yleisen tietosuoja-asetuksen 15 artiklan mukaisesti kopion kaikista minua koskevista " +
		"henkilötiedoista. Lisäksi pyydän poistamaan tietoni markkinointirekisteristänne ja kiellän suoramarkkinoinnin. " +
		"Jos joitain tietoja on lain mukaan säilytettävä, kertokaa mitä ja kuinka kauan.\n\n" +
		"Ystävällisin terveisin\nPäivi Mäkinen\nVäinönkatu 7 B 12, 40100 Jyväskylä\n\n")
	for b.Len() < 5000 {
		b.WriteString("> Hei Päivi, kiitos viestistäsi. Palaamme asiaan pian. Tilauksesi 12345 on toimitettu.\n")
	}
	return Parsed{From: Address{"Päivi Mäkinen", "paivi@example.fi"}, Subject: "Tietopyyntö ja markkinointikielto", Text: b.String()}
}

func TestBenchmarkMail(t *testing.T) {
	p := benchmarkMail()
	if n := len(p.Text); n < 5000 || n > 5200 {
		t.Errorf("benchmark mail is %d bytes, want about 5 KB", n)
	}
	v := Classify(p)
	if v.Disposition != Request || v.Uncertain || !reflect.DeepEqual(v.Kinds, []Kind{Access, Erasure, Objection}) {
		t.Errorf("benchmark mail: %s", describe(v))
	}
}

func BenchmarkClassify(b *testing.B) {
	p := benchmarkMail()
	b.SetBytes(int64(len(p.Text)))
	b.ReportAllocs()
	for b.Loop() {
		Classify(p)
	}
}

// classCase is one mail for the tests of the classes of mistakes below: a
// subject and text, with or without bulk-mailer headers.
type classCase struct {
	name    string
	bulk    bool // List-Unsubscribe, List-Id and Precedence: bulk
	subject string
	text    string
	want    Disposition
	kinds   []Kind // for a request; nil: none named
	sure    certainty
	phrase  string // must be part of a reason
}

func runClassCases(t *testing.T, tests []classCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Parsed{From: Address{"Lähettäjä", "lahettaja@example.fi"}, Subject: tt.subject, Text: tt.text}
			if tt.bulk {
				p.Headers = []Header{
					{Key: "List-Unsubscribe", Value: "<https://lists.example.com/u/123>"},
					{Key: "List-Id", Value: "<news.example.com>"},
					{Key: "Precedence", Value: "bulk"},
				}
			}
			v := Classify(p)
			checkInvariants(t, v)
			if v.Disposition != tt.want {
				t.Fatalf("Classify = %s, want %s", describe(v), tt.want)
			}
			if !reflect.DeepEqual(v.Kinds, tt.kinds) {
				t.Errorf("kinds = %v, want %v: %s", v.Kinds, tt.kinds, describe(v))
			}
			tt.sure.check(t, v)
			if tt.phrase != "" && !hasReason(v.Reasons, tt.phrase) {
				t.Errorf("no reason names %q: %s", tt.phrase, describe(v))
			}
		})
	}
}

// TestClassifyBulkOwnWords: in mail with bulk-mailer headers the mailer's
// own words are no request: its unsubscribe footer, its questions and
// conditions to the reader, its articles describing rights, quoted
// examples, headings and link labels. Only a first-person ask about the
// writer's own data in the writer's words makes it an uncertain request.
func TestClassifyBulkOwnWords(t *testing.T) {
	newsletter := func(body, footer string) string {
		return "Hyvä asiakas,\n\nTässä joulukuun uutiset.\n\nUusi varasto\nAvasimme uuden varaston Tampereelle.\n\n" +
			"Messut\nTapaa meidät helmikuussa.\n\n" + body + "\n\n" + footer + "\n\nSesoma Oy, Teollisuuskatu 1, Helsinki"
	}
	runClassCases(t, []classCase{
		// Footers.
		{name: "en bare footer link", bulk: true, subject: "Product news",
			text: "New fasteners are in stock.\n\nUnsubscribe", want: Bulk},
		{name: "en footer sentence", bulk: true, subject: "Product news",
			text: "New fasteners are in stock. Tap the link below to unsubscribe from these updates.", want: Bulk},
		{name: "en footer as a question", bulk: true, subject: "Product news",
			text: "New fasteners are in stock.\n\nTired of these e-mails? Stop receiving them here.", want: Bulk},
		{name: "en link label in the first person", bulk: true, subject: "Webinar invitation",
			text: "Dear customer,\n\nJoin our webinar on secure supply chains.\n\nAgenda\nTalks and a panel.\n\nSpeakers\nOur experts.\n\n" +
				"Register today!\n\nRemove me from this mailing list", want: Bulk},
		{name: "fi footer", bulk: true, subject: "Uutiskirje",
			text: "Lue uusimmat uutiset verkkosivuiltamme.\n\nPeru tilaus", want: Bulk},
		{name: "fi conditional footer", bulk: true, subject: "Uutiskirje",
			text: "Lue uusimmat uutiset.\n\nJos et enää halua saada uutiskirjettämme, voit perua sen milloin tahansa.", want: Bulk},
		{name: "fi link label in a long newsletter", bulk: true, subject: "Sesoma-uutiset 12/2025",
			text: newsletter("Tietosuoja\nPäivitimme tietosuojaselosteen.", "Poista minut postituslistalta"), want: Bulk},
		{name: "sv footer question", bulk: true, subject: "Nyhetsbrev",
			text: "Nya produkter i lager.\n\nVill du slippa våra nyhetsbrev i framtiden? Avregistrera dig här.", want: Bulk},
		{name: "sv bare footer", bulk: true, subject: "Nyhetsbrev",
			text: "Nya produkter i lager.\n\nAvsluta din prenumeration", want: Bulk},
		{name: "sv link label in the first person", bulk: true, subject: "Nyhetsbrev december",
			text: "Hej!\n\nHär kommer vårt nyhetsbrev.\n\nNya produkter\nVi lanserar en ny serie.\n\nEvenemang\nTräffa oss på mässan.\n\n" +
				"Jag vill inte längre få nyhetsbrevet\n\nSesoma Oy", want: Bulk},

		// Articles and invitations describing rights.
		{name: "fi article on access requests", bulk: true, subject: "Tietosuojakatsaus",
			text: "Kun asiakas lähettää tarkastuspyynnön, tarkista ensin henkilöllisyys. Lähetä sitten hänelle kopio hänen tiedoistaan kuukauden kuluessa.",
			want: Bulk},
		{name: "fi article on marketing bans", bulk: true, subject: "Suoramarkkinointikiellot käytännössä",
			text: "Markkinointikiellon saatuasi poista asiakkaan tiedot markkinointirekisteristä viipymättä.", want: Bulk},
		{name: "fi article quoting a customer", bulk: true, subject: "Tietosuojakatsaus",
			text: "Asiakas voi kirjoittaa esimerkiksi: ”Pyydän poistamaan kaikki tietoni.” Tällöin pyyntö on käsiteltävä kuukaudessa.",
			want: Bulk},
		{name: "sv article quoting a customer", bulk: true, subject: "Dataskyddsnytt",
			text: "En kund kan skriva \"jag vill inte ha någon reklam\" och då måste ni sluta direkt.", want: Bulk},
		{name: "en article on the right of access", bulk: true, subject: "Privacy bulletin 11/2025",
			text: "The right of access, explained: customers may ask \"what information do you hold about me?\" and you have one month to answer.",
			want: Bulk},
		{name: "en how-to in the first person", bulk: true, subject: "Privacy bulletin",
			text: "How do I delete my data from a supplier's CRM? Our guide walks you through it.", want: Bulk},

		// A reader's genuine ask above a list's headers still counts.
		{name: "fi reply asking erasure", bulk: true, subject: "VS: Uutiskirje",
			text: "Hei, pyydän poistamaan kaikki henkilötietoni teidän järjestelmistänne.",
			want: Request, kinds: []Kind{Erasure}, sure: unsure, phrase: "pyydän poistamaan kaikki henkilötietoni"},
		{name: "sv reply asking access", bulk: true, subject: "SV: Nyhetsbrev",
			text: "Jag vill veta vilka uppgifter ni har om mig.",
			want: Request, kinds: []Kind{Access}, sure: unsure, phrase: "vilka uppgifter"},
		{name: "en reply opting out", bulk: true, subject: "Re: Product news",
			text: "Please take me off your newsletter list, I never signed up.",
			want: Request, kinds: []Kind{Objection}, sure: unsure, phrase: "take me off"},
	})
}

// TestClassifyTransferQuestions: questions and statements about the
// company's transfers are about the privacy notice; portability needs the
// writer asking to receive their own data in a form they can keep or move,
// or to have it moved to another controller.
func TestClassifyTransferQuestions(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "en transfers to other countries", subject: "Question",
			text: "Are any customer records transferred to countries outside Europe?", want: Other, sure: unsure},
		{name: "en whether data may be transferred", subject: "Contract",
			text: "Could personal data be transferred to your subcontractors under this agreement?", want: Other},
		{name: "en own data, recipients question", subject: "Question",
			text: "Do you transfer my personal data to other companies?", want: Other, sure: unsure},
		{name: "fi passive statement", subject: "Sopimus",
			text: "Sopimuksen mukaan tietoja voidaan siirtää konsernin sisällä.", want: Other},
		{name: "fi yes-no question", subject: "Kysymys",
			text: "Siirretäänkö asiakkaiden tietoja Yhdysvaltoihin?", want: Other},
		{name: "fi indirect question about own data", subject: "Kysymys",
			text: "Haluaisin tietää, siirretäänkö minun tietojani kolmansiin maihin.", want: Other, sure: unsure},
		{name: "sv passive question", subject: "Fråga",
			text: "Överförs kunduppgifter till länder utanför EU?", want: Other},
		{name: "sv own data abroad", subject: "Fråga",
			text: "Överför ni mina personuppgifter till ett tredjeland?", want: Other, sure: unsure},

		// Portability stays portability.
		{name: "fi to another controller", subject: "Siirto",
			text: "Pyydän siirtämään henkilötietoni suoraan uudelle palveluntarjoajalleni.",
			want: Request, kinds: []Kind{Portability}, sure: sure, phrase: "siirtämään henkilötietoni"},
		{name: "sv to another supplier", subject: "Flytt",
			text: "Jag vill att ni flyttar mina uppgifter till en annan leverantör.",
			want: Request, kinds: []Kind{Portability}, sure: sure, phrase: "mina uppgifter till en annan"},
		{name: "en export", subject: "Export",
			text: "Please export my account data so I can take it with me.",
			want: Request, kinds: []Kind{Portability}, sure: sure, phrase: "export my account data"},
	})
}

// TestClassifyDocumentsAndReports: deleting a document sent by mistake is
// tidying up, not erasure of personal data, and a report of something
// deleted is no ask.
func TestClassifyDocumentsAndReports(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "en wrong attachment", subject: "Wrong file",
			text: "Sorry, I attached the wrong spreadsheet. Could you delete it?", want: Other, sure: unsure},
		{name: "en misdirected document", subject: "Drawing",
			text: "Please remove the drawing document I sent you by accident.", want: Other, sure: unsure},
		{name: "en past report", subject: "Re: test data",
			text: "We removed the dummy accounts from the staging system yesterday.", want: Other},
		{name: "en past report, I", subject: "Re: copies",
			text: "I've deleted the copies on my side already.", want: Other},
		{name: "fi misdirected attachment", subject: "Väärä liite",
			text: "Lähetin erehdyksessä väärän liitteen. Voisitteko poistaa sen?", want: Other, sure: unsure},
		{name: "fi document", subject: "Asiakirja",
			text: "Poistakaa se asiakirja, jonka lähetin teille vahingossa.", want: Other, sure: unsure},
		{name: "fi past report", subject: "Re: testitiedostot",
			text: "Poistimme testitiedostot eilen, kiitos avusta.", want: Other},
		{name: "fi past report, perfect", subject: "Re: tunnukset",
			text: "Olen jo poistanut ne omasta järjestelmästäni.", want: Other},
		{name: "sv misdirected file", subject: "Fel fil",
			text: "Kan ni radera filen jag skickade av misstag?", want: Other, sure: unsure},
		{name: "sv past report", subject: "Re: dokument",
			text: "Vi har tagit bort dokumenten från vår server.", want: Other},
		{name: "sv misdirected attachment", subject: "Bilaga",
			text: "Jag råkade skicka fel bilaga till er. Ta bort den, tack.", want: Other, sure: unsure},
		{name: "sv past report, I", subject: "Re: testfiler",
			text: "Jag raderade testfilerna i går.", want: Other},

		// The writer's own data stays erasure, whatever else is mentioned.
		{name: "fi own data beside an attachment", subject: "Poisto",
			text: "Liitteenä henkilöllisyystodistukseni. Poistakaa kaikki tietoni rekisteristänne.",
			want: Request, kinds: []Kind{Erasure}, sure: sure, phrase: "poistakaa kaikki tietoni"},
		{name: "en deleted the app, asks erasure", subject: "Account",
			text: "I deleted the app last week. Please erase my account and all my data too.",
			want: Request, kinds: []Kind{Erasure}, sure: sure, phrase: "erase my account"},
		{name: "sv e-mail address is data", subject: "Radera",
			text: "Radera min e-postadress ur ert register.",
			want: Request, kinds: []Kind{Erasure}, sure: sure, phrase: "radera min e-postadress"},
	})
}

// TestClassifyCompanyData: the first person plural about a company's own
// data asks a business customer's change, not a person's rectification.
func TestClassifyCompanyData(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "fi our address in your customer data", subject: "Osoitemuutos",
			text: "Hei, vaihtakaa laskutusosoite asiakastietoihimme: Rantatie 3, 33100 Tampere.",
			want: Other, sure: unsure, phrase: "company's own data"},
		{name: "fi our company moved", subject: "Muutto",
			text: "Yhtiömme uusi käyntiosoite on Rantatie 3. Korjatkaa se tietoihinne.",
			want: Other, sure: unsure, phrase: "company's own data"},
		{name: "fi we have moved", subject: "Uusi osoite",
			text: "Olemme muuttaneet. Uusi osoitteemme on Rantatie 3, Tampere.", want: Other, sure: unsure},
		{name: "sv our company's address", subject: "Adressändring",
			text: "Vårt bolags postadress är ny: Strandvägen 3, Stockholm. Ändra den i ert system, tack.",
			want: Other, sure: unsure, phrase: "company's own data"},
		{name: "sv we have moved", subject: "Ny adress",
			text: "Vi har flyttat kontoret. Vår nya adress är Strandvägen 3.", want: Other, sure: unsure},
		{name: "en our company's phone", subject: "Details",
			text: "Our company's phone number has changed to +358 40 123 4567, please update your records.",
			want: Other, sure: unsure, phrase: "company's own data"},
		{name: "en we moved", subject: "New address",
			text: "We have moved to new premises; our new address is 3 Harbour Road.", want: Other, sure: unsure},
		{name: "en our firm's name", subject: "Name change",
			text: "Our firm's name has changed to Harbour Tools Ltd. Please correct it in your register.",
			want: Other, sure: unsure, phrase: "company's own data"},
		{name: "sv our contact details", subject: "Kontaktuppgifter",
			text: "Vi har bytt telefonnummer. Uppdatera våra kontaktuppgifter i ert kundregister.",
			want: Other, sure: unsure, phrase: "company's own data"},

		// Singular stays rectification.
		{name: "fi my address", subject: "Osoite",
			text: "Osoitteeni on muuttunut, uusi on Rantatie 3. Päivittäkää se.",
			want: Request, kinds: []Kind{Rectification}, sure: sure},
		{name: "en my surname", subject: "Name",
			text: "My surname is misspelled in your system, please correct it to Virtanen.",
			want: Request, kinds: []Kind{Rectification}, sure: sure},
	})
}

// TestClassifyConfirmationIsNotAccess: asking to confirm or be told of
// another action is part of that action, and a report of what was checked
// is no ask; access needs asking to see, receive or know the data.
func TestClassifyConfirmationIsNotAccess(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "en confirm the erasure", subject: "Re: my request",
			text: "Kindly confirm that my personal details have been erased.",
			want: Request, kinds: []Kind{Erasure}, sure: sure},
		{name: "en tell me when deleted", subject: "Deletion",
			text: "Please delete my data and let me know once my account has been removed.",
			want: Request, kinds: []Kind{Erasure}, sure: sure},
		{name: "fi confirm the erasure", subject: "Poisto",
			text: "Pyydän vahvistusta siitä, että henkilötietoni on poistettu.",
			want: Request, kinds: []Kind{Erasure}},
		{name: "fi confirm, noun", subject: "Re: poisto",
			text: "Vahvistakaa vielä tietojeni poistaminen sähköpostitse.",
			want: Request, kinds: []Kind{Erasure}, sure: sure},
		{name: "sv confirm the erasure", subject: "Radering",
			text: "Bekräfta gärna att mina personuppgifter har raderats.",
			want: Request, kinds: []Kind{Erasure}},
		{name: "sv tell me when removed", subject: "Radering",
			text: "Ta bort mitt konto och meddela mig när mina uppgifter har tagits bort.",
			want: Request, kinds: []Kind{Erasure}, sure: sure},
		{name: "fi we have looked into it", subject: "Re: selvitys",
			text: "Olemme selvittäneet asian ja tarkistaneet tiedot järjestelmästämme.", want: Other},
		{name: "fi me as we", subject: "Re: tarkistus",
			text: "Me olemme käyneet tiedot läpi ja lähetämme vastauksen huomenna.", want: Other},
		{name: "en we have checked", subject: "Re: records",
			text: "We have reviewed the information in our system.", want: Other},
		{name: "sv we have checked", subject: "Sv: kontroll",
			text: "Vi har granskat uppgifterna och allt stämmer.", want: Other},

		// Access stays access.
		{name: "en confirm whether processed", subject: "Access",
			text: "Please confirm whether you are processing any personal data about me.",
			want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "fi what about me, then delete", subject: "Tiedot",
			text: "Kertokaa ensin, mitä tietoja minusta on tallennettu, ja poistakaa ne sitten.",
			want: Request, kinds: []Kind{Access, Erasure}, sure: sure},
	})
}

// TestClassifyObjectionWording: withdrawn consent with no marketing named
// and a marketing list named within an erasure are no objection; stopping
// the use of one's data for marketing, market research, profiling or
// advertising is.
func TestClassifyObjectionWording(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "en template withdrawing any consent", subject: "Data subject access request",
			text: "Under Article 15 GDPR I request a copy of all personal data you process about me. " +
				"I also withdraw every consent I may have given you.",
			want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "fi template withdrawing any consent", subject: "Tarkastuspyyntö",
			text: "Pyydän kopion kaikista minua koskevista henkilötiedoista. Peruutan samalla kaikki antamani suostumukset.",
			want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "sv consent alone", subject: "Samtycke",
			text: "Jag återkallar härmed alla mina samtycken.",
			want: Request, kinds: []Kind{Objection}, sure: unsure, phrase: "no marketing named"},
		{name: "fi erasure, marketing register too", subject: "Tietojen poisto",
			text: "Poistakaa henkilötietoni asiakasrekisteristä. Poistakaa tietoni samalla myös markkinointirekisteristänne.",
			want: Request, kinds: []Kind{Erasure}, sure: sure},
		{name: "en erasure, mailing list too", subject: "Erasure",
			text: "Please erase my personal data. Take me off your mailing list as well.",
			want: Request, kinds: []Kind{Erasure}, sure: sure},
		{name: "sv erasure, lists too", subject: "Radering",
			text: "Radera alla mina personuppgifter och ta även bort mig från era utskickslistor.",
			want: Request, kinds: []Kind{Erasure}, sure: sure},

		// Words of stopping or banning make an objection, beside an erasure too.
		{name: "sv erasure and a ban", subject: "Radering",
			text: "Radera mina uppgifter. Jag vill inte ha mer reklam från er.",
			want: Request, kinds: []Kind{Erasure, Objection}, sure: sure},
		{name: "en market research", subject: "Surveys",
			text: "Stop using my details for your market research, please.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "en profiling", subject: "Profiling",
			text: "I want you to stop using my personal data for profiling.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "fi marketing use", subject: "Markkinointi",
			text: "Lopettakaa henkilötietojeni käyttäminen mainontaan.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "fi profiling", subject: "Profilointi",
			text: "Haluan, että lopetatte tietojeni käytön profilointiin.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "sv marketing use", subject: "Marknadsföring",
			text: "Sluta använda mina personuppgifter till riktad reklam.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "sv market research", subject: "Undersökningar",
			text: "Ni får inte längre använda mina uppgifter för marknadsundersökningar.",
			want: Request, kinds: []Kind{Objection}},
	})
}

// TestClassifyOwnAskBeatsBusiness: an order or supplier word never vetoes a
// clear first-person ask about the writer's own data, however informal.
func TestClassifyOwnAskBeatsBusiness(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "sv informal portability, supplier", subject: "uppgifter",
			text: "hej, vi är leverantör åt er sen länge men jag undrar en sak. kan ni skicka allt ni har om mig i en fil som jag kan flytta till en annan tjänst",
			want: Request, kinds: []Kind{Portability}, phrase: "i en fil"},
		{name: "sv informal access, order", subject: "fråga",
			text: "hej! vad har ni sparat om mig? har en beställning på gång också", want: Request, kinds: []Kind{Access}},
		{name: "sv informal access, which data", subject: "hej",
			text: "vilka personuppgifter har ni om mig? jag levererar varor till er", want: Request, kinds: []Kind{Access}},
		{name: "sv informal access, everything", subject: "allt om mig",
			text: "skicka allt ni har om mig tack, ordernummer 4412", want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "fi informal access, supplier", subject: "moi",
			text: "moi, oon teidän toimittaja ja haluisin että lähetätte kaiken mitä teillä on musta",
			want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "fi informal portability, order", subject: "tiedot",
			text: "lähettäkää kaikki mitä teillä on minusta tiedostona jonka voin viedä toiseen palveluun. tilausnumero 5521",
			want: Request, kinds: []Kind{Portability}, sure: sure},
		{name: "en informal access, order", subject: "hi",
			text: "hi, what have you got stored on me? got an order with you too", want: Request, kinds: []Kind{Access}},
		{name: "en informal portability, supplier", subject: "data",
			text: "we supply you with parts, but personally i'd like everything you hold on me in a file i can upload elsewhere",
			want: Request, kinds: []Kind{Portability}},
	})
}

// TestClassifyResearchAndPurpose: refusing market research or surveys,
// refusing to have one's number passed to research or marketing firms, and
// "stop using my data for that" after a sentence naming marketing are
// objections.
func TestClassifyResearchAndPurpose(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "en no surveys", subject: "Phone call",
			text: "I do not want to take part in any market research or customer surveys.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "en no polls", subject: "Calls",
			text: "I don't wish to participate in your opinion polls.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "fi no surveys", subject: "Puhelu",
			text: "En halua osallistua markkinatutkimuksiin tai asiakaskyselyihin.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "sv no surveys", subject: "Samtal",
			text: "Jag vill inte delta i marknadsundersökningar eller kundenkäter.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "en number to research agencies", subject: "My number",
			text: "Do not give my phone number to research agencies.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "fi number to research firms", subject: "Numeroni",
			text: "Älkää luovuttako puhelinnumeroani tutkimuslaitoksille.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "sv number to research firms", subject: "Mitt nummer",
			text: "Lämna inte ut mitt nummer till undersökningsföretag.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "en such purposes", subject: "Your call",
			text: "Someone called me yesterday about a customer survey. Please stop using my data for such purposes.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "en for that", subject: "Texts",
			text: "You have been profiling my purchases. Stop using my details for that.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "fi this purpose", subject: "Soitto",
			text: "Minulle soitettiin markkinatutkimuksesta. Lopettakaa tietojeni käyttö tähän tarkoitukseen.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "sv for this", subject: "Samtal",
			text: "Ni ringde mig om en marknadsundersökning. Sluta använda mina uppgifter för detta.",
			want: Request, kinds: []Kind{Objection}, sure: sure},
		{name: "en for that, no marketing named", subject: "Hello",
			text: "I bought a lamp from you. Stop using it for that.",
			want: Other},
	})
}

// TestClassifyPastErasure: the writer telling what was deleted reports; it
// asks for nothing. A passive infinitive or a wish still asks.
func TestClassifyPastErasure(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "en got data, deleted", subject: "Export",
			text: "Got my data, deleted it after testing.", want: Other},
		{name: "en have been deleted by me", subject: "Test files",
			text: "The files with my details have been deleted by me.", want: Other},
		{name: "en we deleted", subject: "Test",
			text: "Hi. We tested the export and then deleted all the personal data files.", want: Other},
		{name: "fi olen poistanut", subject: "Testi",
			text: "Sain henkilötietoni. Olen nyt poistanut ne koneeltani.", want: Other},
		{name: "fi poistin", subject: "Testi",
			text: "Kiitos, tietoni tulivat perille. Poistin tiedoston testauksen jälkeen.", want: Other},
		{name: "sv har raderat", subject: "Test",
			text: "Fick mina personuppgifter, har raderat dem nu.", want: Other},
		{name: "sv raderade", subject: "Test",
			text: "Mina uppgifter kom fram. Raderade filen efter testet.", want: Other},
		{name: "en wants it deleted", subject: "Erasure",
			text: "I want my account deleted.", want: Request, kinds: []Kind{Erasure}, sure: sure},
		{name: "fi confirm deletion", subject: "Poisto",
			text: "Vahvistakaa, että tietoni on poistettu.", want: Request, kinds: []Kind{Erasure}, sure: sure},
	})
}

// TestClassifyDeliveryIsNotPortability: a copy by e-mail, in a file or in
// electronic form is access; portability needs a machine-readable format or
// a place the data goes.
func TestClassifyDeliveryIsNotPortability(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "fi by e-mail", subject: "Tarkastuspyyntö",
			text: "Haluan tarkastaa tietoni. Toivoisin tiedot sähköpostitse tiedostona.",
			want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "en as a file by e-mail", subject: "Access",
			text: "Please send me a copy of my data as a file by e-mail.",
			want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "sv file by e-mail", subject: "Registerutdrag",
			text: "Jag vill ha ut mina uppgifter i en fil via e-post.",
			want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "en electronic form", subject: "Access",
			text: "Please provide my personal data in electronic form.",
			want: Request, kinds: []Kind{Access}, sure: sure},
		{name: "en csv stays portability", subject: "Data",
			text: "Please send my personal data as CSV.",
			want: Request, kinds: []Kind{Portability}, sure: sure},

		// A file the writer will take elsewhere is portability.
		{name: "sv file to upload elsewhere", subject: "uppgifter",
			text: "kan jag få mina uppgifter i en fil jag kan ladda upp någon annanstans?",
			want: Request, kinds: []Kind{Portability}, sure: sure},
		{name: "sv question and file to another supplier", subject: "uppgifter",
			text: "hej vad har ni om mig? vill ha det som en fil som jag kan ta med till en annan leverantör",
			want: Request, kinds: []Kind{Access, Portability}, sure: sure},
		{name: "en see and file to upload", subject: "data",
			text: "hi, i want to see what you have on me, in a file i can upload somewhere else",
			want: Request, kinds: []Kind{Access, Portability}, sure: sure},
		{name: "en could i get, upload elsewhere", subject: "data",
			text: "could i get my stuff in a file i can upload somewhere else",
			want: Request, kinds: []Kind{Portability}, sure: sure},
		{name: "fi file to another service", subject: "tiedot",
			text: "voisitteko lähettää tietoni tiedostona, jonka voin viedä toiseen palveluun",
			want: Request, kinds: []Kind{Portability}, sure: sure},
	})
}

// TestClassifyDeliveryChange: "can you change it" about a delivery or an
// order is customer service; about the writer's own details, rectification.
func TestClassifyDeliveryChange(t *testing.T) {
	runClassCases(t, []classCase{
		{name: "sv delivery address", subject: "Leverans",
			text: "Hej, leveransadressen för min beställning är fel. Kan ni ändra det?", want: Other},
		{name: "sv order to wrong address", subject: "Order",
			text: "Min order skickades till fel adress. Kan ni ändra den?", want: Other},
		{name: "en delivery address", subject: "Order",
			text: "The delivery address on my order is wrong. Can you change it?", want: Other},
		{name: "fi delivery address", subject: "Tilaus",
			text: "Tilaukseni toimitusosoite on väärä. Voitteko muuttaa sen?", want: Other},
		{name: "sv own name in register", subject: "Namn",
			text: "Mitt namn är felstavat i ert register. Kan ni ändra det?",
			want: Request, kinds: []Kind{Rectification}, sure: sure},
		{name: "sv own address moved", subject: "Adress",
			text: "Hej, jag har flyttat. Min nya adress är Storgatan 5. Kan ni ändra det i ert register?",
			want: Request, kinds: []Kind{Rectification}, sure: sure},
		{name: "en own address", subject: "Address",
			text: "My address in your customer register is wrong, can you change it?",
			want: Request, kinds: []Kind{Rectification}, sure: sure},
	})
}

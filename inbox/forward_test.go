package inbox

import (
	"strings"
	"testing"
	"time"
)

func TestForwardFixtures(t *testing.T) {
	tests := []struct {
		file    string
		from    Address // zero: Forward must be nil
		subject string
		date    string   // RFC 3339; empty: must be zero
		words   []string // in Forward.Text
		absent  []string // not in Forward.Text
	}{
		{
			file:    "forward-outlook-fi.eml",
			from:    Address{"Päivi Mäkinen", "paivi.makinen@example.fi"},
			subject: "Tietopyyntö",
			date:    "2026-11-03T09:14:00+02:00",
			words:   []string{"pyydän saada kopion kaikista minua koskevista henkilötiedoista, joita Sesoma Oy käsittelee."},
			absent:  []string{"Ks. alla", "Alkuperäinen viesti", "Lähettäjä:", "Aihe:"},
		},
		{
			file:    "forward-outlook-en.eml",
			from:    Address{"John Smith", "john.smith@example.com"},
			subject: "Data access request",
			date:    "2026-11-03T14:05:00Z",
			words:   []string{"Under Article 15 GDPR I request a copy of all personal data you hold about me."},
			absent:  []string{"FYI", "Original Message", "Sent:", "mailto:"},
		},
		{
			file:    "forward-gmail-fi.eml",
			from:    Address{"Olli Virtanen", "olli.virtanen@example.fi"},
			subject: "Tietojen poisto",
			date:    "2026-11-03T21:07:00+02:00",
			words:   []string{"poistakaa kaikki minua koskevat tiedot rekisteristänne."},
			absent:  []string{"FYI", "Välitetty viesti", "Vastaanottaja:"},
		},
		{
			file:    "forward-gmail-en.eml", // HTML only
			from:    Address{"Emma Korhonen", "emma.korhonen@example.com"},
			subject: "Please delete my data",
			date:    "2026-11-03T09:14:00+02:00",
			words:   []string{"please erase my account and all personal data linked to it."},
			absent:  []string{"Forwarded message", "To:", "<"},
		},
		{
			file:    "forward-outlook-sv.eml",
			from:    Address{"Åsa Lindström", "asa.lindstrom@example.se"},
			subject: "Begäran om registerutdrag",
			date:    "2026-11-03T09:14:00+02:00",
			words:   []string{"jag begär ett registerutdrag över alla personuppgifter ni behandlar om mig."},
			absent:  []string{"kan ni ta hand om", "____", "Skickat:"},
		},
		{
			file:    "forward-apple.eml",
			from:    Address{"Karin Åberg", "karin.aberg@example.se"},
			subject: "Radering av mina uppgifter",
			date:    "2026-11-03T09:14:00+02:00",
			words:   []string{"Hej,\n\njag vill att ni raderar alla mina personuppgifter och bekräftar det skriftligen.\n\nKarin Åberg"},
			absent:  []string{">", "Begin forwarded message"},
		},
		{
			file:    "forward-attached.eml",
			from:    Address{"Järvinen, Sanna", "sanna.jarvinen@example.fi"},
			subject: "Tietopyyntö ja poistopyyntö",
			date:    "2026-11-06T18:45:12+02:00",
			words:   []string{"haluan tietää, mitä tietoja minusta on tallennettu, ja pyydän poistamaan ne."},
			absent:  []string{"Liitteenä", "hoidatko", ">", "Attached message"},
		},
		{
			file:    "forwarded.eml", // "VS:", a short note and the original attached
			from:    Address{"Mikko Virtanen", "mikko.virtanen@example.org"},
			subject: "Tietojeni poistaminen rekisteristä",
			date:    "2025-11-10T07:55:00+02:00",
			words:   []string{"Poistakaa tietoni\nrekisteristänne"},
			absent:  []string{"Välitän", "Info-postilaatikko"},
		},
		{
			file:    "forward-note.eml", // a note too long to count without the subject
			from:    Address{"Hämäläinen, Juha", "juha.hamalainen@example.fi"},
			subject: "Markkinointikielto",
			date:    "2026-11-09T19:45:00+02:00",
			words:   []string{"kiellän suoramarkkinoinnin ja pyydän poistamaan sähköpostiosoitteeni markkinointirekisteristänne."},
			absent:  []string{"soitti myös eilen", "Voitteko hoitaa", "Laura", "Forwarded message"},
		},
		{file: "forward-reply-kirjoitti.eml"},
		{file: "forward-prose.eml"},
		{file: "bounce-dsn.eml"},
		{file: "latin1-qp.eml"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := Parse(readFixture(t, tt.file))
			checkUTF8(t, p)
			checkForward(t, p.Forward, tt.from, tt.subject, tt.date, tt.words, tt.absent)
		})
	}
}

func checkForward(t *testing.T, f *Original, from Address, subject, date string, words, absent []string) {
	t.Helper()
	if from == (Address{}) {
		if f != nil {
			t.Fatalf("Forward = %+v, want nil", *f)
		}
		return
	}
	if f == nil {
		t.Fatal("Forward is nil")
	}
	if f.From != from {
		t.Errorf("Forward.From = %+v, want %+v", f.From, from)
	}
	if f.Subject != subject {
		t.Errorf("Forward.Subject = %q, want %q", f.Subject, subject)
	}
	switch {
	case date == "" && !f.Date.IsZero():
		t.Errorf("Forward.Date = %s, want zero", f.Date.Format(time.RFC3339))
	case date != "" && f.Date.Format(time.RFC3339) != date:
		t.Errorf("Forward.Date = %s, want %s", f.Date.Format(time.RFC3339), date)
	}
	for _, w := range words {
		if !strings.Contains(f.Text, w) {
			t.Errorf("Forward.Text lacks %q:\n%s", w, f.Text)
		}
	}
	for _, w := range absent {
		if strings.Contains(f.Text, w) {
			t.Errorf("Forward.Text contains %q:\n%s", w, f.Text)
		}
	}
	if f.Text != strings.TrimSpace(f.Text) {
		t.Errorf("Forward.Text is not trimmed: %q", f.Text)
	}
}

func TestForwardShapes(t *testing.T) {
	const request = "Pyydän poistamaan tietoni."
	msg := func(subject, body string) []byte {
		return []byte("From: Matti Laine <matti.laine@sesoma.fi>\r\nTo: sesoma@sesoma.fi\r\n" +
			"Subject: " + subject + "\r\nDate: Mon, 3 Nov 2026 10:00:00 +0200\r\n" +
			"Content-Type: text/plain; charset=utf-8\r\n\r\n" + body)
	}
	attached := func(subject, note string) []byte {
		return []byte("From: Matti Laine <matti.laine@sesoma.fi>\r\nTo: sesoma@sesoma.fi\r\n" +
			"Subject: " + subject + "\r\nDate: Mon, 3 Nov 2026 10:00:00 +0200\r\n" +
			"Content-Type: multipart/mixed; boundary=b1\r\n\r\n" +
			"--b1\r\nContent-Type: text/plain\r\n\r\n" + note + "\r\n" +
			"--b1\r\nContent-Type: message/rfc822\r\n\r\n" +
			"From: Olli <olli@example.fi>\r\nSubject: Poisto\r\nDate: Sun, 2 Nov 2026 20:00:00 +0200\r\n" +
			"Content-Type: multipart/mixed; boundary=b2\r\n\r\n" +
			"--b2\r\nContent-Type: text/plain\r\n\r\n" + request + "\r\n" +
			"--b2\r\nContent-Type: message/rfc822\r\n\r\n" +
			"From: Sesoma <uutiskirje@sesoma.fi>\r\nSubject: Uutiskirje\r\n\r\nInner newsletter.\r\n" +
			"--b2--\r\n" +
			"--b1--\r\n")
	}
	olli := Address{"Olli", "olli@example.fi"}
	outlookFi := "-----Alkuperäinen viesti-----\nLähettäjä: Olli <olli@example.fi>\n" +
		"Lähetetty: sunnuntai 2. marraskuuta 2026 20.00\nAihe: Poisto\n\n" + request + "\n"
	tests := []struct {
		name    string
		raw     []byte
		from    Address // zero: nil
		subject string
		date    string
	}{
		{"no prefix, a short note above an Outlook block", msg("Tietopyyntö", "FYI\n\n"+outlookFi),
			olli, "Poisto", "2026-11-02T20:00:00+02:00"},
		{"no prefix, a block below a long text", msg("Tietopyyntö",
			strings.Repeat("Tässä on pitkä kappale tekstiä, joka ei ole välitys.\n", 6)+"\n"+outlookFi),
			Address{}, "", ""},
		{"forward prefix, a block below a long text", msg("VL: Tietopyyntö",
			strings.Repeat("Tässä on pitkä kappale tekstiä ennen välitettyä viestiä.\n", 6)+"\n"+outlookFi),
			olli, "Poisto", "2026-11-02T20:00:00+02:00"},
		{"a reply quoting an Outlook block", msg("VS: Poisto", "Kiitos, hoidetaan.\n\n"+outlookFi),
			Address{}, "", ""},
		{"a reply above an explicit forward marker", msg("Re: Poisto",
			"Ks. alla\n\n---------- Forwarded message ---------\nFrom: Olli <olli@example.fi>\nDate: Sun, 2 Nov 2026 20:00:00 +0200\nSubject: Poisto\n\n"+request),
			olli, "Poisto", "2026-11-02T20:00:00+02:00"},
		{"Apple Mail in Finnish, unquoted", msg("Fwd: Poisto",
			"Alkaa välitetty viesti:\n\nLähettäjä: Olli <olli@example.fi>\nAihe: Poisto\nPäivämäärä: 2.11.2026 klo 20.00.00 UTC+2\nVastaanottaja: info@sesoma.fi\n\n"+request),
			olli, "Poisto", "2026-11-02T20:00:00+02:00"},
		{"Thunderbird, From after Subject and Date", msg("Fwd: Poisto",
			"-------- Forwarded Message --------\nSubject: \tPoisto\nDate: \tSun, 2 Nov 2026 20:00:00 +0200\nFrom: \tOlli <olli@example.fi>\nTo: \tinfo@sesoma.fi\n\n\n"+request),
			olli, "Poisto", "2026-11-02T20:00:00+02:00"},
		{"bare Outlook block from HTML", []byte("From: Matti Laine <matti.laine@sesoma.fi>\r\nSubject: Tietopyyntö\r\n" +
			"Date: Mon, 3 Nov 2026 10:00:00 +0200\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
			"<p>Ks. alla</p><div style=\"border-top:solid #E1E1E1 1.0pt\"><p><b>From:</b> Olli &lt;<a href=\"mailto:olli@example.fi\">olli@example.fi</a>&gt;<br>" +
			"<b>Sent:</b> Sunday, November 2, 2026 8:00 PM<br><b>To:</b> Info<br><b>Subject:</b> Poisto</p></div><p>" + request + "</p>"),
			olli, "Poisto", "2026-11-02T20:00:00+02:00"},
		{"a From line without an address", msg("FW: Poisto",
			"-----Original Message-----\nFrom: Olli Virtanen\nSent: Sunday, November 2, 2026 8:00 PM\nSubject: Poisto\n\n"+request),
			Address{}, "", ""},
		{"an unreadable date", msg("Fwd: Poisto",
			"---------- Forwarded message ---------\nFrom: olli@example.fi\nDate: eilen illalla\nSubject: Poisto\n\n"+request),
			Address{"", "olli@example.fi"}, "Poisto", ""},
		{"attached with a forward prefix: the outermost message", attached("Fwd: Poisto", "Tässä pyyntö, joka tuli eilen asiakaspalveluun. Katsotko, kun ehdit?\nTerveisin\nMatti\nSesoma Oy\npuh. 040 123 4567"),
			olli, "Poisto", "2026-11-02T20:00:00+02:00"},
		{"attached without a prefix and without a note", attached("Poisto", ""),
			olli, "Poisto", "2026-11-02T20:00:00+02:00"},
		{"attached without a prefix below a long text", attached("Valitus",
			strings.Repeat("Sain teiltä tämän viestin, vaikka en ole koskaan antanut lupaa markkinointiin.\n", 3)),
			Address{}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Parse(tt.raw)
			checkUTF8(t, p)
			var words, absent []string
			if tt.from != (Address{}) {
				words = []string{request}
				absent = []string{"Ks. alla", "FYI", "pitkä kappale", "Matti", "Lähettäjä:", "Sent:", "Aihe:"}
			}
			checkForward(t, p.Forward, tt.from, tt.subject, tt.date, words, absent)
		})
	}
}

func TestParseHumanDate(t *testing.T) {
	loc := time.FixedZone("", 2*3600)
	tests := []struct{ in, want string }{
		{"Monday, November 3, 2026 9:14 AM", "2026-11-03T09:14:00+02:00"},
		{"Monday, November 3, 2026 12:05 PM", "2026-11-03T12:05:00+02:00"},
		{"Monday, November 3, 2026 12:05 AM", "2026-11-03T00:05:00+02:00"},
		{"maanantai 3. marraskuuta 2026 9.14", "2026-11-03T09:14:00+02:00"},
		{"ma 3. marrask. 2026 klo 21.07", "2026-11-03T21:07:00+02:00"},
		{"3. joulukuuta 2026 klo 9.14.05", "2026-12-03T09:14:05+02:00"},
		{"ti 3.11.2026 klo 9.14", "2026-11-03T09:14:00+02:00"},
		{"den 3 november 2026 09:14", "2026-11-03T09:14:00+02:00"},
		{"måndag 3 november 2026 09:14", "2026-11-03T09:14:00+02:00"},
		{"mån 3 nov. 2026 kl. 09:14", "2026-11-03T09:14:00+02:00"},
		{"Mon, 3 Nov 2026 at 09:14", "2026-11-03T09:14:00+02:00"},
		{"Mon, Nov 3, 2026 at 9:14 PM", "2026-11-03T21:14:00+02:00"},
		{"3 November 2026 at 9:14:00 EET", "2026-11-03T09:14:00+02:00"},
		{"November 3, 2026 at 9:14:00 AM GMT+1", "2026-11-03T09:14:00+01:00"},
		{"Mon, 3 Nov 2026 09:14:00 +0000", "2026-11-03T09:14:00Z"},
		{"Mon, 3 Nov 2026 09:14:00 -0500 (EST)", "2026-11-03T09:14:00-05:00"},
		{"2026-11-03 09:14", "2026-11-03T09:14:00+02:00"},
		{"(UTC+03:00) 2026-11-03 09:14", "2026-11-03T09:14:00+03:00"},
		{"tiistai 3. helmikuuta 2026", "2026-02-03T00:00:00+02:00"},
		{"31. marraskuuta 2026 9.14", ""}, // no such day
		{"Monday 9:14 AM", ""},
		{"eilen illalla", ""},
		{"", ""},
		{"3 November 2026 25:00", ""},
	}
	for _, tt := range tests {
		got := parseHumanDate(tt.in, loc)
		s := ""
		if !got.IsZero() {
			s = got.Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("parseHumanDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}

func TestBlockAddress(t *testing.T) {
	tests := []struct {
		in   string
		want Address
		ok   bool
	}{
		{"Päivi Mäkinen <paivi@example.fi>", Address{"Päivi Mäkinen", "paivi@example.fi"}, true},
		{`"Mäkinen, Päivi" <paivi@example.fi>`, Address{"Mäkinen, Päivi", "paivi@example.fi"}, true},
		{"Mäkinen, Päivi <paivi@example.fi>", Address{"Mäkinen, Päivi", "paivi@example.fi"}, true},
		{"paivi@example.fi", Address{"", "paivi@example.fi"}, true},
		{"<paivi@example.fi>", Address{"", "paivi@example.fi"}, true},
		{"Päivi Mäkinen [mailto:paivi@example.fi] ", Address{"Päivi Mäkinen", "paivi@example.fi"}, true},
		{"Päivi Mäkinen <mailto:paivi@example.fi>", Address{"Päivi Mäkinen", "paivi@example.fi"}, true},
		{"Päivi Mäkinen <paivi@example.fi<mailto:paivi@example.fi>>", Address{"Päivi Mäkinen", "paivi@example.fi"}, true},
		{"=?utf-8?q?P=C3=A4ivi?= <paivi@example.fi>", Address{"Päivi", "paivi@example.fi"}, true},
		{"Päivi Mäkinen", Address{}, false},
		{"", Address{}, false},
	}
	for _, tt := range tests {
		got, ok := blockAddress(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("blockAddress(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNewMailStaffForward(t *testing.T) {
	received := time.Date(2026, 11, 3, 8, 2, 30, 0, time.UTC)
	m := NewMail("INBOX", 1, 7, received, 0, readFixture(t, "forward-outlook-fi.eml"), []string{"sesoma.fi"})
	if !m.StaffForward {
		t.Errorf("StaffForward = false, want true")
	}
	if want := (Address{"Päivi Mäkinen", "paivi.makinen@example.fi"}); m.Requester != want {
		t.Errorf("Requester = %+v, want %+v", m.Requester, want)
	}
	// The same forward from outside the staff domains stays the sender's.
	m = NewMail("INBOX", 1, 7, received, 0, readFixture(t, "forward-outlook-fi.eml"), []string{"example.com"})
	if m.StaffForward || m.Requester.Email != "matti.laine@sesoma.fi" {
		t.Errorf("not staff: StaffForward = %v, Requester = %+v", m.StaffForward, m.Requester)
	}
}

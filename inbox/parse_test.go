package inbox

import (
	"bytes"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestParseFixtures(t *testing.T) {
	tests := []struct {
		file      string
		subject   string
		from      Address
		to        []Address
		messageID string
		inReplyTo []string
		refs      []string
		date      string // RFC 3339; empty: not checked
		words     []string
		absent    []string
		atts      []Attachment
		parseErr  string // substring; empty: ParseError must be empty
	}{
		{
			file:      "latin1-qp.eml",
			subject:   "Pyyntö: henkilötietojeni tarkastus",
			from:      Address{"Mäkinen, Päivi", "paivi.makinen@example.fi"},
			to:        []Address{{"Tietosuoja", "tietosuoja@example.com"}},
			messageID: "20251103071400.GA4711@mail.example.fi",
			date:      "2025-11-03T09:14:00+02:00",
			words: []string{
				"tietosuojaselosteen", "henkilötiedoista", "käsittelee",
				"siitä ei selviä,\nmistä", "Jyväskylässä", "Mäkinen", "Åbo/Turku",
				"Ystävällisin terveisin\nPäivi Mäkinen",
			},
			absent: []string{"=E4", "=\n", "\r"},
		},
		{
			file:      "win1252-8bit.eml",
			subject:   "Begäran om radering av personuppgifter",
			from:      Address{"Åsa Lindström", "asa.lindstrom@example.se"},
			to:        []Address{{"", "kundservice@example.com"}},
			messageID: "1a2b3c4d-5e6f-4a0b-9c8d-7e6f5a4b3c2d@example.se",
			words: []string{
				"dataskyddsförordningen", "49,90 €", "oktober – det",
				"”sparar uppgifterna tills vidare”", "‘rättslig grund’", "Åsa Lindström",
			},
		},
		{
			file:    "utf8-base64.eml",
			subject: "Henkilötietojen tarkastuspyyntö – access request",
			from:    Address{"Mäkinen, Päivi", "paivi.makinen@example.fi"},
			to: []Address{
				{"Asiakaspalvelu / Kundtjänst", "asiakaspalvelu@example.com"},
				{"Tietosuojavastaava Järvinen", "dpo@example.com"},
			},
			messageID: "CAH9x2=Zk4Yq7p@mail.example.fi",
			inReplyTo: []string{"case-1042@example.com"},
			refs:      []string{"welcome-77@example.com", "case-1042@example.com"},
			words:     []string{"Hyvä vastaanottaja", "Article 15 GDPR", "— Päivi Mäkinen"},
		},
		{
			file:      "html-only.eml",
			subject:   "Tilin poisto",
			from:      Address{"Juha Hämäläinen", "juha.hamalainen@example.fi"},
			messageID: "html.20251106.1@example.fi",
			words: []string{
				"Hei,\n\nhaluan poistaa tilini",
				"Nimi | Asiakasnumero\nJuha Hämäläinen | 200 451",
				"tietosuojaselosteenne [https://www.example.com/tietosuoja]",
				`säilytetään "tarpeen mukaan"`, "12,50 €",
				"- Uutiskirje\n- Kanta-asiakasohjelma",
				"Yhteystietoni: juha.hamalainen@example.fi\n",
				"Terveisin\nJuha Hämäläinen",
			},
			absent: []string{"tracking", "color:", "Ei näkyvä", "&auml;", "&euro;", "<p>", "mailto:", "\n\n\n"},
		},
		{
			file:      "alternative.eml",
			subject:   "Unsubscribe and erase my data",
			from:      Address{"Emma Korhonen", "emma.korhonen@example.com"},
			messageID: "alt-0001@mail.example.com",
			words:     []string{"erase my contact details.\nMy customer number is 300 812. Kiitos!"},
			absent:    []string{"HTML-ONLY-MARKER", "<p>"},
		},
		{
			file:      "mislabelled.eml",
			subject:   "Tietopyyntö / Järvinen",
			from:      Address{"Sanna Järvinen", "sanna.jarvinen@example.fi"},
			messageID: "mislabel-1@example.fi",
			words:     []string{"Hyvä asiakaspalvelu", "Jyväskylässä", "19,90 €", "Sanna Järvinen"},
			absent:    []string{"\uFFFD"},
		},
		{
			file:      "pdf-attachment.eml",
			subject:   "Valtakirja ja poistopyyntö",
			from:      Address{"Liisa Mäkelä", "liisa.makela@example.fi"},
			messageID: "pdf.attach.9@example.fi",
			words:     []string{"isäni Erkki Mäkelä", "henkilökortistani"},
			absent:    []string{"This is a multi-part message", "JVBERi0", "%PDF"},
			atts: []Attachment{
				{Name: "Valtakirja – Mäkelä.pdf", Type: "application/pdf", Size: 142},
				{Name: "henkilökortti.jpg", Type: "image/jpeg", Size: 213},
			},
		},
		{
			file:      "forwarded.eml",
			subject:   "VS: Tietojeni poistaminen",
			from:      Address{"Info", "info@example.com"},
			messageID: "fwd-556@example.com",
			words: []string{
				"Välitän asiakkaan pyynnön",
				"> From: Mikko Virtanen <mikko.virtanen@example.org>",
				"> Date: Mon, 10 Nov 2025 07:55:00 +0200",
				"> Subject: Tietojeni poistaminen rekisteristä",
				"> rekisteristänne ja kertokaa, mistä saitte osoitteeni.",
			},
			atts: []Attachment{{Name: "Tietojeni poistaminen.eml", Type: "message/rfc822", Size: 473}},
		},
		{
			file:      "ooo-fi.eml",
			subject:   "Automaattinen vastaus: Uutiskirje – marraskuu",
			from:      Address{"Tiina Nieminen", "tiina.nieminen@example.fi"},
			messageID: "ooo-7d1c@EXCH01.example.fi",
			inReplyTo: []string{"news-2025-11@example.com"},
			refs:      []string{"news-2025-11@example.com"},
			date:      "2025-11-11T06:00:02Z",
			words:     []string{"Olen lomalla 17.11.2025 asti", "sähköpostia"},
		},
		{
			file:      "autoreply-sv.eml",
			subject:   "Re: Ert ärende 4711",
			from:      Address{"Karin Åberg", "karin.aberg@example.se"},
			messageID: "autoreply.1731398460@mail.example.se",
			words:     []string{"Tack för ditt mejl!", "tjänstledig", "Björn Ek"},
		},
		{
			file:      "bounce-dsn.eml",
			subject:   "Undelivered Mail Returned to Sender",
			from:      Address{"Mail Delivery System", "MAILER-DAEMON@mx.example.com"},
			messageID: "20251113091111.ABCDEF1234@mx.example.com",
			date:      "2025-11-13T11:11:11+02:00",
			words: []string{
				"could not\nbe delivered", "Status: 5.1.1",
				"> Subject: Vastaus tietopyyntöönne", "> Hei Olli, ohessa pyytämänne tiedot.",
			},
			absent: []string{"MIME-encapsulated"},
			atts:   []Attachment{{Name: "", Type: "message/rfc822", Size: 286}},
		},
		{
			file:      "broken.eml",
			subject:   "Tietopyyntö (katkennut viesti)",
			from:      Address{"Virtanen, Olli", "olli.virtanen@example.fi"},
			messageID: "broken-13@example.fi",
			words:     []string{"Pyydän poistamaan tietoni.", "henkilöllisyystodistus"},
			atts:      []Attachment{{Name: "henkilotodistus.pdf", Type: "application/pdf", Size: 285}}, // what arrived
			parseErr:  "closing boundary missing",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p := Parse(readFixture(t, tt.file))
			if p.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", p.Subject, tt.subject)
			}
			if p.From != tt.from {
				t.Errorf("From = %+v, want %+v", p.From, tt.from)
			}
			if tt.to != nil && !reflect.DeepEqual(p.To, tt.to) {
				t.Errorf("To = %+v, want %+v", p.To, tt.to)
			}
			if p.MessageID != tt.messageID {
				t.Errorf("MessageID = %q, want %q", p.MessageID, tt.messageID)
			}
			if !reflect.DeepEqual(p.InReplyTo, tt.inReplyTo) {
				t.Errorf("InReplyTo = %q, want %q", p.InReplyTo, tt.inReplyTo)
			}
			if !reflect.DeepEqual(p.References, tt.refs) {
				t.Errorf("References = %q, want %q", p.References, tt.refs)
			}
			if p.Date.IsZero() {
				t.Errorf("Date is zero")
			}
			if tt.date != "" && p.Date.Format(time.RFC3339) != tt.date {
				t.Errorf("Date = %s, want %s", p.Date.Format(time.RFC3339), tt.date)
			}
			for _, w := range tt.words {
				if !strings.Contains(p.Text, w) {
					t.Errorf("Text lacks %q; Text:\n%s", w, p.Text)
				}
			}
			for _, w := range append(tt.absent, "\r") {
				if strings.Contains(p.Text, w) {
					t.Errorf("Text contains %q; Text:\n%s", w, p.Text)
				}
			}
			if !reflect.DeepEqual(p.Attachments, tt.atts) {
				t.Errorf("Attachments = %+v, want %+v", p.Attachments, tt.atts)
			}
			switch {
			case tt.parseErr == "" && p.ParseError != "":
				t.Errorf("ParseError = %q, want none", p.ParseError)
			case tt.parseErr != "" && !strings.Contains(p.ParseError, tt.parseErr):
				t.Errorf("ParseError = %q, want it to mention %q", p.ParseError, tt.parseErr)
			}
			checkUTF8(t, p)
		})
	}
}

func TestParseHeaders(t *testing.T) {
	p := Parse(readFixture(t, "latin1-qp.eml"))
	var keys []string
	for _, h := range p.Headers {
		keys = append(keys, h.Key)
	}
	want := []string{"Return-Path", "Received", "From", "To", "Subject", "Date", "Message-ID",
		"MIME-Version", "Content-Type", "Content-Transfer-Encoding", "X-Mailer"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("header keys = %q, want %q", keys, want)
	}
	if got := headerValue(p, "Received"); strings.ContainsAny(got, "\r\n\t") ||
		!strings.Contains(got, "by mx.example.com with ESMTPS id 4B2k9x0yZ1z9v for <tietosuoja@example.com>;") {
		t.Errorf("Received not unfolded: %q", got)
	}
	if got := headerValue(p, "From"); got != "Mäkinen, Päivi <paivi.makinen@example.fi>" {
		t.Errorf("From header value = %q", got)
	}
	if got := headerValue(p, "Subject"); got != p.Subject {
		t.Errorf("Subject header %q != Subject %q", got, p.Subject)
	}
}

func TestParseBrokenInput(t *testing.T) {
	tests := []struct {
		name, raw string
		subject   string
		words     []string
		parseErr  string
	}{
		{"empty", "", "", nil, "empty message"},
		{"garbage", "\x00\xff\xfe\x89PNG\r\n\x1a\nno header at all: really", "", []string{"no header at all"}, "no header fields found"},
		{"header only", "Subject: vain otsikko", "vain otsikko", nil, ""},
		{"missing blank line", "Subject: Poisto\r\nFrom: a@example.fi\r\nHei, poistakaa tietoni.\r\nNimi: Päivi\r\n",
			"Poisto", []string{"Hei, poistakaa tietoni.\nNimi: Päivi"}, "malformed header"},
		{"multipart without boundary", "Subject: x\r\nContent-Type: multipart/mixed\r\n\r\nPoistakaa tietoni.",
			"x", []string{"Poistakaa tietoni."}, "without boundary"},
		{"boundary never appears", "Subject: x\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\nPoistakaa tietoni.\r\n",
			"x", []string{"Poistakaa tietoni."}, "no parts found"},
		{"bad base64", "Subject: x\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVp!!!LCBwb2lzdGFrYWEgdGlldG9uaS4=\r\n",
			"x", nil, "invalid base64"},
		{"unknown transfer encoding", "Subject: x\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin 644 x\r\n",
			"x", []string{"begin 644 x"}, "unknown transfer encoding"},
		{"mbox separator", "From someone@example.fi Mon Nov 24 12:00:00 2025\r\nSubject: mbox\r\n\r\nteksti",
			"mbox", []string{"teksti"}, ""},
		{"bad date", "Subject: x\r\nDate: eilen iltapäivällä\r\n\r\nteksti", "x", []string{"teksti"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Parse([]byte(tt.raw))
			if p.Subject != tt.subject {
				t.Errorf("Subject = %q, want %q", p.Subject, tt.subject)
			}
			for _, w := range tt.words {
				if !strings.Contains(p.Text, w) {
					t.Errorf("Text lacks %q; Text: %q", w, p.Text)
				}
			}
			switch {
			case tt.parseErr == "" && p.ParseError != "":
				t.Errorf("ParseError = %q, want none", p.ParseError)
			case tt.parseErr != "" && !strings.Contains(p.ParseError, tt.parseErr):
				t.Errorf("ParseError = %q, want it to mention %q", p.ParseError, tt.parseErr)
			}
			if tt.name == "bad date" && !p.Date.IsZero() {
				t.Errorf("Date = %v, want zero", p.Date)
			}
			checkUTF8(t, p)
		})
	}
}

// nestedMultipart builds a message with depth multiparts inside each other.
func nestedMultipart(depth int) []byte {
	var b bytes.Buffer
	b.WriteString("From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: multipart/mixed; boundary=\"b0x\"\r\n\r\n")
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&b, "--b%dx\r\nContent-Type: multipart/mixed; boundary=\"b%dx\"\r\n\r\n", i, i+1)
	}
	fmt.Fprintf(&b, "--b%dx\r\nContent-Type: text/plain\r\n\r\nsyvällä\r\n--b%dx--\r\n", depth, depth)
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%dx--\r\n", i)
	}
	return b.Bytes()
}

// nestedMessages builds a message with depth attached messages inside each
// other.
func nestedMessages(depth int) []byte {
	var b bytes.Buffer
	for i := 0; i < depth; i++ {
		fmt.Fprintf(&b, "Subject: level %d\r\nContent-Type: message/rfc822\r\n\r\n", i)
	}
	b.WriteString("Subject: bottom\r\n\r\nsyvällä\r\n")
	return b.Bytes()
}

func TestParseDeepNesting(t *testing.T) {
	for name, raw := range map[string][]byte{
		"multipart": nestedMultipart(8000),
		"rfc822":    nestedMessages(8000),
	} {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			p := Parse(raw)
			if d := time.Since(start); d > time.Second {
				t.Errorf("parsing took %v", d)
			}
			if !strings.Contains(p.ParseError, "nesting deeper than 32") {
				t.Errorf("ParseError = %q", p.ParseError)
			}
			if p.Subject != "deep" && p.Subject != "level 0" {
				t.Errorf("Subject = %q", p.Subject)
			}
			if strings.Contains(p.Text, "syvällä") {
				t.Errorf("text below the depth limit was read")
			}
			checkUTF8(t, p)
		})
	}
	// Within the limit everything is read.
	p := Parse(nestedMultipart(30))
	if p.ParseError != "" || p.Text != "syvällä" {
		t.Errorf("30 levels: ParseError %q, Text %q", p.ParseError, p.Text)
	}
}

func TestParseManyParts(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("Subject: many\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&b, "--m\r\nContent-Type: application/octet-stream; name=\"f%d.bin\"\r\n\r\nxx\r\n", i)
	}
	b.WriteString("--m--\r\n")
	start := time.Now()
	p := Parse(b.Bytes())
	if d := time.Since(start); d > time.Second {
		t.Errorf("parsing took %v", d)
	}
	if !strings.Contains(p.ParseError, "more than 1000 MIME parts") {
		t.Errorf("ParseError = %q", p.ParseError)
	}
	if n := len(p.Attachments); n == 0 || n >= 1000 {
		t.Errorf("%d attachments listed", n)
	}
}

func TestParseHostileInputIsFast(t *testing.T) {
	const n = 1 << 20
	cases := map[string]string{
		"encoded word starts": "Subject: " + strings.Repeat("=?a?q?", n/6) + "\r\n\r\nx",
		"encoded words":       "Subject: " + strings.Repeat("=?utf-8?q?=C3=A4?= ", n/20) + "\r\n\r\nx",
		"address list":        "To: " + strings.Repeat("=?utf-8?q?a,b?= <a@example.fi>, ", n/32) + "\r\n\r\nx",
		"open quotes":         "To: " + strings.Repeat(`"(<`, n/3) + "\r\n\r\nx",
		"folded header":       "Subject: x\r\n" + strings.Repeat(" y\r\n", n/4) + "\r\nx",
		"nested lists":        "Content-Type: text/html\r\n\r\n" + strings.Repeat("<ul><li>x", n/9),
		"nested quotes":       "Content-Type: text/html\r\n\r\n" + strings.Repeat("<blockquote>x<br>", n/17),
		"unclosed links":      "Content-Type: text/html\r\n\r\n" + strings.Repeat("<a href=x>y", n/11),
		"parameters":          "Content-Type: text/plain; " + strings.Repeat("name*1*=%E4; ", n/13) + "\r\n\r\nx",
		"empty parts":         "Content-Type: multipart/mixed; boundary=b\r\n\r\n" + strings.Repeat("--b\r\n\r\n", n/7),
	}
	for name, raw := range cases {
		start := time.Now()
		p := Parse([]byte(raw))
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: parsing took %v", name, d)
		}
		checkUTF8(t, p)
	}
}

func TestParseCharsets(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		label string
		want  string
	}{
		{"utf-8", []byte("Mäkinen €"), "utf-8", "Mäkinen €"},
		{"no label, utf-8", []byte("Mäkinen"), "", "Mäkinen"},
		{"utf-8 label, latin-1 bytes", []byte("M\xe4kinen \x80"), "UTF-8", "Mäkinen €"},
		{"us-ascii label, latin-1 bytes", []byte("J\xe4rvinen"), "us-ascii", "Järvinen"},
		{"iso-8859-1 read as windows-1252", []byte("\x93lainaus\x94 \x80 \xe5"), "ISO-8859-1", "“lainaus” € å"},
		{"quoted label", []byte("\xf6"), `"iso-8859-1"`, "ö"},
		{"latin-1 label on utf-8", []byte("Päivi"), "iso-8859-1", "Päivi"},
		{"iso-8859-15", []byte("\xa4"), "iso-8859-15", "€"},
		{"windows-1257", []byte("\xe0"), "windows-1257", "ą"},
		{"unknown label, utf-8", []byte("Åsa"), "x-mystery", "Åsa"},
		{"unknown label, latin-1", []byte("\xc5sa"), "x-mystery", "Åsa"},
		{"bom", []byte("\xef\xbb\xbfHei"), "utf-8", "Hei"},
	}
	for _, tt := range tests {
		if got := decodeCharset(tt.in, tt.label); got != tt.want {
			t.Errorf("%s: decodeCharset = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseEncodedWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=?utf-8?q?M=C3=A4kinen=2C_P=C3=A4ivi?=", "Mäkinen, Päivi"},
		{"=?UTF-8?B?TcOka2luZW4sIFDDpGl2aQ==?=", "Mäkinen, Päivi"},
		{"=?iso-8859-1?Q?Tietopyynt=F6?= koskien =?iso-8859-1?Q?tilaust=E4?=", "Tietopyyntö koskien tilaustä"},
		{"=?utf-8?q?a?= =?utf-8?q?b?=", "ab"},
		{"=?utf-8?q?a?=\t =?utf-8?q?_b?=", "a b"},
		{"=?UTF-8?B?w6Q=?=rvi", "ärvi"},
		{"Re:=?utf-8?q?_T=C3=A4m=C3=A4?=", "Re: Tämä"},
		{"=?utf-8?b?w6?= =?utf-8?b?Q=?=", "Ã"}, // truncated base64: the lone byte is read as Windows-1252
		{"=?UTF-8?B?SGVua2lsw7Y=?= =?UTF-8?B?dGlldG8=?=", "Henkilötieto"},
		{"=?UTF-8?B?SGVua2lsww==?= =?UTF-8?B?tnRpZXRv?=", "Henkilötieto"}, // "ö" split across words
		{"=?utf-8?q?Tietopyynt=F6?=", "Tietopyyntö"},                      // mislabelled
		{"=?x-unknown?q?caf=E9?=", "café"},
		{"=?us-ascii?q?J=E4rvinen?=", "Järvinen"},
		{"=?iso-8859-1*fi?q?S=E4hk=F6posti?=", "Sähköposti"},
		{"=?utf-8?x?nope?=", "=?utf-8?x?nope?="},
		{"=?utf-8?q?unterminated", "=?utf-8?q?unterminated"},
		{"raw J\xe4rvinen", "raw Järvinen"},
		{"price 5 =?windows-1252?q?=80?=", "price 5 €"},
	}
	for _, tt := range tests {
		if got := decodeWords(tt.in); got != tt.want {
			t.Errorf("decodeWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseAddresses(t *testing.T) {
	tests := []struct {
		in   string
		want []Address
	}{
		{`"Mäkinen, Päivi" <paivi@example.fi>`, []Address{{"Mäkinen, Päivi", "paivi@example.fi"}}},
		{`=?utf-8?q?M=C3=A4kinen,_P=C3=A4ivi?= <paivi@example.fi>, olli@example.fi`,
			[]Address{{"Mäkinen, Päivi", "paivi@example.fi"}, {"", "olli@example.fi"}}},
		{`"=?ISO-8859-1?Q?=C5sa_Lindstr=F6m?=" <asa@example.se>`, []Address{{"Åsa Lindström", "asa@example.se"}}},
		{`'Päivi Mäkinen' <P.Makinen@Example.FI>`, []Address{{"Päivi Mäkinen", "P.Makinen@Example.FI"}}},
		{`paivi@example.fi (Päivi Mäkinen)`, []Address{{"Päivi Mäkinen", "paivi@example.fi"}}},
		{`Tiimi: a@example.fi, "B, C" <b@example.fi>;, d@example.fi`,
			[]Address{{"", "a@example.fi"}, {"B, C", "b@example.fi"}, {"", "d@example.fi"}}},
		{`undisclosed-recipients:;`, nil},
		{`Mail Delivery System <MAILER-DAEMON>`, []Address{{"Mail Delivery System", "MAILER-DAEMON"}}},
		{`<mailto:x@example.com>`, []Address{{"", "x@example.com"}}},
		{`Päivi M. Mäkinen <paivi@example.fi>`, []Address{{"Päivi M. Mäkinen", "paivi@example.fi"}}},
		{"J\xe4rvinen <j@example.fi>", []Address{{"Järvinen", "j@example.fi"}}},
		{`"Quote \" inside" <q@example.fi>`, []Address{{`Quote " inside`, "q@example.fi"}}},
	}
	for _, tt := range tests {
		if got := parseAddressList(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseAddressList(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseMessageIDs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"<a@example.fi>", []string{"a@example.fi"}},
		{"<a@example.fi> <b@example.fi>", []string{"a@example.fi", "b@example.fi"}},
		{"<a@example.fi>,<b@example.fi>", []string{"a@example.fi", "b@example.fi"}},
		{"(comment) <a@example.fi> (another)", []string{"a@example.fi"}},
		{"a@example.fi", []string{"a@example.fi"}},
		{"a@example.fi b@example.fi", []string{"a@example.fi", "b@example.fi"}},
		{"<a@example.fi", []string{"a@example.fi"}},
		{"a@example.fi,<b@example.fi> junk", []string{"a@example.fi", "b@example.fi"}},
		{"<>", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := msgIDList(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("msgIDList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mon, 3 Nov 2025 09:14:00 +0200", "2025-11-03T09:14:00+02:00"},
		{"Mon, 3 Nov 2025 09:14:00 +0200 (EET)", "2025-11-03T09:14:00+02:00"},
		{"3 Nov 2025 09:14 +0200", "2025-11-03T09:14:00+02:00"},
		{"Mon,  3 Nov 2025 09:14:00 GMT", "2025-11-03T09:14:00Z"},
		{"2025-11-03T09:14:00+02:00", "2025-11-03T09:14:00+02:00"},
		{"maanantaina", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := parseDate(tt.in)
		if tt.want == "" {
			if !got.IsZero() {
				t.Errorf("parseDate(%q) = %v, want zero", tt.in, got)
			}
			continue
		}
		if got.Format(time.RFC3339) != tt.want {
			t.Errorf("parseDate(%q) = %s, want %s", tt.in, got.Format(time.RFC3339), tt.want)
		}
	}
}

// parseCommonDate must give what mail.ParseDate gives, or leave v to it.
func TestParseCommonDateAgreesWithNetMail(t *testing.T) {
	for _, v := range []string{
		"Mon, 3 Nov 2025 09:14:00 +0200",
		"Tue, 04 Nov 2025 23:59:59 -0000",
		"Wed, 5 Nov 25 09:14:00 +0200",
		"Mon,  3 Nov 2025  09:14:00   +0200",
		"mon, 3 nov 2025 09:14:00 +0200",
		"Monday, 3 Nov 2025 09:14:00 +0200",
		"Mon, 3 Nov -123 09:14:00 +0200",
		"Mon, 3 Nov 2025 09:14:00 +0200 (EET)",
		"Mon, 3 Nov 2025 09:14:00 +02",
		"Mon, 3 Nov 2025 09:14:00 +02000",
		"Mon, 3 Nov 2025 09:14:00 GMT",
		"Mon, 3 Nov 2025 09:14 +0200",
		"Mon, 3 Nov 2025 9:14:00 +0200",
		"Mon, 31 Feb 2025 09:14:00 +0200",
		"Mon, 3 Nov 2025 09:14:00 \r+0200",
		"Mon, 3 Nov 2025 09:14:00\r\n +0200",
		"Fri, 3 Nov 2025 09:14:00 +0200",
		"3 Nov 2025 09:14:00 +0200",
	} {
		got, ok := parseCommonDate(v)
		if !ok {
			continue
		}
		want, err := mail.ParseDate(v)
		if err != nil || !got.Equal(want) || got.Location().String() != want.Location().String() || got.Format(time.RFC3339) != want.Format(time.RFC3339) {
			t.Errorf("parseCommonDate(%q) = %v, mail.ParseDate = %v, %v", v, got, want, err)
		}
	}
	if _, ok := parseCommonDate("Mon, 3 Nov 2025 09:14:00 +0200"); !ok {
		t.Error("the common layout was not read")
	}
}

// normalizeNewlines and decodeText's copy must agree with the plain
// replacements.
func TestNormalizeNewlines(t *testing.T) {
	for _, s := range []string{"", "a", "a\r\nb", "a\rb", "a\nb", "\r", "\r\r\n", "\n\r", "a\r\n\r\n", "x\r\r\r", "\xe4\r\n\xe4\r"} {
		want := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		if got := normalizeNewlines(s); got != want {
			t.Errorf("normalizeNewlines(%q) = %q, want %q", s, got, want)
		}
		for _, label := range []string{"", "iso-8859-1", "utf-16le"} {
			want := normalizeNewlines(decodeCharset([]byte(s), label))
			if got := decodeText([]byte(s), label); got != want {
				t.Errorf("decodeText(%q, %q) = %q, want %q", s, label, got, want)
			}
		}
	}
}

func TestParseTransferEncodings(t *testing.T) {
	if got := string(decodeQP([]byte("Hyv=E4 =\r\nasiakas  \r\n=3D =ZZ loppu="))); got != "Hyv\xe4 asiakas\r\n= =ZZ loppu" {
		t.Errorf("decodeQP = %q", got)
	}
	for in, want := range map[string]string{
		"SGVp":          "Hei",
		"SGVpIQ==":      "Hei!",
		"SGVpIQ":        "Hei!",
		"SGVp\r\n IQ==": "Hei!",
		"SGVp==SGVp":    "HeiHei",
	} {
		if got, _ := decodeBase64([]byte(in)); string(got) != want {
			t.Errorf("decodeBase64(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseAttachmentNames(t *testing.T) {
	raw := "Subject: liitteet\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n" +
		"--x\r\nContent-Type: text/plain\r\n\r\nkatso liitteet\r\n" +
		"--x\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n" +
		" filename*0*=utf-8''Tietopyynt%C3%B6%20;\r\n filename*1=\"osa 2.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nSGVp\r\n" +
		"--x\r\nContent-Type: text/plain; name=\"C:\\\\Users\\\\pm\\\\muistio.txt\"\r\nContent-Disposition: attachment\r\n\r\nliitteen teksti\r\n" +
		"--x\r\nContent-Type: text/csv; name=\"=?utf-8?b?dGlsYXVrc2V0LmNzdg==?=\"\r\n\r\na;b\r\n" +
		"--x--\r\n"
	p := Parse([]byte(raw))
	want := []Attachment{
		{Name: "Tietopyyntö osa 2.pdf", Type: "application/pdf", Size: 3},
		{Name: "muistio.txt", Type: "text/plain", Size: 15},
		{Name: "tilaukset.csv", Type: "text/csv", Size: 3},
	}
	if !reflect.DeepEqual(p.Attachments, want) {
		t.Errorf("Attachments = %+v, want %+v", p.Attachments, want)
	}
	if p.Text != "katso liitteet" {
		t.Errorf("Text = %q", p.Text)
	}
}

func TestParseAlternativeFallsBackToHTML(t *testing.T) {
	raw := "Subject: x\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n" +
		"--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n \r\n" +
		"--a\r\nContent-Type: multipart/related; boundary=\"r\"\r\n\r\n" +
		"--r\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<p>Poistakaa tietoni, Ty\xf6nantaja Oy</p>\r\n" +
		"--r\r\nContent-Type: image/png\r\nContent-Disposition: inline; filename=logo.png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n" +
		"--r--\r\n--a--\r\n"
	p := Parse([]byte(raw))
	if p.Text != "Poistakaa tietoni, Työnantaja Oy" {
		t.Errorf("Text = %q", p.Text)
	}
	if len(p.Attachments) != 1 || p.Attachments[0].Name != "logo.png" || p.Attachments[0].Size != 8 {
		t.Errorf("Attachments = %+v", p.Attachments)
	}
}

// TestParseAlternativeAfterPlain checks that an HTML alternative after a
// plain text, which is not converted, still reports what its decoding
// found, and that an HTML part standing alone or first is still read.
func TestParseAlternativeAfterPlain(t *testing.T) {
	raw := "Subject: x\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n" +
		"--a\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPoistakaa tietoni\r\n" +
		"--a\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+T3RoZXI8L3A+!!\r\n" +
		"--a--\r\n"
	p := Parse([]byte(raw))
	if p.Text != "Poistakaa tietoni" || !strings.Contains(p.ParseError, "invalid base64 data") {
		t.Errorf("Text = %q, ParseError = %q; want the plain text and the HTML part's bad base64", p.Text, p.ParseError)
	}
	raw = "Subject: x\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n" +
		"--a\r\nContent-Type: text/html\r\n\r\n<p>Ensin</p>\r\n" +
		"--a\r\nContent-Type: text/plain\r\n\r\nToinen\r\n" +
		"--a\r\nContent-Type: text/html\r\n\r\n<p>Kolmas</p>\r\n--a--\r\n"
	if p := Parse([]byte(raw)); p.Text != "Toinen" {
		t.Errorf("Text = %q, want the plain alternative", p.Text)
	}
}

func TestParseHTMLMetaCharset(t *testing.T) {
	raw := "Subject: x\r\nContent-Type: text/html\r\n\r\n" +
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head>" +
		"<body>Hinta 10 \x80</body></html>"
	if p := Parse([]byte(raw)); p.Text != "Hinta 10 €" {
		t.Errorf("Text = %q", p.Text)
	}
}

func TestHTMLToText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>Yksi</p><p>Kaksi</p>", "Yksi\n\nKaksi"},
		{"br", "rivi<br>toinen<br/><br><br><br>kolmas", "rivi\ntoinen\n\nkolmas"},
		{"whitespace", "  paljon \n\t  tyhjää   tässä ", "paljon tyhjää tässä"},
		{"entities", "&auml;&ouml; &euro; &amp; &lt;tag&gt; &#8211; &nbsp;x", "äö € & <tag> – x"},
		{"script and style", "<style>p{}</style><script>alert(1)</script><p>näkyy</p>", "näkyy"},
		{"head dropped", "<html><head><title>T</title><meta charset=utf-8></head><body>runko</body></html>", "runko"},
		{"unclosed head", "<head><title>T</title><div>runko</div>", "runko"},
		{"list", "<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>loppu", "- a\n- b\n  - c\n\nloppu"},
		{"link differs", `<a href="https://example.fi/x">täältä</a>`, "täältä [https://example.fi/x]"},
		{"link same", `<a href="https://example.fi/">example.fi</a>`, "example.fi"},
		{"mailto same", `<a href="mailto:a@example.fi">a@example.fi</a>`, "a@example.fi"},
		{"anchor link", `<a href="#top">ylös</a>`, "ylös"},
		{"image link", `<a href="https://example.fi/"><img src="x.png"></a>`, "[https://example.fi/]"},
		{"link in a cell", `<table><tr><td>a</td><td><a href="https://example.fi">example.fi</a></td></tr></table>`, "a | example.fi"},
		{"table", "<table><tr><td>a</td><td>b</td></tr><tr><td></td><td>c</td></tr></table>", "a | b\nc"},
		{"blockquote", "<p>Vastaus</p><blockquote><p>alkuperäinen</p><p>viesti</p></blockquote>", "Vastaus\n\n> alkuperäinen\n\n> viesti"},
		{"pre", "<pre>a  b\n  c</pre>", "a  b\n  c"},
		{"headings", "<h1>Otsikko</h1>teksti", "Otsikko\n\nteksti"},
		{"div", "<div>a</div><div>b</div>", "a\nb"},
		{"comment", "a<!-- piilossa -->b", "ab"},
		{"broken", "<p>kesken <b>lihava", "kesken lihava"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		if got := htmlToText(tt.in); got != tt.want {
			t.Errorf("%s: htmlToText = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseTextValidUTF8(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkUTF8(t, Parse(raw))
		// Damaged copies must stay valid as well.
		for _, cut := range []int{len(raw) / 3, len(raw) / 2, len(raw) - 7} {
			if cut > 0 {
				checkUTF8(t, Parse(raw[:cut]))
			}
		}
		checkUTF8(t, Parse(bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))))
	}
}

// checkUTF8 fails the test if any string of p is not valid UTF-8.
func checkUTF8(t testing.TB, p Parsed) {
	t.Helper()
	for name, s := range stringFields(p) {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
	}
	if strings.Contains(p.Text, "\r") {
		t.Errorf("Text contains a carriage return")
	}
}

func stringFields(p Parsed) map[string]string {
	m := map[string]string{
		"MessageID": p.MessageID, "Subject": p.Subject, "Text": p.Text, "ParseError": p.ParseError,
		"From.Name": p.From.Name, "From.Email": p.From.Email,
	}
	for i, s := range p.InReplyTo {
		m[fmt.Sprint("InReplyTo", i)] = s
	}
	for i, s := range p.References {
		m[fmt.Sprint("References", i)] = s
	}
	for i, a := range p.To {
		m[fmt.Sprint("To.Name", i)] = a.Name
		m[fmt.Sprint("To.Email", i)] = a.Email
	}
	for i, h := range p.Headers {
		m[fmt.Sprint("Header.Key", i)] = h.Key
		m[fmt.Sprint("Header.Value", i)] = h.Value
	}
	for i, a := range p.Attachments {
		m[fmt.Sprint("Attachment.Name", i)] = a.Name
		m[fmt.Sprint("Attachment.Type", i)] = a.Type
	}
	if f := p.Forward; f != nil {
		m["Forward.From.Name"], m["Forward.From.Email"] = f.From.Name, f.From.Email
		m["Forward.Subject"], m["Forward.Text"] = f.Subject, f.Text
	}
	return m
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.eml"))
	for _, name := range files {
		raw, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add(nestedMultipart(40))
	f.Add(nestedMessages(40))
	f.Add([]byte("Subject: =?utf-8?q?=C3?= =?utf-8?b?pA==?=\r\nFrom: \"a\\\" <b>, =?x?q?,?= <c@d>\r\n\r\n<p>x"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		p := Parse(raw)
		checkUTF8(t, p)
		Classify(p)
	})
}

package inbox

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox/demo"
)

// langStaff are the staff domains the language tests use, as the real
// configuration does by default.
var langStaff = []string{"sesoma.fi"}

// TestLanguageCorpus requires every mail of the labelled corpus to be read
// in the language its label names, through the same path a sync takes.
func TestLanguageCorpus(t *testing.T) {
	dir := filepath.Join("testdata", "corpus")
	b, err := os.ReadFile(filepath.Join(dir, "labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	langCol := -1
	for i, name := range strings.Split(strings.TrimRight(lines[0], "\r"), "\t") {
		if name == "lang" {
			langCol = i
		}
	}
	if langCol < 0 {
		t.Fatalf("labels.tsv has no lang column: %q", lines[0])
	}
	n, right := 0, 0
	for i, line := range lines[1:] {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) <= langCol {
			t.Fatalf("labels.tsv line %d: %d fields, want more than %d", i+2, len(f), langCol)
		}
		raw, err := os.ReadFile(filepath.Join(dir, f[0]))
		if err != nil {
			t.Fatal(err)
		}
		m := NewMail("INBOX", 1, 1, time.Now(), int64(len(raw)), raw, langStaff)
		n++
		if m.Lang == f[langCol] {
			right++
		} else {
			t.Errorf("%s: language %q, want %q", f[0], m.Lang, f[langCol])
		}
	}
	if n < 97 {
		t.Errorf("%d labelled mails, want at least 97", n)
	}
	t.Logf("language: %d of %d corpus mails right", right, n)
}

// TestLanguageDemo checks the demo samples against the language their table
// gives them.
func TestLanguageDemo(t *testing.T) {
	for _, s := range demo.Samples() {
		m := NewMail("INBOX", 1, 1, time.Now().Add(-s.Age), int64(len(s.Raw)), s.Raw, langStaff)
		if m.Lang != s.Lang {
			t.Errorf("%s: language %q, want %q", s.Name, m.Lang, s.Lang)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name, subject, text, contentLang, want string
	}{
		{"fi one-liner", "", "Poistakaa tietoni.", "", "fi"},
		{"fi thanks", "", "Kiitos!", "", "fi"},
		{"fi without umlauts", "", "haluan etta poistatte tietoni rekisteristanne", "", "fi"},
		{"fi with unreadable ä", "", "Hei, min\uFFFD en halua en\uFFFD\uFFFD mainoksia, min\xe4 en", "", "fi"},
		{"sv one-liner", "", "Radera mina uppgifter, tack.", "", "sv"},
		{"sv greeting", "", "Hej!", "", "sv"},
		{"sv lower-case i is no English I", "", "jag bor i stockholm och vill ha en kopia av mina uppgifter", "", "sv"},
		{"en one-liner", "", "Please delete my data.", "", "en"},
		{"en unsubscribe", "Re: Sesoma News", "unsubscribe", "", "en"},
		{"en subject only", "Request for a copy of my data", "", "", "en"},
		{"sv subject, empty body", "Registerutdrag", "", "", "sv"},
		{"body outweighs subject", "Tietojen poisto", "Hello, please delete all the data you hold about me. Thanks, Tom", "", "en"},
		{
			"fi reply above an English quote", "Re: Your request",
			"Kiitos, mutta haluan silti, että poistatte tietoni.\n\n" +
				"On Mon, 3 Nov 2026 at 10:00, Sesoma Support <support@sesoma.fi> wrote:\n" +
				"> Thank you for your message. We have received your request and we will\n" +
				"> answer it within one month. If you have any questions, please reply to this e-mail.\n" +
				"> Kind regards, the Sesoma privacy team\n",
			"", "fi",
		},
		{
			"en reply above a fi quote", "Re: Tietopyyntö",
			"Thanks, that is fine.\n\n" +
				"-----Alkuperäinen viesti-----\nLähettäjä: Sesoma <tietosuoja@sesoma.fi>\nLähetetty: 3. marraskuuta 2026\nAihe: Tietopyyntö\n\n" +
				"Hei, olemme vastaanottaneet pyyntösi ja vastaamme siihen kuukauden kuluessa. " +
				"Ystävällisin terveisin, Sesoman tietosuojatiimi\n",
			"", "en",
		},
		{
			"bilingual notice: the first language", "Frånvaro",
			"Jag är på semester och läser inte min e-post förrän den 10 november. Vid brådskande ärenden, kontakta kundtjänst.\n\n" +
				"I am on holiday and will not read my e-mail until 10 November. For urgent matters, please contact our customer service.\n",
			"", "sv",
		},
		{
			"bilingual fi notice", "",
			"Olen lomalla enkä lue sähköpostiani ennen 10. marraskuuta. Kiireellisissä asioissa ota yhteyttä asiakaspalveluun.\n\n" +
				"I am on holiday and will not read my e-mail until 10 November. For urgent matters, please contact our customer service.\n",
			"", "fi",
		},
		{"addresses and links are no words", "", "anna.lindqvist@example.se https://example.se/se/det", "", "fi"},
		{"no words: Content-Language sv", "", "040 123 4567", "sv-FI", "sv"},
		{"no words: Content-Language en", "", "", "en-GB", "en"},
		{"no words: first known Content-Language", "", "", "de-DE, en", "en"},
		{"no words: unknown Content-Language", "", "", "de-DE", "fi"},
		{"no words, no header: Finnish", "", "123456", "", "fi"},
		{"a tie: Content-Language decides", "", "Hej, hello", "en-US", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Parsed{From: Address{"", "someone@example.net"}, Subject: tt.subject, Text: tt.text}
			if tt.contentLang != "" {
				p.Headers = []Header{{Key: "Content-Language", Value: tt.contentLang}}
			}
			if got := Language(p); got != tt.want {
				t.Errorf("Language(%q, %q) = %q, want %q", tt.subject, tt.text, got, tt.want)
			}
		})
	}
}

// staffForwardSv is a Swedish request a colleague forwarded with a note in
// Finnish, from a client that marks its mail as Finnish.
const staffForwardSv = "From: Liisa Virtanen <liisa.virtanen@sesoma.fi>\r\n" +
	"To: tietosuoja@sesoma.fi\r\n" +
	"Subject: VL: Radering av mina uppgifter\r\n" +
	"Date: Tue, 3 Nov 2026 10:12:00 +0200\r\n" +
	"Message-ID: <vl-1@sesoma.fi>\r\n" +
	"Content-Language: fi-FI\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"\r\n" +
	"Hei, tämä tuli asiakaspalveluun. Voisitko hoitaa tämän? Kiitos!\r\n" +
	"\r\n" +
	"Terveisin Liisa\r\n" +
	"\r\n" +
	"---------- Forwarded message ---------\r\n" +
	"From: Karin Åberg <karin.aberg@example.se>\r\n" +
	"Date: Mon, 2 Nov 2026 at 09:14\r\n" +
	"Subject: Radering av mina uppgifter\r\n" +
	"To: <info@sesoma.fi>\r\n" +
	"\r\n" +
	"Hej,\r\n" +
	"\r\n" +
	"jag vill att ni raderar alla mina personuppgifter och bekräftar det skriftligen.\r\n" +
	"\r\n" +
	"Med vänliga hälsningar\r\n" +
	"Karin Åberg\r\n"

// TestLanguageStaffForward: for a staff forward the original is the
// requester's text, and the colleague's note and Content-Language do not
// count; a customer's own forward is judged by the customer's own words.
func TestLanguageStaffForward(t *testing.T) {
	raw := []byte(staffForwardSv)
	m := NewMail("INBOX", 1, 1, time.Now(), int64(len(raw)), raw, langStaff)
	if !m.StaffForward || m.Requester.Email != "karin.aberg@example.se" {
		t.Fatalf("not read as a staff forward: StaffForward %v, requester %q", m.StaffForward, m.Requester.Email)
	}
	if m.Lang != "sv" {
		t.Errorf("staff forward of a Swedish request: language %q, want sv", m.Lang)
	}
	if m := NewMail("INBOX", 1, 1, time.Now(), int64(len(raw)), raw, nil); m.StaffForward || m.Lang != "fi" {
		t.Errorf("forward from outside the staff: StaffForward %v, language %q, want the forwarder's fi", m.StaffForward, m.Lang)
	}
}

func FuzzLanguage(f *testing.F) {
	f.Add("Tietojeni poisto", "Poistakaa tietoni.", "")
	f.Add("Registerutdrag", "Hej, jag begär registerutdrag.\n\nI'm here", "sv")
	f.Add("", "don't 'x' ’ I’m a’ \uFFFD é\u0301 www.x a@b http://y", "en-GB")
	f.Add("", strings.Repeat("Ä", maxWord+3)+" ääää", "")
	f.Fuzz(func(t *testing.T, subject, text, contentLang string) {
		p := Parsed{Subject: subject, Text: text, Headers: []Header{{Key: "Content-Language", Value: contentLang}}}
		switch got := Language(p); got {
		case LangFinnish, LangSwedish, LangEnglish:
		default:
			t.Fatalf("Language = %q", got)
		}
	})
}

// BenchmarkLanguage reads the language of the classifier's benchmark mail,
// as NewMail does after Classify.
func BenchmarkLanguage(b *testing.B) {
	p := benchmarkMail()
	b.SetBytes(int64(len(p.Text)))
	b.ReportAllocs()
	for b.Loop() {
		Language(p)
	}
}

// BenchmarkLanguageUndecided is the worst case: 64 KB of text in two
// languages evenly, read to its end.
func BenchmarkLanguageUndecided(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < maxAnalysed {
		sb.WriteString("Hej och tack. Hello and thanks. ")
	}
	p := Parsed{Text: sb.String()}
	b.SetBytes(int64(len(p.Text)))
	b.ReportAllocs()
	for b.Loop() {
		Language(p)
	}
}

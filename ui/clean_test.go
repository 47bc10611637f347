package ui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"testing/quick"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	sp := func(n int) string { return strings.Repeat(" ", n) }
	tests := []struct {
		name, in, want string
	}{
		// Unchanged text.
		{"empty", "", ""},
		{"ascii", "Hello, world! 100 % <ok> ~", "Hello, world! 100 % <ok> ~"},
		{"newlines kept", "line 1\nline 2\n\n", "line 1\nline 2\n\n"},
		{"finnish swedish", "Hyvää päivää! Pyydän tietojeni poistamista.\nÅsa Öberg, Ängelholm, åäö ÅÄÖ",
			"Hyvää päivää! Pyydän tietojeni poistamista.\nÅsa Öberg, Ängelholm, åäö ÅÄÖ"},
		{"emoji cjk", "👍🏽 🇫🇮 ✅ データ削除 個人情報 한국어", "👍🏽 🇫🇮 ✅ データ削除 個人情報 한국어"},
		{"combining and rtl letters", "e\u0301 שלום مرحبا", "e\u0301 שלום مرحبا"},
		{"marks themselves", "␍ ␡ ⁇ ⟨9B⟩ �", "␍ ␡ ⁇ ⟨9B⟩ �"},

		// CSI.
		{"csi colour", "\x1b[31mred\x1b[0m and \x1b[1;38;2;255;0;0mbold\x1b[m", "red and bold"},
		{"csi cursor movement", "a\x1b[2Ab\x1b[10;20Hc\x1b[K\x1b[2J\x1b[?25l", "abc"},
		{"csi private and intermediate", "x\x1b[?1049h\x1b[1 qy", "xy"},
		{"csi 8-bit", "\u009b31mred\u009b0m", "red"},
		{"csi 8-bit cursor", "ok\u009b1;1H\u009b2Jthen", "okthen"},
		{"csi cut short by newline", "a\x1b[31\nb", "a\nb"},
		{"csi cut short by letter", "a\x1b[31äb", "aäb"},
		{"csi at end", "a\x1b[31;4", "a"},

		// OSC.
		{"osc 8 bel", "see \x1b]8;;https://evil.example/\x07click here\x1b]8;;\x07 now",
			"see click here now"},
		{"osc 8 st", "see \x1b]8;id=1;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\ now",
			"see click here now"},
		{"osc 8 8-bit st", "\x1b]8;;https://evil.example/\u009cclick\x1b]8;;\u009c", "click"},
		{"osc 52 clipboard", "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07after", "after"},
		{"osc title", "\x1b]0;pwned\x1b\\x\x1b]2;t\x07y", "xy"},
		{"osc aborted by esc", "\x1b]0;title\x1b[1mbold", "bold"},
		{"osc unterminated", "before\x1b]8;;https://evil.example/ the rest\nof the mail", "before"},

		// DCS, SOS, PM, APC.
		{"dcs query", "\x1bP+q544e\x1b\\ok", "ok"},
		{"dcs decrqss", "a\x1bP$qm\x1b\\b", "ab"},
		{"dcs bel does not end", "\x1bPabc\x07def\x1b\\x", "x"},
		{"dcs unterminated", "a\x1bPqqq\nmore", "a"},
		{"apc", "\x1b_Gf=100,a=T;AAAA\x1b\\img", "img"},
		{"sos pm", "\x1bXsos\x1b\\a\x1b^pm\x1b\\b", "ab"},
		{"apc unterminated", "x\x1b_", "x"},

		// Other ESC sequences.
		{"lone esc at end", "abc\x1b", "abc"},
		{"lone esc only", "\x1b", ""},
		{"esc c and save restore", "\x1bcA\x1b7B\x1b8", "AB"},
		{"esc charset", "\x1b(Bx\x1b)0y", "xy"},
		{"esc intermediate at end", "x\x1b(", "x"},
		{"esc before non-ascii", "\x1bä", "ä"},
		{"esc before newline", "a\x1b\nb", "a\nb"},
		{"esc before control", "a\x1b\rb", "a␍b"},
		{"double esc", "\x1b\x1b[31mx", "x"},
		{"stray st", "a\x1b\\b", "ab"},

		// C0 and DEL.
		{"carriage return", "Total: 100 EUR\rTotal:   0 EUR", "Total: 100 EUR␍Total:   0 EUR"},
		{"crlf is a newline", "a\r\nb\r\n", "a\nb\n"},
		{"cr cr lf", "a\r\r\nb", "a␍\nb"},
		{"cr at end", "a\r", "a␍"},
		{"backspace", "paid\b\b\b\bunpaid", "paid␈␈␈␈unpaid"},
		{"nul", "a\x00b", "a␀b"},
		{"bel vt ff", "\a\v\f", "␇␋␌"},
		{"unit separator", "\x1f", "␟"},
		{"del", "a\x7fb", "a␡b"},

		// C1.
		{"c1 nel", "a\u0085b", "a⟨85⟩b"},
		{"c1 first and last", "\u0080\u009f", "⟨80⟩⟨9F⟩"},
		{"c1 stray csi at end", "a\u009b", "a⟨9B⟩"},
		{"c1 csi before non-ascii", "\u009bä", "⟨9B⟩ä"},
		{"c1 8-bit osc", "\u009d8;;https://x\u009cclick", "⟨9D⟩8;;https://x⟨9C⟩click"},
		{"c1 8-bit dcs", "\u0090q\u009c", "⟨90⟩q⟨9C⟩"},

		// Bidi and invisible format characters.
		{"rlo file name", "invoice\u202efdp.exe", "invoice⁇fdp.exe"},
		{"zero width space", "pay\u200bpal", "pay⁇pal"},
		{"bom", "\ufeffHello", "⁇Hello"},
		{"lri pdi", "\u2066abc\u2069", "⁇abc⁇"},
		{"alm", "a\u061cb", "a⁇b"},
		{"run is one mark", "a\u202e\u200b\u2066\u2060b", "a⁇b"},
		{"run across removed escape", "a\u202e\x1b[0m\u202db", "a⁇b"},
		{"zwj in emoji is marked", "👨\u200d💻", "👨⁇💻"},

		// Line separators.
		{"line separator", "a\u2028b\u2029c", "a\nb\nc"},

		// Invalid UTF-8.
		{"invalid bytes", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"raw 8-bit csi byte", "\x9b31m", "\ufffd31m"},
		{"overlong", "\xc0\xaf", "\ufffd\ufffd"},
		{"surrogate", "\xed\xa0\x80", "\ufffd\ufffd\ufffd"},
		{"truncated sequence", "ä\xe2\x82", "ä\ufffd\ufffd"},

		// Tabs.
		{"tab at start", "\tx", sp(8) + "x"},
		{"tab after 3", "abc\tx", "abc" + sp(5) + "x"},
		{"tab after 7", "abcdefg\tx", "abcdefg" + sp(1) + "x"},
		{"tab after 8", "abcdefgh\tx", "abcdefgh" + sp(8) + "x"},
		{"two tabs", "a\tb\tc", "a" + sp(7) + "b" + sp(7) + "c"},
		{"double tab", "a\t\tc", "a" + sp(15) + "c"},
		{"tab after umlauts", "äö\tx", "äö" + sp(6) + "x"},
		{"tab after cjk", "漢字\tx", "漢字" + sp(4) + "x"},
		{"tab after wide overflow", "漢字漢字a\tx", "漢字漢字a" + sp(7) + "x"},
		{"tab on second line", "abcdefghij\nab\tx", "abcdefghij\nab" + sp(6) + "x"},
		{"tab after removed escape", "\x1b[31m\tx", sp(8) + "x"},
		{"tab after mark", "\x00\tx", "␀" + sp(7) + "x"},
		{"tab after del", "\x7f\tx", "␡" + sp(7) + "x"},
		{"tab after invalid byte", "\xff\tx", "\ufffd" + sp(7) + "x"},
		{"tab after hidden mark", "\u202e\tx", "⁇" + sp(7) + "x"},
		{"tab after c1 mark", "\u0085\tx", "⟨85⟩" + sp(4) + "x"},
		{"tab after crlf", "abc\r\n\tx", "abc\n" + sp(8) + "x"},
		{"tab after clean prefix", "Hyvää\tx", "Hyvää" + sp(3) + "x"},
		{"tab after prefix line", "first line\nÅ\tx", "first line\nÅ" + sp(7) + "x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkCleanOutput(t, tt.in, got, false)
		})
	}
}

func TestCleanLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "Åsa Öberg", "Åsa Öberg"},
		{"only space", " \t\n ", ""},
		{"trim and collapse", "  Subject:\tHello\r\n  world  ", "Subject: Hello world"},
		{"newlines", "a\n\nb", "a b"},
		{"double space", "a  b", "a b"},
		{"leading space", " a", "a"},
		{"trailing space", "a ", "a"},
		{"removed escape between spaces", "a \x1b[31m b", "a b"},
		{"removed escape at start", "\x1b[31m a", "a"},
		{"osc 8 link", "\x1b]8;;https://evil.example/\x07Click\x1b]8;;\x07", "Click"},
		{"lone cr visible", "a\rb", "a␍b"},
		{"crlf is space", "a\r\nb", "a b"},
		{"line separator", "x\u2028y", "x y"},
		{"rlo", "invoice\u202efdp.exe", "invoice⁇fdp.exe"},
		{"tabs", "a\t\tb", "a b"},
		{"nbsp kept", "a\u00a0b", "a\u00a0b"},
		{"controls", "\x00\x7f\u0085", "␀␡⟨85⟩"},
		{"invalid", "x\xff", "x\ufffd"},
		{"cjk", "個人情報 データ", "個人情報 データ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CleanLine(tt.in)
			if got != tt.want {
				t.Errorf("CleanLine(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			checkCleanOutput(t, tt.in, got, true)
		})
	}
}

func TestHiddenChars(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"plain text, ääkköset", 0},
		{"invoice\u202efdp.exe", 1},
		{"\u2066abc\u2069", 2},
		{"a\u202e\u200b\u2066\u2060b", 4},
		{"\ufeff\u061c\u200f\u202a\u2069", 5},
		{"\xff\u2028\u0085", 0},
	}
	for _, tt := range tests {
		if got := HiddenChars(tt.in); got != tt.want {
			t.Errorf("HiddenChars(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestHiddenBanner(t *testing.T) {
	if got := HiddenBanner("plain"); got != "" {
		t.Errorf("HiddenBanner(plain) = %q, want empty", got)
	}
	for _, in := range []string{"a\u202eb", "\u2066a\u2069"} {
		got := HiddenBanner(in)
		if !strings.Contains(got, HiddenMark) || got != CleanLine(got) {
			t.Errorf("HiddenBanner(%q) = %q, want a clean line naming %s", in, got, HiddenMark)
		}
	}
}

// TestCleanNoAlloc checks the common case: text that needs no change comes
// back as is, without allocating.
func TestCleanNoAlloc(t *testing.T) {
	plain := cleanFinnishText(10 << 10)
	line := "Åsa Öberg <asa@example.fi> – tietopyyntö 2024-05-01"
	if Clean(plain) != plain || CleanLine(line) != line {
		t.Fatal("plain text changed")
	}
	if n := testing.AllocsPerRun(100, func() { _ = Clean(plain) }); n != 0 {
		t.Errorf("Clean(plain) allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = CleanLine(line) }); n != 0 {
		t.Errorf("CleanLine(plain) allocates %v times", n)
	}
}

// TestCleanLinear checks that long hostile inputs do not take quadratic time.
func TestCleanLinear(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("\x1b[", 1<<16),
		strings.Repeat("\x1b]", 1<<16),
		strings.Repeat("\u009b1;", 1<<16),
		strings.Repeat("漢\t", 1<<16),
		strings.Repeat("\u202e \t", 1<<16),
		"\x1b]" + strings.Repeat("\xc2", 1<<17),
	} {
		// A quadratic algorithm would take minutes here; the race detector
		// and slow machines still finish well within the test timeout.
		_ = Clean(in)
		_ = CleanLine(in)
	}
}

// cleanAlphabet holds the pieces random inputs are made of: plenty of
// escape introducers, terminators, C1 controls in both encodings, bidi
// characters and whitespace, with some ordinary text.
var cleanAlphabet = []string{
	"\x1b", "\x1b", "\x1b", "[", "]", "P", "X", "^", "_", "\\", "(", "7", "c",
	"\x07", "\u009b", "\u009b", "\u009c", "\u009d", "\u0085", "\xc2", "\x9b", "\x9c",
	"\u202e", "\u202e", "\u200b", "\u200d", "\ufeff", "\u2066", "\u2069", "\u061c",
	"\u2028", "\t", "\t", "\n", "\r", "\r\n", " ", " ", "\x00", "\x08", "\x7f",
	"\xff", "\xe2", "\x80", "a", "ä", "Å", "漢", "👍", "0", "1", ";", "m", "H", "?",
	// Every bidi override, embedding, isolate and mark.
	"\u202a", "\u202b", "\u202c", "\u202d", "\u2067", "\u2068", "\u200e", "\u200f",
	"\x1b\\", "\u009d", "\u0090", "\u009e", "\u009f", "\u0080", "\x1b]8;;", "\x1bP",
}

// cleanRandomBytes returns up to 64 bytes drawn from C0, DEL, C1 as UTF-8
// and as raw bytes, bidi characters and UTF-8 lead and continuation bytes.
func cleanRandomBytes(r *rand.Rand) string {
	var b []byte
	for range r.IntN(64) {
		switch r.IntN(6) {
		case 0:
			b = append(b, byte(r.IntN(0x20)), 0x7f)
		case 1:
			b = utf8.AppendRune(b, rune(0x80+r.IntN(0x20)))
		case 2:
			b = append(b, byte(0x80+r.IntN(0x80)))
		case 3:
			bidi := []rune{0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}
			b = utf8.AppendRune(b, bidi[r.IntN(len(bidi))])
		case 4:
			b = append(b, 0x1b, byte(0x20+r.IntN(0x60)))
		default:
			b = append(b, byte(r.IntN(256)))
		}
	}
	return string(b)
}

func cleanRandomHostile(r *rand.Rand) string {
	var b strings.Builder
	n := r.IntN(40)
	for range n {
		if r.IntN(8) == 0 {
			b.WriteByte(byte(r.IntN(256)))
		} else {
			b.WriteString(cleanAlphabet[r.IntN(len(cleanAlphabet))])
		}
	}
	return b.String()
}

func TestCleanProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 100000 {
		in := cleanRandomHostile(r)
		if i%2 == 1 {
			in = cleanRandomBytes(r)
		}
		checkClean(t, in)
		if t.Failed() {
			t.Fatalf("input %q", in)
		}
	}
}

// TestCleanQuick checks the properties on testing/quick's random strings
// (valid UTF-8 over all of Unicode) and random bytes.
func TestCleanQuick(t *testing.T) {
	ok := func(in string) bool {
		checkClean(t, in)
		return !t.Failed()
	}
	cfg := &quick.Config{MaxCount: 20000}
	if err := quick.Check(ok, cfg); err != nil {
		t.Error(err)
	}
	if err := quick.Check(func(b []byte) bool { return ok(string(b)) }, cfg); err != nil {
		t.Error(err)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"",
		"Hyvää päivää, Åsa!\n\tterveisin",
		"\x1b[31mred\x1b[0m",
		"\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07",
		"\x1b]52;c;Y3VybA==\x1b\\",
		"\x1bP+q544e\x1b\\",
		"\x1b_Gf=100;AAAA",
		"\u009b31m\u0085\u009b",
		"\xc2\x9b\x9b\xc2",
		"invoice\u202efdp.exe \u200b\ufeff\u2066\u2069",
		"a\rb\bc\x00\x7f\r\n",
		"漢字\t👍\tä\t\xff",
		"\u202a\u202b\u202c\u202d\u2067\u2068\u200e\u200f\u061c",
		"\x80\x9f\xc2\x80\xc2\x9f\x1b\xc2\x9b",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkClean(t, in)
	})
}

// checkClean checks the properties of Clean and CleanLine on in.
func checkClean(t *testing.T, in string) {
	t.Helper()
	c := Clean(in)
	checkCleanOutput(t, in, c, false)
	if cc := Clean(c); cc != c {
		t.Errorf("Clean not idempotent on %q:\n once  %q\n twice %q", in, c, cc)
	}
	l := CleanLine(in)
	checkCleanOutput(t, in, l, true)
	if ll := CleanLine(l); ll != l {
		t.Errorf("CleanLine not idempotent on %q:\n once  %q\n twice %q", in, l, ll)
	}
	if cl := Clean(l); cl != l {
		t.Errorf("Clean changes CleanLine output for %q:\n line  %q\n clean %q", in, l, cl)
	}
}

// checkCleanOutput checks that out, the output of Clean (line false) or
// CleanLine (line true) for in, is safe to draw.
func checkCleanOutput(t *testing.T, in, out string, line bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("output for %q is not valid UTF-8: %q", in, out)
	}
	for i, r := range out {
		bad := ""
		switch {
		case r == '\n':
			if line {
				bad = "newline"
			}
		case r == '\t':
			bad = "tab"
		case r == 0x1B:
			bad = "ESC"
		case r < 0x20:
			bad = "C0 control"
		case r == 0x7F:
			bad = "DEL"
		case r >= 0x80 && r <= 0x9F:
			bad = "C1 control"
		case r == 0x061C, r == 0x200E, r == 0x200F, 0x202A <= r && r <= 0x202E, 0x2066 <= r && r <= 0x2069:
			bad = "bidi control" // listed here, not taken from clean.go
		case cleanIsHidden(r), r == 0x2028, r == 0x2029:
			bad = "hidden character"
		}
		if bad != "" {
			t.Errorf("output for %q has a %s (%U) at %d: %q", in, bad, r, i, out)
			return
		}
	}
	if line && (strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") || strings.Contains(out, "  ")) {
		t.Errorf("CleanLine output for %q is not trimmed and collapsed: %q", in, out)
	}
	if HiddenChars(out) != 0 {
		t.Errorf("output for %q still has hidden characters: %q", in, out)
	}
}

// cleanFinnishText returns plain Finnish and Swedish prose of at least n bytes.
func cleanFinnishText(n int) string {
	const para = "Hyvä vastaanottaja,\n" +
		"pyydän EU:n yleisen tietosuoja-asetuksen 15 artiklan nojalla pääsyä " +
		"kaikkiin minua koskeviin henkilötietoihin, joita yrityksenne käsittelee, " +
		"sekä tietoa käsittelyn tarkoituksista ja säilytysajoista. Pyydän myös " +
		"poistamaan vanhentuneet osoitetietoni. Jag heter Åsa Öberg och bor i " +
		"Ängelholm; mitt kundnummer är 40 123.\n" +
		"Ystävällisin terveisin,\nÅsa Öberg\n\n"
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.String()
}

// cleanHostileText returns text of at least n bytes full of escape sequences,
// controls, bidi characters, tabs and invalid bytes.
func cleanHostileText(n int) string {
	const para = "Hyvää päivää\x1b[31m!\x1b[0m Lasku: invoice\u202efdp.exe\r\n" +
		"\x1b]8;;https://evil.example/\x07klikkaa\x1b]8;;\x07 \x1b]52;c;cm0gLXJm\x07" +
		"\x1bP+q544e\x1b\\\tsumma\t100\u00a0€\rmaksettu\b\b\u009b2J\u0085\xff\xc3" +
		"\u200b\ufeff\u2066Åsa\u2069\x1b_apc\x1b\\\x1bc\x7f\x00\n"
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.String()
}

func BenchmarkClean(b *testing.B) {
	for _, bm := range []struct {
		name string
		in   string
	}{
		{"finnish", cleanFinnishText(10 << 10)},
		{"hostile", cleanHostileText(10 << 10)},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.in)))
			b.ReportAllocs()
			for b.Loop() {
				_ = Clean(bm.in)
			}
		})
	}
}

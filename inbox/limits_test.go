package inbox

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
)

// checkTooComplex checks that m was filed for an officer with a ParseError
// naming the limit want, and that its raw bytes are kept.
func checkTooComplex(t *testing.T, m Mail, raw []byte, want string) {
	t.Helper()
	if !IsTooComplex(m.ParseError) || !strings.Contains(m.ParseError, want) {
		t.Errorf("ParseError = %q, want %q… naming %q", m.ParseError, TooComplex, want)
	}
	if m.Disposition != Unparseable {
		t.Errorf("Disposition = %q, want %q", m.Disposition, Unparseable)
	}
	if !bytes.Equal(m.Raw, raw) || m.Hash == "" {
		t.Errorf("raw bytes not kept")
	}
	checkUTF8(t, m.Parsed)
}

// TestLimitDeepNesting parses a message nested 8,000 levels deep, in
// multiparts and in attached messages, as the sync does.
func TestLimitDeepNesting(t *testing.T) {
	for name, raw := range map[string][]byte{
		"multipart": nestedMultipart(8000),
		"rfc822":    nestedMessages(8000),
	} {
		t.Run(name, func(t *testing.T) {
			m := NewMail("INBOX", 1, 1, time.Now(), int64(len(raw)), raw, nil)
			checkTooComplex(t, m, raw, "MIME nesting deeper than 32 levels")
			if strings.Contains(m.ParseError, "took longer") {
				t.Errorf("hit the time limit: %q", m.ParseError)
			}
		})
	}
}

func BenchmarkLimitDeepNesting(b *testing.B) {
	raw := nestedMultipart(8000)
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		ParseLimited(raw, 0)
	}
}

func TestLimitParts(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("From: a@example.fi\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n")
	for range 1200 {
		b.WriteString("--m\r\nContent-Type: text/plain\r\n\r\nPoistakaa tietoni.\r\n")
	}
	b.WriteString("--m--\r\n")
	raw := b.Bytes()
	checkTooComplex(t, NewMail("INBOX", 1, 1, time.Now(), 0, raw, nil), raw, "more than 1000 MIME parts")
}

func TestLimitSize(t *testing.T) {
	raw := []byte("From: Åsa <asa@example.fi>\r\nSubject: Tietopyyntö\r\n\r\n" + strings.Repeat("Poistakaa tietoni.\r\n", 200))
	m := NewMailMax("INBOX", 1, 1, time.Now(), 0, raw, nil, 1000)
	checkTooComplex(t, m, raw, "message larger than 1000 bytes")
	if m.From.Email != "asa@example.fi" || m.Subject != "Tietopyyntö" || m.Text != "" {
		t.Errorf("From %q, Subject %q, Text %q: want the header only", m.From.Email, m.Subject, m.Text)
	}
	// At the cap it is parsed.
	m = NewMailMax("INBOX", 1, 1, time.Now(), 0, raw, nil, int64(len(raw)))
	if m.ParseError != "" || m.Text == "" {
		t.Errorf("at the cap: ParseError %q", m.ParseError)
	}
}

func TestLimitHeader(t *testing.T) {
	big := strings.Repeat("X-Filler: "+strings.Repeat("a", 90)+"\r\n", (maxHeaderBytes/100)+10)
	top := []byte("From: a@example.fi\r\n" + big + "Subject: x\r\n\r\nbody\r\n")
	checkTooComplex(t, NewMail("INBOX", 1, 1, time.Now(), 0, top, nil), top, "header block larger than 1 MiB")

	part := []byte("From: a@example.fi\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n" +
		"--b\r\n" + big + "\r\nbody\r\n--b--\r\n")
	checkTooComplex(t, NewMail("INBOX", 1, 1, time.Now(), 0, part, nil), part, "header block larger than 1 MiB")

	// Just under the limit is parsed.
	ok := []byte("From: a@example.fi\r\n" + strings.Repeat("X-Filler: "+strings.Repeat("a", 90)+"\r\n", 1000) + "\r\nbody\r\n")
	if p := ParseLimited(ok, 0); p.ParseError != "" || p.Text != "body" {
		t.Errorf("100 KB header: ParseError %q, Text %q", p.ParseError, p.Text)
	}
}

// TestLimitTime stalls a parse: ParseLimited gives up at the deadline and
// the late result is dropped.
func TestLimitTime(t *testing.T) {
	release := make(chan struct{})
	defer func(d time.Duration) { parseTimeout, parseStall = d, nil }(parseTimeout)
	parseTimeout, parseStall = 50*time.Millisecond, func() { <-release }
	defer close(release)

	raw := []byte("From: a@example.fi\r\nSubject: x\r\n\r\nPoistakaa tietoni.\r\n")
	start := time.Now()
	m := NewMail("INBOX", 1, 1, time.Now(), 0, raw, nil)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("a stalled parse took %v", d)
	}
	checkTooComplex(t, m, raw, "parsing took longer than 50ms")
}

// TestLimitDeadline checks that the parse itself stops at a passed
// deadline, so that an abandoned goroutine ends soon.
func TestLimitDeadline(t *testing.T) {
	p := parse(nestedMultipart(10), time.Now().Add(-time.Second))
	if !IsTooComplex(p.ParseError) || !strings.Contains(p.ParseError, "took longer") {
		t.Errorf("ParseError = %q", p.ParseError)
	}
}

func TestMaxSize(t *testing.T) {
	for in, want := range map[string]int64{
		"": DefaultMaxMessageSize, "25MB": 25 << 20, "1 MiB": 1 << 20, "100": 100,
		"512kb": 512 << 10, "2G": 2 << 30, "300B": 300,
	} {
		if got, err := (Config{MaxMessageSize: in}).MaxSize(); err != nil || got != want {
			t.Errorf("MaxSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "-1", "x", "25 XB", "5GB", "1.5MB"} {
		if _, err := (Config{MaxMessageSize: in}).MaxSize(); err == nil {
			t.Errorf("MaxSize(%q): no error", in)
		}
	}
	c := Config{Host: "h", Username: "u", MaxMessageSize: "lots"}.WithDefaults()
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "max_message_size") {
		t.Errorf("Validate = %v", err)
	}
}

func TestIsTooComplex(t *testing.T) {
	for in, want := range map[string]bool{
		"": false, "invalid base64 data": false,
		TooComplex + "x": true, "invalid base64 data; " + TooComplex + "x": true,
		fmt.Sprintf("a; b %s", TooComplex): false,
	} {
		if IsTooComplex(in) != want {
			t.Errorf("IsTooComplex(%q) != %v", in, want)
		}
	}
}

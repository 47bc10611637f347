package demo

import (
	"bytes"
	"io/fs"
	"mime"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// dial logs in to s and returns the client; the caller's test closes it.
func dial(t *testing.T, s *Server) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(s.Addr, nil)
	if err != nil {
		t.Fatalf("dial %s: %v", s.Addr, err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(s.Username, s.Password).Wait(); err != nil {
		t.Fatalf("login: %v", err)
	}
	return c
}

func TestServerServesSamples(t *testing.T) {
	now := time.Date(2025, 11, 20, 10, 0, 0, 0, time.UTC).Add(123456789 * time.Nanosecond)
	s, err := Start(now)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	if !strings.HasPrefix(s.Addr, "127.0.0.1:") {
		t.Errorf("Addr = %q, want a 127.0.0.1 address", s.Addr)
	}
	if len(s.Password) < 16 {
		t.Errorf("password %q is too short to be random", s.Password)
	}

	c := dial(t, s)
	if caps := c.Caps(); !caps.Has(imap.CapIMAP4rev1) {
		t.Errorf("server does not advertise IMAP4rev1: %v", caps)
	}

	samples := Samples()
	sel, err := c.Select(s.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("EXAMINE %s: %v", s.Mailbox, err)
	}
	if int(sel.NumMessages) != len(samples) {
		t.Fatalf("EXAMINE: %d messages, want %d", sel.NumMessages, len(samples))
	}

	var all imap.SeqSet
	all.AddRange(1, 0)
	msgs, err := c.Fetch(all, &imap.FetchOptions{
		UID:          true,
		InternalDate: true,
		Flags:        true,
		BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
	}).Collect()
	if err != nil {
		t.Fatalf("FETCH: %v", err)
	}
	if len(msgs) != len(samples) {
		t.Fatalf("FETCH returned %d messages, want %d", len(msgs), len(samples))
	}

	byRaw := make(map[string]Sample, len(samples))
	for _, smp := range samples {
		byRaw[string(smp.Raw)] = smp
	}
	seen := make(map[string]bool)
	var prevDate time.Time
	var prevUID imap.UID
	for _, m := range msgs {
		if len(m.BodySection) != 1 {
			t.Fatalf("message %d: %d body sections, want 1", m.SeqNum, len(m.BodySection))
		}
		body := m.BodySection[0].Bytes
		smp, ok := byRaw[string(body)]
		if !ok {
			t.Errorf("message %d (UID %d): BODY[] equals no embedded sample (%d bytes)", m.SeqNum, m.UID, len(body))
			continue
		}
		if seen[smp.Name] {
			t.Errorf("sample %s appears twice in INBOX", smp.Name)
		}
		seen[smp.Name] = true

		want := now.Add(-smp.Age).Truncate(time.Second)
		if !m.InternalDate.Equal(want) {
			t.Errorf("%s: INTERNALDATE %v, want %v", smp.Name, m.InternalDate, want)
		}
		if len(m.Flags) != 0 {
			t.Errorf("%s: flags %v, want none (unseen)", smp.Name, m.Flags)
		}
		// Oldest first: UIDs grow with INTERNALDATE.
		if m.UID <= prevUID || m.InternalDate.Before(prevDate) {
			t.Errorf("%s: UID %d at %v comes after UID %d at %v", smp.Name, m.UID, m.InternalDate, prevUID, prevDate)
		}
		prevUID, prevDate = m.UID, m.InternalDate
	}
	if len(seen) != len(samples) {
		t.Errorf("INBOX holds %d distinct samples, want %d", len(seen), len(samples))
	}

	// A message delivered now shows up at the next NOOP, and in STATUS.
	extra := []byte("Message-ID: <extra-1@example.fi>\r\n" +
		"Date: Thu, 20 Nov 2025 12:00:00 +0200\r\n" +
		"From: Testi Henkilo <testi@example.fi>\r\n" +
		"To: sesoma@sesoma.fi\r\n" +
		"Subject: Tietopyynto\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=us-ascii\r\n" +
		"\r\n" +
		"Haluan tiedot mita teilla on minusta.\r\n")
	at := now.Add(time.Minute)
	if err := s.Deliver(extra, at); err != nil {
		t.Fatalf("Deliver: %v", err)
	}
	if err := c.Noop().Wait(); err != nil {
		t.Fatalf("NOOP: %v", err)
	}
	if got := c.Mailbox().NumMessages; int(got) != len(samples)+1 {
		t.Errorf("after Deliver, selected mailbox has %d messages, want %d", got, len(samples)+1)
	}
	st, err := c.Status(s.Mailbox, &imap.StatusOptions{NumMessages: true}).Wait()
	if err != nil {
		t.Fatalf("STATUS: %v", err)
	}
	if st.NumMessages == nil || int(*st.NumMessages) != len(samples)+1 {
		t.Errorf("after Deliver, STATUS MESSAGES = %v, want %d", st.NumMessages, len(samples)+1)
	}
	last, err := c.Fetch(imap.SeqSetNum(uint32(len(samples)+1)), &imap.FetchOptions{
		InternalDate: true,
		BodySection:  []*imap.FetchItemBodySection{{Peek: true}},
	}).Collect()
	if err != nil || len(last) != 1 {
		t.Fatalf("FETCH delivered message: %v (%d messages)", err, len(last))
	}
	if !bytes.Equal(last[0].BodySection[0].Bytes, extra) {
		t.Errorf("delivered message came back changed")
	}
	if !last[0].InternalDate.Equal(at.Truncate(time.Second)) {
		t.Errorf("delivered message INTERNALDATE %v, want %v", last[0].InternalDate, at.Truncate(time.Second))
	}

	if err := c.Logout().Wait(); err != nil {
		t.Errorf("LOGOUT: %v", err)
	}
}

func TestServerRejectsWrongPassword(t *testing.T) {
	s, err := Start(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := imapclient.DialInsecure(s.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(s.Username, s.Password+"x").Wait(); err == nil {
		t.Error("login with a wrong password succeeded")
	}

	s2, err := Start(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.Password == s.Password {
		t.Error("two servers got the same password")
	}
	if s2.Addr == s.Addr {
		t.Error("two servers got the same address")
	}
}

func TestClose(t *testing.T) {
	s, err := Start(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	c, err := imapclient.DialInsecure(s.Addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(s.Username, s.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	select {
	case <-c.Closed():
	case <-time.After(5 * time.Second):
		t.Error("client connection still open after Close")
	}
	if c2, err := imapclient.DialInsecure(s.Addr, nil); err == nil {
		// The port may in principle have been taken by someone else; a
		// greeting from our server would show it is still listening.
		if c2.Noop().Wait() == nil {
			t.Error("server still answers after Close")
		}
		c2.Close()
	}
}

func TestTableMatchesEmbeddedFiles(t *testing.T) {
	files, err := fs.Glob(mailFS, "mail/*.eml")
	if err != nil {
		t.Fatal(err)
	}
	inTable := make(map[string]bool)
	for _, s := range samples {
		if inTable[s.name] {
			t.Errorf("%s listed twice in the table", s.name)
		}
		inTable[s.name] = true
	}
	for _, f := range files {
		name := strings.TrimPrefix(f, "mail/")
		if !inTable[name] {
			t.Errorf("%s is embedded but not in the table", name)
		}
		delete(inTable, name)
	}
	for name := range inTable {
		t.Errorf("%s is in the table but not embedded", name)
	}
	for i := 1; i < len(samples); i++ {
		if samples[i-1].name >= samples[i].name {
			t.Errorf("table not in file order: %s before %s", samples[i-1].name, samples[i].name)
		}
	}
}

func TestSamplesAreWellFormed(t *testing.T) {
	ids := make(map[string]string)
	for _, s := range Samples() {
		msg, err := mail.ReadMessage(bytes.NewReader(s.Raw))
		if err != nil {
			t.Errorf("%s: not RFC 5322: %v", s.Name, err)
			continue
		}
		id := msg.Header.Get("Message-ID")
		if !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, ">") || !strings.Contains(id, "@") {
			t.Errorf("%s: Message-ID %q", s.Name, id)
		}
		if other, dup := ids[id]; dup {
			t.Errorf("%s: Message-ID %s also used by %s", s.Name, id, other)
		}
		ids[id] = s.Name
		if _, err := msg.Header.Date(); err != nil {
			t.Errorf("%s: Date: %v", s.Name, err)
		}
		if _, err := msg.Header.AddressList("From"); err != nil {
			t.Errorf("%s: From: %v", s.Name, err)
		}
		to, err := msg.Header.AddressList("To")
		if err != nil || len(to) != 1 || to[0].Address != "sesoma@sesoma.fi" {
			t.Errorf("%s: To = %v (%v), want sesoma@sesoma.fi", s.Name, to, err)
		}
		for _, h := range []string{"Subject", "MIME-Version", "Content-Type"} {
			if msg.Header.Get(h) == "" {
				t.Errorf("%s: no %s", s.Name, h)
			}
		}

		// CRLF line endings throughout: no LF without a CR before it.
		for i, b := range s.Raw {
			if b == '\n' && (i == 0 || s.Raw[i-1] != '\r') {
				t.Errorf("%s: bare LF at byte %d", s.Name, i)
				break
			}
		}
		// Invented people only: no address outside reserved or made-up
		// domains, apart from the company's own.
		for _, addr := range addrRE.FindAllString(string(s.Raw), -1) {
			domain := strings.ToLower(addr[strings.LastIndex(addr, "@")+1:])
			if !allowedDomain(domain) {
				t.Errorf("%s: address %s is not in an example domain", s.Name, addr)
			}
		}

		if s.Age < 0 || s.Age > 50*day {
			t.Errorf("%s: age %v out of range", s.Name, s.Age)
		}
		switch {
		case s.Age >= 35*day:
		case s.Age >= 24*day && s.Age <= 30*day:
		case s.Age <= 20*day:
		default:
			t.Errorf("%s: age %v is in none of the bands 0–20, 24–30, 35–50 days", s.Name, s.Age)
		}
	}
}

var addrRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

func allowedDomain(d string) bool {
	if d == "sesoma.fi" || strings.HasSuffix(d, ".sesoma.fi") {
		return true
	}
	for _, suffix := range []string{"example.fi", "example.se", "example.com", "example.org", "example.net", ".example"} {
		if d == suffix || strings.HasSuffix(d, "."+strings.TrimPrefix(suffix, ".")) {
			return true
		}
	}
	return false
}

func TestSampleMix(t *testing.T) {
	requests := 0
	perLang := make(map[string]int)
	kinds := make(map[Kind]int)
	overdue, dueSoon := 0, 0
	for _, s := range Samples() {
		kinds[s.Kind]++
		switch s.Lang {
		case "fi", "sv", "en":
		default:
			t.Errorf("%s: language %q", s.Name, s.Lang)
		}
		if s.Kind != KindRequest {
			continue
		}
		requests++
		perLang[s.Lang]++
		if s.Age >= 35*day {
			overdue++
		} else if s.Age >= 24*day {
			dueSoon++
		}
	}
	if requests < 12 {
		t.Errorf("%d genuine requests, want at least 12", requests)
	}
	for _, lang := range []string{"fi", "sv", "en"} {
		if perLang[lang] < 3 {
			t.Errorf("%d requests in %s, want at least 3", perLang[lang], lang)
		}
	}
	if perLang["fi"] < 5 {
		t.Errorf("%d Finnish requests, want at least 5", perLang["fi"])
	}
	for _, k := range []Kind{KindHostile, KindAutoReply, KindBounce, KindNewsletter, KindQuestion} {
		if kinds[k] == 0 {
			t.Errorf("no sample of kind %s", k)
		}
	}
	if overdue < 2 || dueSoon < 2 {
		t.Errorf("%d overdue and %d due-soon requests, want a few of each", overdue, dueSoon)
	}
}

// sample returns the named sample, parsed.
func sample(t *testing.T, name string) (Sample, *mail.Message) {
	t.Helper()
	for _, s := range Samples() {
		if s.Name == name {
			msg, err := mail.ReadMessage(bytes.NewReader(s.Raw))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			return s, msg
		}
	}
	t.Fatalf("no sample %s", name)
	return Sample{}, nil
}

func TestHostileSample(t *testing.T) {
	var hostile []Sample
	for _, s := range Samples() {
		if s.Kind == KindHostile {
			hostile = append(hostile, s)
		}
	}
	if len(hostile) != 1 || !strings.Contains(hostile[0].Name, "hostile") {
		t.Fatalf("want exactly one hostile sample with \"hostile\" in its name, got %v", hostile)
	}
	s, msg := sample(t, hostile[0].Name)

	// Raw bytes in the file: ESC, BEL, a bare CR and U+202E.
	for _, want := range []struct{ what, seq string }{
		{"ESC", "\x1b"},
		{"clear screen", "\x1b[2J"},
		{"cursor home", "\x1b[H"},
		{"CSI colour", "\x1b[32m"},
		{"OSC 8 hyperlink", "\x1b]8;;"},
		{"OSC 52 clipboard write", "\x1b]52;c;"},
		{"U+202E", "\u202e"},
		{"bare CR overwrite", "PENDING\rStatus"},
	} {
		if !bytes.Contains(s.Raw, []byte(want.seq)) {
			t.Errorf("hostile sample lacks %s in its raw bytes", want.what)
		}
	}

	// The subject carries its escapes in an RFC 2047 B-encoded word.
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("decode subject: %v", err)
	}
	for _, want := range []string{"\x1b[1;31m", "\x1b]52;c;", "\u202e", "invoice\u202efdp.exe"} {
		if !strings.Contains(subject, want) {
			t.Errorf("decoded subject %q lacks %q", subject, want)
		}
	}
}

func TestYTunnusInContactPersonSample(t *testing.T) {
	s, _ := sample(t, "06-fi-access-contact-person.eml")
	m := regexp.MustCompile(`Y-tunnus (\d{7})-(\d)`).FindSubmatch(s.Raw)
	if m == nil {
		t.Fatal("no Y-tunnus in the contact person's sample")
	}
	weights := []int{7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range m[1] {
		sum += int(c-'0') * weights[i]
	}
	check := 0
	switch r := sum % 11; r {
	case 0:
	case 1:
		t.Fatalf("Y-tunnus %s has no valid check digit", m[1])
	default:
		check = 11 - r
	}
	if int(m[2][0]-'0') != check {
		t.Errorf("Y-tunnus %s-%s: check digit should be %d", m[1], m[2], check)
	}
}

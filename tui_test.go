package main

// Tests of the terminal UI as the officer meets it: the real dsrdesk binary
// running `dsrdesk demo` in tmux at 80×24, driven with keys, read from the
// screen, and with every byte it wrote to the terminal recorded.

import (
	"bytes"
	"fmt"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"dsrdesk/inbox/dovecottest"
	"dsrdesk/ui/tmuxtest"

	"github.com/charmbracelet/x/ansi"
)

// tuiWait is how long any one step may take to show on the screen: far more
// than it needs, for a loaded machine.
const tuiWait = 10 * time.Second

// tuiEnv is the private world of one TUI run: a home, XDG folders and a
// temporary folder under the test's own, plus extra "KEY=value" entries.
func tuiEnv(t *testing.T, extra ...string) []string {
	t.Helper()
	dir := t.TempDir()
	vars := []string{"HOME=" + dir}
	for _, v := range []struct{ key, sub string }{
		{"XDG_CONFIG_HOME", "config"},
		{"XDG_DATA_HOME", "data"},
		{"XDG_STATE_HOME", "state"},
		{"XDG_CACHE_HOME", "cache"},
		{"TMPDIR", "tmp"}, // the demo's throwaway database goes here
	} {
		p := filepath.Join(dir, v.sub)
		if err := os.Mkdir(p, 0o700); err != nil {
			t.Fatal(err)
		}
		vars = append(vars, v.key+"="+p)
	}
	return append(vars, extra...)
}

// startDemo runs `dsrdesk demo` in an 80×24 tmux window.
func startDemo(t *testing.T, extraEnv ...string) *tmuxtest.Session {
	t.Helper()
	return tmuxtest.Start(t, 80, 24, tuiEnv(t, extraEnv...), binary, "demo")
}

var (
	// headerRE is the list's top line with its counts.
	headerRE = regexp.MustCompile(`^dsrdesk · demo mailbox +\d+ open · \d+ due within \d+ d · (! )?\d+ overdue( · \d+ to check)?$`)
	// rowRE is a case row: cursor, late, unsure and new-activity marks,
	// then a date.
	rowRE = regexp.MustCompile(`^[> ] [! ][? ][* ] .* \d{4}-\d{2}-\d{2} `)
	// titleRE is the detail screen's title once the case is read.
	titleRE = regexp.MustCompile(`^DSR-\d{4}-\d+ · \w+`)
	// percentRE is the scroll position at the end of the detail's title.
	percentRE = regexp.MustCompile(` (\d+)%$`)
)

// lines splits a screen into its rows.
func lines(screen string) []string {
	return strings.Split(strings.TrimSuffix(screen, "\n"), "\n")
}

// listRows returns the case rows on a list screen.
func listRows(screen string) []string {
	var rows []string
	for _, l := range lines(screen) {
		if rowRE.MatchString(l) {
			rows = append(rows, l)
		}
	}
	return rows
}

// selectedRow returns the row under the cursor, or "".
func selectedRow(screen string) string {
	for _, r := range listRows(screen) {
		if strings.HasPrefix(r, ">") {
			return r
		}
	}
	return ""
}

// sameRow reports whether two renderings of a row show the same case,
// whichever of them has the cursor.
func sameRow(a, b string) bool { return len(a) > 1 && len(b) > 1 && a[1:] == b[1:] }

// requesterCell returns the REQUESTER column of a row of screen: the
// cells under the column's name, up to the SUBJECT column. (The columns
// before it hold single-width characters only.)
func requesterCell(screen, row string) string {
	header := []rune(lines(screen)[1])
	start, end := strings.Index(string(header), "REQUESTER"), strings.Index(string(header), "SUBJECT")
	if start < 0 || end < start {
		return ""
	}
	start, end = len([]rune(string(header)[:start])), len([]rune(string(header)[:end]))
	r := []rune(row)
	if len(r) < end {
		return ""
	}
	return strings.TrimSpace(string(r[start:end]))
}

// waitList waits for the case list, filled: the header with its counts,
// rows, and the oldest and the hostile sample among them (one sync stores
// all samples in one transaction, so these mean all are there).
func waitList(t *testing.T, s *tmuxtest.Session) string {
	t.Helper()
	return s.WaitUntil(t, "the filled case list", func(screen string) bool {
		ls := lines(screen)
		return headerRE.MatchString(ls[0]) && selectedRow(screen) != "" &&
			strings.Contains(screen, "Mikko Järvinen") && strings.Contains(screen, "Ville Korhonen")
	}, tuiWait)
}

// selectRow moves the cursor to the visible row containing text and
// returns the screen.
func selectRow(t *testing.T, s *tmuxtest.Session, text string) string {
	t.Helper()
	screen := waitList(t, s)
	rows := listRows(screen)
	cur, target := -1, -1
	for i, r := range rows {
		if strings.HasPrefix(r, ">") {
			cur = i
		}
		if target < 0 && strings.Contains(r, text) {
			target = i
		}
	}
	if target < 0 {
		t.Fatalf("no row shows %q:\n%s", text, screen)
	}
	var keys []string
	for i := cur; i < target; i++ {
		keys = append(keys, "j")
	}
	for i := cur; i > target; i-- {
		keys = append(keys, "k")
	}
	if len(keys) > 0 {
		s.Send(t, keys...)
	}
	return s.WaitUntil(t, fmt.Sprintf("the cursor on the row of %q", text), func(sc string) bool {
		return strings.Contains(selectedRow(sc), text)
	}, tuiWait)
}

// percent returns the detail screen's scroll position, or -1 when the
// case fits on one screen.
func percent(screen string) int {
	m := percentRE.FindStringSubmatch(lines(screen)[0])
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// waitDetail waits for the detail screen with its case read.
func waitDetail(t *testing.T, s *tmuxtest.Session) string {
	t.Helper()
	return s.WaitUntil(t, "the case detail", func(screen string) bool {
		return titleRE.MatchString(lines(screen)[0]) && strings.Contains(screen, "Requester")
	}, tuiWait)
}

// readDetail pages through the open case with Space to its end and returns
// every screen seen, concatenated.
func readDetail(t *testing.T, s *tmuxtest.Session) string {
	t.Helper()
	screen := waitDetail(t, s)
	all := screen
	for p := percent(screen); p >= 0 && p < 100; p = percent(screen) {
		s.Send(t, "Space")
		screen = s.WaitUntil(t, fmt.Sprintf("a page down from %d%%", p), func(sc string) bool {
			return percent(sc) > p
		}, tuiWait)
		all += screen
	}
	return all
}

// backToList leaves the detail screen with Esc.
func backToList(t *testing.T, s *tmuxtest.Session) string {
	t.Helper()
	s.Send(t, "Escape")
	return waitList(t, s)
}

// quit quits from the list with q and y and checks that dsrdesk exits
// cleanly.
func quit(t *testing.T, s *tmuxtest.Session) {
	t.Helper()
	s.Send(t, "q")
	s.WaitFor(t, "Quit dsrdesk? (y/n)", tuiWait)
	s.Send(t, "y")
	s.WaitExit(t, tuiWait)
	if code := s.ExitStatus(t); code != 0 {
		t.Fatalf("dsrdesk exited with status %d; the screen:\n%s", code, s.Screen(t))
	}
}

// mustContain fails the test for each want missing from screen.
func mustContain(t *testing.T, where, screen string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(screen, w) {
			t.Errorf("%s: %q not shown; the screens:\n%s", where, w, screen)
		}
	}
}

func TestTUIKeys(t *testing.T) {
	t.Parallel()
	s := startDemo(t)
	screen := waitList(t, s)
	rows := listRows(screen)
	if len(rows) < 3 || !strings.HasPrefix(rows[0], ">") {
		t.Fatalf("want the cursor on the first of several rows:\n%s", screen)
	}
	first, second := rows[0], rows[1]

	// j moves the cursor one row down.
	s.Send(t, "j")
	screen = s.WaitUntil(t, "the cursor on the second row", func(sc string) bool {
		return sameRow(selectedRow(sc), second)
	}, tuiWait)
	if r := listRows(screen); !sameRow(r[0], first) || strings.HasPrefix(r[0], ">") {
		t.Errorf("after j the first row still has the cursor:\n%s", screen)
	}
	requester := strings.TrimSuffix(requesterCell(screen, second), "…")
	if requester != "Erik Lindqvist" {
		t.Fatalf("the second row is %q; the demo's ages put 07-sv-access.eml (Erik Lindqvist) there:\n%s", requester, screen)
	}

	// Enter opens that case.
	s.Send(t, "Enter")
	screen = waitDetail(t, s)
	mustContain(t, "detail", screen, "Requester   Erik Lindqvist <erik.lindqvist@example.se>", "Message 1 of")
	for _, re := range []string{
		`(?m)^Case +DSR-\d{4}-\d+ \(open\)`,
		`(?m)^Received +\d{4}-\d{2}-\d{2} \d{2}:\d{2} Helsinki time`,
		`(?m)^Due +\d{4}-\d{2}-\d{2}, (\d+ d (left|late)|due today)`,
	} {
		if !regexp.MustCompile(re).MatchString(screen) {
			t.Errorf("detail: no line matching %s:\n%s", re, screen)
		}
	}
	body := readDetail(t, s)
	mustContain(t, "detail body", body, "registerutdrag", "personuppgifter", "Med vänliga hälsningar")

	// Esc goes back with the same row selected.
	screen = backToList(t, s)
	if !sameRow(selectedRow(screen), second) {
		t.Errorf("back in the list the cursor is not on the row it was on (%q):\n%s", second, screen)
	}

	// ? shows the list's keys, ? closes them.
	s.Send(t, "?")
	screen = s.WaitFor(t, "Keys: case list", tuiWait)
	mustContain(t, "help", screen, "open the case", "quit (asks first)", "down", "up", "top", "bottom",
		"page down", "show these keys", "close help")
	s.Send(t, "?")
	s.WaitGone(t, "Keys: case list", tuiWait)
	waitList(t, s)

	// G goes to the last row, g to the first.
	s.Send(t, "G")
	screen = s.WaitUntil(t, "the cursor on the last row", func(sc string) bool {
		r := listRows(sc)
		return len(r) == len(rows) && strings.HasPrefix(r[len(r)-1], ">")
	}, tuiWait)
	s.Send(t, "g")
	s.WaitUntil(t, "the cursor on the first row", func(sc string) bool {
		return sameRow(selectedRow(sc), first)
	}, tuiWait)

	// q asks; n keeps dsrdesk running; q and y quit.
	s.Send(t, "q")
	s.WaitFor(t, "Quit dsrdesk? (y/n)", tuiWait)
	s.Send(t, "n")
	s.WaitGone(t, "Quit dsrdesk?", tuiWait)
	if s.Exited(t) {
		t.Fatal("dsrdesk exited after q and n")
	}
	waitList(t, s)
	quit(t, s)
}

// hostileSequences are the escape sequences in the hostile sample's raw
// file and its decoded subject, each once.
func hostileSequences(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("inbox", "demo", "mail", "13-hostile.eml"))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var out []string
	for _, seq := range regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`).FindAllString(string(raw)+subject, -1) {
		if !seen[seq] {
			seen[seq] = true
			out = append(out, seq)
		}
	}
	if len(out) < 5 {
		t.Fatalf("found only %q in 13-hostile.eml", out)
	}
	return out
}

func TestTUIHostileMail(t *testing.T) {
	t.Parallel()
	clean, hostile := startDemo(t), startDemo(t)

	// A run that never opens the hostile case: what dsrdesk writes itself.
	selectRow(t, clean, "Mikko Järvinen")
	clean.Send(t, "Enter")
	readDetail(t, clean)
	clean.Send(t, "g")
	clean.WaitUntil(t, "the top of the case", func(sc string) bool { return percent(sc) == 0 }, tuiWait)
	clean.Send(t, "G")
	clean.WaitUntil(t, "the end of the case", func(sc string) bool { return percent(sc) == 100 }, tuiWait)
	backToList(t, clean)
	quit(t, clean)
	cleanOut := clean.Output(t)

	// The hostile sample's row: its subject defused, its requester plain.
	screen := selectRow(t, hostile, "Ville Korhonen")
	row := selectedRow(screen)
	if !strings.Contains(row, "Data access request [U") {
		t.Errorf("hostile row %q: want its subject without escapes", row)
	}
	hostile.Send(t, "Enter")
	seen := readDetail(t, hostile)
	hostile.Send(t, "g")
	seen += hostile.WaitUntil(t, "the top of the case", func(sc string) bool { return percent(sc) == 0 }, tuiWait)
	hostile.Send(t, "NPage")
	seen += hostile.WaitUntil(t, "a page down", func(sc string) bool { return percent(sc) > 0 }, tuiWait)
	hostile.Send(t, "G")
	seen += hostile.WaitUntil(t, "the end of the case", func(sc string) bool { return percent(sc) == 100 }, tuiWait)
	mustContain(t, "hostile detail", seen,
		"Subject     Data access request [URGENT] invoice⁇fdp.exe", // in the case and in the message headers
		"hidden or text-direction character",                       // the banner
		"marked ⁇",
		"CASE CLOSED: identity verified by DPO", // shown as text, not as a cleared screen in green
		"My ID card is attached as invoice⁇fdp.exe",
		"Status: PENDING", "Status: DONE", // the bare CR between them overwrites nothing
		"Portal: https://www.sesoma.fi/tietosuoja",
		"Regards,",
	)
	if strings.Contains(seen, "sesoma-dpo.example") {
		t.Errorf("the hidden link target of the OSC 8 hyperlink is on the screen:\n%s", seen)
	}
	backToList(t, hostile)
	quit(t, hostile)
	out := hostile.Output(t)

	// Nothing of the payloads reached the terminal.
	for _, bad := range []struct{ name, seq string }{
		{"OSC 8 hyperlink", "\x1b]8;"},
		{"OSC 52 clipboard write", "\x1b]52"},
		{"U+202E right-to-left override", "\u202e"},
		{"C1 CSI", "\u009b"},
		{"the subject's red [URGENT]", "\x1b[1;31m[URGENT]"},
		{"the body's clear screen in green", "\x1b[2J\x1b[H\x1b[32m"},
		{"the body's green text", "\x1b[32mCASE CLOSED"},
		{"the body's cursor up and erase", "\x1b[3A\x1b[K"},
		{"the body's bare CR", "PENDING\rStatus"},
		{"the clipboard payload", "ZWNobyBjbGlwYm9hcmQ"},
	} {
		if i := bytes.Index(out, []byte(bad.seq)); i >= 0 {
			t.Errorf("%s (%q) reached the terminal at byte %d: %q", bad.name, bad.seq, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
	// Every sequence of the sample that dsrdesk does not write on its own.
	checked := 0
	for _, seq := range hostileSequences(t) {
		if bytes.Contains(cleanOut, []byte(seq)) {
			t.Logf("%q: dsrdesk writes it itself, not checked", seq)
			continue
		}
		checked++
		if i := bytes.Index(out, []byte(seq)); i >= 0 {
			t.Errorf("the sample's %q reached the terminal at byte %d: %q", seq, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
	if checked < 2 {
		t.Errorf("only %d of the sample's sequences could be checked; the clean run wrote the others", checked)
	}
	t.Logf("checked %d of the sample's escape sequences; %d bytes in the clean run, %d in the hostile one", checked, len(cleanOut), len(out))
}

func TestTUICharsets(t *testing.T) {
	t.Parallel()
	s := startDemo(t)

	// 01-fi-access.eml: ISO-8859-1, quoted-printable, encoded words.
	screen := selectRow(t, s, "Mikko Järvinen")
	mustContain(t, "list", screen, "Tarkastuspyyntö - henk", "Karin Sjöberg", "Rättelse av mina uppgi", "Åsa Lindström")
	s.Send(t, "Enter")
	fi := readDetail(t, s)
	mustContain(t, "01-fi-access", fi,
		"Requester   Mikko Järvinen <mikko.jarvinen@example.fi>",
		"Subject     Tarkastuspyyntö - henkilötietoni",
		"haluaisin nähdä mitä tietoja", "järjestelmiinne", "työvaatteita", "suojakäsineitä",
		"myymälässänne", "henkilötiedoista", "käsitellään", "säilytetään",
		"Koivukuja 7 B 12, 01360 Vantaa", "sähköpostiosoitteeseen", "Ystävällisin terveisin")
	backToList(t, s)

	// 08-sv-rectification.eml: HTML only, UTF-8, quoted-printable.
	selectRow(t, s, "Karin Sjöberg")
	s.Send(t, "Enter")
	sv := readDetail(t, s)
	mustContain(t, "08-sv-rectification", sv,
		"Requester   Karin Sjöberg <karin.sjoberg@example.se>",
		"Subject     Rättelse av mina uppgifter",
		"fakturorna", "står", "rätta", "uppgifterna", "Strandvägen", "Ekenäs", "Kyrkogatan",
		"oförändrat", "förhand", "Skickat från min", "webbmail")
	for _, bad := range []string{"Ã", "Â", "\uFFFD", "=C3", "=E4", "<p>", "&nbsp;"} {
		if strings.Contains(fi+sv, bad) {
			t.Errorf("%q on the screen: a charset, transfer encoding or HTML was not decoded:\n%s%s", bad, fi, sv)
		}
	}
	backToList(t, s)
	quit(t, s)
}

func TestTUIResize(t *testing.T) {
	t.Parallel()
	s := startDemo(t)
	waitList(t, s)
	for _, size := range []struct{ w, h int }{{100, 30}, {80, 24}} {
		s.Resize(t, size.w, size.h)
		screen := s.WaitUntil(t, fmt.Sprintf("the list drawn for %d×%d", size.w, size.h), func(sc string) bool {
			ls := lines(sc)
			return len(ls) == size.h && headerRE.MatchString(ls[0]) && ansi.StringWidth(ls[0]) == size.w &&
				strings.HasSuffix(ls[1], "STATUS") && ansi.StringWidth(ls[1]) == size.w &&
				strings.Contains(sc, "Mikko Järvinen") && strings.Contains(sc, "? keys")
		}, tuiWait)
		for i, l := range lines(screen) {
			if w := ansi.StringWidth(l); w > size.w {
				t.Errorf("%d×%d: line %d is %d cells wide: %q", size.w, size.h, i+1, w, l)
			}
		}
	}
	// Still working after the resizes.
	s.Send(t, "j")
	s.WaitUntil(t, "the cursor on the second row", func(sc string) bool {
		r := listRows(sc)
		return len(r) > 1 && strings.HasPrefix(r[1], ">")
	}, tuiWait)
	quit(t, s)
}

// sgrColours returns the SGR sequences of out that set a colour (30–38,
// 40–48, 58, 90–97, 100–107; not 39 and 49, the default colours) and
// how many SGR sequences there are at all. Private sequences ending in m,
// such as XTMODKEYS (ESC [ > 4 ; 1 m), are not SGR.
func sgrColours(out []byte) (colours []string, sgrs int) {
	for _, m := range regexp.MustCompile(`\x1b\[([0-9;:]*)m`).FindAllSubmatch(out, -1) {
		sgrs++
		params := strings.Split(string(m[1]), ";")
		for i := 0; i < len(params); i++ {
			p, _, _ := strings.Cut(params[i], ":")
			n, err := strconv.Atoi(p)
			if err != nil {
				continue
			}
			switch {
			case n == 38 || n == 48 || n == 58: // extended colour: skip its arguments
				colours = append(colours, string(m[0]))
				if i+1 < len(params) && params[i+1] == "5" {
					i += 2
				} else if i+1 < len(params) && params[i+1] == "2" {
					i += 4
				}
			case n >= 30 && n <= 37, n >= 40 && n <= 47, n >= 90 && n <= 97, n >= 100 && n <= 107:
				colours = append(colours, string(m[0]))
			}
		}
	}
	return colours, sgrs
}

func TestTUINoColor(t *testing.T) {
	t.Parallel()
	colour, mono := startDemo(t), startDemo(t, "NO_COLOR=1")
	for _, s := range []*tmuxtest.Session{colour, mono} {
		selectRow(t, s, "Mikko Järvinen") // overdue: drawn as late
		s.Send(t, "Enter")
		readDetail(t, s)
		s.Send(t, "?")
		s.WaitFor(t, "Keys: case", tuiWait)
		s.Send(t, "?")
		s.WaitUntil(t, "the case again", func(sc string) bool { return titleRE.MatchString(lines(sc)[0]) }, tuiWait)
		backToList(t, s)
		quit(t, s)
	}
	if c, _ := sgrColours(colour.Output(t)); len(c) == 0 {
		t.Errorf("the run without NO_COLOR wrote no colours either: the check below proves nothing")
	}
	c, sgrs := sgrColours(mono.Output(t))
	if len(c) > 0 {
		t.Errorf("with NO_COLOR=1 dsrdesk wrote colours: %q", c)
	}
	if sgrs == 0 {
		t.Errorf("with NO_COLOR=1 dsrdesk wrote no attributes at all; want bold and reverse")
	}
}

// TestTUIOfflineAndBack: with the IMAP server down, the TUI says so in its
// status line with the next try, stays usable, and syncs by itself once the
// server is back.
func TestTUIOfflineAndBack(t *testing.T) {
	srv := dovecottest.Start(t)
	srv.Append(t, "INBOX", requestMail(1, "offline@example.fi", "Tietopyyntö katkon aikana"), time.Now())
	srv.Stop(t)

	env := tuiEnv(t)
	home := strings.TrimPrefix(env[0], "HOME=")
	config := filepath.Join(home, "config.toml")
	if err := os.WriteFile(config, []byte(dovecotConfig(t, srv)), 0o600); err != nil {
		t.Fatal(err)
	}
	s := tmuxtest.Start(t, 80, 24, env, binary, "--config", config)
	s.WaitFor(t, "offline since", tuiWait)
	s.WaitFor(t, "cannot reach IMAP server", tuiWait)
	s.WaitFor(t, "retrying in", tuiWait)
	s.WaitFor(t, "No open cases", tuiWait)

	// The screen answers keys while the server is down.
	s.Send(t, "?")
	s.WaitFor(t, "open the case", tuiWait)
	s.Send(t, "?")
	s.WaitGone(t, "open the case", tuiWait)

	srv.Restart(t)
	s.WaitFor(t, "Tietopyyntö katkon", 3*tuiWait) // the first retry comes 5 s after the failure
	s.WaitFor(t, "synced", tuiWait)
	quit(t, s)
}

// otherHeaderRE is the Other mail's top line once it is read.
var otherHeaderRE = regexp.MustCompile(`^Other mail · \d+ messages?\b`)

// otherRowRE is a row of the Other mail: cursor, unsure and confirmed
// marks, then when the message arrived.
var otherRowRE = regexp.MustCompile(`^[> ] [? ][= ] (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) `)

// otherRows returns the message rows on an Other mail screen.
func otherRows(screen string) []string {
	var rows []string
	for _, l := range lines(screen) {
		if otherRowRE.MatchString(l) {
			rows = append(rows, l)
		}
	}
	return rows
}

// TestTUIOtherMailToCase: the officer opens the Other mail, makes a case of
// a message there, and finds it in the queue with the clock started at the
// message's receipt.
func TestTUIOtherMailToCase(t *testing.T) {
	t.Parallel()
	s := startDemo(t)
	before := len(listRows(waitList(t, s)))

	s.Send(t, "o")
	screen := s.WaitUntil(t, "the Other mail with its messages", func(sc string) bool {
		return otherHeaderRE.MatchString(lines(sc)[0]) && len(otherRows(sc)) > 0
	}, tuiWait)
	mustContain(t, "other mail", screen, "RECEIVED", "FROM", "SUBJECT", "KIND")

	// The order question once the classifier knows it is no request; until
	// then the auto-reply or the bounce, which land here by their headers.
	var subject, row string
	for _, want := range []string{"Tilaus 2025-121345", "Automaattinen vastaus", "Undelivered Mail"} {
		for _, r := range otherRows(screen) {
			if strings.Contains(r, want) {
				subject, row = want, r
				break
			}
		}
		if row != "" {
			break
		}
	}
	if row == "" {
		t.Fatalf("none of the order question, the auto-reply or the bounce is in Other mail:\n%s", screen)
	}
	received := otherRowRE.FindStringSubmatch(row)
	day, clock := received[1], received[2]
	t.Logf("making a case of %q, received %s %s", subject, day, clock)

	// Down to its row.
	rows := otherRows(screen)
	cur, target := -1, -1
	for i, r := range rows {
		if strings.HasPrefix(r, ">") {
			cur = i
		}
		if r == row || r[1:] == row[1:] {
			target = i
		}
	}
	for i := cur; i < target; i++ {
		s.Send(t, "j")
	}
	s.WaitUntil(t, "the cursor on "+subject, func(sc string) bool {
		for _, r := range otherRows(sc) {
			if strings.HasPrefix(r, ">") {
				return strings.Contains(r, subject)
			}
		}
		return false
	}, tuiWait)

	// c: the kinds; enter accepts them; the question names the receipt.
	s.Send(t, "c")
	screen = s.WaitFor(t, "Kinds of the new case", tuiWait)
	mustContain(t, "kinds checklist", screen, "A  access", "R  rectification", "E  erasure", "S  restriction",
		"P  portability", "O  objection", "enter save")
	s.Send(t, "Enter")
	screen = s.WaitFor(t, "Open a case from this message?", tuiWait)
	mustContain(t, "question", screen, "receipt, "+day+" "+clock+". (y/n)")
	s.Send(t, "y")

	// Back on the list, the new case is selected, received when the message was.
	screen = s.WaitUntil(t, "the new case selected in the queue", func(sc string) bool {
		return headerRE.MatchString(lines(sc)[0]) && strings.Contains(selectedRow(sc), subject)
	}, tuiWait)
	sel := selectedRow(screen)
	if !strings.Contains(sel, " "+day+" ") {
		t.Errorf("the new case %q is not received %s, when the message arrived", sel, day)
	}
	if n := len(listRows(screen)); n != before+1 {
		t.Errorf("%d cases listed after making one, %d before:\n%s", n, before, screen)
	}
	mustContain(t, "list", screen, "case opened")

	// And the message has left the Other mail.
	s.Send(t, "o")
	screen = s.WaitUntil(t, "the Other mail read again", func(sc string) bool {
		return otherHeaderRE.MatchString(lines(sc)[0])
	}, tuiWait)
	for _, r := range otherRows(screen) {
		if strings.Contains(r, subject) && strings.Contains(r, day+" "+clock) {
			t.Errorf("the message is still in Other mail: %q", r)
		}
	}
	s.Send(t, "Escape")
	waitList(t, s)
	quit(t, s)
}

// TestTUIRegister: the officer finds Karin Sjöberg, on file under her maiden
// name, in the customer register from her case, links the entry, reads its
// card, and finds the case listing it; Mikko Järvinen's case is linked by
// matching.
func TestTUIRegister(t *testing.T) {
	t.Parallel()
	s := startDemo(t)

	selectRow(t, s, "Mikko Järvinen")
	s.Send(t, "Enter")
	screen := waitDetail(t, s)
	mustContain(t, "Mikko's case", screen,
		"Register    40101 Mikko Järvinen, Järvinen Konepaja Oy · auto-linked",
		"the sender's address mikko.jarvinen@example.fi is on file")
	backToList(t, s)

	selectRow(t, s, "Karin Sjöberg")
	s.Send(t, "Enter")
	screen = waitDetail(t, s)
	mustContain(t, "Karin's case", screen, "Register    no entry is linked and matching offers none; l searches the register")
	tag := strings.Fields(lines(screen)[0])[0]

	// l: the register for the case, the search field ready.
	s.Send(t, "l")
	s.WaitFor(t, "Customer register · for "+tag+" · Karin Sjöberg", tuiWait)
	s.Send(t, "h", "o", "l", "m")
	screen = s.WaitUntil(t, "40132 found by holm", func(sc string) bool {
		return strings.Contains(sc, "Search: holm") && strings.Contains(sc, "1 found") && strings.Contains(sc, "40132")
	}, tuiWait)
	mustContain(t, "search", screen, "Karin Holm", "Ekenäs Blommor Ab")

	// Enter: to the results; l links the entry under the cursor.
	s.Send(t, "Enter")
	s.WaitUntil(t, "the cursor on 40132", func(sc string) bool {
		return strings.Contains(sc, "> 40132") && strings.Contains(sc, "l link · u unlink")
	}, tuiWait)
	s.Send(t, "l")
	s.WaitFor(t, "40132 linked to "+tag+": saved", tuiWait)
	s.WaitUntil(t, "40132 marked linked", func(sc string) bool {
		return regexp.MustCompile(`> 40132 +linked +Karin Holm`).MatchString(sc)
	}, tuiWait)

	// Enter: its card.
	s.Send(t, "Enter")
	screen = s.WaitFor(t, "Customer card · 40132 Karin Holm, Ekenäs Blommor Ab", tuiWait)
	mustContain(t, "card", screen, "── Identity and contact", "Company                       Ekenäs Blommor Ab",
		"Last name                     Holm")

	// Esc, Esc: the register, then the case, which lists the link.
	s.Send(t, "Escape")
	s.WaitFor(t, "Customer register · for "+tag, tuiWait)
	s.Send(t, "Escape")
	screen = s.WaitFor(t, "Register    40132 Karin Holm, Ekenäs Blommor Ab · linked by an officer", tuiWait)
	if !titleRE.MatchString(lines(screen)[0]) {
		t.Errorf("not back on the case:\n%s", screen)
	}
	backToList(t, s)
	quit(t, s)
}

// TestTUIObjection: from Päivi Hämäläinen's case, linked by matching to
// her two entries, the officer carries out her objection: the plan shows
// first, y carries it out, and the card of her entry shows the bans set.
func TestTUIObjection(t *testing.T) {
	t.Parallel()
	s := startDemo(t)

	selectRow(t, s, "Päivi Hämäläin") // the column cuts her name
	s.Send(t, "Enter")
	screen := waitDetail(t, s)
	mustContain(t, "Päivi's case", screen, "40102 Päivi Hämäläinen", "40103 Päivi Hämäläinen")
	tag := strings.Fields(lines(screen)[0])[0]

	// x: the menu of rights; j, Enter: the objection's plan.
	s.Send(t, "x")
	screen = s.WaitFor(t, "Carry out a right · "+tag, tuiWait)
	mustContain(t, "menu", screen, "On the linked entries 40102, 40103", "> Access report", "Objection (Art. 21)", "Erasure")
	s.Send(t, "j")
	s.WaitFor(t, "> Objection", tuiWait)
	s.Send(t, "Enter")
	screen = s.WaitFor(t, "Plan · Objection · "+tag, tuiWait)
	mustContain(t, "plan", screen, "entry 40102", "entry 40103", "Direct-marketing ban: no → yes",
		"Market-research ban: no → yes", "Newsletter: yes → no", "Carry out this plan? (y/n)")

	// y: carried out, and said so.
	s.Send(t, "y")
	s.WaitFor(t, "Objection carried out on "+tag+": 2 entries changed", tuiWait)

	// c: the card of 40102, its bans set.
	s.Send(t, "c")
	s.WaitFor(t, "Customer card · 40102 Päivi Hämäläinen", tuiWait)
	s.Send(t, "NPage")
	screen = s.WaitFor(t, "── Marketing", tuiWait)
	mustContain(t, "card", screen, "Newsletter                    no", "Direct-marketing ban          yes",
		"Market-research ban           yes")
	s.Send(t, "G")
	screen = s.WaitFor(t, "── Change log", tuiWait)
	mustContain(t, "change log", screen, "Direct-marketing ban: no → yes", "case "+tag)

	s.Send(t, "Escape")
	waitDetail(t, s)
	backToList(t, s)
	quit(t, s)
}

// reportLate sums the LATE column of the report screen's months.
func reportLate(t *testing.T, screen string) int {
	t.Helper()
	month := regexp.MustCompile(`^\d{4}-\d{2} `)
	late := 0
	for _, l := range lines(screen) {
		if !month.MatchString(l) {
			continue
		}
		f := strings.Fields(l) // MONTH RECEIVED A R E S P O IN-MONTH IN-EXTENSION LATE UNANSWERED MEDIAN
		if len(f) != 13 {
			t.Fatalf("a report row of %d cells: %q", len(f), l)
		}
		n, err := strconv.Atoi(f[10])
		if err != nil {
			t.Fatalf("LATE of %q: %v", l, err)
		}
		late += n
	}
	return late
}

// TestTUIExtendAndClose: the most recent request is extended, and the
// oldest, overdue, closed as refused with its reasons; the list marks
// both, shows the closed one among all cases, and the report counts the
// three overdue requests late.
func TestTUIExtendAndClose(t *testing.T) {
	t.Parallel()
	s := startDemo(t)
	screen := waitList(t, s)
	rows := listRows(screen)
	overdue := regexp.MustCompile(`^[> ] ! `)
	lateRows := 0
	for _, r := range rows {
		if overdue.MatchString(r) {
			lateRows++
		}
	}
	if lateRows != 3 {
		t.Fatalf("the demo has %d rows marked overdue, want 3:\n%s", lateRows, screen)
	}

	// G, Enter: the most recent request; E, Enter, y: extended for the
	// first of the EDPB's reasons.
	s.Send(t, "G")
	s.WaitUntil(t, "the cursor on the last row", func(sc string) bool {
		r := listRows(sc)
		return len(r) == len(rows) && strings.HasPrefix(r[len(r)-1], ">")
	}, tuiWait)
	s.Send(t, "Enter")
	screen = waitDetail(t, s)
	recent := strings.Fields(lines(screen)[0])[0]
	s.Send(t, "E")
	screen = s.WaitFor(t, "Extend the deadline · "+recent, tuiWait)
	mustContain(t, "the reasons", screen, "> the request is complex", "another reason…")
	s.Send(t, "Enter")
	s.WaitFor(t, "(y/n)", tuiWait)
	s.Send(t, "y")
	// The notice opens in the built-in editor; Esc drops it unchanged.
	s.WaitFor(t, "Letter · "+recent+" · Extension notice", tuiWait)
	s.Send(t, "Escape")
	screen = s.WaitFor(t, "Letter dropped: nothing saved or sent.", tuiWait)
	mustContain(t, "the extended case", screen, recent+" · open · extended", "Extension notice: not yet sent — due by")

	// Back in the list its row says the notice is due.
	s.Send(t, "Escape")
	screen = waitList(t, s)
	if r := selectedRow(screen); !strings.HasSuffix(r, " notice due") {
		t.Errorf("the extended case's row: %q\n%s", r, screen)
	}

	// g, Enter: the oldest, overdue; C, to "Close: refused", its reasons, y.
	first := strings.TrimSuffix(requesterCell(screen, listRows(screen)[0]), "…")
	s.Send(t, "g")
	s.WaitUntil(t, "the cursor on the first row", func(sc string) bool {
		return strings.Contains(selectedRow(sc), first)
	}, tuiWait)
	s.Send(t, "Enter")
	screen = waitDetail(t, s)
	oldest := strings.Fields(lines(screen)[0])[0]
	s.Send(t, "C")
	s.WaitFor(t, "Answer or close · "+oldest, tuiWait)
	s.Send(t, "j", "j", "j")
	s.WaitFor(t, "> Close: refused, with the reasons", tuiWait)
	s.Send(t, "Enter")
	s.WaitFor(t, "The reasons (Art. 12(4)):", tuiWait)
	s.Send(t, "Enter")
	s.WaitFor(t, "The reasons are required", tuiWait)
	s.Send(t, "Tietoja", "Space", "ei", "Space", "luovuteta")
	s.WaitFor(t, "> Tietoja ei luovuteta", tuiWait)
	s.Send(t, "Enter")
	s.WaitFor(t, "(y/n)", tuiWait)
	s.Send(t, "y")
	screen = s.WaitFor(t, oldest+" · closed · refused · late", tuiWait)
	mustContain(t, "the closed case", screen, "Closed      ", "· refused · late", "Reasons     Tietoja ei luovuteta")

	// The open list no longer has it; a shows it, marked late, refused.
	s.Send(t, "Escape")
	screen = s.WaitUntil(t, "the list without the closed case", func(sc string) bool {
		return headerRE.MatchString(lines(sc)[0]) && selectedRow(sc) != "" && !strings.Contains(sc, first)
	}, tuiWait)
	if n := len(listRows(screen)); n != len(rows)-1 {
		t.Errorf("%d rows after closing one of %d:\n%s", n, len(rows), screen)
	}
	s.Send(t, "a")
	screen = s.WaitFor(t, "dsrdesk · all cases", tuiWait)
	found := false
	for _, r := range listRows(screen) {
		if strings.HasSuffix(r, " refused") {
			found = true
			if !overdue.MatchString(r) || !strings.Contains(r, " closed ") {
				t.Errorf("the closed case's row: %q", r)
			}
		}
	}
	if !found {
		t.Errorf("no row of a refused case among all cases:\n%s", screen)
	}

	// M: the report counts the three overdue requests late; two are still
	// overdue now.
	s.Send(t, "M")
	screen = s.WaitFor(t, "Accountability report · the last 12 months", tuiWait)
	screen = s.WaitFor(t, "of them 2 overdue and unanswered", tuiWait)
	if late := reportLate(t, screen); late != 3 {
		t.Errorf("the report counts %d late, want 3:\n%s", late, screen)
	}
	s.Send(t, "Escape")
	s.WaitFor(t, "dsrdesk · all cases", tuiWait)
	s.Send(t, "a")
	s.WaitGone(t, "all cases", tuiWait)
	quit(t, s)
}

// replyTo opens the case on the second row (Erik Lindqvist's access
// request, in Swedish), presses r and chooses the acknowledgement, which
// is the first letter of the menu. It returns the case's tag.
func replyTo(t *testing.T, s *tmuxtest.Session) string {
	t.Helper()
	waitList(t, s)
	s.Send(t, "j")
	s.WaitUntil(t, "the cursor on the second row", func(sc string) bool {
		return strings.Contains(selectedRow(sc), "Erik Lindqvist")
	}, tuiWait)
	s.Send(t, "Enter")
	tag := strings.Fields(lines(waitDetail(t, s))[0])[0]
	s.Send(t, "r")
	screen := s.WaitFor(t, "Reply · "+tag, tuiWait)
	mustContain(t, "the letters", screen, "· suggested", "in Swedish (svenska)", "Refusal with reasons")
	s.Send(t, "g")
	s.WaitFor(t, "> Acknowledgement (states the due date)", tuiWait)
	s.Send(t, "Enter")
	return tag
}

// TestTUIReplyInTheBuiltInEditor writes the acknowledgement of a demo
// case in the built-in editor and saves it in the demo mailbox's Drafts
// folder, by IMAP APPEND to the in-process server.
func TestTUIReplyInTheBuiltInEditor(t *testing.T) {
	t.Parallel()
	s := startDemo(t) // neither VISUAL nor EDITOR: the built-in editor
	tag := replyTo(t, s)
	screen := s.WaitFor(t, "Letter · "+tag+" · Acknowledgement", tuiWait)
	mustContain(t, "the editor", screen, "Subject: Re: ", "["+tag+"]", "Bästa Erik Lindqvist,",
		"ctrl+s done · esc drop · f1 keys")

	// Down twice to the greeting; type a line above it.
	s.Send(t, "Down", "Down", "Tack", "Space", "för", "Space", "ditt", "Space", "meddelande.", "Enter")
	s.WaitFor(t, "Tack för ditt meddelande.", tuiWait)
	s.Send(t, "C-s")
	screen = s.WaitFor(t, "> Save it as a draft in the mailbox's Drafts folder", tuiWait)
	mustContain(t, "the letter", screen, "The letter · "+tag, "To: Erik Lindqvist <erik.lindqvist@example.se>",
		"Tack för ditt meddelande.", "Drop it: nothing is saved or sent")
	if strings.Contains(screen, "Send it now") {
		t.Errorf("the demo has no [smtp], yet sending is offered:\n%s", screen)
	}
	s.Send(t, "Enter")
	screen = s.WaitFor(t, "Saved in Drafts (Message-ID <dsr.", tuiWait)
	mustContain(t, "after saving", screen, tag+" · open")
	backToList(t, s)
	quit(t, s)
}

// TestTUIReplyInEditor edits the letter in $EDITOR, a script here, which
// Bubble Tea hands the terminal to; its file is private and gone after.
func TestTUIReplyInEditor(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seen := filepath.Join(dir, "seen")
	editor := filepath.Join(dir, "editor.sh")
	err := os.WriteFile(editor, []byte(`#!/bin/sh
set -e
ls -ld "$1" > "`+seen+`"
ls -ld "$(dirname "$1")" >> "`+seen+`"
sed -i -e 's/^Bästa Erik Lindqvist,$/Hej Erik,/' "$1"
`), 0o700)
	if err != nil {
		t.Fatal(err)
	}
	s := startDemo(t, "EDITOR="+editor)
	tag := replyTo(t, s)
	screen := s.WaitFor(t, "> Save it as a draft in the mailbox's Drafts folder", tuiWait)
	mustContain(t, "the letter", screen, "The letter · "+tag, "Subject: Re: ", "Hej Erik,")
	s.Send(t, "Enter")
	s.WaitFor(t, "Saved in Drafts (Message-ID <dsr.", tuiWait)

	b, err := os.ReadFile(seen)
	if err != nil {
		t.Fatalf("the editor did not run: %v", err)
	}
	ls := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(ls) != 2 || !strings.HasPrefix(ls[0], "-rw------- ") || !strings.HasPrefix(ls[1], "drwx------ ") {
		t.Fatalf("the letter's file and folder, as the editor saw them:\n%s", b)
	}
	path := ls[0][strings.LastIndex(ls[0], " ")+1:]
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("the letter's folder %s is still there: %v", filepath.Dir(path), err)
	}
	backToList(t, s)
	quit(t, s)
}

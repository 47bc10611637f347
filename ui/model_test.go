package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// testNow is the clock of every test: Tuesday 10 November 2026, noon in
// Helsinki.
var testNow = time.Date(2026, 11, 10, 12, 0, 0, 0, register.Helsinki)

// openDB opens a fresh database in a private folder (Open refuses one that
// every user can reach, as the test's temporary folder is) under the test's
// temporary folder.
func openDB(t *testing.T) *register.DB {
	t.Helper()
	db, err := register.Open(context.Background(), filepath.Join(t.TempDir(), "data", "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// uidSeq numbers the seeded messages across a test.
var uidSeq uint32

// request returns a request message received at when.
func request(when time.Time, name, email, subject, text string) register.Message {
	uidSeq++
	id := fmt.Sprintf("m%d@example.fi", uidSeq)
	return register.Message{
		UID:        uidSeq,
		MessageID:  id,
		Hash:       fmt.Sprintf("hash-%d-%d", uidSeq, when.UnixNano()),
		ReceivedAt: when,
		From:       register.Person{Name: name, Email: email},
		Subject:    subject,
		Text:       text,
		Headers: "From: " + name + " <" + email + ">\nTo: sesoma@sesoma.fi\nDate: " + when.Format(time.RFC1123Z) +
			"\nSubject: " + subject + "\nMessage-ID: <" + id + ">\nX-Mailer: Testmailer 1.0",
		Disposition: register.DispositionRequest,
		Raw:         []byte("From: " + email + "\r\n\r\n" + text),
	}
}

// store stores msgs as one batch, opening a case for each.
func store(t *testing.T, db *register.DB, msgs ...register.Message) {
	t.Helper()
	_, err := db.StoreBatch(context.Background(), register.Batch{
		Mailbox: "INBOX", UIDValidity: 1, LastUID: uidSeq, Messages: msgs,
	})
	if err != nil {
		t.Fatal(err)
	}
}

// at is a moment in Helsinki time.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, register.Helsinki)
}

// seedThree stores three requests, not in due order:
//   - Liisa: received 5 Nov, due Mon 7 Dec (5 Dec is a Saturday, 6 Dec a holiday)
//   - Matti: received 1 Sep, due 1 Oct: overdue
//   - Anna:  received 12 Oct, due 12 Nov: due in 2 days
func seedThree(t *testing.T, db *register.DB) {
	t.Helper()
	store(t, db,
		request(at(2026, 11, 5, 9, 30), "Liisa Laine", "liisa@example.fi", "Tarkastuspyyntö", "Haluan nähdä tietoni."),
		request(at(2026, 9, 1, 8, 0), "Matti Meikäläinen", "matti@example.fi", "Poistakaa tietoni", "Poistakaa kaikki tietoni."),
		request(at(2026, 10, 12, 14, 5), "", "anna@example.se", "Begäran om registerutdrag", "Jag vill se mina uppgifter."),
	)
}

// driver runs the model as the program would, synchronously: it feeds
// messages to Update and runs the returned commands, feeding their messages
// back, until nothing is left to do.
type driver struct {
	t    *testing.T
	m    *model
	quit bool
}

// newDriver starts a model on db at 80×24 with no styling at all (as for
// output that is not a terminal) and no periodic reload.
func newDriver(t *testing.T, db *register.DB, opts Options) *driver {
	t.Helper()
	opts.DB = db
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	if opts.Source == "" {
		opts.Source = "demo mailbox"
	}
	d := &driver{t: t, m: newModel(context.Background(), opts)}
	d.m.reloadEvery = 0
	d.run(d.m.Init())
	d.send(tea.ColorProfileMsg{Profile: colorprofile.NoTTY})
	d.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return d
}

// send delivers msg and runs what follows from it.
func (d *driver) send(msg tea.Msg) {
	d.t.Helper()
	_, cmd := d.m.Update(msg)
	d.run(cmd)
}

// run executes cmd and every command that follows from it.
func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := d.exec(c).(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			d.quit = true
		default:
			_, next := d.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// exec runs one command, failing the test if it blocks.
func (d *driver) exec(c tea.Cmd) tea.Msg {
	d.t.Helper()
	done := make(chan tea.Msg, 1)
	go func() { done <- c() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(10 * time.Second):
		d.t.Fatal("a command did not return")
		return nil
	}
}

// press sends key presses named as in key bindings: "j", "G", "enter",
// "esc", "ctrl+c", "pgdown".
func (d *driver) press(keys ...string) {
	d.t.Helper()
	for _, k := range keys {
		d.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd,
	}
	if r, ok := special[k]; ok {
		return tea.KeyPressMsg{Code: r}
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	if k == "space" {
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

// view returns the screen as drawn.
func (d *driver) view() string { return d.m.View().Content }

// text returns the screen without styling.
func (d *driver) text() string { return ansi.Strip(d.view()) }

// selected returns the cursor row of the list, without styling.
func (d *driver) selected() string {
	d.t.Helper()
	for _, l := range strings.Split(d.text(), "\n") {
		if strings.HasPrefix(l, ">") {
			return l
		}
	}
	d.t.Fatalf("no cursor row on screen:\n%s", d.text())
	return ""
}

// mustShow fails unless the screen shows every one of want.
func (d *driver) mustShow(want ...string) {
	d.t.Helper()
	text := d.text()
	for _, w := range want {
		if !strings.Contains(text, w) {
			d.t.Fatalf("screen does not show %q:\n%s", w, text)
		}
	}
}

// mustNotShow fails if the screen shows any of unwanted.
func (d *driver) mustNotShow(unwanted ...string) {
	d.t.Helper()
	text := d.text()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			d.t.Fatalf("screen shows %q:\n%s", w, text)
		}
	}
}

// rowsOf returns the list rows (lines with a date in the received column)
// in screen order.
func rowsOf(text string) []string {
	var rows []string
	date := regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`)
	for _, l := range strings.Split(text, "\n") {
		if date.MatchString(l) {
			rows = append(rows, l)
		}
	}
	return rows
}

func TestListSortedByDueWithCounts(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{Source: "INBOX at imap.example.fi"})

	d.mustShow("INBOX at imap.example.fi", "3 open", "1 due within 7 d", "1 overdue",
		"DUE", "RECEIVED", "REQUESTER", "SUBJECT", "STATUS")
	rows := rowsOf(d.text())
	if len(rows) != 3 {
		t.Fatalf("want 3 rows, got %d:\n%s", len(rows), d.text())
	}
	for i, want := range []string{"Matti Meikä", "anna@example.se", "Liisa Laine"} {
		if !strings.Contains(rows[i], want) {
			t.Errorf("row %d = %q, want %s there (sorted by due date)", i, rows[i], want)
		}
	}
	for i, want := range []string{"2026-09-01", "2026-10-12", "2026-11-05"} {
		if !strings.Contains(rows[i], want) {
			t.Errorf("row %d = %q, want received date %s", i, rows[i], want)
		}
	}
	// Days left: Matti due 1 Oct (40 d late), Anna 12 Nov (2 d), Liisa 7 Dec (27 d).
	for i, want := range []string{"40 d late", "2 d ", "27 d "} {
		if !strings.Contains(rows[i], want) {
			t.Errorf("row %d = %q, want days left %q", i, rows[i], want)
		}
	}
}

func TestOverdueRowHasTextMarker(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})
	// As NO_COLOR users see it: attributes but no colours.
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	for _, row := range rowsOf(d.text()) {
		late := strings.Contains(row, "Matti")
		marked := strings.Contains(row, "!") && strings.Contains(row, "late")
		if late != marked {
			t.Errorf("row %q: overdue %v but marked %v", row, late, marked)
		}
	}
	if !regexp.MustCompile(`!\s+40 d late`).MatchString(d.text()) {
		t.Errorf("overdue row lacks its marker:\n%s", d.text())
	}
}

func TestCursorMoves(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})

	steps := []struct {
		keys []string
		want string
	}{
		{nil, "Matti"},
		{[]string{"j"}, "anna@example.se"},
		{[]string{"j"}, "Liisa"},
		{[]string{"j"}, "Liisa"}, // stays on the last
		{[]string{"k"}, "anna@example.se"},
		{[]string{"g"}, "Matti"},
		{[]string{"k"}, "Matti"}, // stays on the first
		{[]string{"G"}, "Liisa"},
		{[]string{"up"}, "anna@example.se"},
		{[]string{"down"}, "Liisa"},
		{[]string{"pgup"}, "Matti"},
		{[]string{"pgdown"}, "Liisa"},
		{[]string{"home"}, "Matti"},
		{[]string{"end"}, "Liisa"},
	}
	for _, s := range steps {
		d.press(s.keys...)
		if got := d.selected(); !strings.Contains(got, s.want) {
			t.Fatalf("after %v the cursor is on %q, want %s", s.keys, got, s.want)
		}
	}
}

func TestLongListShowsOnlyWindow(t *testing.T) {
	db := openDB(t)
	var msgs []register.Message
	for i := range 60 {
		msgs = append(msgs, request(at(2026, 10, 1, 8, 0).Add(time.Duration(i)*time.Hour),
			fmt.Sprintf("Person %02d", i), fmt.Sprintf("p%d@example.fi", i), "Pyyntö", "Teksti"))
	}
	store(t, db, msgs...)
	d := newDriver(t, db, Options{})
	if n := len(rowsOf(d.text())); n != 24-3 {
		t.Fatalf("%d rows drawn at 80×24, want %d", n, 24-3)
	}
	d.press("G")
	d.mustShow("Person 59")
	d.mustNotShow("Person 00")
	d.press("pgup")
	if got := d.selected(); !strings.Contains(got, "Person 38") {
		t.Errorf("after G, PgUp the cursor is on %q, want Person 38", got)
	}
	d.press("g")
	d.mustShow("Person 00")
	d.mustNotShow("Person 59")
	d.press("ctrl+d")
	if got := d.selected(); !strings.Contains(got, "Person 21") {
		t.Errorf("after g, ctrl+d the cursor is on %q, want Person 21", got)
	}
}

func TestEnterOpensDetailAndEscReturns(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})

	d.press("j")
	d.press("enter")
	d.mustShow("DSR-2026-0003", "open", "anna@example.se", "Begäran om registerutdrag",
		"Jag vill se mina uppgifter.", "Received", "2026-10-12 14:05", "Due", "2026-11-12, 2 d left",
		"If extended", "2027-01-12", "From", "To", "sesoma@sesoma.fi", "Subject", "Message-ID", "Date",
		"Message 1 of 1")
	d.mustNotShow("X-Mailer")

	d.press("h")
	d.mustShow("X-Mailer", "Testmailer 1.0")
	d.press("h")
	d.mustNotShow("X-Mailer")

	d.press("esc")
	d.mustShow("3 open")
	if got := d.selected(); !strings.Contains(got, "anna@example.se") {
		t.Fatalf("back on the list the cursor is on %q, want the case that was open", got)
	}
	d.press("G", "enter")
	d.mustShow("Liisa Laine", "Haluan nähdä tietoni.")
	d.press("q") // q goes back from the detail, it does not quit
	if d.quit {
		t.Fatal("q on the detail screen quit")
	}
	d.mustShow("3 open")
	d.mustNotShow("Quit dsrdesk?")
}

func TestDetailScrolls(t *testing.T) {
	db := openDB(t)
	var body []string
	for i := 1; i <= 100; i++ {
		body = append(body, fmt.Sprintf("rivi %03d", i))
	}
	store(t, db, request(at(2026, 11, 2, 10, 0), "Pitkä Viesti", "pitka@example.fi", "Pitkä", strings.Join(body, "\n")))
	d := newDriver(t, db, Options{})
	d.press("enter")
	d.mustShow("Pitkä Viesti", "rivi 001")
	d.mustNotShow("rivi 100")
	d.press("G")
	d.mustShow("rivi 100")
	d.mustNotShow("rivi 001")
	d.press("g")
	d.mustShow("Pitkä Viesti")
	d.press("space")
	d.mustNotShow("Requester")
	d.press("pgup")
	d.mustShow("Requester")
	for range 5 {
		d.press("j")
	}
	d.mustNotShow("Case ") // the first line scrolled away
	d.press("k", "k", "k", "k", "k")
	d.mustShow("Requester")
}

func TestDetailParseErrorAndLongLines(t *testing.T) {
	db := openDB(t)
	m := request(at(2026, 11, 2, 10, 0), "Rikki", "rikki@example.fi", "Rikki viesti",
		strings.Repeat("pitkä rivi ilman loppua ", 20)+strings.Repeat("x", 200))
	m.ParseError = "multipart: NextPart: EOF"
	store(t, db, m)
	d := newDriver(t, db, Options{})
	d.press("enter")
	text := strings.Join(strings.Fields(d.text()), " ")
	if !strings.Contains(text, "This message could not be read completely: multipart: NextPart: EOF; its raw bytes are kept.") {
		t.Errorf("no parse error notice:\n%s", d.text())
	}
	checkFits(t, d.view(), 80, 24)
}

func TestHelpListsEveryKey(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})

	d.press("?")
	for _, b := range d.m.list.Keys() {
		d.mustShow(b.Help().Key, b.Help().Desc)
	}
	for _, b := range d.m.sh.keys.Help.Bindings() {
		d.mustShow(b.Help().Key, b.Help().Desc)
	}
	checkFits(t, d.view(), 80, 24)
	d.press("j") // keys of the list do nothing under help
	d.press("?")
	d.mustShow("3 open")
	if got := d.selected(); !strings.Contains(got, "Matti") {
		t.Errorf("a key pressed under help moved the cursor to %q", got)
	}

	// The case's keys do not all fit at 80×24: they scroll.
	d.press("enter", "?")
	d.mustShow("Keys: case", "1–21 of 22 ↓", "j/k/pgdown/pgup/g/G scroll")
	checkFits(t, d.view(), 80, 24)
	seen := d.text()
	d.press("G")
	d.mustShow("2–22 of 22 ↑")
	checkFits(t, d.view(), 80, 24)
	seen += d.text()
	for _, b := range d.m.detail.Keys() {
		if !strings.Contains(seen, b.Help().Key) || !strings.Contains(seen, b.Help().Desc) {
			t.Errorf("the case's help does not show %s %q", b.Help().Key, b.Help().Desc)
		}
	}
	d.press("g")
	d.mustShow("1–21 of 22 ↓")
	d.press("q")
	d.mustShow("Poistakaa kaikki tietoni.") // q closed help, not the detail
	d.press("?", "esc")
	d.mustShow("Poistakaa kaikki tietoni.")
}

func TestQuitAsks(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})

	d.press("q")
	d.mustShow("Quit dsrdesk? (y/n)")
	if d.quit {
		t.Fatal("q quit without asking")
	}
	d.press("n")
	d.mustNotShow("Quit dsrdesk?")
	if d.quit {
		t.Fatal("n quit")
	}
	d.press("j")
	if got := d.selected(); !strings.Contains(got, "anna") {
		t.Fatalf("after n the list does not take keys: cursor on %q", got)
	}
	d.press("q", "y")
	if !d.quit {
		t.Fatal("q, y did not quit")
	}
}

func TestCtrlCQuitsAtOnce(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	for _, keys := range [][]string{{"ctrl+c"}, {"enter", "ctrl+c"}, {"?", "ctrl+c"}, {"q", "ctrl+c"}} {
		d := newDriver(t, db, Options{})
		d.press(keys...)
		if !d.quit {
			t.Errorf("%v did not quit", keys)
		}
	}
}

func TestStaleLoadIgnored(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})

	// A read started before a newer one answers last: its answer is dropped.
	_, old := d.m.Update(keyMsg("R"))
	oldMsg := d.exec(old) // read now, before the new case exists
	store(t, db, request(at(2026, 11, 9, 7, 0), "Uusi Pyytäjä", "uusi@example.fi", "Uusi", "Uusi pyyntö."))
	d.press("R")
	d.mustShow("Uusi Pyytäjä", "4 open")
	d.send(oldMsg)
	d.mustShow("Uusi Pyytäjä", "4 open")

	// A made-up answer to an old request id changes nothing.
	d.send(listLoadedMsg{req: d.m.listReq - 1, page: listPage{
		cases:  []register.Case{{ID: 999, Tag: "DSR-STALE", Subject: "STALE ROW", Status: "open"}},
		counts: register.Counts{Open: 1},
	}})
	d.mustNotShow("STALE ROW")
	d.mustShow("4 open")

	// Likewise for the detail screen.
	d.press("enter")
	d.send(caseLoadedMsg{req: d.m.detailReq - 1, id: d.m.detail.caseID,
		data: register.CaseDetail{Case: register.Case{Tag: "DSR-STALE"}}})
	d.mustNotShow("DSR-STALE")
	d.mustShow("DSR-2026-0002")
}

func TestPeriodicReloadKeepsCursor(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})
	d.press("G") // Liisa
	store(t, db, request(at(2026, 8, 20, 9, 0), "Vanha Asia", "vanha@example.fi", "Vanha", "Vanha pyyntö."))
	d.send(reloadTickMsg{})
	d.mustShow("Vanha Asia", "4 open", "2 overdue")
	if got := d.selected(); !strings.Contains(got, "Liisa") {
		t.Fatalf("after the reload the cursor is on %q, want Liisa still", got)
	}

	// With the period set, the tick schedules the next one.
	d.m.reloadEvery = time.Hour
	_, cmd := d.m.Update(reloadTickMsg{})
	batch, ok := d.exec(cmd).(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("a tick should read the list and schedule the next tick, got %T", batch)
	}
}

func TestSyncEvents(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{Watch: func(context.Context, func(SyncEvent)) {}})
	d.mustShow("starting sync")

	d.send(SyncEvent{Syncing: true})
	d.mustShow("syncing…")

	// New mail stored by the sync shows up at once.
	store(t, db, request(at(2026, 11, 10, 11, 0), "Tuore Pyytäjä", "tuore@example.fi", "Tuore", "Tuore pyyntö."))
	d.send(SyncEvent{At: at(2026, 11, 10, 11, 58), Stored: 2, Cases: 1})
	d.mustShow("synced 11:58, 2 new, 1 case opened", "Tuore Pyytäjä", "4 open")

	// An error, with escape sequences and a carriage return in it.
	d.send(SyncEvent{
		At:    testNow,
		Err:   "IMAP: login failed: \x1b[31mauthentication\x1b[0m \x1b]8;;http://evil.example\x07failed\r\x1b[2K",
		Retry: testNow.Add(30 * time.Second),
	})
	d.mustShow("IMAP: login failed: authentication failed", "retrying in 30 s")
	checkNoEscape(t, d.view())
	checkFits(t, d.view(), 80, 24)

	// A long error is cut, but when the next try is stays visible.
	d.send(SyncEvent{
		At:    testNow,
		Err:   "cannot reach IMAP server imap.very-long-host-name.example.fi:993: dial tcp: lookup failed: no such host",
		Retry: testNow.Add(10 * time.Second),
	})
	d.mustShow("cannot reach IMAP server", "… — retrying in 10 s")

	// Styled, the error is still only text between SGR sequences.
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
	checkOnlySGR(t, d.view())
}

func TestListReadError(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})
	db.Close()
	d.press("R")
	d.mustShow("database:")
	d.mustShow("Matti") // what was read before stays
}

func TestEmptyList(t *testing.T) {
	d := newDriver(t, openDB(t), Options{})
	d.mustShow("No open cases. New requests appear here as they arrive.", "0 open")
	d.press("enter", "j", "G") // nothing to open or move to
	d.mustShow("No open cases.")
}

func TestHostileTextIsSanitised(t *testing.T) {
	db := openDB(t)
	hostile := "Re: \x1b[2J\x1b]0;pwned\x07lasku\u202Efdp.exe\r\x1b[1A\x9b31mX\x1bPqdata\x1b\\ loppu"
	m := request(at(2026, 11, 3, 10, 0), "Paha \x1b[5mNimi\u202E", "paha@example.fi", hostile,
		"Hei,\r\nrivi\x1b[31m punainen\r ylikirjoitus\n\u202Eetxet\u202C\x1b]8;;http://evil.example\x1b\\linkki\x1b]8;;\x1b\\\n\ttabulaattori\x00\x7f")
	m.Headers = "From: Paha \x1b[5mNimi\u202E <paha@example.fi>\nTo: sesoma@sesoma.fi\nSubject: " + hostile + "\nX-Evil: \x1b]52;c;cHduZWQ=\x07"
	store(t, db, m)

	for _, p := range []colorprofile.Profile{colorprofile.NoTTY, colorprofile.ASCII, colorprofile.ANSI} {
		d := newDriver(t, db, Options{})
		d.send(tea.ColorProfileMsg{Profile: p})
		check := func(where string) { t.Helper(); checkDefused(t, d, p, where) }
		check("list")
		d.mustShow("lasku", "⁇")
		d.press("enter")
		check("detail")
		d.press("G")
		check("detail, its end")
		d.mustShow("punainen", "ylikirjoitus", "linkki", "Warning:", "hidden")
		d.press("g", "h")
		check("detail, all headers")
		d.mustShow("X-Evil")
		d.press("?")
		check("help")
	}
}

func TestSmallWindow(t *testing.T) {
	db := openDB(t)
	seedThree(t, db)
	d := newDriver(t, db, Options{})
	d.send(tea.WindowSizeMsg{Width: 50, Height: 15})
	text := strings.Join(strings.Fields(d.text()), " ")
	if text != "dsrdesk needs at least 60×16; this window is 50×15" {
		t.Fatalf("small window shows %q", text)
	}
	checkFits(t, d.view(), 50, 15)
	d.send(tea.WindowSizeMsg{Width: 60, Height: 16})
	d.mustShow("3 open", "Matti")
	checkFits(t, d.view(), 60, 16)
}

func TestFitsAt80x24(t *testing.T) {
	db := openDB(t)
	long := strings.Repeat("Erittäin pitkä otsikko ", 10)
	store(t, db,
		request(at(2026, 11, 3, 10, 0), strings.Repeat("Hyvin Pitkäniminen ", 5), "pitka@example.fi", long, strings.Repeat("sana ", 400)),
		request(at(2026, 11, 4, 10, 0), "漢字の名前を持つ人", "kanji@example.jp", "個人情報の開示請求について知りたいです", "本文"),
	)
	seedThree(t, db)
	d := newDriver(t, db, Options{Source: strings.Repeat("very long source ", 10)})
	for _, p := range []colorprofile.Profile{colorprofile.ANSI, colorprofile.NoTTY} {
		d.send(tea.ColorProfileMsg{Profile: p})
		d.press("g")
		checkFits(t, d.view(), 80, 24)
		d.press("?")
		checkFits(t, d.view(), 80, 24)
		d.press("?", "enter")
		checkFits(t, d.view(), 80, 24)
		d.press("G")
		checkFits(t, d.view(), 80, 24)
		d.press("esc", "j", "enter")
		checkFits(t, d.view(), 80, 24)
		d.press("esc")
	}
	d.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	checkFits(t, d.view(), 120, 40)
}

// checkDefused fails the test at once if the driver's view, drawn for
// colour profile p, holds any control a screen does not draw itself, or
// does not fit 80×24; where names the screen in the message.
func checkDefused(t *testing.T, d *driver, p colorprofile.Profile, where string) {
	t.Helper()
	v := d.view()
	if p == colorprofile.NoTTY {
		checkNoEscape(t, v)
	} else {
		checkOnlySGR(t, v)
	}
	checkFits(t, v, 80, 24)
	if t.Failed() {
		t.Fatalf("profile %v, %s:\n%q", p, where, v)
	}
}

// checkFits fails if view is not exactly h lines of at most w cells.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, n, w, ansi.Strip(l))
		}
	}
}

// checkNoEscape fails if view holds an ESC, CR, C1 control or bidi control.
func checkNoEscape(t *testing.T, view string) {
	t.Helper()
	for _, r := range view {
		if r == 0x1b || r == '\r' || (r >= 0x80 && r <= 0x9f) || r == '\u202e' || r == '\u202c' || r == 0 || r == 0x7f {
			t.Errorf("view holds %U", r)
			return
		}
	}
}

// sgr matches a Select Graphic Rendition sequence: the only escape sequence
// the screens themselves draw.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// checkOnlySGR fails if view holds any control beyond the styling.
func checkOnlySGR(t *testing.T, view string) {
	t.Helper()
	checkNoEscape(t, sgr.ReplaceAllString(view, ""))
}

func TestSyncCrashQuits(t *testing.T) {
	d := newDriver(t, openDB(t), Options{})
	d.send(syncCrashedMsg{})
	if !d.quit {
		t.Fatal("the program did not quit after the sync crashed")
	}
}

func TestParseHeaders(t *testing.T) {
	got := parseHeaders("From: A <a@example.fi>\r\nSubject: first\n  continued\nX-Long-Header-Name: v: w\n\nbroken line\nTo:b@example.fi")
	want := []header{
		{"From", "A <a@example.fi>"},
		{"Subject", "first continued"},
		{"X-Long-Header-Name", "v: w broken line"},
		{"To", "b@example.fi"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parseHeaders = %q, want %q", got, want)
	}
	m := register.Message{From: register.Person{Name: "N", Email: "n@example.fi"}, Subject: "S", MessageID: "id@x"}
	keys := keyHeaders(got, m)
	wantKeys := []header{
		{"From", "A <a@example.fi>"}, {"To", "b@example.fi"}, {"Subject", "first continued"}, {"Message-ID", "<id@x>"},
	}
	if fmt.Sprint(keys) != fmt.Sprint(wantKeys) {
		t.Errorf("keyHeaders = %q, want %q", keys, wantKeys)
	}
}

func TestTexts(t *testing.T) {
	for n, want := range map[int]string{5: "5 d", 1: "1 d", 0: "today", -3: "3 d late"} {
		if got := DaysLeft(n); got != want {
			t.Errorf("DaysLeft(%d) = %q, want %q", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{
		30 * time.Second: "retrying in 30 s", 1500 * time.Millisecond: "retrying in 2 s",
		0: "retrying now", -time.Second: "retrying now", 10 * time.Minute: "retrying in 10 min",
	} {
		if got := retryText(testNow.Add(d), testNow); got != want {
			t.Errorf("retryText(%v) = %q, want %q", d, got, want)
		}
	}
	if got := newText(SyncEvent{}); got != "nothing new" {
		t.Errorf("newText of an empty sync = %q", got)
	}
}

func TestPanicIsRecorded(t *testing.T) {
	d := newDriver(t, openDB(t), Options{})
	var c crashRecord
	d.m.crashed = c.record
	d.m.list.sh = nil // makes the next key panic
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("no panic")
			}
		}()
		d.press("j")
	}()
	what, report := c.get()
	if what != "the screen update" || !strings.Contains(report, "nil pointer") || !strings.Contains(report, "goroutine") {
		t.Fatalf("recorded %q: %s", what, report)
	}
	path := filepath.Join(t.TempDir(), "state", "crash.log")
	if err := writeCrashLog(path, report); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("crash log: %v, mode %v", err, fi.Mode())
	}
}

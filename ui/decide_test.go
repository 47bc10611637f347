package ui

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/colorprofile"
)

// mail returns a message of disposition disp received at when, with the
// classifier's reasons.
func mail(when time.Time, name, email, subject, text, disp string, kinds []string, reasons ...string) register.Message {
	m := request(when, name, email, subject, text)
	m.Disposition, m.Kinds, m.Reasons = disp, kinds, reasons
	return m
}

// seedMixed stores mail of every disposition:
//   - Liisa: a request for access and erasure, received 5 Nov, certain;
//     later a reply to it (In-Reply-To) that joins as a follow-up;
//   - Pekka: a request the classifier was unsure of (objection?), 2 Nov;
//   - Unreadable: an unparseable message, 3 Nov: a case, to be checked;
//   - an auto-reply, a bounce, a newsletter and an order question (unsure):
//     the Other mail.
func seedMixed(t *testing.T, db *register.DB) {
	t.Helper()
	liisa := mail(at(2026, 11, 5, 9, 30), "Liisa Laine", "liisa@example.fi", "Tietopyyntö ja poisto",
		"Haluan nähdä tietoni ja sitten poistakaa ne.", register.DispositionRequest,
		[]string{"access", "erasure"}, `"haluan nähdä tietoni" (access)`, `"poistakaa" (erasure)`)
	pekka := mail(at(2026, 11, 2, 8, 0), "Pekka Puro", "pekka@example.fi", "Ei enää mainoksia",
		"Älkää lähettäkö minulle enää mitään.", register.DispositionRequest,
		[]string{"objection"}, `"älkää lähettäkö" (objection?)`, "no explicit right named")
	pekka.Uncertain = true
	broken := mail(at(2026, 11, 3, 10, 0), "", "rikki@example.fi", "Rikki", "", register.DispositionUnparseable, nil,
		"the MIME structure could not be read")
	broken.Uncertain, broken.ParseError = true, "multipart: NextPart: EOF"
	store(t, db, liisa, pekka, broken,
		mail(at(2026, 11, 6, 7, 0), "Heikki Salonen", "heikki@putki.example", "Automaattinen vastaus: Tilausvahvistus",
			"Olen lomalla.", register.DispositionAutoReply, nil, "Auto-Submitted: auto-replied"),
		mail(at(2026, 11, 7, 7, 0), "Mail Delivery System", "MAILER-DAEMON@sesoma.fi", "Undelivered Mail Returned to Sender",
			"Could not deliver.", register.DispositionBounce, nil, "multipart/report; report-type=delivery-status"),
		mail(at(2026, 11, 8, 12, 0), "Teollisuusuutiset", "uutiskirje@uutiset.example", "Viikkokirje 47",
			"Tällä viikolla tietosuoja.", register.DispositionBulk, nil, "List-Unsubscribe", "Precedence: bulk"),
	)
	order := mail(at(2026, 10, 20, 9, 15), "Antti Heinonen", "antti@sahko.example", "Tilaus 2025-121345 – toimitusaika?",
		"Ehtiikö tilaus perille perjantaiksi?", register.DispositionOther, []string{"access"}, `"tilaus" (an order)`)
	order.Uncertain = true
	reply := mail(at(2026, 11, 9, 15, 0), "Liisa Laine", "liisa@example.fi", "Re: Tietopyyntö ja poisto",
		"Lisäksi: poistakaa myös puhelinnumeroni.", register.DispositionRequest, []string{"erasure"}, `"poistakaa" (erasure)`)
	reply.InReplyTo = []string{liisa.MessageID}
	store(t, db, order, reply)
}

// selectRow moves the cursor of the list in front down from the top to
// the row that shows text.
func (d *driver) selectRow(text string) {
	d.t.Helper()
	d.press("g")
	for range 50 {
		if strings.Contains(d.selected(), text) {
			return
		}
		d.press("j")
	}
	d.t.Fatalf("no row shows %q:\n%s", text, d.text())
}

// row returns the screen's line that shows text.
func (d *driver) row(text string) string {
	d.t.Helper()
	for _, l := range strings.Split(d.text(), "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	d.t.Fatalf("no line shows %q:\n%s", text, d.text())
	return ""
}

// typeText types s key by key.
func (d *driver) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		if r == ' ' {
			d.press("space")
			continue
		}
		d.press(string(r))
	}
}

// caseOf reads the case whose subject is subject from the database.
func caseOf(t *testing.T, db *register.DB, subject string) register.CaseDetail {
	t.Helper()
	cases, err := db.Cases(context.Background(), register.CaseQuery{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if c.Subject == subject {
			d, err := db.CaseByID(context.Background(), c.ID)
			if err != nil {
				t.Fatal(err)
			}
			return d
		}
	}
	t.Fatalf("no case has the subject %q", subject)
	return register.CaseDetail{}
}

// otherMail reads the Other mail from the database.
func otherMail(t *testing.T, db *register.DB) []register.Message {
	t.Helper()
	msgs, err := db.OtherMail(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

func TestListKindsAndMarks(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	// As NO_COLOR users see it: the marks are text.
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII})

	d.mustShow("3 open", "2 to check", "KINDS",
		"A access  R rectification  E erasure  S restriction  P portability  O objection")
	for _, c := range []struct{ who, lead, kinds string }{
		{"Pekka Puro", " ? ", " O "},    // unsure of the classification
		{"rikki@example", " ? ", " - "}, // unparseable: no kinds, to check
		{"Liisa Laine", "  *", " AE "},  // a follow-up arrived
	} {
		row := d.row(c.who)
		if got := row[2:5]; got != c.lead {
			t.Errorf("row of %s: marks %q, want %q: %q", c.who, got, c.lead, row)
		}
		if !strings.Contains(row, c.kinds) {
			t.Errorf("row of %s: want kinds %q: %q", c.who, c.kinds, row)
		}
	}
	checkFits(t, d.view(), 80, 24)
	checkOnlySGR(t, d.view())

	// The help explains the letters and the marks.
	d.press("?")
	text := strings.Join(strings.Fields(d.text()), " ")
	for _, want := range []string{"A access · R rectification · E erasure · S restriction · P portability · O objection",
		"! overdue", "? classifier unsure", "* new activity", "waiting ID"} {
		if !strings.Contains(text, want) {
			t.Errorf("list help lacks %q:\n%s", want, d.text())
		}
	}
	checkFits(t, d.view(), 80, 24)
}

func TestDetailShowsDoubtReasonsAndThread(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})

	d.selectRow("Pekka Puro")
	d.press("enter")
	d.mustShow("Classifier unsure — check the kinds",
		`Why: "älkää lähettäkö" (objection?); no explicit right named`,
		"Kinds       objection", "Identity    unverified",
		`Why         "älkää lähettäkö" (objection?)`)
	d.press("j")
	d.mustShow("            no explicit right named")
	d.press("esc")

	d.selectRow("Liisa Laine")
	d.press("enter")
	d.mustShow("Kinds       access, erasure", "New activity", "Message 1 of 2",
		`Why         "haluan nähdä tietoni" (access)`)
	d.mustNotShow("Classifier unsure")
	d.press("G")
	d.mustShow("Message 2 of 2 · follow-up",
		"Joined      answers <m", "Lisäksi: poistakaa myös puhelinnumeroni.")
	checkFits(t, d.view(), 80, 24)
}

func TestOpeningClearsNewActivity(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	if !caseOf(t, db, "Tietopyyntö ja poisto").NewActivity {
		t.Fatal("the follow-up did not mark the case: the test proves nothing")
	}
	d := newDriver(t, db, Options{})
	if row := d.row("Liisa Laine"); !strings.Contains(row[:6], "*") {
		t.Fatalf("no * on the row: %q", row)
	}
	d.selectRow("Liisa Laine")
	d.press("enter")
	if caseOf(t, db, "Tietopyyntö ja poisto").NewActivity {
		t.Error("opening the case did not clear its new activity in the database")
	}
	d.press("esc")
	if row := d.row("Liisa Laine"); strings.Contains(row[:6], "*") {
		t.Errorf("the * stays on the row after the case was opened: %q", row)
	}
}

func TestIdentityMenu(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	d.selectRow("Pekka Puro")
	d.press("enter", "i")
	d.mustShow("Identity · DSR-", "> unverified", "verified — reply from the address on file",
		"verified — customer number or business ID", "verified — ID checked (no copy kept)",
		"agent — acting for the data subject")
	checkFits(t, d.view(), 80, 24)

	// esc changes nothing.
	d.press("j", "esc")
	d.mustNotShow("Identity · DSR-")
	if id := caseOf(t, db, "Ei enää mainoksia").Identity; id.Status != register.IdentityUnverified {
		t.Fatalf("esc saved %+v", id)
	}

	d.press("i", "j", "j", "j", "enter")
	if id := caseOf(t, db, "Ei enää mainoksia").Identity; id != (register.Identity{Status: register.IdentityVerified, Method: register.MethodIDChecked}) {
		t.Fatalf("identity in the database: %+v, want verified (id_checked)", id)
	}
	d.mustShow("Identity    verified: ID checked (no copy kept)", "identity: saved")

	// An agent: the proof of authority is asked; an empty one is refused.
	d.press("i")
	d.mustShow("> verified — ID checked (no copy kept)") // the menu opens on the present status
	d.press("j", "enter")
	d.mustShow("Proof of authority")
	d.press("enter")
	d.mustShow("Note the proof of authority first")
	d.typeText("Valtakirja 1.11.2026, q? ")
	d.press("f1")
	for _, b := range d.m.sh.keys.Input.Bindings() {
		d.mustShow(b.Help().Key, b.Help().Desc)
	}
	checkFits(t, d.view(), 80, 24)
	d.press("esc")
	d.mustShow("Proof of authority", "Valtakirja 1.11.2026, q?")
	d.press("enter")
	id := caseOf(t, db, "Ei enää mainoksia").Identity
	if id != (register.Identity{Status: register.IdentityAgent, Note: "Valtakirja 1.11.2026, q?"}) {
		t.Fatalf("identity in the database: %+v, want an agent with the note", id)
	}
	d.mustShow("Identity    agent: Valtakirja 1.11.2026, q?")
}

func TestEditKinds(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	d.selectRow("Pekka Puro")
	d.press("enter", "K")
	d.mustShow("Kinds of request · DSR-", "> [ ] A  access", "[x] O  objection")
	checkFits(t, d.view(), 80, 24)

	// esc changes nothing.
	d.press("space", "esc")
	if k := caseOf(t, db, "Ei enää mainoksia").Kinds; !slices.Equal(k, []string{"objection"}) {
		t.Fatalf("esc saved kinds %v", k)
	}

	// Tick access, untick objection, save.
	d.press("K", "space", "G", "j", "j", "j", "j", "j", "j", "space", "enter")
	c := caseOf(t, db, "Ei enää mainoksia")
	if !slices.Equal(c.Kinds, []string{"access"}) {
		t.Fatalf("kinds in the database: %v, want [access]", c.Kinds)
	}
	if c.Uncertain {
		t.Error("setting the kinds did not settle the classifier's doubt")
	}
	d.mustShow("Kinds       access", "kinds: saved")
	d.mustNotShow("Classifier unsure")
	d.press("esc")
	if row := d.row("Pekka Puro"); !strings.Contains(row, " A ") || strings.Contains(row[:6], "?") {
		t.Errorf("the list row does not show the new kinds without the ?: %q", row)
	}
	d.mustShow("1 to check")
}

func TestEditKindsConflict(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	d.selectRow("Pekka Puro")
	d.press("enter")
	d.mustShow("Kinds       objection")

	// Another officer sets the kinds meanwhile.
	c := caseOf(t, db, "Ei enää mainoksia")
	if err := db.SetKinds(context.Background(), c.ID, c.Version, []string{"erasure", "restriction"}); err != nil {
		t.Fatal(err)
	}
	d.mustShow("Kinds       objection") // not read yet

	d.press("K", "space", "enter") // tick access on the stale state
	d.mustShow("Not saved: another officer changed this case. Shown afresh: check, retry.", "Kinds       erasure, restriction")
	if k := caseOf(t, db, "Ei enää mainoksia").Kinds; !slices.Equal(k, []string{"erasure", "restriction"}) {
		t.Fatalf("the stale save overwrote the other officer's kinds: %v", k)
	}
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ANSI})
	checkFits(t, d.view(), 80, 24)

	// Now on the fresh state the save goes through.
	d.press("K", "space", "enter")
	if k := caseOf(t, db, "Ei enää mainoksia").Kinds; !slices.Equal(k, []string{"access", "erasure", "restriction"}) {
		t.Fatalf("kinds in the database: %v", k)
	}
	d.mustShow("kinds: saved", "Kinds       access, erasure, restriction")
}

func TestWaitForID(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	d.selectRow("Liisa Laine")
	d.press("enter")
	d.mustNotShow("Adjusted for", "waiting ID")

	d.press("w")
	d.mustShow("Start waiting for identifying information?", "(y/n)")
	checkFits(t, d.view(), 80, 24)
	d.press("n")
	d.mustNotShow("Start waiting")
	if caseOf(t, db, "Tietopyyntö ja poisto").WaitingForID {
		t.Fatal("n started the waiting")
	}

	d.press("w", "y")
	c := caseOf(t, db, "Tietopyyntö ja poisto")
	if !c.WaitingForID {
		t.Fatal("w, y did not start the waiting in the database")
	}
	d.mustShow("· waiting ID", "Due         2026-12-07, 27 d left",
		"Adjusted for 0 days waiting for ID: "+c.AdjustedDue.String(), "Waiting     for identifying information since")
	d.press("esc")
	if row := d.row("Liisa Laine"); !strings.HasSuffix(strings.TrimSpace(row), "waiting ID") {
		t.Errorf("the list row does not say waiting ID: %q", row)
	}
	checkFits(t, d.view(), 80, 24)

	d.press("enter", "w")
	d.mustShow("Stop waiting for identifying information?")
	d.press("y")
	if caseOf(t, db, "Tietopyyntö ja poisto").WaitingForID {
		t.Fatal("w, y did not end the waiting")
	}
	d.mustNotShow("· waiting ID")
}

func TestWaitShowsBothDates(t *testing.T) {
	// A case read while waiting for some days: the strict date and the
	// adjusted one side by side.
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	c := caseOf(t, db, "Tietopyyntö ja poisto")
	c.WaitingForID, c.SuspendedDays, c.AdjustedDue = true, 5, register.AdjustedDue(c.ReceivedAt, 5)
	d.m.detail = newDetail(d.m.sh, c.ID, 80, 23)
	d.m.on = onDetail
	d.m.detail.SetCase(c, nil)
	// Due 5 Dec (a Saturday) moves to Mon 7 Dec; 5 Dec + 5 days is Thu 10 Dec.
	d.mustShow("Due         2026-12-07, 27 d left", "Adjusted for 5 days waiting for ID: 2026-12-10")
}

func TestOtherMail(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	d.press("o")
	d.mustShow("Other mail · 4 messages", "1 to check", "RECEIVED", "FROM", "SUBJECT", "KIND")

	// Exactly the messages that are in no case, newest first.
	want := otherMail(t, db)
	rows := rowsOf(d.text())
	if len(rows) != len(want) || len(want) != 4 {
		t.Fatalf("%d rows for %d messages of other mail:\n%s", len(rows), len(want), d.text())
	}
	for i, m := range want {
		if !strings.Contains(rows[i], m.ReceivedAt.Format("2006-01-02 15:04")) || !strings.Contains(rows[i], m.Subject[:10]) {
			t.Errorf("row %d = %q, want %q", i, rows[i], m.Subject)
		}
	}
	for i, disp := range []string{"bulk", "bounce", "auto-reply", "other"} {
		if !strings.HasSuffix(strings.TrimSpace(rows[i]), disp) {
			t.Errorf("row %d = %q, want the kind %s", i, rows[i], disp)
		}
	}
	d.mustNotShow("Tietopyyntö", "Ei enää", "Rikki")
	if row := d.row("Tilaus 2025"); row[2] != '?' {
		t.Errorf("the unsure message lacks its ?: %q", row)
	}
	checkFits(t, d.view(), 80, 24)

	// Its message view: the headers, why, and the text.
	d.selectRow("Tilaus 2025")
	d.press("enter")
	d.mustShow("Other mail · message · other", "Classified  other; ? the classifier is unsure",
		"From        Antti Heinonen <antti@sahko.example>", `Why         "tilaus" (an order)`,
		"Ehtiikö tilaus perille perjantaiksi?")
	d.press("h")
	d.mustShow("X-Mailer: Testmailer 1.0")
	checkFits(t, d.view(), 80, 24)
	d.press("q")
	d.mustShow("Other mail · 4 messages")
	d.press("esc")
	d.mustShow("3 open")
	if d.quit {
		t.Fatal("q or esc on Other mail quit")
	}
}

func TestMakeCaseFromOtherMail(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	d.press("o")
	d.selectRow("Tilaus 2025")
	d.press("c")
	// Ticked as the classifier saw it.
	d.mustShow("Kinds of the new case", "> [x] A  access", "[ ] E  erasure")
	d.press("j", "j", "space", "enter") // and erasure
	d.mustShow("Open a case from this message? The clock starts at its", "receipt, 2026-10-20 09:15. (y/n)")
	checkFits(t, d.view(), 80, 24)
	d.press("n") // no: nothing happens
	d.mustShow("Other mail · 4 messages")
	if len(otherMail(t, db)) != 4 {
		t.Fatal("n opened a case")
	}

	d.press("c", "enter", "y")
	d.mustShow("4 open", "case opened")
	sel := d.selected()
	for _, want := range []string{"Antti Heinonen", "Tilaus 2025", "2026-10-20", " A "} {
		if !strings.Contains(sel, want) {
			t.Errorf("the selected row %q lacks %q", sel, want)
		}
	}
	c := caseOf(t, db, "Tilaus 2025-121345 – toimitusaika?")
	if !c.ReceivedAt.Equal(at(2026, 10, 20, 9, 15)) || c.Due.String() != "2026-11-20" {
		t.Errorf("the case's clock starts %v, due %v; want the message's receipt 2026-10-20 09:15, due 2026-11-20", c.ReceivedAt, c.Due)
	}
	if !slices.Equal(c.Kinds, []string{"access"}) {
		t.Errorf("kinds %v, want the ticked [access]", c.Kinds)
	}
	if n := len(otherMail(t, db)); n != 3 {
		t.Errorf("%d messages left in other mail, want 3", n)
	}

	// From the message view, with other kinds.
	d.press("o")
	d.selectRow("Viikkokirje")
	d.press("enter", "c")
	d.mustShow("> [ ] A  access")
	d.press("j", "j", "j", "j", "j", "space", "enter", "y")
	d.mustShow("5 open")
	if sel := d.selected(); !strings.Contains(sel, "Viikkokirje") || !strings.Contains(sel, " O ") {
		t.Errorf("the new case is not selected with its kinds: %q", sel)
	}
	if c := caseOf(t, db, "Viikkokirje 47"); !c.ReceivedAt.Equal(at(2026, 11, 8, 12, 0)) {
		t.Errorf("the case's clock starts %v, want the newsletter's receipt", c.ReceivedAt)
	}
}

func TestNotARequest(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	d.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	d.press("o")
	d.selectRow("Tilaus 2025")
	d.press("x")
	d.mustShow("Not a request", "(y/n)")
	d.press("esc")
	d.press("x", "y")
	d.mustShow("not a request: saved", "Other mail · 4 messages")
	var confirmed register.Message
	for _, m := range otherMail(t, db) {
		if strings.HasPrefix(m.Subject, "Tilaus") {
			confirmed = m
		}
	}
	if !confirmed.Confirmed || confirmed.Uncertain {
		t.Fatalf("not confirmed in the database: %+v", confirmed)
	}
	if row := d.row("Tilaus 2025"); row[3] != '=' || row[2] == '?' {
		t.Errorf("the confirmed message lacks its = (or keeps its ?): %q", row)
	}
	d.mustNotShow("to check")

	// From the message view.
	d.selectRow("Undelivered")
	d.press("enter", "x", "y")
	d.mustShow("Classified  bounce; = an officer confirmed it is not a request")
	d.press("esc")
	if row := d.row("Undelivered"); row[3] != '=' {
		t.Errorf("the confirmed bounce lacks its =: %q", row)
	}
	if len(otherMail(t, db)) != 4 {
		t.Error("confirming changed what is in other mail")
	}
}

func TestHelpOfNewScreens(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	check := func(where string, bindings []key.Binding, also ...string) {
		t.Helper()
		d.press("?")
		for _, b := range bindings {
			d.mustShow(b.Help().Key, b.Help().Desc)
		}
		d.mustShow(also...)
		checkFits(t, d.view(), 80, 24)
		if t.Failed() {
			t.Fatalf("help of %s", where)
		}
		d.press("esc")
	}
	keys := d.m.sh.keys
	check("the list", keys.List.Bindings(), "Kinds: A access")
	d.press("enter")
	check("the case", keys.Detail.Bindings())
	d.press("K")
	check("the kinds", keys.Kinds.Bindings(), "Keys: kinds of request", "S restriction")
	d.mustShow("Kinds of request · DSR-") // help closed, the checklist is back
	d.press("esc", "i")
	check("the identity menu", keys.Identity.Bindings(), "Keys: identity")
	d.press("esc", "esc", "o")
	check("the other mail", keys.Other.Bindings(), "Keys: other mail", "= an officer confirmed")
	d.press("enter")
	check("a message", keys.Message.Bindings(), "Keys: message")
	// The text field's help is on f1, since ? is text there: tested in
	// TestIdentityMenu.
}

func TestNewScreensFitAndAreClean(t *testing.T) {
	for _, p := range []colorprofile.Profile{colorprofile.NoTTY, colorprofile.ASCII, colorprofile.ANSI} {
		db := openDB(t)
		seedMixed(t, db)
		hostile := mail(at(2026, 11, 9, 9, 0), "Paha \x1b[5mNimi\u202E", "paha@example.fi",
			"Re: \x1b[2J\x1b]0;pwned\x07lasku\u202Efdp.exe\r\x9b31mX "+strings.Repeat("pitkä ", 30),
			"rivi\x1b[31m punainen\r\n\u202Eetxet\x1b]8;;http://evil.example\x1b\\linkki", register.DispositionOther,
			[]string{"access"}, "\x1b[31mreason\u202E quoted")
		hostile.Attachments = []register.Attachment{{Name: "id\x1b[2J.pdf", Type: "application/pdf", Size: 123456}}
		store(t, db, hostile)
		d := newDriver(t, db, Options{})
		d.send(tea.ColorProfileMsg{Profile: p})
		check := func(where string) { t.Helper(); checkDefused(t, d, p, where) }
		d.press("o")
		check("other mail")
		d.mustShow("lasku⁇fdp.exe")
		d.selectRow("lasku")
		d.press("enter")
		check("message")
		d.mustShow("punainen", "linkki", "reason⁇ quoted", "id.pdf (application/pdf, 123 kB)", "Warning:")
		d.press("c")
		check("kinds of a new case")
		d.press("enter")
		check("the question")
		d.press("y")
		check("the list with the new case")
		d.press("enter")
		check("the case")
		d.press("K")
		check("kinds")
		d.press("esc", "i")
		check("identity")
		d.press("G", "j", "j", "j", "j", "enter")
		d.typeText("x")
		check("proof of authority")
		d.send(tea.PasteMsg{Content: "\x1b[31mpasted\u202e\r\nline " + strings.Repeat("long ", 30)})
		check("pasted proof")
		d.press("enter")
		d.mustShow("agent: xpasted⁇ line long")
		d.press("w")
		check("waiting question")
		d.press("y")
		check("waiting")
	}
}

func TestStaleOtherMailIgnored(t *testing.T) {
	db := openDB(t)
	seedMixed(t, db)
	d := newDriver(t, db, Options{})
	d.press("o")
	d.send(otherLoadedMsg{req: d.m.otherReq - 1, msgs: []register.Message{{ID: 999, Subject: "STALE ROW"}}})
	d.mustNotShow("STALE ROW")
	d.mustShow("Other mail · 4 messages")
	d.send(savedMsg{req: d.m.writeReq + 100, what: "STALE", err: register.ErrConflict})
	d.mustNotShow("STALE", "changed meanwhile")
}

func TestStaffForwardInDetail(t *testing.T) {
	db := openDB(t)
	fwd := mail(at(2026, 11, 4, 13, 0), "Kaisa Kollega", "kaisa.kollega@sesoma.fi", "VL: Tietojeni poisto",
		"---------- Välitetty viesti ----------\nPoistakaa tietoni.", register.DispositionRequest,
		[]string{"erasure"}, "forwarded by staff (VL:)", `"poistakaa" (erasure)`)
	fwd.StaffForward = true
	fwd.Requester = register.Person{Name: "Olli Alkuperäinen", Email: "olli@example.fi"}
	fwd.OriginalDate = at(2026, 11, 1, 10, 0)
	store(t, db, fwd)
	d := newDriver(t, db, Options{})
	if row := d.row("2026-11-04"); !strings.Contains(row, "Olli Alkuperä") {
		t.Errorf("the list names the colleague, not the requester: %q", row)
	}
	d.press("enter")
	d.mustShow("Requester   Olli Alkuperäinen <olli@example.fi>",
		"Via         Forwarded by Kaisa Kollega <kaisa.kollega@sesoma.fi>; original sent",
		"2026-11-01 10:00", "Received    2026-11-04 13:00", "Due         2026-12-04")
}

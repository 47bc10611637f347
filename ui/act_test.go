package ui

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/colorprofile"
)

// actCSV is the register the actions are tried on: Aino Mäkelä with two
// entries on one address (her company's and her own), both linked to her
// objection by matching; Olli Ojala with one, linked to his erasure
// request; and Karin Holm, whom Karin Sjöberg's request does not find.
const actCSV = `customer_number,company_name,first_name,last_name,email,phone,newsletter,direct_marketing_ban,market_research_ban,customer_since,billing,payment_method
2001,Mäkelän Maalaus Oy,Aino,Mäkelä,aino@example.fi,040 123 4567,1,0,0,2018-03-01,invoices 2024,invoice
2002,,Aino,Mäkelä,aino@example.fi,050 222 3333,1,0,0,2021-01-01,,
2003,,Olli,Ojala,olli@example.fi,040 765 4321,1,0,0,2020-05-01,invoice 2025-001,card
2004,,Karin,Holm,karin@holm.example,,0,0,0,,,
`

// actRecipients are the recipients the register's data is disclosed to.
var actRecipients = []string{"Tase Oy (accounting)", "Postitus Oy (mailing)"}

// seedActs imports actCSV, names the recipients and stores Aino's
// objection (6 Nov), Olli's erasure request (7 Nov) and Karin Sjöberg's
// rectification (5 Nov).
func seedActs(t *testing.T, db *register.DB) {
	t.Helper()
	importRegister(t, db, "acts.csv", actCSV)
	db.SetRecipients(actRecipients)
	store(t, db,
		request(at(2026, 11, 6, 9, 0), "Aino Mäkelä", "aino@example.fi", "Markkinointikielto", "Älkää markkinoiko minulle."),
		request(at(2026, 11, 7, 9, 0), "Olli Ojala", "olli@example.fi", "Poistakaa tietoni", "Poistakaa kaikki tietoni."),
		request(at(2026, 11, 5, 9, 0), "Karin Sjöberg", "karin.sjoberg@example.se", "Rättelse", "Jag har gift mig."),
	)
}

// entry reads register entry number.
func entry(t *testing.T, db *register.DB, number string) register.Customer {
	t.Helper()
	c, err := db.CustomerByNumber(context.Background(), number)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openCase opens the case whose row shows text.
func (d *driver) openCase(text string) {
	d.t.Helper()
	d.selectRow(text)
	d.press("enter")
	d.mustShow("Requester")
}

// menuTo moves a menu's cursor down to the choice that starts with label.
func (d *driver) menuTo(label string) {
	d.t.Helper()
	for range 40 {
		if strings.Contains(d.text(), "> "+label) {
			return
		}
		d.press("j")
	}
	d.t.Fatalf("no choice %q in the menu:\n%s", label, d.text())
}

// choose opens the menu of rights and chooses the one that starts with label.
func (d *driver) choose(label string) {
	d.t.Helper()
	d.press("x")
	d.mustShow("Carry out a right · ")
	d.menuTo(label)
	d.press("enter")
}

func TestObjectionFromTheCase(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	aino := caseOf(t, db, "Markkinointikielto")
	d := newDriver(t, db, Options{})
	d.openCase("Aino Mäkelä")

	d.press("x")
	d.mustShow("Carry out a right · "+aino.Tag, "On the linked entries 2001, 2002.",
		"Access report", "Objection (Art. 21)", "Rectification", "Restriction (Art. 18)", "Erasure")
	d.mustNotShow("Lift the restriction", "Recipients to tell")
	checkFits(t, d.view(), 80, 24)
	d.menuTo("Objection")
	d.press("enter")

	// The plan, before anything changes.
	d.mustShow("Plan · Objection · "+aino.Tag, "entry 2001", "entry 2002",
		"Direct-marketing ban: no → yes", "Market-research ban: no → yes", "Newsletter: yes → no",
		"Carry out this plan? (y/n)")
	checkFits(t, d.view(), 80, 24)
	if e := entry(t, db, "2001"); e.Fields["direct_marketing_ban"] != "0" {
		t.Fatalf("the ban is set before the yes: %v", e.Fields)
	}

	d.press("y")
	d.mustShow("Objection carried out on " + aino.Tag + ": 2 entries changed")
	for _, n := range []string{"2001", "2002"} {
		e := entry(t, db, n)
		if e.Fields["direct_marketing_ban"] != "1" || e.Fields["market_research_ban"] != "1" || e.Fields["newsletter"] != "0" {
			t.Errorf("%s after the objection: bans %s/%s, newsletter %s", n, e.Fields["direct_marketing_ban"],
				e.Fields["market_research_ban"], e.Fields["newsletter"])
		}
	}
	if a := auditOf(t, db, aino.ID); !slices.ContainsFunc(a, func(s string) bool { return strings.HasPrefix(s, "objection carried out") }) {
		t.Errorf("the audit trail does not record the objection: %q", a)
	}

	// Again: nothing to change, and it still asks.
	d.choose("Objection")
	d.mustShow("nothing to change", "Nothing to change; record the confirmation? (y/n)")
	d.press("y")
	d.mustShow("Objection carried out on " + aino.Tag + ": confirmed, nothing changed")

	// The card shows the bans.
	d.press("c")
	d.mustShow("Customer card · 2001 Aino Mäkelä")
	d.press("pgdown")
	d.mustShow("Direct-marketing ban          yes", "Market-research ban           yes")
}

func TestPlanNoChangesNothing(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	aino := caseOf(t, db, "Markkinointikielto")
	d := newDriver(t, db, Options{})
	d.openCase("Aino Mäkelä")
	for _, no := range []string{"n", "esc"} {
		d.choose("Objection")
		d.mustShow("Direct-marketing ban: no → yes")
		d.press(no)
		d.mustShow("Nothing changed.")
		d.mustNotShow("Plan · Objection")
	}
	if e := entry(t, db, "2001"); e.Fields["direct_marketing_ban"] != "0" || e.Fields["newsletter"] != "1" {
		t.Errorf("2001 changed after no: %v", e.Fields)
	}
	if got := caseOf(t, db, aino.Subject).Version; got != aino.Version {
		t.Errorf("the case's version moved from %d to %d", aino.Version, got)
	}
}

func TestPlanRefusedWhenChangedMeanwhile(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	aino := caseOf(t, db, "Markkinointikielto")
	d := newDriver(t, db, Options{})
	d.openCase("Aino Mäkelä")

	// Another officer changes the case between the plan and the yes.
	d.choose("Objection")
	d.mustShow("Direct-marketing ban: no → yes")
	if err := db.SetKinds(context.Background(), aino.ID, aino.Version, []string{"objection"}); err != nil {
		t.Fatal(err)
	}
	d.press("y")
	d.mustShow("Not saved: another officer changed this case. Shown afresh: check, retry.", "Kinds       objection")
	if e := entry(t, db, "2001"); e.Fields["direct_marketing_ban"] != "0" {
		t.Fatalf("a plan of a stale case was carried out: %v", e.Fields)
	}

	// An import changes an entry between the plan and the yes.
	d.choose("Objection")
	d.mustShow("Direct-marketing ban: no → yes")
	importRegister(t, db, "fix.csv", "customer_number,phone\n2002,050 999 8888\n")
	d.press("y")
	d.mustShow("Not done: an entry changed since the plan was made. Shown afresh: retry.")
	if e := entry(t, db, "2001"); e.Fields["direct_marketing_ban"] != "0" {
		t.Fatalf("a plan of a stale entry was carried out: %v", e.Fields)
	}

	// Worked out afresh, it goes through.
	d.choose("Objection")
	d.press("y")
	d.mustShow("Objection carried out on " + aino.Tag)
	if e := entry(t, db, "2002"); e.Fields["direct_marketing_ban"] != "1" || e.Fields["phone"] != "050 999 8888" {
		t.Fatalf("2002 after the objection: %v", e.Fields)
	}
}

func TestRectificationFromTheCase(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	aino := caseOf(t, db, "Markkinointikielto")
	d := newDriver(t, db, Options{})
	d.openCase("Aino Mäkelä")

	// Two entries are linked: which one first.
	d.choose("Rectification")
	d.mustShow("Rectify · "+aino.Tag+" · which entry?", "2001 Aino Mäkelä, Mäkelän Maalaus Oy", "2002 Aino Mäkelä")
	d.press("enter")
	d.mustShow("Rectify 2001 · which field?", "Company                     Mäkelän Maalaus Oy")
	d.mustNotShow("Customer number")
	checkFits(t, d.view(), 80, 24)
	d.menuTo("E-mail")
	d.press("enter")
	d.mustShow("Rectify 2001 · E-mail", "Now: aino@example.fi", "> aino@example.fi")
	checkFits(t, d.view(), 80, 24)

	// An invalid address: the register's refusal, the field still open
	// with what was typed.
	d.press("ctrl+u")
	d.typeText("aino.makela@")
	d.press("enter")
	d.mustShow("Rectify 2001 · E-mail", "> aino.makela@", "rectify 2001 email:")
	if e := entry(t, db, "2001"); e.Fields["email"] != "aino@example.fi" {
		t.Fatalf("an invalid address was saved: %v", e.Fields["email"])
	}
	checkFits(t, d.view(), 80, 24)

	// Esc goes back to the fields; the value is typed again, right.
	d.press("esc")
	d.mustShow("Rectify 2001 · which field?")
	d.press("enter")
	d.press("ctrl+u")
	d.typeText("aino.makela@example.fi")
	d.press("enter")
	d.mustShow("Plan · Rectification · "+aino.Tag, "entry 2001", "E-mail: aino@example.fi → aino.makela@example.fi",
		"Afterwards tell: Tase Oy (accounting), Postitus Oy (mailing)", "Carry out this plan? (y/n)")
	if e := entry(t, db, "2001"); e.Fields["email"] != "aino@example.fi" {
		t.Fatalf("the address changed before the yes: %v", e.Fields["email"])
	}
	d.press("y")
	d.mustShow("Rectification carried out on "+aino.Tag+": 1 entry changed; 2 to tell",
		"Recipients  2 to tell (Art. 19) · x, then Recipients, ticks them off")
	if e := entry(t, db, "2001"); e.Fields["email"] != "aino.makela@example.fi" {
		t.Fatalf("2001's address after the rectification: %q", e.Fields["email"])
	}
	if e := entry(t, db, "2002"); e.Fields["email"] != "aino@example.fi" {
		t.Fatalf("2002 was rectified too: %q", e.Fields["email"])
	}
}

// TestRectificationLeftAsShown: a value holding a hidden character is
// shown cleaned; confirming it unchanged confirms the value itself instead
// of storing the marks of the cleaned display.
func TestRectificationLeftAsShown(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	hidden := "Ojalan\u200bPuutarha Oy"
	in := "customer_number,company_name\n2003," + hidden + "\n"
	if _, err := db.ImportCustomers(context.Background(), strings.NewReader(in), "hidden.csv", false); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, Options{})
	d.openCase("Olli Ojala")
	d.choose("Rectification")
	d.menuTo("Company")
	d.press("enter", "enter")
	d.mustShow("already holds this value")
	d.press("y")
	if e := entry(t, db, "2003"); e.Fields["company_name"] != hidden {
		t.Fatalf("company after confirming it unchanged: %q, want %q", e.Fields["company_name"], hidden)
	}
}

func TestRectificationOfTheOnlyEntry(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	d := newDriver(t, db, Options{})
	d.openCase("Olli Ojala")
	d.choose("Rectification")
	d.mustShow("Rectify 2003 · which field?") // no entry to pick
	d.menuTo("Phone")
	d.press("enter", "ctrl+u")
	d.typeText("12")
	d.press("enter")
	d.mustShow("> 12", "is no phone number")
	d.press("ctrl+u")
	d.typeText("+358 40 111 2222")
	d.press("enter")
	d.mustShow("Phone: 040 765 4321 → +358 40 111 2222")
	d.press("y")
	if e := entry(t, db, "2003"); e.Fields["phone"] != "+358 40 111 2222" {
		t.Fatalf("2003's phone after the rectification: %q", e.Fields["phone"])
	}
}

func TestRecipientsChecklist(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	olli := caseOf(t, db, "Poistakaa tietoni")
	d := newDriver(t, db, Options{})
	d.openCase("Olli Ojala")
	d.mustNotShow("Recipients  ")
	d.choose("Restriction")
	d.mustShow("restricted", "Afterwards tell: Tase Oy (accounting), Postitus Oy (mailing)")
	d.press("y")
	d.mustShow("Restriction carried out on "+olli.Tag+": 1 entry changed; 2 to tell", "Recipients  2 to tell")

	d.choose("Recipients to tell")
	d.mustShow("Recipients to tell · "+olli.Tag, "> [ ] Postitus Oy (mailing)", "[ ] Tase Oy (accounting)", "restriction",
		"Postitus Oy (mailing): to tell")
	checkFits(t, d.view(), 80, 24)
	d.press("t")
	d.mustShow("Ticked off: Postitus Oy (mailing) told of the restriction", "[x] Postitus Oy (mailing)",
		"[ ] Tase Oy (accounting)", "Postitus Oy (mailing): told 20")
	list, err := db.Notifications(context.Background(), olli.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Recipient != "Postitus Oy (mailing)" || list[0].NotifiedAt.IsZero() || !list[1].NotifiedAt.IsZero() {
		t.Fatalf("the checklist after one tick: %+v", list)
	}
	d.press("t")
	d.mustShow("Postitus Oy (mailing) is ticked off already.")
	d.press("j", "t")
	d.mustShow("Ticked off: Tase Oy (accounting) told of the restriction")
	d.press("esc")
	d.mustShow("Recipients  all 2 told (Art. 19)")
	d.mustNotShow("Recipients to tell ·")
	list, _ = db.Notifications(context.Background(), olli.ID)
	for _, n := range list {
		if n.NotifiedAt.IsZero() {
			t.Errorf("%s not ticked off", n.Recipient)
		}
	}
}

func TestRestrictionFlaggedEverywhere(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	olli := caseOf(t, db, "Poistakaa tietoni")
	d := newDriver(t, db, Options{})
	d.openCase("Olli Ojala")
	d.choose("Restriction")
	d.mustShow("Plan · Restriction · "+olli.Tag, "entry 2003", "restricted", "left out of marketing")
	d.press("y")
	if !entry(t, db, "2003").Restricted {
		t.Fatal("2003 is not restricted")
	}

	// The case's Register lines.
	d.mustShow("Register    2003 Olli Ojala · RESTRICTED · auto-linked")
	// The register screen: the mark, and the words on the selected entry.
	d.press("l", "enter")
	if row := d.selected(); !regexp.MustCompile(`2003 +R +auto-linked`).MatchString(row) {
		t.Errorf("the register's row is not marked R: %q", row)
	}
	d.mustShow("2003 · RESTRICTED · auto-linked")
	checkFits(t, d.view(), 80, 24)
	// The card: its title and its top.
	d.press("enter")
	d.mustShow("Customer card · RESTRICTED · 2003 Olli Ojala", "RESTRICTED (Art. 18): kept but not used")
	checkFits(t, d.view(), 80, 24)
	d.press("esc", "esc")

	// Lifting is offered now, and lifts.
	d.choose("Lift the restriction")
	d.mustShow("restriction lifted", "Art. 18(3)")
	d.press("y")
	d.mustShow("Restriction lifted on " + olli.Tag + ": 1 entry changed")
	if entry(t, db, "2003").Restricted {
		t.Fatal("2003 is still restricted")
	}
	d.mustShow("Register    2003 Olli Ojala · auto-linked")
}

func TestErasureFromTheCase(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	olli := caseOf(t, db, "Poistakaa tietoni")
	d := newDriver(t, db, Options{})
	d.openCase("Olli Ojala")
	d.choose("Erasure")
	d.mustShow("Plan · Erasure · "+olli.Tag, "entry 2003", "E-mail: olli@example.fi → —", "Carry out this plan? (y/n)")
	checkFits(t, d.view(), 80, 24)
	d.press("G")
	d.mustShow("kept until", "Accounting Act", "The customer number stays")
	checkFits(t, d.view(), 80, 24)
	if e := entry(t, db, "2003"); e.Fields["email"] != "olli@example.fi" || !e.ErasedAt.IsZero() {
		t.Fatalf("2003 changed before the yes: %v", e.Fields)
	}
	d.press("y")
	d.mustShow("Erasure carried out on " + olli.Tag + ": 1 entry changed")
	e := entry(t, db, "2003")
	if e.ErasedAt.IsZero() || e.Fields["email"] != "" || e.Fields["phone"] != "" || e.Fields["direct_marketing_ban"] != "1" {
		t.Fatalf("2003 after the erasure: erased %v, %v", e.ErasedAt, e.Fields)
	}
	if e.Fields["billing"] == "" || e.Fields["last_name"] != "Ojala" {
		t.Errorf("the erasure did not keep what the Accounting Act requires: %v", e.Fields)
	}
	d.mustShow("Register    2003 Olli Ojala · ERASED ")
}

func TestActionsNeedALinkedEntry(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	karin := caseOf(t, db, "Rättelse")
	d := newDriver(t, db, Options{ExportDir: filepath.Join(t.TempDir(), "exports")})
	d.openCase("Karin Sjöberg")
	d.press("x")
	d.mustShow("No register entry is linked to this case.")
	for _, label := range []string{"Access report", "Objection", "Rectification", "Restriction", "Erasure"} {
		d.menuTo(label)
		d.press("enter")
		d.mustShow("Carry out a right", "No register entry is linked to the case: link the requester's",
			"entries first. Esc, then l searches the register and links the")
		checkFits(t, d.view(), 80, 24)
	}
	d.press("esc")
	d.mustNotShow("Carry out a right")
	if got := caseOf(t, db, karin.Subject).Version; got != karin.Version {
		t.Errorf("the case's version moved from %d to %d", karin.Version, got)
	}
}

func TestAccessReportFromTheCase(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	olli := caseOf(t, db, "Poistakaa tietoni")
	dir := filepath.Join(t.TempDir(), "exports")
	d := newDriver(t, db, Options{ExportDir: dir})
	d.openCase("Olli Ojala")

	d.choose("Access report")
	d.mustShow("Write the access report of "+olli.Tag, "y/n?")
	checkFits(t, d.view(), 80, 24)
	d.press("n")
	if _, err := os.Stat(dir); err == nil {
		t.Fatal("a no wrote the report")
	}

	d.choose("Access report")
	d.press("y")
	d.mustShow("Access report (fi) written: " + olli.Tag + "-access-")
	folders, err := filepath.Glob(filepath.Join(dir, olli.Tag+"-access-*", "report.md"))
	if err != nil || len(folders) != 1 {
		t.Fatalf("report written: %q, %v", folders, err)
	}
	if a := auditOf(t, db, olli.ID); !slices.ContainsFunc(a, func(s string) bool { return strings.Contains(s, "access report") }) {
		t.Errorf("the audit trail does not record the report: %q", a)
	}

	// Without an export folder, it says so.
	d = newDriver(t, db, Options{})
	d.openCase("Olli Ojala")
	d.choose("Access report")
	d.mustShow("No export folder is configured")
}

func TestLanguageKey(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	olli := caseOf(t, db, "Poistakaa tietoni")
	d := newDriver(t, db, Options{})
	d.openCase("Olli Ojala")
	d.mustShow("Language    ")
	d.press("L")
	d.mustShow("Language · "+olli.Tag, "fi  Finnish (suomi)", "sv  Swedish (svenska)", "en  English")
	checkFits(t, d.view(), 80, 24)
	d.menuTo("sv")
	d.press("enter")
	d.mustShow("Language set to Swedish (svenska)", "Language    sv · Swedish (svenska) · L changes it")
	if got := caseOf(t, db, olli.Subject).Lang; got != "sv" {
		t.Fatalf("the case's language is %q, want sv", got)
	}
	if a := auditOf(t, db, olli.ID); !slices.ContainsFunc(a, func(s string) bool { return strings.HasPrefix(s, "language set") }) {
		t.Errorf("the audit trail does not record the language: %q", a)
	}
	d.press("L")
	d.mustShow("sv  Swedish (svenska) · now")
	d.press("esc")
	if got := caseOf(t, db, olli.Subject).Lang; got != "sv" {
		t.Fatalf("esc changed the language to %q", got)
	}
}

func TestActionKeysOnHelp(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	d := newDriver(t, db, Options{})
	keys := d.m.sh.keys
	check := func(where string, bindings []key.Binding) {
		t.Helper()
		for _, b := range bindings {
			d.mustShow(b.Help().Key, b.Help().Desc)
		}
		checkFits(t, d.view(), 80, 24)
		if t.Failed() {
			t.Fatalf("help of %s", where)
		}
	}
	d.openCase("Aino Mäkelä")
	d.press("?")
	check("the case", keys.Detail.Bindings())
	d.press("?", "x", "?")
	d.mustShow("Keys: carry out a right")
	check("the menu", keys.Menu.Bindings())
	d.press("?")
	d.menuTo("Objection")
	d.press("enter", "?")
	d.mustShow("Keys: the plan", "Nothing has changed yet.")
	check("the plan", keys.Plan.Bindings())
	d.press("?")
	d.mustShow("Carry out this plan? (y/n)") // help closed, the plan still waits
	d.press("n")
	d.choose("Rectification")
	d.press("enter", "enter", "f1")
	d.mustShow("Keys: new value")
	check("the value field", keys.Input.Bindings())
	d.press("f1", "esc", "esc")
	d.choose("Restriction")
	d.press("y")
	d.choose("Recipients to tell")
	d.press("?")
	d.mustShow("Keys: recipients to tell", "Art. 19")
	check("the checklist", keys.Tell.Bindings())
}

func TestActionOverlaysFitSmallScreens(t *testing.T) {
	db := openDB(t)
	seedActs(t, db)
	d := newDriver(t, db, Options{})
	d.send(tea.WindowSizeMsg{Width: 60, Height: 16})
	d.openCase("Olli Ojala")
	steps := []struct {
		keys []string
		want string
	}{
		{[]string{"x"}, "Carry out a right"},
		{[]string{"G"}, "> Erasure"},
		{[]string{"enter"}, "Plan · Erasure"},
		{[]string{"G"}, "Carry out this plan?"},
		{[]string{"n", "x", "G", "k", "k", "enter"}, "which field?"},
		{[]string{"G"}, "Analytics"},
		{[]string{"enter"}, "New value:"},
		{[]string{"esc", "esc", "L"}, "Language ·"},
	}
	for _, s := range steps {
		d.press(s.keys...)
		d.mustShow(s.want)
		checkFits(t, d.view(), 60, 16)
	}
}

func TestActionsDefuseHostileValues(t *testing.T) {
	evil := "customer_number,company_name,first_name,last_name,email,city,contact_history,newsletter\n" +
		"6001,\"Paha \x1b[31mOy\u202Eexe.\",\"Eve\x1b]52;c;cHduZWQ=\x07\",\"Hyökkääjä\x1b[2J\",eve@evil.example," +
		"\"\x9b31mKotka\",\"\x1b]8;;http://evil.example\x1b\\soitto\x1b]8;;\x1b\\ \u202Etext\",1\n"
	for _, p := range []colorprofile.Profile{colorprofile.NoTTY, colorprofile.ASCII, colorprofile.ANSI} {
		db := openDB(t)
		importRegister(t, db, "evil.csv", evil)
		db.SetRecipients([]string{"Evil \x1b]8;;http://x.example\x1b\\Oy\u202E"})
		store(t, db, request(at(2026, 11, 6, 9, 0), "Eve Hyökkääjä", "eve@evil.example", "Tietopyyntö", "Tiedot."))
		d := newDriver(t, db, Options{})
		d.send(tea.ColorProfileMsg{Profile: p})
		check := func(where string) { t.Helper(); checkDefused(t, d, p, where) }
		d.openCase("Eve")
		d.press("x")
		check("the menu")
		d.menuTo("Rectification")
		d.press("enter")
		check("the fields")
		d.mustShow("Paha Oy⁇exe.")
		d.menuTo("City")
		d.press("enter")
		check("the value field")
		d.press("ctrl+u")
		d.typeText("Kotka")
		d.press("enter")
		check("the plan")
		d.mustShow("City: \uFFFD31mKotka → Kotka", "Afterwards tell: Evil Oy⁇")
		d.press("y")
		check("the case after the rectification")
		d.choose("Recipients to tell")
		check("the checklist")
		d.press("t")
		check("the checklist ticked")
		d.press("esc")
		d.choose("Restriction")
		d.press("y", "c")
		check("the restricted card")
		d.mustShow("Customer card · RESTRICTED · 6001 Eve Hyökkääjä, Paha Oy⁇exe.")
	}
}

package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"dsrdesk/register"
	"github.com/charmbracelet/colorprofile"
)

// registerCSV is a small customer register: Karin Holm, on file under her
// maiden name, whom no request of Karin Sjöberg's finds by itself; a
// Holmberg for the search to find as well; and Liisa Laine, whose address
// links her request automatically, with a namesake that is only offered.
const registerCSV = `customer_number,company_name,first_name,last_name,email,phone,newsletter,direct_marketing_ban,customer_since
1001,Ekenäs Blommor Ab,Karin,Holm,karin.holm@blommor.example,019 241 5500,1,0,2014-08-20
1002,Holmberg Trading Oy,Karl,Holmberg,karl@holmberg.example,040 111 2222,0,0,2019-01-01
1003,,Liisa,Laine,liisa@example.fi,050 123 4567,0,1,
1004,Laine Kahvila Oy,Liisa,Laine,kahvila@laine.example,,0,0,
`

// importRegister imports a register CSV, named name, into db.
func importRegister(t *testing.T, db *register.DB, name, csv string) {
	t.Helper()
	if _, err := db.ImportCustomers(context.Background(), strings.NewReader(csv), name, false); err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
}

// seedRegister imports registerCSV and stores Karin Sjöberg's
// rectification (received 5 Nov) and Liisa Laine's access request (6 Nov).
func seedRegister(t *testing.T, db *register.DB) {
	t.Helper()
	importRegister(t, db, "reg.csv", registerCSV)
	store(t, db,
		request(at(2026, 11, 5, 9, 0), "Karin Sjöberg", "karin.sjoberg@example.se", "Rättelse av mina uppgifter",
			"Jag har gift mig och flyttat."),
		request(at(2026, 11, 6, 9, 0), "Liisa Laine", "liisa@example.fi", "Tietopyyntö", "Haluan nähdä tietoni."),
	)
}

// auditOf returns a case's audit trail as "action: detail" lines.
func auditOf(t *testing.T, db *register.DB, caseID int64) []string {
	t.Helper()
	entries, err := db.Audit(context.Background(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action+": "+e.Detail)
	}
	return out
}

func TestRegisterSearchAsYouType(t *testing.T) {
	db := openDB(t)
	seedRegister(t, db)
	d := newDriver(t, db, Options{})

	d.press("/")
	d.mustShow("Customer register · search", "Search:", "Type a name, company, customer number, business ID")
	d.typeText("holm")
	d.mustShow("2 found", "1001", "Karin Holm", "Ekenäs Blommor Ab", "karin.holm@blommor.example",
		"1002", "Karl Holmberg", "matched by name")
	d.mustNotShow("Liisa")
	checkFits(t, d.view(), 80, 24)

	// An answer to an older search is dropped.
	d.send(searchedMsg{req: d.m.searchReq - 1, query: "holm",
		hits: []register.Hit{{Customer: register.Customer{ID: 99, Number: "STALE-1"}}}})
	d.mustNotShow("STALE-1")

	// Two keystrokes whose searches answer in the wrong order: the later
	// one's answer stays.
	_, first := d.m.Update(keyMsg("b"))  // "holmb": Holmberg
	_, second := d.m.Update(keyMsg("e")) // "holmbe": Holmberg too
	_, third := d.m.Update(keyMsg("ctrl+u"))
	d.run(third)
	d.run(second)
	d.run(first)
	d.mustShow("Type a name, company, customer number, business ID")
	d.mustNotShow("Holmberg", "found")

	// By phone number in another form, and by customer number.
	d.typeText("+358 40 111 2222")
	d.mustShow("1 found", "Karl Holmberg", "040 111 2222")
	d.press("ctrl+u")
	d.typeText("1003")
	d.mustShow("1 found", "Liisa Laine", "matched by customer number")
	d.press("ctrl+u")
	d.typeText("nobody")
	d.mustShow("No entry matches “nobody”.")

	// Search only: nothing to link to.
	d.press("ctrl+u")
	d.typeText("holm")
	d.press("enter", "l")
	d.mustShow("Search only: to link an entry, open the register from its case")
	d.press("esc")
	d.mustShow("2 open")
}

func TestRegisterSaysWhenThereIsMore(t *testing.T) {
	db := openDB(t)
	var b strings.Builder
	b.WriteString("customer_number,first_name,last_name\n")
	for i := range register.SearchLimit + 5 {
		fmt.Fprintf(&b, "%d,Matti,Virtanen\n", 5000+i)
	}
	importRegister(t, db, "many.csv", b.String())
	d := newDriver(t, db, Options{})
	d.press("/")
	d.typeText("virtanen")
	d.mustShow(fmt.Sprintf("more than %d — type more", register.SearchLimit), "5000")
	d.press("enter", "G")
	d.mustShow(fmt.Sprint(5000 + register.SearchLimit - 1))
	checkFits(t, d.view(), 80, 24)
}

func TestRegisterLinkAndUnlink(t *testing.T) {
	db := openDB(t)
	seedRegister(t, db)
	karin := caseOf(t, db, "Rättelse av mina uppgifter")
	if len(karin.Customers) != 0 {
		t.Fatalf("Karin's case is linked already to %q: the test proves nothing", karin.Customers)
	}
	d := newDriver(t, db, Options{})
	d.selectRow("Karin Sjöberg")
	d.press("enter")
	d.mustShow("Register    no entry is linked and matching offers none; l searches the register")

	d.press("l")
	d.mustShow("Customer register · for "+karin.Tag+" · Karin Sjöberg", "0 linked · 0 offered",
		"No entry is linked to this case and matching offers none.")
	d.typeText("holm")
	d.press("enter") // to the results, the cursor on the exact name
	d.mustShow("2 found")
	if sel := d.selected(); !strings.Contains(sel, "1001") {
		t.Fatalf("the cursor is on %q, want Karin Holm", sel)
	}

	d.press("l")
	d.mustShow("1001 linked to " + karin.Tag + ": saved")
	if got := caseOf(t, db, karin.Subject).Customers; !slices.Equal(got, []string{"1001"}) {
		t.Fatalf("linked entries %q, want 1001", got)
	}
	if a := auditOf(t, db, karin.ID); !slices.Contains(a, "customer linked: 1001") {
		t.Errorf("the audit trail does not record the link: %q", a)
	}
	if row := d.selected(); !strings.Contains(row, "linked") {
		t.Errorf("the row does not show the link: %q", row)
	}
	d.mustShow("linked by an officer") // on the selected entry

	d.press("l")
	d.mustShow("1001 is already linked to " + karin.Tag + ".")
	d.press("j", "u")
	d.mustShow("1002 is not linked to " + karin.Tag + ".")

	d.press("k", "u")
	d.mustShow("1001 unlinked from " + karin.Tag + ": saved")
	if got := caseOf(t, db, karin.Subject).Customers; len(got) != 0 {
		t.Fatalf("linked entries %q after unlinking, want none", got)
	}
	if a := auditOf(t, db, karin.ID); !slices.Contains(a, "customer unlinked: 1001") {
		t.Errorf("the audit trail does not record the unlink: %q", a)
	}

	// Linked again, and back on the case, which lists it.
	d.press("l")
	d.mustShow("1001 linked to " + karin.Tag + ": saved")
	d.press("esc")
	d.mustShow("Register    1001 Karin Holm, Ekenäs Blommor Ab · linked by an officer",
		"c card of 1001 · l search, link, unlink")
	checkFits(t, d.view(), 80, 24)

	// c opens the card of the linked entry; esc returns to the case.
	d.press("c")
	d.mustShow("Customer card · 1001 Karin Holm, Ekenäs Blommor Ab", "── Identity and contact")
	d.press("esc")
	d.mustShow("Register    1001 Karin Holm")
}

func TestRegisterLinkConflict(t *testing.T) {
	db := openDB(t)
	seedRegister(t, db)
	karin := caseOf(t, db, "Rättelse av mina uppgifter")
	d := newDriver(t, db, Options{})
	d.selectRow("Karin Sjöberg")
	d.press("enter", "l")
	d.typeText("holm")
	d.press("enter")

	// Another officer changes the case meanwhile.
	if err := db.SetKinds(context.Background(), karin.ID, karin.Version, []string{"rectification", "erasure"}); err != nil {
		t.Fatal(err)
	}
	d.press("l")
	d.mustShow("Not saved: another officer changed this case. Shown afresh: check, retry.")
	if got := caseOf(t, db, karin.Subject).Customers; len(got) != 0 {
		t.Fatalf("a link at a stale version was saved: %q", got)
	}
	if row := d.selected(); strings.Contains(row, "linked") {
		t.Errorf("the refused link shows: %q", row)
	}

	// The screen read the case again: now the link goes through.
	d.press("l")
	d.mustShow("1001 linked to " + karin.Tag + ": saved")
	if got := caseOf(t, db, karin.Subject).Customers; !slices.Equal(got, []string{"1001"}) {
		t.Fatalf("linked entries %q, want 1001", got)
	}
}

func TestRegisterOfACaseListsItsCandidates(t *testing.T) {
	db := openDB(t)
	seedRegister(t, db)
	d := newDriver(t, db, Options{})
	d.selectRow("Liisa Laine")
	d.press("enter")
	d.mustShow("Register    1003 Liisa Laine · auto-linked",
		"the sender's address liisa@example.fi is on file",
		"1004 Liisa Laine, Laine Kahvila Oy · offered, not linked",
		"c card of 1003 · l search, link, unlink")

	d.press("l")
	d.mustShow("1 linked · 1 offered")
	d.press("enter")
	if row := d.selected(); !strings.Contains(row, "1003") || !strings.Contains(row, "auto-linked") {
		t.Errorf("first row %q, want 1003 auto-linked", row)
	}
	d.mustShow("auto-linked: the sender's address liisa@example.fi is on file")
	d.press("j")
	if row := d.selected(); !strings.Contains(row, "1004") || !strings.Contains(row, "offered") {
		t.Errorf("second row %q, want 1004 offered", row)
	}
	d.mustShow("offered, not linked: the sender's name")

	// A search marks the entries by how they stand to the case.
	d.press("/")
	d.typeText("laine")
	d.mustShow("2 found")
	d.press("enter")
	d.mustShow("auto-linked", "offered")
	checkFits(t, d.view(), 80, 24)
}

func TestCustomerCard(t *testing.T) {
	db := openDB(t)
	seedRegister(t, db)
	importRegister(t, db, "fix.csv", "customer_number,email\n1001,karin@blommor.example\n")
	karin := caseOf(t, db, "Rättelse av mina uppgifter")
	holm, err := db.CustomerByNumber(context.Background(), "1001")
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Link(context.Background(), karin.ID, karin.Version, holm.ID); err != nil {
		t.Fatal(err)
	}
	d := newDriver(t, db, Options{})
	d.press("/")
	d.typeText("holm")
	d.press("enter", "enter")

	d.mustShow("Customer card · 1001 Karin Holm, Ekenäs Blommor Ab",
		"── Identity and contact", "Customer number               1001",
		"Company                       Ekenäs Blommor Ab", "E-mail                        karin@blommor.example",
		"Business ID                   —",
		"── Customer relationship", "Customer since                2014-08-20")
	checkFits(t, d.view(), 80, 24)
	d.press("pgdown")
	d.mustShow("── Marketing", "Newsletter                    yes", "Direct-marketing ban          no")
	d.press("G")
	d.mustShow("── Change log", "entry created · by ", "· import reg.csv",
		"E-mail: karin.holm@blommor.example → karin@blommor.example ·", "· import fix.csv",
		"── Cases linked to this entry",
		karin.Tag+"   open · received 2026-11-05 · Rättelse av mina uppgifter · linked")
	checkFits(t, d.view(), 80, 24)

	// The help lists the card's keys; esc goes back to the search.
	d.press("?")
	for _, b := range d.m.sh.keys.Card.Bindings() {
		d.mustShow(b.Help().Key, b.Help().Desc)
	}
	d.press("?", "esc")
	d.mustShow("Customer register · search", "Karin Holm", "Karl Holmberg")
	d.press("g", "esc")
	d.mustShow("2 open")
}

func TestRegisterHelp(t *testing.T) {
	db := openDB(t)
	seedRegister(t, db)
	d := newDriver(t, db, Options{})
	keys := d.m.sh.keys
	check := func(where, open string, want []string) {
		t.Helper()
		d.press(open)
		d.mustShow(want...)
		checkFits(t, d.view(), 80, 24)
		if t.Failed() {
			t.Fatalf("help of %s", where)
		}
		d.press("esc")
	}
	var field, results []string
	for _, b := range keys.Search.Bindings(keys.Input) {
		field = append(field, b.Help().Key, b.Help().Desc)
	}
	for _, b := range keys.Register.Bindings() {
		results = append(results, b.Help().Key, b.Help().Desc)
	}
	d.selectRow("Karin Sjöberg")
	d.press("enter", "l")
	d.mustShow("f1 keys") // ? is text in the field
	check("the search field", "f1", append(field, "Keys: register search field", "Any other key types"))
	d.typeText("?")
	d.mustShow("Search: ?")
	d.press("esc")
	d.mustShow("? keys")
	check("the results", "?", append(results, "Keys: customer register", "LINK: auto-linked"))
}

func TestRegisterValuesAreDefused(t *testing.T) {
	// Phone numbers, e-mail addresses and business IDs are validated on
	// import: the hostile values go into free-text fields.
	evil := "customer_number,company_name,first_name,last_name,email,phone,city,contact_history\n" +
		"6001,\"Paha \x1b[31mOy\u202Eexe.\",\"Eve\x1b]52;c;cHduZWQ=\x07\",\"Hyökkääjä\x1b[2J\",eve@evil.example," +
		"040 1234567,\"\x9b31mKotka\",\"\x1b]8;;http://evil.example\x1b\\soitto\x1b]8;;\x1b\\ \u202Etext\"\n"
	for _, p := range []colorprofile.Profile{colorprofile.NoTTY, colorprofile.ASCII, colorprofile.ANSI} {
		db := openDB(t)
		importRegister(t, db, "evil\x1b[5m.csv", evil)
		store(t, db, request(at(2026, 11, 6, 9, 0), "Eve Hyökkääjä", "eve@evil.example", "Tietopyyntö", "Tiedot."))
		d := newDriver(t, db, Options{})
		d.send(tea.ColorProfileMsg{Profile: p})
		check := func(where string) { t.Helper(); checkDefused(t, d, p, where) }
		d.press("enter")
		check("the case")
		d.mustShow("6001 Eve Hyökkääjä, Paha Oy⁇exe. · auto-linked")
		d.press("l")
		check("the register of the case")
		d.mustShow("Paha Oy⁇exe.")
		d.press("/")
		d.typeText("paha")
		check("a search")
		d.press("enter", "enter")
		check("the card")
		d.mustShow("hidden or text-direction characters removed", "Company                       Paha Oy⁇exe.")
		d.press("G")
		check("the card's end")
		d.mustShow("soitto ⁇text", "import evil.csv")
	}
}

func TestRegisterFitsAnySize(t *testing.T) {
	db := openDB(t)
	seedRegister(t, db)
	d := newDriver(t, db, Options{})
	d.send(tea.WindowSizeMsg{Width: 60, Height: 16})
	d.selectRow("Liisa Laine")
	d.press("enter")
	checkFits(t, d.view(), 60, 16)
	d.press("l")
	checkFits(t, d.view(), 60, 16)
	d.typeText("laine")
	checkFits(t, d.view(), 60, 16)
	d.press("enter")
	checkFits(t, d.view(), 60, 16)
	d.press("enter")
	d.mustShow("Customer card · 1003 Liisa Laine")
	checkFits(t, d.view(), 60, 16)

	// Resized on the card: the screens behind it take the new size too.
	d.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	checkFits(t, d.view(), 100, 30)
	d.press("esc")
	d.mustShow("Customer register · for")
	checkFits(t, d.view(), 100, 30)
	if w := len([]rune(strings.Split(d.text(), "\n")[0])); w != 100 {
		t.Errorf("the register's title is %d cells wide, want 100", w)
	}
	d.press("esc")
	d.mustShow("Register    1003 Liisa Laine")
	checkFits(t, d.view(), 100, 30)
}

package register

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

// openCaseFrom stores one request and returns the case it opened.
func openCaseFrom(t *testing.T, db *DB, uid uint32, m Message) Case {
	t.Helper()
	ctx := context.Background()
	if _, err := db.StoreBatch(ctx, Batch{Mailbox: "INBOX", UIDValidity: 1, LastUID: uid, Messages: []Message{m}}); err != nil {
		t.Fatal(err)
	}
	cases, err := db.Cases(ctx, CaseQuery{All: true})
	if err != nil || len(cases) == 0 {
		t.Fatalf("no case for UID %d: %v", uid, err)
	}
	return slices.MaxFunc(cases, func(a, b Case) int { return int(a.ID - b.ID) })
}

// linkMsg is a request from name <from> with text.
func linkMsg(uid uint32, name, from, text string) Message {
	m := request(uid, time.Date(2026, 11, 2, 9, int(uid), 0, 0, time.UTC), from)
	m.From.Name, m.Text = name, text
	return m
}

// candidates returns a case's candidates as "number linked/auto/offered".
func candidates(t *testing.T, db *DB, caseID int64) []string {
	t.Helper()
	cs, err := db.Candidates(context.Background(), caseID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		state := "offered"
		switch {
		case c.Linked && c.Auto:
			state = "auto"
		case c.Linked:
			state = "linked"
		}
		out = append(out, c.Number+" "+state)
	}
	return out
}

func TestMatchingLinksOneStrongCandidate(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	mustImport(t, db, "customers-link.csv")
	for i, c := range []struct {
		name, from, text string
		want             []string
		evidence         string
	}{
		// The sender's address, whatever its case; the namesake is offered.
		{"Matti Virtanen", "Matti.Virtanen@Esimerkki.fi", "Haluan nähdä tietoni.",
			[]string{"L-1 auto", "L-2 offered"}, "the sender's address matti.virtanen@esimerkki.fi is on file"},
		// A labelled customer number from an unknown address.
		{"P N", "pn@gmail.com", "Asiakasnumeroni on 100234, poistakaa tietoni.",
			[]string{"100234 auto"}, "customer number 100234 in the text"},
		// A customer number with its letters needs no label.
		{"", "x@gmail.com", "Please delete everything about L-5.",
			[]string{"L-5 auto"}, "customer number L-5 in the text"},
		// A phone number on file, written another way, with the name.
		{"Anna Lindqvist", "someone@hotmail.com", "Soittakaa: 0505 1234... ei, numeroni on 09-5551234.",
			[]string{"L-5 auto"}, "the phone number +35895551234 in the text is on file"},
		// Two numbers side by side are both read.
		{"Anna Lindqvist", "someone@hotmail.com", "Numerot: 040 765 0000 09 555 1234",
			[]string{"L-5 auto"}, "the phone number +35895551234 in the text is on file"},
		// The name with the company named in the text.
		{"Virtanen, Matti", "matti.v@gmail.com", "Olen Kumpula Rakennuksen... siis Kumpula Rakennus Oy:n toimitusjohtaja.",
			[]string{"L-2 auto", "L-1 offered"}, "with the company Kumpula Rakennus Oy named in the text"},
		// The name with a valid business ID.
		{"Matti Virtanen", "matti.v@gmail.com", "Y-tunnus 0112038-9.",
			[]string{"L-1 auto", "L-2 offered"}, "business ID 0112038-9 in the text"},
		// The name with the company's mail domain.
		{"Matti Virtanen", "toimisto@kumpularakennus.fi", "Tarkastusoikeus.",
			[]string{"L-2 auto", "L-1 offered"}, "with the company Kumpula Rakennus Oy's mail domain kumpularakennus.fi"},
		// One person on file as the contact of two companies: both linked.
		{"Jörö Mäkinen", "joro@makelansahko.fi", "Kieltän suoramarkkinoinnin.",
			[]string{"L-3 auto", "L-4 auto"}, "the sender's address joro@makelansahko.fi is on file"},
	} {
		uid := uint32(i + 1)
		cs := openCaseFrom(t, db, uid, linkMsg(uid, c.name, c.from, c.text))
		got := candidates(t, db, cs.ID)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %q: %v, want %v", c.from, c.text, got, c.want)
			continue
		}
		all, _ := db.Candidates(ctx, cs.ID)
		if !slices.Contains(all[0].Evidence, c.evidence) {
			t.Errorf("%s: evidence %q, want %q", c.from, all[0].Evidence, c.evidence)
		}
		var linked []string
		for _, g := range got {
			if n, state, _ := strings.Cut(g, " "); state == "auto" {
				linked = append(linked, n)
			}
		}
		fresh, _ := db.CaseByID(ctx, cs.ID)
		if !slices.Equal(fresh.Customers, linked) {
			t.Errorf("%s: case customers %v, want %v", c.from, fresh.Customers, linked)
		}
		trail, _ := db.Audit(ctx, cs.ID)
		n := 0
		for _, e := range trail {
			if e.Action == "customer linked automatically" {
				n++
				if !strings.HasPrefix(e.Detail, linked[0]) && !strings.HasPrefix(e.Detail, linked[len(linked)-1]) {
					t.Errorf("%s: audit %q", c.from, e.Detail)
				}
				if strings.Contains(e.Detail, "@") || strings.Contains(e.Detail, "Virtanen") {
					t.Errorf("the audit trail quotes personal data: %q", e.Detail)
				}
			}
		}
		if n != len(linked) {
			t.Errorf("%s: %d link audit entries, want %d", c.from, n, len(linked))
		}
	}
}

func TestMatchingOffersWithoutLinking(t *testing.T) {
	db := openTest(t)
	mustImport(t, db, "customers-link.csv")
	for i, c := range []struct {
		name, from, text string
		want             []string
	}{
		// Namesakes: the name alone points at two people.
		{"Matti Virtanen", "matti1970@gmail.com", "Haluan nähdä tietoni.", []string{"L-1 offered", "L-2 offered"}},
		// A bare number equal to a customer number is not enough.
		{"", "x@gmail.com", "Tilaus 100234 toimitettiin.", []string{"100234 offered"}},
		// A business ID with a wrong check digit is no evidence.
		{"", "y@gmail.com", "Y-tunnus 0112038-8.", nil},
		// Strong evidence for two different people: an officer decides.
		{"", "anna.lindqvist@example.fi", "Asiakasnumero L-1.", []string{"L-5 offered", "L-1 offered"}},
		// A phone number alone may be a company's switchboard.
		{"", "someone@hotmail.com", "Soittakaa numeroon 09 555 1234.", []string{"L-5 offered"}},
		// A customer number given by someone who signs with another name.
		{"Liisa Laine", "liisa.laine@gmail.com", "Asiakasnumero 100234.", []string{"100234 offered"}},
		// A postal code that happens to be a customer number, with the name.
		{"Pekka Nieminen", "pekka.n@gmail.com", "Osoitteeni on Kauppakatu 5, 100234 Jyväskylä.", []string{"100234 offered"}},
		// A company name that is a common word is not named by the word.
		{"Matti Virtanen", "mv@gmail.com", "Haluan nähdä kaikki tiedot, joita teillä on esimerkki tapauksista.", []string{"L-1 offered", "L-2 offered"}},
		// Nothing on file.
		{"Nobody Known", "nobody@example.org", "Poistakaa tietoni.", nil},
	} {
		uid := uint32(i + 1)
		cs := openCaseFrom(t, db, uid, linkMsg(uid, c.name, c.from, c.text))
		if got := candidates(t, db, cs.ID); !slices.Equal(got, c.want) {
			t.Errorf("%s %q: %v, want %v", c.from, c.text, got, c.want)
		}
		if fresh, _ := db.CaseByID(context.Background(), cs.ID); len(fresh.Customers) != 0 {
			t.Errorf("%s: linked %v", c.from, fresh.Customers)
		}
	}
}

func TestMatchingForwardedRequest(t *testing.T) {
	db := openTest(t)
	mustImport(t, db, "customers-link.csv")
	// A colleague forwards Anna's request: her address counts, not the colleague's.
	m := linkMsg(1, "Colleague", "sales@sesoma.fi", "---------- Forwarded message ---------\nFrom: Anna Lindqvist <anna.lindqvist@example.fi>\nSubject: Mina uppgifter\n\nJag vill se mina uppgifter.")
	m.StaffForward, m.Requester = true, Person{Email: "anna.lindqvist@example.fi", Name: "Anna Lindqvist"}
	cs := openCaseFrom(t, db, 1, m)
	if got := candidates(t, db, cs.ID); !slices.Equal(got, []string{"L-5 auto"}) {
		t.Errorf("forwarded: %v", got)
	}
}

func TestImportLinksWaitingCases(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	cs := openCaseFrom(t, db, 1, linkMsg(1, "Anna Lindqvist", "anna.lindqvist@example.fi", "Radera mina uppgifter."))
	if len(cs.Customers) != 0 {
		t.Fatalf("linked before the register: %v", cs.Customers)
	}
	res := mustImport(t, db, "customers-link.csv")
	if res.Linked != 1 {
		t.Errorf("import linked %d cases, want 1", res.Linked)
	}
	if fresh, _ := db.CaseByID(ctx, cs.ID); !slices.Equal(fresh.Customers, []string{"L-5"}) || fresh.Version == cs.Version {
		t.Errorf("after the import: %v, version %d → %d", fresh.Customers, cs.Version, fresh.Version)
	}
}

func TestOfficerLinksAndUnlinks(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	mustImport(t, db, "customers-link.csv")
	cs := openCaseFrom(t, db, 1, linkMsg(1, "Matti Virtanen", "matti.virtanen@esimerkki.fi", "Tietopyyntö."))
	l1, l2 := customer(t, db, "L-1"), customer(t, db, "L-2")

	// Unlink the automatic link: audited, and matching does not redo it.
	if err := db.Unlink(ctx, cs.ID, cs.Version, l1.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Unlink(ctx, cs.ID, cs.Version, l1.ID); !errors.Is(err, ErrConflict) {
		t.Errorf("unlink with a stale version: %v", err)
	}
	fresh, _ := db.CaseByID(ctx, cs.ID)
	if err := db.Unlink(ctx, cs.ID, fresh.Version, l1.ID); !errors.Is(err, ErrNotLinked) {
		t.Errorf("unlink twice: %v", err)
	}
	mustImport(t, db, "customers-link.csv")
	if got := candidates(t, db, cs.ID); !slices.Equal(got, []string{"L-1 offered", "L-2 offered"}) {
		t.Errorf("after unlink and a new import: %v", got)
	}

	// Link the namesake by hand.
	fresh, _ = db.CaseByID(ctx, cs.ID)
	if err := db.Link(ctx, cs.ID, fresh.Version, l2.ID); err != nil {
		t.Fatal(err)
	}
	fresh, _ = db.CaseByID(ctx, cs.ID)
	if err := db.Link(ctx, cs.ID, fresh.Version, l2.ID); !errors.Is(err, ErrAlreadyLinked) {
		t.Errorf("link twice: %v", err)
	}
	if err := db.Link(ctx, cs.ID, fresh.Version, 999999); !errors.Is(err, ErrNotFound) {
		t.Errorf("link a missing entry: %v", err)
	}
	if got := candidates(t, db, cs.ID); !slices.Equal(got, []string{"L-2 linked", "L-1 offered"}) {
		t.Errorf("after the officer's link: %v", got)
	}
	all, _ := db.Candidates(ctx, cs.ID)
	if !slices.Equal(all[0].Evidence, []string{"the sender's name Matti Virtanen"}) {
		t.Errorf("evidence %q", all[0].Evidence)
	}
	if fresh, _ = db.CaseByID(ctx, cs.ID); !slices.Equal(fresh.Customers, []string{"L-2"}) {
		t.Errorf("customers %v", fresh.Customers)
	}
	trail, _ := db.Audit(ctx, cs.ID)
	var got []string
	for _, e := range trail {
		if strings.Contains(e.Action, "linked") {
			got = append(got, e.Action+": "+e.Detail+" by "+e.Actor)
		}
	}
	want := []string{
		"customer linked automatically: L-1 (evidence weight 180) by " + db.actor,
		"customer unlinked: L-1 (it was linked automatically) by " + db.actor,
		"customer linked: L-2 by " + db.actor,
	}
	if !slices.Equal(got, want) {
		t.Errorf("audit\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package register

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// searchNumbers runs a search and returns the hits' customer numbers and
// match labels.
func searchNumbers(t *testing.T, db *DB, q string) (numbers, matches []string) {
	t.Helper()
	hits, _, err := db.SearchCustomers(context.Background(), q, 0)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	for _, h := range hits {
		numbers = append(numbers, h.Number)
		matches = append(matches, h.Match)
	}
	return numbers, matches
}

func TestSearch(t *testing.T) {
	db := openTest(t)
	mustImport(t, db, "customers-canonical.csv")
	mustImport(t, db, "customers-excel.csv")
	for _, c := range []struct{ q, first, match string }{
		{"makinen", "S-1", "name, e-mail"}, // diacritics ignored
		{"MÄKINEN", "S-1", "name, e-mail"},
		{"mäki", "S-1", "name, e-mail"}, // the start of a word
		{"jörö mäkinen", "S-1", "name"},
		{"makinen joro", "S-1", "name"},
		{"mäkelän sähkö", "S-1", "company, e-mail"},
		{"astrom", "S-2", "name, company, e-mail"},
		{"esimerkki", "C-1001", "company, e-mail"},
		{"Virtanen Matti", "C-1001", "name"},
		{"Joro.Makinen@makelansahko.fi", "S-1", "e-mail"},
		{"joro.makinen@", "S-1", "e-mail"},
		{"+358 40 123 4567", "C-1001", "phone"},
		{"040-1234567", "C-1001", "phone"},
		{"0401234567", "C-1001", "phone"},
		{"040 123 4567", "C-1001", "phone"},
		{"00358401234567", "C-1001", "phone"},
		{"(09) 123 456", "S-2", "phone"},
		{"c-1002", "C-1002", "customer number"},
		{"C-100", "C-1001", "customer number"}, // the start of a number
		{"0112038-9", "C-1001", "business ID"},
		{"01120389", "C-1001", "business ID"},
		{"2734561", "C-1002", "business ID"},
	} {
		numbers, matches := searchNumbers(t, db, c.q)
		if len(numbers) == 0 || numbers[0] != c.first || matches[0] != c.match {
			t.Errorf("search %q: %v %q, want %s first by %q", c.q, numbers, matches, c.first, c.match)
		}
	}
	// One hit per entry, even when several lookups find it.
	if numbers, _ := searchNumbers(t, db, "C-1001"); len(numbers) != 1 {
		t.Errorf("C-1001: %v", numbers)
	}
	for _, q := range []string{"nobody", "zz9", "m", "", "   ", "12", "makinen xyz"} {
		if numbers, _ := searchNumbers(t, db, q); len(numbers) != 0 {
			t.Errorf("search %q found %v", q, numbers)
		}
	}
	// FTS syntax in a query is only text.
	for _, q := range []string{`"`, `*`, `mak* OR virtanen`, `NEAR(a b)`, `-matti`, `(`, `matti"`, `terms:matti`, `^matti`} {
		if _, _, err := db.SearchCustomers(context.Background(), q, 0); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
	if numbers, _ := searchNumbers(t, db, `mak* OR virtanen`); len(numbers) != 0 {
		t.Errorf("OR was read as an operator: %v", numbers)
	}
}

func TestSearchFollowsChanges(t *testing.T) {
	db := openTest(t)
	mustImport(t, db, "customers-canonical.csv")
	if numbers, _ := searchNumbers(t, db, "liisa.korhonen@testi.fi"); len(numbers) != 1 {
		t.Fatalf("before: %v", numbers)
	}
	mustImport(t, db, "customers-changed.csv") // C-1002's e-mail becomes liisa@korhonen.fi
	if numbers, _ := searchNumbers(t, db, "testi.fi"); len(numbers) != 0 {
		t.Errorf("the old address is still found: %v", numbers)
	}
	if numbers, matches := searchNumbers(t, db, "korhonen.fi"); len(numbers) != 1 || numbers[0] != "C-1002" || matches[0] != "name, contact person, e-mail" {
		t.Errorf("the new address: %v %v", numbers, matches)
	}
}

func TestSearchLimitAndOrder(t *testing.T) {
	db := openTest(t)
	var csv bytes.Buffer
	if err := writeSampleRegister(&csv, 3000); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportCustomers(context.Background(), &csv, "sample.csv", false); err != nil {
		t.Fatal(err)
	}
	hits, more, err := db.SearchCustomers(context.Background(), "matti", 10)
	if err != nil || len(hits) != 10 || !more {
		t.Fatalf("%d hits, more %v, %v", len(hits), more, err)
	}
	// The exact name comes before names that only start with the words,
	// whatever the order of the rows.
	more2 := "customer_number,first_name,last_name\nX-1,Matti,Mäkisalo\nX-2,Matti,Mäki\nX-3,Matti,Mäkinen\n"
	if _, err := db.ImportCustomers(context.Background(), strings.NewReader(more2), "more.csv", false); err != nil {
		t.Fatal(err)
	}
	numbers, _ := searchNumbers(t, db, "matti mäki")
	if len(numbers) < 3 || numbers[0] != "X-2" {
		t.Errorf("matti mäki: %v, want X-2 first", numbers)
	}
}

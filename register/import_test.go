package register

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importFile imports a file of testdata.
func importFile(t *testing.T, db *DB, name string, skipInvalid bool) (ImportResult, error) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return db.ImportCustomers(context.Background(), f, name, skipInvalid)
}

func mustImport(t *testing.T, db *DB, name string) ImportResult {
	t.Helper()
	res, err := importFile(t, db, name, false)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return res
}

func customer(t *testing.T, db *DB, number string) Customer {
	t.Helper()
	c, err := db.CustomerByNumber(context.Background(), number)
	if err != nil {
		t.Fatalf("customer %s: %v", number, err)
	}
	return c
}

func countRows(t *testing.T, db *DB, table string) int {
	t.Helper()
	var n int
	if err := db.r.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportCanonical(t *testing.T) {
	db := openTest(t)
	res := mustImport(t, db, "customers-canonical.csv")
	if res.Added != 3 || res.Changed != 0 || res.Unchanged != 0 || res.Skipped != 0 || len(res.Problems) != 0 {
		t.Fatalf("result %+v", res)
	}
	c := customer(t, db, "C-1002")
	for field, want := range map[string]string{
		"company_name": "Testi, Kumpp. Ky", "first_name": "Liisa", "business_id": "2734561-5",
		"email": "liisa.korhonen@testi.fi", "city": "Tampere", "customer_since": "2020-11-15",
		"customer_until": "2023-12-31", "newsletter": "0", "direct_marketing_ban": "1", "market_research_ban": "0",
		"payment_terms": "prepaid",
	} {
		if got := c.Fields[field]; got != want {
			t.Errorf("C-1002 %s = %q, want %q", field, got, want)
		}
	}
	if c.Version != 1 {
		t.Errorf("version %d", c.Version)
	}
	var nk, ek, pk string
	db.r.QueryRow(`SELECT name_key, email_key, phone_key FROM customers WHERE customer_number = 'C-1001'`).Scan(&nk, &ek, &pk)
	if nk != "matti virtanen" || ek != "matti.virtanen@esimerkki.fi" || pk != "+358401234567" {
		t.Errorf("keys %q %q %q", nk, ek, pk)
	}

	// A new customer enters the change log once, as created by the import.
	log, err := db.CustomerChanges(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 || log[0].Field != FieldEntry || log[0].New != EntryCreated || log[0].Old != "" ||
		log[0].Source != "import customers-canonical.csv" || log[0].Actor != db.actor || log[0].At.IsZero() {
		t.Errorf("change log %+v", log)
	}

	// One audit entry, counts only.
	trail, _ := db.Audit(context.Background(), 0)
	if len(trail) != 1 || trail[0].Action != "customers imported" ||
		trail[0].Detail != "customers-canonical.csv: 3 added, 0 changed, 0 unchanged, 0 skipped" {
		t.Errorf("audit %+v", trail)
	}
}

func TestImportExcelSemicolonsAndBOM(t *testing.T) {
	db := openTest(t)
	res := mustImport(t, db, "customers-excel.csv")
	if res.Added != 3 || len(res.Problems) != 0 {
		t.Fatalf("result %+v", res)
	}
	s1 := customer(t, db, "S-1")
	for field, want := range map[string]string{
		"company_name": "Mäkelän Sähkö Oy", "first_name": "Jörö", "last_name": "Mäkinen", "city": "Jyväskylä",
		"customer_since": "2018-02-01", "newsletter": "1", "direct_marketing_ban": "0", "phone": "+358 50 555 1234",
	} {
		if got := s1.Fields[field]; got != want {
			t.Errorf("S-1 %s = %q, want %q", field, got, want)
		}
	}
	s2 := customer(t, db, "S-2")
	if s2.Fields["first_name"] != "Åsa" || s2.Fields["customer_since"] != "2020-12-24" || s2.Fields["newsletter"] != "1" {
		t.Errorf("S-2 %+v", s2.Fields)
	}
	s3 := customer(t, db, "S-3")
	if s3.Fields["last_name"] != "Öhman" || s3.Fields["direct_marketing_ban"] != "1" || s3.Fields["newsletter"] != "0" {
		t.Errorf("S-3 %+v", s3.Fields)
	}
	var nk, pk string
	db.r.QueryRow(`SELECT name_key, phone_key FROM customers WHERE customer_number = 'S-2'`).Scan(&nk, &pk)
	if nk != "asa astrom" || pk != "+3589123456" {
		t.Errorf("keys %q %q", nk, pk)
	}
}

func TestImportTwiceChangesNothing(t *testing.T) {
	db := openTest(t)
	for _, name := range []string{"customers-canonical.csv", "customers-excel.csv"} {
		mustImport(t, db, name)
	}
	logged := countRows(t, db, "customer_changes")
	for _, name := range []string{"customers-canonical.csv", "customers-excel.csv"} {
		res := mustImport(t, db, name)
		if res.Unchanged != 3 || res.Added+res.Changed+res.Skipped != 0 || len(res.Problems) != 0 {
			t.Errorf("%s again: %+v, want all unchanged", name, res)
		}
	}
	if n := countRows(t, db, "customer_changes"); n != logged {
		t.Errorf("the change log grew from %d to %d rows", logged, n)
	}
	if c := customer(t, db, "C-1001"); c.Version != 1 {
		t.Errorf("version %d after an unchanged import", c.Version)
	}
	trail, _ := db.Audit(context.Background(), 0)
	if len(trail) != 4 || trail[3].Detail != "customers-excel.csv: 0 added, 0 changed, 3 unchanged, 0 skipped" {
		t.Errorf("audit %+v", trail)
	}
}

func TestImportChangedEmail(t *testing.T) {
	db := openTest(t)
	mustImport(t, db, "customers-canonical.csv")
	before := countRows(t, db, "customer_changes")
	res := mustImport(t, db, "customers-changed.csv")
	if res.Added != 0 || res.Changed != 1 || res.Unchanged != 2 {
		t.Fatalf("result %+v", res)
	}
	if n := countRows(t, db, "customer_changes"); n != before+1 {
		t.Fatalf("%d change-log rows added, want 1", n-before)
	}
	c := customer(t, db, "C-1002")
	if c.Fields["email"] != "liisa@korhonen.fi" || c.Version != 2 {
		t.Errorf("C-1002 email %q version %d", c.Fields["email"], c.Version)
	}
	var ek string
	db.r.QueryRow(`SELECT email_key FROM customers WHERE id = ?`, c.ID).Scan(&ek)
	if ek != "liisa@korhonen.fi" {
		t.Errorf("email key %q", ek)
	}
	log, _ := db.CustomerChanges(context.Background(), c.ID)
	last := log[len(log)-1]
	if last.Field != "email" || last.Old != "liisa.korhonen@testi.fi" || last.New != "liisa@korhonen.fi" ||
		last.Source != "import customers-changed.csv" || last.CaseID != 0 {
		t.Errorf("change %+v", last)
	}
}

// A file with only some columns leaves the others as they are.
func TestImportSomeColumnsOnly(t *testing.T) {
	db := openTest(t)
	mustImport(t, db, "customers-canonical.csv")
	res, err := db.ImportCustomers(context.Background(), strings.NewReader("Email , CUSTOMER_NUMBER\nmatti@esimerkki.fi,C-1001\n"), "some.csv", false)
	if err != nil || res.Changed != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	c := customer(t, db, "C-1001")
	if c.Fields["email"] != "matti@esimerkki.fi" || c.Fields["first_name"] != "Matti" || c.Fields["newsletter"] != "1" {
		t.Errorf("C-1001 %+v", c.Fields)
	}
}

// badProblems are the problems of testdata/customers-bad.csv, in order.
var badProblems = []string{
	"line 3, column business_id: ",
	"line 4, column email: ",
	"line 5, column customer_number: \"B-1\" is already on line 2",
	"line 6, column customer_since: ",
	"line 8, column newsletter: ",
	"line 9, column customer_number: missing",
	"line 10: 3 fields, the header has 7",
}

func checkProblems(t *testing.T, got []string) {
	t.Helper()
	if len(got) != len(badProblems) {
		t.Fatalf("problems %q, want %d", got, len(badProblems))
	}
	for i, want := range badProblems {
		if !strings.HasPrefix(got[i], want) {
			t.Errorf("problem %d: %q, want %q…", i, got[i], want)
		}
	}
	for i, why := range map[int]string{0: "wrong check digit", 1: "needs a dot", 3: "no date", 4: "maybe"} {
		if !strings.Contains(got[i], why) {
			t.Errorf("problem %q does not say %q", got[i], why)
		}
	}
}

func TestImportBadRowsRefused(t *testing.T) {
	db := openTest(t)
	res, err := importFile(t, db, "customers-bad.csv", false)
	if !errors.Is(err, ErrImportRefused) {
		t.Fatalf("want a refusal, got %v", err)
	}
	checkProblems(t, res.Problems)
	if res.Added+res.Changed+res.Unchanged+res.Skipped != 0 {
		t.Errorf("counts of a refused import: %+v", res)
	}
	for _, p := range badProblems {
		if !strings.Contains(err.Error(), p) {
			t.Errorf("the error does not list %q: %v", p, err)
		}
	}
	if n := countRows(t, db, "customers") + countRows(t, db, "customer_changes"); n != 0 {
		t.Errorf("%d rows stored by a refused import", n)
	}
	trail, _ := db.Audit(context.Background(), 0)
	if len(trail) != 1 || trail[0].Action != "customer import refused" || trail[0].Detail != "customers-bad.csv: 7 problems" {
		t.Errorf("audit %+v", trail)
	}
}

func TestImportSkipInvalid(t *testing.T) {
	db := openTest(t)
	res, err := importFile(t, db, "customers-bad.csv", true)
	if err != nil {
		t.Fatal(err)
	}
	checkProblems(t, res.Problems)
	if res.Added != 2 || res.Skipped != 7 {
		t.Errorf("result %+v", res)
	}
	if c := customer(t, db, "B-1"); c.Fields["first_name"] != "Good" {
		t.Errorf("B-1 is the first row's: %+v", c.Fields)
	}
	if c := customer(t, db, "B-5"); c.Fields["customer_since"] != "2021-03-15" || c.Fields["newsletter"] != "1" {
		t.Errorf("B-5 %+v", c.Fields)
	}
	if n := countRows(t, db, "customers"); n != 2 {
		t.Errorf("%d customers, want 2", n)
	}
	trail, _ := db.Audit(context.Background(), 0)
	if len(trail) != 1 || trail[0].Detail != "customers-bad.csv: 2 added, 0 changed, 0 unchanged, 7 skipped" {
		t.Errorf("audit %+v", trail)
	}
}

// A bad header refuses the file even with skipInvalid.
func TestImportBadHeader(t *testing.T) {
	for file, want := range map[string]string{
		"customer_number,email,shoe_size\nX-1,a@b.fi,42\n": "line 1, column shoe_size: unknown column",
		"email;phone\na@b.fi;040\n":                        "line 1: no customer_number column",
		"customer_number,email,EMAIL\nX-1,a@b.fi,a@b.fi\n": "line 1, column email: the column is there twice",
		"":                                    "line 1: the file is empty",
		"customer_number\nX-1\n\"X-2\nX-3\n":  "line 3: CSV syntax",
		"customer_number,email\nX-1,\"a\"b\n": "line 2: CSV syntax",
	} {
		for _, skip := range []bool{false, true} {
			db := openTest(t)
			res, err := db.ImportCustomers(context.Background(), strings.NewReader(file), "h.csv", skip)
			if !errors.Is(err, ErrImportRefused) || len(res.Problems) == 0 || !strings.HasPrefix(res.Problems[0], want) {
				t.Errorf("%q (skip %v): %+v %v, want %q", file, skip, res, err, want)
			}
			if n := countRows(t, db, "customers"); n != 0 {
				t.Errorf("%q: %d customers imported", file, n)
			}
		}
	}
}

// A refusal names the first 20 problems and counts the rest.
func TestImportRefusalListsTwenty(t *testing.T) {
	db := openTest(t)
	var b strings.Builder
	b.WriteString("customer_number,email\n")
	for i := range 25 {
		fmt.Fprintf(&b, "X-%d,nobody\n", i)
	}
	_, err := db.ImportCustomers(context.Background(), strings.NewReader(b.String()), "many.csv", false)
	if err == nil || !strings.Contains(err.Error(), "25 problems, nothing imported: line 2, column email") || !strings.Contains(err.Error(), "line 21, column") ||
		strings.Contains(err.Error(), "line 22, column") || !strings.HasSuffix(err.Error(), "and 5 more") {
		t.Errorf("error %v", err)
	}
}

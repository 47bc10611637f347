package register

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// benchRows is the size of the register the benchmarks run against.
const benchRows = 1_000_000

// sampleFile writes the sample register of n rows into dir and returns
// its path.
func sampleFile(b *testing.B, dir string, n int) string {
	b.Helper()
	path := filepath.Join(dir, "customers.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeSampleRegister(f, n); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// importSample imports the file at path into a new database in dir.
func importSample(b *testing.B, dir, path string) (*DB, ImportResult) {
	b.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(dir, "data", "dsrdesk.db"))
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	res, err := db.ImportCustomers(ctx, f, "customers.csv", false)
	if err != nil {
		b.Fatal(err)
	}
	return db, res
}

// BenchmarkImport imports the sample register of 1,000,000 rows into an
// empty database: run it with -benchtime 1x.
func BenchmarkImport(b *testing.B) {
	path := sampleFile(b, b.TempDir(), benchRows)
	for b.Loop() {
		b.StopTimer()
		dir := b.TempDir()
		b.StartTimer()
		db, res := importSample(b, dir, path)
		b.StopTimer()
		if res.Added != benchRows {
			b.Fatalf("added %d of %d", res.Added, benchRows)
		}
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(benchRows), "rows")
}

// TestMain removes the benchmarks' shared register.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

var (
	benchOnce sync.Once
	benchDir  string
	benchDB   *DB
)

// benchRegister returns a database holding the sample register of
// benchRows entries, built once per run.
func benchRegister(b *testing.B) *DB {
	b.Helper()
	benchOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dsrdesk-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = dir
		if err := os.Chmod(dir, 0o700); err != nil {
			b.Fatal(err)
		}
		benchDB, _ = importSample(b, dir, sampleFile(b, dir, benchRows))
	})
	if benchDB == nil {
		b.Fatal("the sample register could not be built")
	}
	return benchDB
}

// timeEach runs fn for each of n inputs in turn inside the benchmark loop
// and reports the median and 99th percentile of one call.
func timeEach(b *testing.B, n int, fn func(i int)) {
	var took []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		fn(i % n)
		took = append(took, time.Since(start))
		i++
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "ms-p99")
}

// BenchmarkSearch searches the register of a million entries with a mix
// of what an officer types: names whole and in part, companies, e-mail
// addresses, phone numbers in another form, customer numbers, business IDs.
func BenchmarkSearch(b *testing.B) {
	db := benchRegister(b)
	r := rand.New(rand.NewPCG(1, 2))
	var queries []string
	for range 125 {
		number, company, first, last, bid, email, phone, _ := sampleCustomer(r.IntN(benchRows))
		queries = append(queries,
			last,
			first+" "+last,
			foldName(first)+" "+foldName(last)[:4],
			strings.Fields(company)[0]+" "+strings.Fields(company)[1],
			email,
			strings.ReplaceAll(phoneKey(phone), "+358", "0"),
			strings.ToLower(number),
			bid)
	}
	ctx := context.Background()
	timeEach(b, len(queries), func(i int) {
		hits, _, err := db.SearchCustomers(ctx, queries[i], SearchLimit)
		if err != nil || len(hits) == 0 {
			b.Fatalf("search %q: %d hits, %v", queries[i], len(hits), err)
		}
	})
}

// BenchmarkMatch finds the candidates of a case in the register of a
// million entries: the sender's name and address, and a text with a
// customer number, a phone number and a business ID.
func BenchmarkMatch(b *testing.B) {
	db := benchRegister(b)
	r := rand.New(rand.NewPCG(3, 4))
	var inputs []matchInput
	for range 200 {
		number, company, first, last, bid, email, phone, _ := sampleCustomer(r.IntN(benchRows))
		inputs = append(inputs, matchInput{
			Sender: Person{Name: first + " " + last, Email: email},
			Text: "Hei,\n\nhaluan tietää, mitä tietoja minusta on. Asiakasnumeroni on " + number +
				" ja edustan yritystä " + company + " (Y-tunnus " + bid + ").\n\nTerveisin\n" +
				first + " " + last + "\npuh. " + phone + "\n",
		})
	}
	ctx := context.Background()
	timeEach(b, len(inputs), func(i int) {
		found, err := matchCase(ctx, db.r, inputs[i])
		if err != nil || len(found) == 0 || !found[0].Strong() {
			b.Fatalf("match %+v: %d candidates, %v", inputs[i].Sender, len(found), err)
		}
	})
}
